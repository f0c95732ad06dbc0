import plugin from "../index.ts";

/** The rule ids the command reports: shipshape's rules, `shipshape/<name>`. */
const RULE_IDS = Object.keys(plugin.rules).map((name) => `shipshape/${name}`);

/** Edits (insert, delete, replace a character) that turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Rule ids that look like a misspelling of `given`, closest first (at most three). */
export function closeRuleIds(given: string): string[] {
  const wanted = given.replace(/^shipshape\//u, "");
  const words = wanted.split("-").filter((word) => word.length > 2);
  return RULE_IDS.map((id) => {
    const name = id.slice("shipshape/".length);
    // A typo is a few edits away; a name from another tool shares most of its words.
    const shared = words.filter((word) => name.split("-").includes(word)).length;
    return { id, distance: editDistance(wanted, name), shared };
  })
    .filter(({ distance, shared }) => distance <= Math.max(2, Math.floor(wanted.length / 6)) || (shared >= 2 && shared === words.length))
    .sort((a, b) => a.distance - b.distance)
    .slice(0, 3)
    .map(({ id }) => id);
}

/** Whether `id` is one of shipshape's rule ids. */
export function isRuleId(id: string): boolean {
  return RULE_IDS.includes(id);
}
