import { setProperty } from '../edit/setProperty';
import type { Resource } from '../model/document';
import type { Range } from '../model/range';
import type { MapValue, Value } from '../model/value';
import type { Fix, RuleContext, Verdict } from './rule';
import { defineRule, documentOf, fixSource, is, judge, setting } from './ruleKit';
import { entryOf, readJsonSetting } from './resourcePolicy';

const TASK_CFN = ['AWS::ECS::TaskDefinition'];
const TASK_TF = ['aws_ecs_task_definition'];

/** One container definition, and whether its ranges are its own text (so a fix can edit it). */
interface Container {
  map: MapValue;
  precise: boolean;
  label: string;
}

type Containers = { status: 'none'; reason: string } | { status: 'unknown'; reason: string; range: Range } | { status: 'read'; containers: Container[]; unreadable: number; range: Range };

/**
 * The container definitions of a task: a CloudFormation list of maps, or in
 * Terraform a jsonencode([...]), JSON string or heredoc. file() and
 * templatefile() are read from disk at plan time, which SRM Lens never
 * does, so they stay unknown.
 */
function readContainers(ctx: RuleContext, task: Resource, key: string): Containers {
  const found = setting(task, [key]);
  if (!found.entry) return { status: 'none', reason: `no ${key}` };
  const reading = readJsonSetting(ctx, found.value, task.uri);
  if (reading.status === 'absent') return { status: 'none', reason: `${key} is empty` };
  if (reading.status === 'unknown') return { status: 'unknown', reason: `${key}: ${reading.reason}`, range: found.range };
  if (reading.value.kind !== 'list') return { status: 'unknown', reason: `${key} is not a list of containers`, range: found.range };
  const containers: Container[] = [];
  let unreadable = 0;
  reading.value.items.forEach((item, i) => {
    const r = ctx.model.resolve(item);
    if (r.status !== 'known' || r.value.kind !== 'map') {
      unreadable++;
      return;
    }
    const name = ctx.model.resolve(entryOf(r.value, 'Name')?.value);
    const label = name.status === 'known' && name.value.kind === 'string' ? `container "${name.value.value}"` : `container ${i + 1}`;
    containers.push({ map: r.value, precise: reading.precise && r.value === item, label });
  });
  return { status: 'read', containers, unreadable, range: found.range };
}

/** Where a container's finding points: its name when it has one, else the whole definition. */
function containerRange(c: Container): Range {
  return entryOf(c.map, 'Name')?.keyRange ?? c.map.range;
}

/** Writes one key of one container definition, in the spelling the definition uses (PascalCase in CloudFormation, camelCase in the ECS JSON). */
function fixContainer(ctx: RuleContext, task: Resource, c: Container, key: string, value: boolean, title: string): Fix[] {
  if (!c.precise) return [];
  const doc = documentOf(ctx, task);
  if (!doc) return [];
  const existing = entryOf(c.map, key)?.key;
  const spelled = existing ?? (task.format === 'terraform' ? key[0].toLowerCase() + key.slice(1) : key);
  const source = fixSource(ctx, c.map, [spelled], value, title);
  if (source) return source;
  // A container definition edits like a resource body: the same insert and replace rules apply.
  const edits = setProperty(doc, { ...task, body: c.map, hasProperties: true }, [spelled], value);
  return edits ? [{ title, edits, preferred: true }] : [];
}

function perContainer(ctx: RuleContext, task: Resource, key: string, judgeOne: (c: Container) => Verdict): Verdict[] {
  const read = readContainers(ctx, task, key);
  if (read.status === 'none') return [{ status: 'not-applicable', reason: read.reason }];
  if (read.status === 'unknown') return [{ status: 'cannot-tell', reason: read.reason, range: read.range }];
  const verdicts = read.containers.map(judgeOne);
  if (read.unreadable) verdicts.push({ status: 'cannot-tell', reason: `${read.unreadable} container definition${read.unreadable === 1 ? '' : 's'} could not be read`, range: read.range });
  return verdicts.length ? verdicts : [{ status: 'not-applicable', reason: 'no container definitions' }];
}

/* ------------------------------------------------------------ privileged */

