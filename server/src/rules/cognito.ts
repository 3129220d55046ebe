import { checkSetting, defineRule, is } from './ruleKit';

export const cognitoIdentityPoolNoGuests = defineRule({
  id: 'cognito-identity-pool-no-unauthenticated',
  title: 'Cognito identity pool does not hand AWS credentials to unauthenticated guests',
  aspect: 'identity-access',
  severity: 'warning',
  references: { securityHub: ['Cognito.2'] },
  docs: {
    why: 'With guest access on, anyone on the internet can obtain temporary AWS credentials for the pool\'s unauthenticated role; its permissions become public.',
    owner: 'Customer: Cognito issues credentials as the identity pool is configured.',
    fix: 'Sets AllowUnauthenticatedIdentities (allow_unauthenticated_identities) to false, which turns guest access off.',
    mayBreak: 'Features used before sign-in (guest uploads, anonymous analytics) stop working.',
  },
  cloudformation: {
    types: ['AWS::Cognito::IdentityPool'],
    check: (p, ctx) => checkSetting(p, ctx, { path: ['AllowUnauthenticatedIdentities'], isSecure: is.false, whenAbsent: 'met', gap: 'Guests (unauthenticated identities) receive AWS credentials.', met: 'only authenticated identities receive credentials', fix: { title: 'Turn guest access off (AllowUnauthenticatedIdentities: false; guests lose access)', value: false } }),
  },
  terraform: {
    types: ['aws_cognito_identity_pool'],
    check: (p, ctx) => checkSetting(p, ctx, { path: ['allow_unauthenticated_identities'], isSecure: is.false, whenAbsent: 'met', gap: 'Guests (unauthenticated identities) receive AWS credentials.', met: 'only authenticated identities receive credentials', fix: { title: 'Turn guest access off (allow_unauthenticated_identities = false; guests lose access)', value: false } }),
  },
});

export const cognitoUserPoolThreatProtection = defineRule({
  id: 'cognito-user-pool-threat-protection',
  title: 'Cognito user pool enforces threat protection',
  aspect: 'identity-access',
  severity: 'info',
  references: { securityHub: ['Cognito.1'] },
  docs: {
    why: 'Threat protection (advanced security) blocks sign-ins with compromised credentials and adapts to risky sign-in attempts; without it, credential stuffing meets only the password check.',
    owner: 'Customer: threat protection is a paid feature of the user pool, off unless the customer turns it on.',
    fix: 'Sets UserPoolAddOns AdvancedSecurityMode (user_pool_add_ons { advanced_security_mode }) to ENFORCED.',
    mayBreak: 'Requires the Plus feature plan, which is billed per monthly active user; risky sign-ins get challenged or blocked.',
  },
  cloudformation: {
    types: ['AWS::Cognito::UserPool'],
    check: (p, ctx) => checkSetting(p, ctx, { path: ['UserPoolAddOns', 'AdvancedSecurityMode'], isSecure: is.oneOf('ENFORCED'), whenAbsent: 'gap', gap: 'Threat protection is not enforced (AdvancedSecurityMode is not ENFORCED).', met: 'threat protection is enforced', fix: { title: 'Enforce threat protection (AdvancedSecurityMode: ENFORCED; Plus plan, billed)', value: 'ENFORCED' } }),
  },
  terraform: {
    types: ['aws_cognito_user_pool'],
    check: (p, ctx) => checkSetting(p, ctx, { path: ['user_pool_add_ons', 'advanced_security_mode'], isSecure: is.oneOf('ENFORCED'), whenAbsent: 'gap', gap: 'Threat protection is not enforced (advanced_security_mode is not ENFORCED).', met: 'threat protection is enforced', fix: { title: 'Enforce threat protection (advanced_security_mode = "ENFORCED"; Plus plan, billed)', value: 'ENFORCED' } }),
  },
});

export const cognitoUserPoolMfa = defineRule({
  id: 'cognito-user-pool-mfa',
  title: 'Cognito user pool offers multi-factor authentication',
  aspect: 'identity-access',
  severity: 'warning',
  references: {},
  docs: {
    why: 'With MFA off, a leaked or guessed password is all it takes to sign in as a user.',
    owner: 'Customer: MFA is OFF by default; the customer decides whether it is optional or required.',
    fix: 'No automatic fix: MFA needs a second factor configured (software tokens or SMS with an SNS role). Set MfaConfiguration (mfa_configuration) to OPTIONAL or ON and enable a factor.',
    mayBreak: 'With ON, every user must enrol a second factor at the next sign-in.',
  },
  cloudformation: {
    types: ['AWS::Cognito::UserPool'],
    fixable: false,
    check: (p, ctx) => checkSetting(p, ctx, { path: ['MfaConfiguration'], isSecure: is.oneOf('ON', 'OPTIONAL'), whenAbsent: 'gap', gap: 'Multi-factor authentication is off (MfaConfiguration is OFF, the default).', met: 'multi-factor authentication is available' }),
  },
  terraform: {
    types: ['aws_cognito_user_pool'],
    fixable: false,
    check: (p, ctx) => checkSetting(p, ctx, { path: ['mfa_configuration'], isSecure: is.oneOf('ON', 'OPTIONAL'), whenAbsent: 'gap', gap: 'Multi-factor authentication is off (mfa_configuration is OFF, the default).', met: 'multi-factor authentication is available' }),
  },
});

export const cognitoUserPoolDeletionProtection = defineRule({
  id: 'cognito-user-pool-deletion-protection',
  title: 'Cognito user pool has deletion protection',
  aspect: 'resilience',
  severity: 'info',
  references: {},
  docs: {
    why: 'Deleting a user pool deletes every user and their credentials for good; there is no backup to restore from.',
    owner: 'Customer: deletion protection is INACTIVE unless the template turns it on.',
    fix: 'Sets DeletionProtection (deletion_protection) to ACTIVE.',
    mayBreak: 'Deleting the stack or the pool fails until protection is turned off again.',
  },
  cloudformation: {
    types: ['AWS::Cognito::UserPool'],
    check: (p, ctx) => checkSetting(p, ctx, { path: ['DeletionProtection'], isSecure: is.oneOf('ACTIVE'), whenAbsent: 'gap', gap: 'The user pool can be deleted with all its users (DeletionProtection is not ACTIVE).', met: 'deletion protection is active', fix: { title: 'Protect the pool from deletion (DeletionProtection: ACTIVE)', value: 'ACTIVE' } }),
  },
  terraform: {
    types: ['aws_cognito_user_pool'],
    check: (p, ctx) => checkSetting(p, ctx, { path: ['deletion_protection'], isSecure: is.oneOf('ACTIVE'), whenAbsent: 'gap', gap: 'The user pool can be deleted with all its users (deletion_protection is not ACTIVE).', met: 'deletion protection is active', fix: { title: 'Protect the pool from deletion (deletion_protection = "ACTIVE")', value: 'ACTIVE' } }),
  },
});

export const COGNITO_RULES = [cognitoIdentityPoolNoGuests, cognitoUserPoolThreatProtection, cognitoUserPoolMfa, cognitoUserPoolDeletionProtection];
