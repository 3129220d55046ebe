import type { Value } from '../model/value';
import type { LinkedModel } from './linkedModel';

const MAX_DEPTH = 16;

/**
 * A value that crosses a module boundary (an argument passed in, an output
 * read out) is evaluated where it was written: its inner references are
 * replaced by what they resolve to there, or by an unknown that keeps the
 * reason. Read in the other module, `var.x` inside it would otherwise name
 * a different variable.
 */
export function settle(value: Value, model: LinkedModel, depth = 0): Value {
  if (depth > MAX_DEPTH) return { kind: 'unknown', text: '', range: value.range, reason: 'the value nests too deeply to follow' };
  switch (value.kind) {
    case 'map':
      return { ...value, entries: value.entries.map((e) => ({ ...e, value: settle(e.value, model, depth + 1) })) };
    case 'list':
      return { ...value, items: value.items.map((i) => settle(i, model, depth + 1)) };
    case 'expression':
    case 'unknown':
    case 'intrinsic': {
      const r = model.resolve(value);
      if (r.status === 'known') return r.value === value ? value : settle(r.value, model, depth + 1);
      if (r.status === 'absent') return { kind: 'null', range: value.range };
      const reason = r.status === 'unknown' ? r.reason : `it refers to ${r.resource.id}`;
      return { kind: 'unknown', text: value.kind === 'intrinsic' ? value.name : value.text, range: value.range, reason };
    }
    default:
      return value;
  }
}

/** A literal as the user would write it, short enough for a message. */
export function shortText(value: Value): string {
  let text: string;
  switch (value.kind) {
    case 'string':
      text = JSON.stringify(value.value);
      break;
    case 'number':
    case 'bool':
      text = String(value.value);
      break;
    case 'null':
      text = 'null';
      break;
    case 'map':
      text = value.entries.length ? '{ … }' : '{}';
      break;
    case 'list':
      text = value.items.length ? '[ … ]' : '[]';
      break;
    default:
      text = 'text' in value ? value.text : value.kind;
  }
  if (text.length <= 40) return text;
  // Cut at a word boundary, so a message never shows half a word.
  const cut = text.slice(0, 40).replace(/[\w-]*$/, '').trimEnd();
  return `${cut || text.slice(0, 39)}…`;
}
