import type { AST } from "yaml-eslint-parser";

type YamlValue = AST.YAMLContent | AST.YAMLWithMeta | null | undefined;

/**
 * The content a value stands for: through `!!tag`/`&anchor` wrappers and `*alias` references
 * (resolved against the document's anchors, never expanded into copies).
 */
export function resolve(node: YamlValue): Exclude<AST.YAMLContent, AST.YAMLAlias> | null {
  const seen = new Set<string>();
  let current: YamlValue = node;
  while (current) {
    if (current.type === "YAMLWithMeta") {
      current = current.value;
    } else if (current.type === "YAMLAlias") {
      if (seen.has(current.name)) return null;
      seen.add(current.name);
      current = anchorTarget(current);
    } else {
      return current;
    }
  }
  return null;
}

function anchorTarget(alias: AST.YAMLAlias): YamlValue {
  let parent: AST.YAMLNode | null = alias.parent;
  while (parent && parent.type !== "YAMLDocument") parent = parent.parent;
  if (!parent) return null;
  // The anchor an alias refers to is the last one of that name defined before it.
  const anchors = (parent.anchors[alias.name] ?? []).filter((anchor) => anchor.range[0] < alias.range[0]);
  return anchors.at(-1)?.parent ?? null;
}

export function asMapping(node: YamlValue): AST.YAMLMapping | null {
  const resolved = resolve(node);
  return resolved?.type === "YAMLMapping" ? resolved : null;
}

export function asSequence(node: YamlValue): AST.YAMLSequence | null {
  const resolved = resolve(node);
  return resolved?.type === "YAMLSequence" ? resolved : null;
}

export function asScalar(node: YamlValue): AST.YAMLScalar | null {
  const resolved = resolve(node);
  return resolved?.type === "YAMLScalar" ? resolved : null;
}

/** The string a key or value reads as, or undefined when it is not a scalar. */
export function scalarText(node: YamlValue): string | undefined {
  const scalar = asScalar(node);
  if (!scalar) return undefined;
  return scalar.value === null ? "" : String(scalar.value);
}

/** Merge keys nest at most this deep; deeper chains are not followed (and cannot exhaust the stack). */
const MAX_MERGE_DEPTH = 20;
const mergedPairs = new WeakMap<AST.YAMLMapping, readonly AST.YAMLPair[]>();

/**
 * The pairs of a mapping as YAML defines them: its own keys win over keys merged in with
 * `<<: *anchor` (or `<<: [*a, *b]`, earlier ones first). Each mapping is merged once per
 * lookup and the result is kept, so a "merge bomb" (mappings merging the previous one nine
 * times, thirty levels deep) costs no more than the text it is written in.
 */
export function pairsOf(node: YamlValue): readonly AST.YAMLPair[] {
  const mapping = asMapping(node);
  if (!mapping) return [];
  // Almost no mapping merges another: its pairs are its own, with nothing to copy or remember.
  if (!mapping.pairs.some(isMergeKey)) return mapping.pairs;
  let pairs = mergedPairs.get(mapping);
  if (!pairs) {
    pairs = collectPairs(mapping, new Map(), 0);
    mergedPairs.set(mapping, pairs);
  }
  return pairs;
}

const isMergeKey = (pair: AST.YAMLPair): boolean => {
  const key = asScalar(pair.key);
  return key?.value === "<<" && key.style === "plain";
};

function collectPairs(mapping: AST.YAMLMapping, done: Map<AST.YAMLMapping, readonly AST.YAMLPair[]>, depth: number): readonly AST.YAMLPair[] {
  const known = done.get(mapping) ?? mergedPairs.get(mapping);
  if (known) return known;
  done.set(mapping, []); // a mapping that merges itself adds nothing to itself
  const own: AST.YAMLPair[] = [];
  const merged: AST.YAMLPair[] = [];
  for (const pair of mapping.pairs) {
    if (isMergeKey(pair)) {
      if (depth >= MAX_MERGE_DEPTH) continue;
      const sources = asSequence(pair.value)?.entries ?? [pair.value];
      for (const source of new Set(sources.map((entry) => asMapping(entry)))) {
        if (source) merged.push(...collectPairs(source, done, depth + 1));
      }
    } else {
      own.push(pair);
    }
  }
  const seen = new Set(own.map((pair) => scalarText(pair.key)));
  const pairs = [...own];
  for (const pair of merged) {
    const key = scalarText(pair.key);
    if (seen.has(key)) continue;
    seen.add(key);
    pairs.push(pair);
  }
  done.set(mapping, pairs);
  return pairs;
}

/** The pair with the given key in a mapping (merge keys included), or undefined. */
export function getPair(node: YamlValue, key: string): AST.YAMLPair | undefined {
  return pairsOf(node).find((pair) => scalarText(pair.key) === key);
}

/** The value under a path of keys, e.g. `getPath(doc, "spec", "template", "spec")`. */
export function getPath(node: YamlValue, ...keys: string[]): YamlValue {
  let current: YamlValue = node;
  for (const key of keys) {
    current = getPair(current, key)?.value;
    if (!current) return undefined;
  }
  return current;
}

export interface WrittenScalar {
  scalar: AST.YAMLScalar;
  /** The keys from the walked node down to the scalar; sequence entries add none. */
  path: string[];
  /** Whether an application-specific tag (`!secret name`, `!Ref x`) says what the value means. */
  tagged: boolean;
}

/**
 * Every scalar value under a node where it is written, with the keys leading to it. Aliases are
 * not followed, so each scalar is visited once however often it is referenced (and an alias
 * bomb costs nothing); keys themselves are not values and are skipped.
 */
export function writtenScalars(node: YamlValue): WrittenScalar[] {
  const found: WrittenScalar[] = [];
  const pending: { node: YamlValue; path: string[]; tagged: boolean }[] = [{ node, path: [], tagged: false }];
  for (let item = pending.pop(); item; item = pending.pop()) {
    const { node: current, path } = item;
    if (!current) continue;
    if (current.type === "YAMLWithMeta") {
      const tagged = item.tagged || Boolean(current.tag && !current.tag.raw.startsWith("!!"));
      pending.push({ node: current.value, path, tagged });
    } else if (current.type === "YAMLScalar") {
      found.push({ scalar: current, path, tagged: item.tagged });
    } else if (current.type === "YAMLSequence") {
      for (const entry of [...current.entries].reverse()) pending.push({ node: entry, path, tagged: item.tagged });
    } else if (current.type === "YAMLMapping") {
      for (const pair of [...current.pairs].reverse()) {
        pending.push({ node: pair.value, path: [...path, scalarText(pair.key) ?? ""], tagged: item.tagged });
      }
    }
  }
  return found;
}
