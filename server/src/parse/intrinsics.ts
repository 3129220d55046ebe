/**
 * CloudFormation intrinsic functions: the short YAML tags and the long
 * `Fn::` keys they stand for. Rules-only functions (used in cfn-guard style
 * `Rules` sections) and the language-extension functions are included so a
 * template that uses them still parses into intrinsics rather than strings.
 */
const SHORT_TAG_TO_NAME: Readonly<Record<string, string>> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!Sub': 'Fn::Sub',
  '!GetAtt': 'Fn::GetAtt',
  '!Join': 'Fn::Join',
  '!If': 'Fn::If',
  '!Equals': 'Fn::Equals',
  '!Not': 'Fn::Not',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!FindInMap': 'Fn::FindInMap',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!GetAZs': 'Fn::GetAZs',
  '!ImportValue': 'Fn::ImportValue',
  '!Transform': 'Fn::Transform',
  '!Length': 'Fn::Length',
  '!ToJsonString': 'Fn::ToJsonString',
  // Rules-section functions.
  '!Contains': 'Fn::Contains',
  '!EachMemberEquals': 'Fn::EachMemberEquals',
  '!EachMemberIn': 'Fn::EachMemberIn',
  '!RefAll': 'Fn::RefAll',
  '!ValueOf': 'Fn::ValueOf',
  '!ValueOfAll': 'Fn::ValueOfAll',
};

const LONG_NAMES = new Set<string>(Object.values(SHORT_TAG_TO_NAME));

export function intrinsicNameForTag(tag: string): string | undefined {
  return SHORT_TAG_TO_NAME[tag];
}

/** True for `Ref`, `Condition` and every known `Fn::` key, also `Fn::ForEach::<loop>`. */
export function isIntrinsicKey(key: string): boolean {
  return LONG_NAMES.has(key) || (key.startsWith('Fn::') && /^Fn::[A-Za-z0-9]+(::[A-Za-z0-9]+)?$/.test(key));
}

export const SHORT_TAGS: readonly string[] = Object.keys(SHORT_TAG_TO_NAME);
