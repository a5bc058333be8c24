/**
 * How deep a parsed JSON value nests, measured without recursion. JSON.parse accepts nesting
 * 100,000 levels deep, but any recursive walk over such a value (String(), JSON.stringify, structured
 * clone, our own readers) overflows the stack: such a value is refused before anything walks it.
 */

/** True when `value` nests more than `limit` arrays/objects deep. Stops as soon as it knows. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  const stack: { v: object; depth: number }[] = [{ v: value, depth: 1 }];
  while (stack.length > 0) {
    const { v, depth } = stack.pop()!;
    if (depth > limit) return true;
    const children = Array.isArray(v) ? v : Object.values(v);
    for (const c of children) if (c !== null && typeof c === 'object') stack.push({ v: c, depth: depth + 1 });
  }
  return false;
}

/**
 * The deepest a feature may nest. A MultiPolygon feature is 6 deep (feature, geometry, parts, rings,
 * positions, numbers); properties from real exports add a few levels at most.
 */
export const MAX_FEATURE_DEPTH = 24;
