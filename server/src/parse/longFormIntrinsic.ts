import type { IntrinsicValue, MapValue } from '../model/value';
import { isIntrinsicKey } from './intrinsics';

/**
 * `{ "Fn::GetAtt": [...] }` and `{ Ref: X }` are intrinsics in long form: a
 * map with exactly one intrinsic key. Both syntaxes share this so YAML and
 * JSON templates produce the same tree.
 */
export function longFormIntrinsic(map: MapValue): IntrinsicValue | undefined {
  if (map.entries.length !== 1) return undefined;
  const [entry] = map.entries;
  if (!isIntrinsicKey(entry.key) || entry.key.startsWith('Fn::ForEach')) return undefined;
  return { kind: 'intrinsic', name: entry.key, argument: entry.value, shortForm: false, range: map.range };
}
