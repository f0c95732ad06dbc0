import type { AST } from "yaml-eslint-parser";
import { asScalar, asSequence, getPath, pairsOf, scalarText } from "./yaml-nodes.ts";

/** One environment variable with a literal value, wherever and however it is written. */
export interface EnvVariable {
  name: string;
  /** The value as written: text, or the number/boolean a plain scalar reads as. */
  value: string | number | boolean | null;
  /** The scalar that holds it (the whole entry for a Compose `KEY=value` list entry). */
  node: AST.YAMLScalar;
  /** Offsets of the value alone in the source text. */
  range: [number, number];
  /** Where the value starts in the scalar's value (after `KEY=` in a Compose list entry). */
  offset: number;
}

type YamlValue = AST.YAMLContent | AST.YAMLWithMeta | null | undefined;

function fromScalar(name: string, scalar: AST.YAMLScalar): EnvVariable {
  return { name, value: scalar.value, node: scalar, range: scalar.range, offset: 0 };
}

/** A Kubernetes container's `env` entries that have a literal `value` (not `valueFrom`). */
export function kubernetesEnv(container: AST.YAMLMapping): EnvVariable[] {
  const variables: EnvVariable[] = [];
  for (const entry of asSequence(getPath(container, "env"))?.entries ?? []) {
    const name = scalarText(getPath(entry, "name"));
    const value = asScalar(getPath(entry, "value"));
    if (name && value) variables.push(fromScalar(name, value));
  }
  return variables;
}

/** A mapping of variables (`env:` in a workflow, Compose's map form): every key with a scalar value. */
export function envMapping(node: YamlValue): EnvVariable[] {
  const variables: EnvVariable[] = [];
  for (const pair of pairsOf(node)) {
    const name = scalarText(pair.key);
    const value = asScalar(pair.value);
    if (name && value && value.value !== null) variables.push(fromScalar(name, value));
  }
  return variables;
}

/**
 * Variables as Compose writes them (a service's `environment`, a build's `args`), in either
 * form: a mapping, or a list of `KEY=value` strings (where the range is that of the value after
 * `=`). `KEY` alone passes the variable through from the host and has no value here.
 */
export function composeVariables(node: YamlValue, sourceText: string): EnvVariable[] {
  const list = asSequence(node);
  if (!list) return envMapping(node);
  const variables: EnvVariable[] = [];
  for (const entry of list.entries) {
    const scalar = asScalar(entry);
    const text = scalarText(scalar);
    const equals = text?.indexOf("=") ?? -1;
    if (!scalar || !text || equals <= 0) continue;
    const value = text.slice(equals + 1);
    const range = valueRange(scalar, sourceText, equals + 1, value);
    variables.push({ name: text.slice(0, equals), value, node: scalar, range, offset: equals + 1 });
  }
  return variables;
}

/**
 * Where a part of a scalar's value (starting at `offset` in the value) is in the source: exact
 * when the scalar is written on one line without escapes, or when the part is written once in
 * it (a token in a block scalar); otherwise the whole scalar.
 */
export function valueRange(scalar: AST.YAMLScalar, sourceText: string, offset: number, part: string): [number, number] {
  const raw = sourceText.slice(...scalar.range);
  const quote = scalar.style === "double-quoted" || scalar.style === "single-quoted" ? 1 : 0;
  if (raw.slice(quote, quote + offset + part.length) === `${String(scalar.value).slice(0, offset)}${part}`) {
    const start = scalar.range[0] + quote + offset;
    return [start, start + part.length];
  }
  const at = part.length > 0 ? raw.indexOf(part) : -1;
  if (at >= 0 && raw.indexOf(part, at + 1) < 0) return [scalar.range[0] + at, scalar.range[0] + at + part.length];
  return scalar.range;
}
