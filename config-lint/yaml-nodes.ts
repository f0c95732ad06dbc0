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

/**
 * The pairs of a mapping as YAML defines them: its own keys win over keys merged in with
 * `<<: *anchor` (or `<<: [*a, *b]`, earlier ones first).
 */
export function pairsOf(node: YamlValue, depth = 0): AST.YAMLPair[] {
  const mapping = asMapping(node);
  if (!mapping || depth > 20) return [];
  const own: AST.YAMLPair[] = [];
  const merged: AST.YAMLPair[] = [];
  for (const pair of mapping.pairs) {
    if (scalarText(pair.key) === "<<" && asScalar(pair.key)?.style === "plain") {
      const sources = asSequence(pair.value)?.entries ?? [pair.value];
      for (const source of sources) merged.push(...pairsOf(source, depth + 1));
    } else {
      own.push(pair);
    }
  }
  const ownKeys = new Set(own.map((pair) => scalarText(pair.key)));
  return [...own, ...merged.filter((pair) => !ownKeys.has(scalarText(pair.key)))];
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
