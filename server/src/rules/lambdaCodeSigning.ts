import { checkNamed, defineRule, is } from './ruleKit';

export const lambdaCodeSigning = defineRule({
  id: 'lambda-function-code-signing',
  title: 'Lambda function only accepts signed code',
  aspect: 'data-integrity',
  severity: 'info',
  references: {},
  docs: {
    why: 'Without a code signing configuration, anyone allowed to update the function can deploy any code to it; with one, Lambda rejects packages not signed by the trusted publishers.',
    owner: 'Customer: Lambda verifies signatures only when the function names a code signing configuration.',
    fix: 'No automatic fix: code signing needs a signing profile (AWS Signer) and a signed deployment pipeline. Create an AWS::Lambda::CodeSigningConfig (aws_lambda_code_signing_config) and name it in CodeSigningConfigArn (code_signing_config_arn).',
    mayBreak: 'Unsigned deployments are rejected (or only warned about, with the Warn policy).',
  },
  cloudformation: {
    types: ['AWS::Lambda::Function', 'AWS::Serverless::Function'],
    fixable: false,
    check: (fn, ctx) => checkNamed(fn, ctx, { path: ['CodeSigningConfigArn'], isSecure: is.nonEmpty, whenAbsent: 'gap', gap: 'The function accepts unsigned code (no CodeSigningConfigArn).', met: 'the function only accepts signed code' }),
  },
  terraform: {
    types: ['aws_lambda_function'],
    fixable: false,
    check: (fn, ctx) => checkNamed(fn, ctx, { path: ['code_signing_config_arn'], isSecure: is.nonEmpty, whenAbsent: 'gap', gap: 'The function accepts unsigned code (no code_signing_config_arn).', met: 'the function only accepts signed code' }),
  },
});

export const LAMBDA_CODE_SIGNING_RULES = [lambdaCodeSigning];
