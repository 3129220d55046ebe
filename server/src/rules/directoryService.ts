import { secretVerdicts } from './plaintextSecret';
import { defineRule } from './ruleKit';

export const directoryNoPlaintextPassword = defineRule({
  id: 'directoryservice-no-plaintext-password',
  title: 'Directory Service admin password is not written in the template',
  aspect: 'identity-access',
  severity: 'error',
  references: {},
  docs: {
    why: 'The directory password belongs to its administrator account (Admin for Managed Microsoft AD, Administrator for Simple AD), which controls every user and computer of the domain; written into the template it lands in source control and every copy of the template, plan or state.',
    owner: 'Customer: AWS runs the domain controllers; the administrator credential is the customer\'s to keep.',
    fix: 'No automatic fix: pass the password as a `{{resolve:secretsmanager:…}}` dynamic reference, a NoEcho parameter without default or a variable without default, and change the exposed password.',
  },
  cloudformation: { types: ['AWS::DirectoryService::MicrosoftAD', 'AWS::DirectoryService::SimpleAD'], fixable: false, check: (d, ctx) => secretVerdicts(d, ctx, { path: ['Password'], what: 'The directory administrator password' }) },
  terraform: { types: ['aws_directory_service_directory'], fixable: false, check: (d, ctx) => secretVerdicts(d, ctx, { path: ['password'], what: 'The directory administrator password' }) },
});

export const DIRECTORYSERVICE_RULES = [directoryNoPlaintextPassword];
