import type { ResourceTypeInfo } from '../knowledge/resourceTypes';
import type { AspectId } from '../knowledge/types';
import { rulesFor } from '../rules';

const cache = new Map<string, ReadonlySet<AspectId>>();

/**
 * The aspects a type bears: what the knowledge base derives from its
 * properties, plus every aspect an SRM Lens rule checks on it (a rule that
 * looks at an aspect proves the aspect exists for the type).
 */
export function applicableAspects(info: ResourceTypeInfo): ReadonlySet<AspectId> {
  let found = cache.get(info.type);
  if (!found) {
    const set = new Set(info.applicable);
    for (const rule of rulesFor(info.type)) set.add(rule.aspect);
    found = set;
    cache.set(info.type, found);
  }
  return found;
}
