import { checkSetting, defineRule, is } from './ruleKit';

const LOG_LEVELS = ['ALL', 'ERROR', 'FATAL'];

export const stepFunctionsLogging = defineRule({
  id: 'stepfunctions-state-machine-logging',
  title: 'Step Functions state machine logs its executions',
  aspect: 'logging-monitoring',
  severity: 'warning',
  references: { securityHub: ['StepFunctions.1'] },
  docs: {
    why: 'Without execution logging there is no record in CloudWatch Logs of which executions ran, failed or were aborted, and with what input; investigating misuse of a workflow starts blind.',
    owner: 'Customer: Step Functions keeps a short execution history by itself, but sending events to CloudWatch Logs (LoggingConfiguration, the level OFF by default) is the customer\'s choice.',
    fix: 'No automatic fix: logging needs a CloudWatch Logs log group as destination. Set LoggingConfiguration (SAM: Logging) with Level ERROR or ALL and a Destinations entry; in Terraform, logging_configuration { level = "ERROR", log_destination = "${aws_cloudwatch_log_group.x.arn}:*" }.',
    mayBreak: 'Nothing; the state machine role needs the CloudWatch Logs delivery permissions.',
  },
  cloudformation: {
    types: ['AWS::StepFunctions::StateMachine', 'AWS::Serverless::StateMachine'],
    fixable: false,
    check: (sm, ctx) =>
      checkSetting(sm, ctx, {
        path: sm.type === 'AWS::Serverless::StateMachine' ? ['Logging', 'Level'] : ['LoggingConfiguration', 'Level'],
        isSecure: is.oneOf(...LOG_LEVELS),
        whenAbsent: 'gap',
        gap: 'Executions are not logged to CloudWatch Logs (the log level is OFF, the default).',
        met: 'executions are logged',
      }),
  },
  terraform: {
    types: ['aws_sfn_state_machine'],
    fixable: false,
    check: (sm, ctx) =>
      checkSetting(sm, ctx, {
        path: ['logging_configuration', 'level'],
        isSecure: is.oneOf(...LOG_LEVELS),
        whenAbsent: 'gap',
        gap: 'Executions are not logged to CloudWatch Logs (logging_configuration level is OFF, the default).',
        met: 'executions are logged',
      }),
  },
});

export const stepFunctionsTracing = defineRule({
  id: 'stepfunctions-state-machine-tracing',
  title: 'Step Functions state machine traces executions with X-Ray',
  aspect: 'logging-monitoring',
  severity: 'info',
  references: {},
  docs: {
    why: 'X-Ray traces show which services an execution called and where it failed; without them, following a request across the workflow relies on logs alone.',
    owner: 'Customer: tracing is off unless the template turns it on.',
    fix: 'Turns X-Ray tracing on (TracingConfiguration Enabled: true; SAM Tracing Enabled: true; tracing_configuration { enabled = true }).',
    mayBreak: 'Nothing; traces are billed by X-Ray and the role needs xray:PutTraceSegments.',
  },
  cloudformation: {
    types: ['AWS::StepFunctions::StateMachine', 'AWS::Serverless::StateMachine'],
    check: (sm, ctx) => {
      const path = sm.type === 'AWS::Serverless::StateMachine' ? ['Tracing', 'Enabled'] : ['TracingConfiguration', 'Enabled'];
      return checkSetting(sm, ctx, { path, isSecure: is.true, whenAbsent: 'gap', gap: 'X-Ray tracing is off.', met: 'X-Ray tracing is on', fix: { title: `Trace executions with X-Ray (${path.join('.')}: true)`, value: true } });
    },
  },
  terraform: {
    types: ['aws_sfn_state_machine'],
    check: (sm, ctx) => checkSetting(sm, ctx, { path: ['tracing_configuration', 'enabled'], isSecure: is.true, whenAbsent: 'gap', gap: 'X-Ray tracing is off.', met: 'X-Ray tracing is on', fix: { title: 'Trace executions with X-Ray (tracing_configuration { enabled = true })', value: true } }),
  },
});

export const STEPFUNCTIONS_RULES = [stepFunctionsLogging, stepFunctionsTracing];