function privileged(ctx: RuleContext, task: Resource, c: Container): Verdict {
  const entry = entryOf(c.map, 'Privileged');
  const j = entry ? judge(ctx, entry.value, is.false) : ({ outcome: 'absent' } as const);
  switch (j.outcome) {
    case 'absent':
      return { status: 'met', evidence: `${c.label} is not privileged` };
    case 'secure':
      return { status: 'met', evidence: `${c.label} is not privileged`, range: entry!.keyRange };
    case 'unknown':
      return { status: 'cannot-tell', reason: `${c.label} Privileged: ${j.reason}`, range: entry!.keyRange };
    case 'insecure':
      return {
        status: 'gap',
        message: `${c.label[0].toUpperCase()}${c.label.slice(1)} runs privileged: it has root-level access to the host's devices and kernel.`,
        range: entry!.keyRange,
        fixes: fixContainer(ctx, task, c, 'Privileged', false, `Run ${c.label} unprivileged (${task.format === 'terraform' ? 'privileged = false' : 'Privileged: false'})`),
      };
  }
}

export const ecsNotPrivileged = defineRule({
  id: 'ecs-container-not-privileged',
  title: 'ECS container does not run privileged',
  aspect: 'identity-access',
  severity: 'warning',
  references: { securityHub: ['ECS.4'], checkov: ['CKV_AWS_334'] },
  docs: {
    why: 'A privileged container gets root-level access to the host instance\'s devices and kernel, so a compromise of the container is a compromise of the host and every task on it.',
    owner: 'Customer: ECS runs containers as the task definition says; asking for privileged mode is the customer\'s choice.',
    fix: 'Sets Privileged to false on the container (in Terraform, inside the jsonencode() of container_definitions; JSON strings and files get no fix).',
    mayBreak: 'Containers that need host devices or kernel features (Docker-in-Docker, some monitoring agents) stop working; grant the specific Linux capabilities they need instead.',
  },
  cloudformation: {
    types: TASK_CFN,
    check: (task, ctx) => perContainer(ctx, task, 'ContainerDefinitions', (c) => privileged(ctx, task, c)),
  },
  terraform: {
    types: TASK_TF,
    check: (task, ctx) => perContainer(ctx, task, 'container_definitions', (c) => privileged(ctx, task, c)),
  },
});

/* ---------------------------------------------------- read-only root fs */

function readOnlyRoot(ctx: RuleContext, task: Resource, c: Container): Verdict {
  const entry = entryOf(c.map, 'ReadonlyRootFilesystem');
  const j = entry ? judge(ctx, entry.value, is.true) : ({ outcome: 'absent' } as const);
  const spelled = task.format === 'terraform' ? 'readonlyRootFilesystem = true' : 'ReadonlyRootFilesystem: true';
  switch (j.outcome) {
    case 'secure':
      return { status: 'met', evidence: `${c.label} has a read-only root filesystem`, range: entry!.keyRange };
    case 'unknown':
      return { status: 'cannot-tell', reason: `${c.label} ReadonlyRootFilesystem: ${j.reason}`, range: entry!.keyRange };
    case 'absent':
    case 'insecure':
      return {
        status: 'gap',
        message: `${c.label[0].toUpperCase()}${c.label.slice(1)} can write to its root filesystem (ReadonlyRootFilesystem is not true).`,
        range: entry ? entry.keyRange : containerRange(c),
        fixes: fixContainer(ctx, task, c, 'ReadonlyRootFilesystem', true, `Make the root filesystem of ${c.label} read-only (${spelled})`),
      };
  }
}

export const ecsReadOnlyRoot = defineRule({
  id: 'ecs-container-read-only-root',
  title: 'ECS container has a read-only root filesystem',
  aspect: 'configuration-management',
  severity: 'warning',
  references: { securityHub: ['ECS.5'], checkov: ['CKV_AWS_336'] },
  docs: {
    why: 'A writable root filesystem lets an attacker who gets into the container drop tools, change binaries or persist; read-only keeps the container as the image built it.',
    owner: 'Customer: the container\'s filesystem settings are part of the customer\'s task definition.',
    fix: 'Sets ReadonlyRootFilesystem to true on the container (in Terraform, inside the jsonencode() of container_definitions; JSON strings and files get no fix).',
    mayBreak: 'Applications that write to their own filesystem (temporary files, caches, PID files) fail; mount a volume or tmpfs for the paths they write.',
  },
  cloudformation: {
    types: TASK_CFN,
    check: (task, ctx) => perContainer(ctx, task, 'ContainerDefinitions', (c) => readOnlyRoot(ctx, task, c)),
  },
  terraform: {
    types: TASK_TF,
    check: (task, ctx) => perContainer(ctx, task, 'container_definitions', (c) => readOnlyRoot(ctx, task, c)),
  },
});

/* -------------------------------------------------- secrets in environment */

