import type { Resource } from '../model/document';
import type { Range } from '../model/range';
import type { ExpressionValue, MapValue, Value } from '../model/value';
import type { LinkedModel, Resolver } from './linkedModel';
import type { Resolution } from './resolution';

/** Variable values from `terraform.tfvars`, `*.auto.tfvars` or files named in settings, in precedence order. */
export interface TfvarsFile {
  uri: string;
  values: MapValue;
}

const MAX_DEPTH = 32;
/** `aws_s3_bucket.logs.id`, `aws_s3_bucket.logs[0].arn`, `aws_s3_bucket.logs["a"].id` */
const RESOURCE_TRAVERSAL = /^([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)(?:\[[^\]]*\])?(?:\.([A-Za-z_][A-Za-z0-9_]*))?/;
const ONLY_INTERPOLATION = /\$\{\s*([^}]+?)\s*\}/g;

/**
 * Evaluates Terraform values as far as the module alone allows: variables
 * from tfvars (later files win, as Terraform loads them) or their defaults,
 * locals, and string templates over those. Anything computed at plan or
 * apply time stays unknown, with the reason.
 */
export class TerraformResolver implements Resolver {
  constructor(
    private readonly model: LinkedModel,
    private readonly tfvars: TfvarsFile[],
  ) {}

  resolve(value: Value, depth: number): Resolution {
    if (depth > MAX_DEPTH) return unknown('references nest too deeply to follow');
    switch (value.kind) {
      case 'null':
        return { status: 'absent', via: 'null' };
      case 'expression':
        return this.resolveExpression(value, depth);
      case 'unknown':
        return unknown('the value could not be read');
      default:
        return { status: 'known', value };
    }
  }

  private resolveExpression(expr: ExpressionValue, depth: number): Resolution {
    if (expr.expressionKind === 'reference') return this.resolveTraversal(expr.text.trim(), depth);
    if (expr.expressionKind === 'conditional' && expr.branches) {
      return {
        status: 'unknown',
        reason: `depends on the condition ${compact(sourceText(expr.branches.condition))}`,
        branches: [
          { label: `when ${compact(sourceText(expr.branches.condition))} is true`, value: expr.branches.whenTrue },
          { label: 'otherwise', value: expr.branches.whenFalse },
        ],
      };
    }
    if (expr.expressionKind === 'template') return this.resolveTemplate(expr, depth);
    return unknown(`\`${compact(expr.text)}\` is evaluated by Terraform at plan time`);
  }

  private resolveTraversal(text: string, depth: number): Resolution {
    if (text.startsWith('var.')) return this.resolveVariable(text.slice(4).split(/[.[]/)[0], text, depth);
    if (text.startsWith('local.')) {
      const name = text.slice(6).split(/[.[]/)[0];
      const local = this.model.block('local', name);
      if (!local?.value) return unknown(`local.${name} is not defined in this module`);
      if (text !== `local.${name}`) return unknown(`\`${text}\` reads inside local.${name}`);
      const r = this.resolve(local.value, depth + 1);
      return r.status === 'known' ? { ...r, via: `local.${name}`, sourceRange: local.value.range, sourceUri: local.uri } : r;
    }
    if (/^(data|module|each|count|path|terraform|self)\./.test(text)) {
      return unknown(`\`${text}\` is known only when Terraform plans`);
    }
    const target = resourceOf(text, this.model);
    if (target) return { status: 'resource', resource: target.resource, attribute: target.attribute };
    return unknown(`\`${text}\` is not a resource of this module`);
  }

  private resolveVariable(name: string, text: string, depth: number): Resolution {
    const declaration = this.model.input(name);
    if (!declaration) return unknown(`variable ${name} is not declared in this module`);
    if (text !== `var.${name}`) return unknown(`\`${text}\` reads inside var.${name}`);
    for (let i = this.tfvars.length - 1; i >= 0; i--) {
      const entry = this.tfvars[i].values.entries.find((e) => e.key === name);
      if (entry) {
        const r = this.resolve(entry.value, depth + 1);
        const file = this.tfvars[i].uri.split('/').pop();
        return r.status === 'known' ? { ...r, via: `var.${name} in ${file}`, sourceRange: entry.value.range, sourceUri: this.tfvars[i].uri } : r;
      }
    }
    if (!declaration.default) return unknown(`comes from variable ${name}, which has no default`);
    const r = this.resolve(declaration.default, depth + 1);
    return r.status === 'known' ? { ...r, via: `var.${name} default`, sourceRange: declaration.default.range, sourceUri: declaration.uri } : r;
  }

  private resolveTemplate(expr: ExpressionValue, depth: number): Resolution {
    const body = expr.text.trim().replace(/^"|"$/g, '');
    if (/%\{/.test(body)) return unknown('a template directive is evaluated by Terraform');
    let failure: string | undefined;
    const text = body.replace(ONLY_INTERPOLATION, (_whole, inner: string) => {
      const r = /^[A-Za-z_][\w.[\]"-]*$/.test(inner) ? this.resolveTraversal(inner, depth + 1) : unknown(`\`${inner}\` is evaluated by Terraform`);
      const s = r.status === 'known' && (r.value.kind === 'string' || r.value.kind === 'number' || r.value.kind === 'bool') ? String(r.value.value) : undefined;
      if (s === undefined) failure ??= r.status === 'unknown' ? r.reason : `\${${inner}} is not a literal`;
      return s ?? '';
    });
    if (failure) return unknown(failure);
    return { status: 'known', value: { kind: 'string', value: text, range: expr.range } };
  }

  referencedResources(value: Value): { resource: Resource; attribute?: string; range: Range }[] {
    const found: { resource: Resource; attribute?: string; range: Range }[] = [];
    const visit = (v: Value): void => {
      if (v.kind === 'map') for (const e of v.entries) visit(e.value);
      else if (v.kind === 'list') for (const i of v.items) visit(i);
      else if (v.kind === 'expression') {
        for (const ref of v.references) {
          const target = resourceOf(ref, this.model);
          if (target) found.push({ ...target, range: v.range });
        }
      }
    };
    visit(value);
    return found;
  }
}

function resourceOf(traversal: string, model: LinkedModel): { resource: Resource; attribute?: string } | undefined {
  const match = RESOURCE_TRAVERSAL.exec(traversal);
  if (!match) return undefined;
  const resource = model.resource(`${match[1]}.${match[2]}`);
  return resource ? { resource, attribute: match[3] } : undefined;
}

function unknown(reason: string): Resolution {
  return { status: 'unknown', reason };
}

function sourceText(v: Value): string {
  if (v.kind === 'expression' || v.kind === 'unknown') return v.text;
  if (v.kind === 'string') return JSON.stringify(v.value);
  if (v.kind === 'number' || v.kind === 'bool') return String(v.value);
  return v.kind;
}

function compact(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine;
}
