import type { SourceLocation } from "@eslint/core";

interface Ranged {
  range?: [number, number];
}

/** The [start, end) offsets from the start of `first` to the end of `last` (for a clause spanning several keywords). */
export function spanOf(first: Ranged, last: Ranged = first): [number, number] {
  return [first.range?.[0] ?? 0, last.range?.[1] ?? first.range?.[1] ?? 0];
}

/** The location ESLint reports for [start, end) offsets. */
export function locOf(sourceCode: { getLocFromIndex(index: number): { line: number; column: number } }, range: readonly [number, number]): SourceLocation {
  return { start: sourceCode.getLocFromIndex(range[0]), end: sourceCode.getLocFromIndex(range[1]) };
}