/** Credentials ECS.8 names explicitly. */
const KNOWN_SECRETS = new Set(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'ECS_ENGINE_AUTH_DATA']);
const SECRET_WORD = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL)/;
/** Names that point at a secret rather than hold one (SECRET_ARN, TOKEN_URL, PASSWORD_FILE). */
const POINTER_SUFFIX = /_(ARN|URL|URI|ENDPOINT|PATH|FILE|NAME|ID|REGION|TTL|HEADER|LENGTH|EXPIRY|EXPIRES|TIMEOUT)$/;

export function looksLikeSecretName(name: string): boolean {
  const upper = name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  if (KNOWN_SECRETS.has(upper)) return true;
  return SECRET_WORD.test(upper) && !POINTER_SUFFIX.test(upper);
}

function plainSecrets(ctx: RuleContext, c: Container): Verdict {
  const env = entryOf(c.map, 'Environment');
  if (!env) return { status: 'met', evidence: `${c.label} sets no environment variables` };
  const list = ctx.model.resolve(env.value);
  if (list.status !== 'known' || list.value.kind !== 'list') {
    return list.status === 'absent' ? { status: 'met', evidence: `${c.label} sets no environment variables` } : { status: 'cannot-tell', reason: `${c.label} Environment cannot be evaluated`, range: env.keyRange };
  }
  const offending: { name: string; range: Range }[] = [];
  const undecided: string[] = [];
  for (const item of list.value.items) {
    const r = ctx.model.resolve(item);
    if (r.status !== 'known' || r.value.kind !== 'map') {
      undecided.push('an entry');
      continue;
    }
    const nameEntry = entryOf(r.value, 'Name');
    const name = ctx.model.resolve(nameEntry?.value);
    if (name.status !== 'known' || name.value.kind !== 'string') {
      if (name.status !== 'absent') undecided.push('an entry with a computed name');
      continue;
    }
    if (!looksLikeSecretName(name.value.value)) continue;
    const value = entryOf(r.value, 'Value');
    const j = value ? judge(ctx, value.value, (v: Value) => (v.kind === 'string' ? v.value.trim() === '' : v.kind === 'null' ? true : false)) : ({ outcome: 'absent' } as const);
    if (j.outcome === 'insecure') offending.push({ name: name.value.value, range: nameEntry!.keyRange });
    else if (j.outcome === 'unknown') undecided.push(name.value.value);
  }
  if (offending.length) {
    return {
      status: 'gap',
      message: `${c.label[0].toUpperCase()}${c.label.slice(1)} passes ${offending.map((o) => o.name).join(', ')} as plain environment variable${offending.length === 1 ? '' : 's'}; anyone who can describe the task definition can read ${offending.length === 1 ? 'it' : 'them'}.`,
      range: offending[0].range,
    };
  }
  if (undecided.length) return { status: 'cannot-tell', reason: `${c.label}: cannot tell whether ${undecided.join(', ')} hold${undecided.length === 1 ? 's' : ''} a secret`, range: env.keyRange };
  return { status: 'met', evidence: `${c.label} passes no secret-looking value in plain environment variables`, range: env.keyRange };
}

export const ecsNoPlainSecrets = defineRule({
  id: 'ecs-container-no-plain-secrets',
  title: 'ECS container does not pass secrets as plain environment variables',
  aspect: 'customer-data',
  severity: 'warning',
  references: { securityHub: ['ECS.8'] },
  docs: {
    why: 'Environment values are stored in the task definition in clear text: every revision keeps them, and anyone with ecs:DescribeTaskDefinition (or access to the template) can read them.',
    owner: 'Customer: ECS passes whatever the task definition holds; keeping credentials out of it is the customer\'s.',
    fix: 'No automatic fix: the secret must first be stored in Secrets Manager or SSM Parameter Store. Then move the variable from Environment to Secrets (secrets in the ECS JSON) with ValueFrom set to the secret\'s ARN, and give the task execution role permission to read it.',
    mayBreak: 'The task execution role needs secretsmanager:GetSecretValue or ssm:GetParameters (and kms:Decrypt for a customer key) or tasks fail to start.',
  },
  cloudformation: {
    types: TASK_CFN,
    fixable: false,
    check: (task, ctx) => perContainer(ctx, task, 'ContainerDefinitions', (c) => plainSecrets(ctx, c)),
  },
  terraform: {
    types: TASK_TF,
    fixable: false,
    check: (task, ctx) => perContainer(ctx, task, 'container_definitions', (c) => plainSecrets(ctx, c)),
  },
});

export const ECS_RULES = [ecsNotPrivileged, ecsReadOnlyRoot, ecsNoPlainSecrets];
