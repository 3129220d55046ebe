import { checkSetting, defineRule, is } from './ruleKit';

export const athenaEnforceConfiguration = defineRule({
  id: 'athena-workgroup-enforce-configuration',
  title: 'Athena workgroup enforces its configuration on queries',
  aspect: 'configuration-management',
  severity: 'warning',
  references: {},
  docs: {
    why: 'When the workgroup does not enforce its settings, each client can override the result location and its encryption, so query results can end up unencrypted or in another bucket.',
    owner: 'Customer: workgroups enforce their configuration by default; a template can turn that off.',
    fix: 'Sets EnforceWorkGroupConfiguration (enforce_workgroup_configuration) to true.',
    mayBreak: 'Clients that set their own result location or encryption have those settings ignored.',
  },
  cloudformation: {
    types: ['AWS::Athena::WorkGroup'],
    check: (w, ctx) => checkSetting(w, ctx, { path: ['WorkGroupConfiguration', 'EnforceWorkGroupConfiguration'], isSecure: is.true, whenAbsent: 'aws-default', gap: 'Clients can override the workgroup\'s result location and encryption.', met: 'the workgroup configuration is enforced (the default)', fix: { title: 'Enforce the workgroup configuration (EnforceWorkGroupConfiguration: true)', value: true } }),
  },
  terraform: {
    types: ['aws_athena_workgroup'],
    check: (w, ctx) => checkSetting(w, ctx, { path: ['configuration', 'enforce_workgroup_configuration'], isSecure: is.true, whenAbsent: 'aws-default', gap: 'Clients can override the workgroup\'s result location and encryption.', met: 'the workgroup configuration is enforced (the default)', fix: { title: 'Enforce the workgroup configuration (enforce_workgroup_configuration = true)', value: true } }),
  },
});

export const ATHENA_RULES = [athenaEnforceConfiguration];
