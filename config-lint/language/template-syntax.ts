import type { AST } from "yaml-eslint-parser";
import { parseAllDocuments } from "yaml";

/**
 * A template action: `{{ … }}` (Go templates as in Helm, Jinja, Mustache) or `{% … %}` (Jinja),
 * but not `${{ … }}`, which is a GitHub Actions expression inside an ordinary YAML string.
 */
const TEMPLATE_ACTION = /(?<!\$)\{\{|\{%/u;

/** The offset of the first template action in the text, or -1. */
export function templateActionOffset(text: string): number {
  return text.search(TEMPLATE_ACTION);
}

/**
 * Whether template actions stand where the YAML structure is, so the file means something only
 * after rendering. Unquoted, `name: {{ .Values.name }}` parses as a flow mapping whose key is
 * another flow mapping, and `{% if x %}` as a flow mapping with a key starting with `%`: shapes
 * no hand-written YAML has. Actions inside quoted or block scalars (`"{{ .Release.Name }}"`,
 * alert texts with `{{ $labels.instance }}`) leave the YAML itself intact.
 */
export function hasTemplatedStructure(program: AST.YAMLProgram): boolean {
  const pending: AST.YAMLNode[] = [program];
  for (let node = pending.pop(); node; node = pending.pop()) {
    switch (node.type) {
      case "Program":
        pending.push(...node.body);
        break;
      case "YAMLDocument":
        if (node.content) pending.push(node.content);
        break;
      case "YAMLWithMeta":
        if (node.value) pending.push(node.value);
        break;
      case "YAMLSequence":
        for (const entry of node.entries) if (entry) pending.push(entry);
        break;
      case "YAMLMapping":
        for (const pair of node.pairs) {
          if (node.style === "flow" && isTemplateKey(pair.key)) return true;
          if (pair.key) pending.push(pair.key);
          if (pair.value) pending.push(pair.value);
        }
        break;
      default:
        break;
    }
  }
  return false;
}

function isTemplateKey(key: AST.YAMLPair["key"]): boolean {
  if (key?.type === "YAMLMapping" && key.style === "flow") return true;
  return key?.type === "YAMLScalar" && key.style === "plain" && typeof key.value === "string" && key.value.startsWith("%");
}

/**
 * The text with its template actions taken out and every offset kept: an action alone on its
 * line (`{{- if .Values.x }}`, `{{ include "labels" . | nindent 4 }}`) becomes blank, one inside
 * a line (`name: {{ .Values.name }}`) a plain word of the same length. What is left is the YAML
 * the template author wrote around the actions. One pass: an action that is never closed ends
 * the search.
 */
export function withoutTemplateActions(text: string): string {
  const opening = new RegExp(TEMPLATE_ACTION.source, "gu");
  let result = "";
  let copied = 0;
  for (let match = opening.exec(text); match; match = opening.exec(text)) {
    const offset = match.index;
    const close = text.indexOf(text[offset + 1] === "%" ? "%}" : "}}", offset + 2);
    if (close === -1) break;
    const end = close + 2;
    const alone = onlySpacesTo(text, offset - 1, -1) && onlySpacesTo(text, end, 1);
    result += text.slice(copied, offset) + text.slice(offset, end).replace(/[^\n]/gu, alone ? " " : "_");
    copied = end;
    opening.lastIndex = end;
  }
  return result + text.slice(copied);
}

/** Whether only spaces and tabs stand between `from` and the line's end in `direction` (the scan stops at anything else). */
function onlySpacesTo(text: string, from: number, direction: 1 | -1): boolean {
  for (let index = from; index >= 0 && index < text.length; index += direction) {
    const char = text[index];
    if (char === "\n" || char === "\r") return true;
    if (char !== " " && char !== "\t") return false;
  }
  return true;
}

/**
 * Whether the template actions are what stops a text from parsing as YAML: without them (see
 * `withoutTemplateActions`) it parses. Keys that repeat once the actions are gone (the branches
 * of an `{{ if }} … {{ else }}`) do not count against it. A file that still does not parse is
 * broken YAML whatever its actions: it gets its parse error, not the template warning.
 */
export function templateStopsParsing(text: string): boolean {
  return parseAllDocuments(withoutTemplateActions(text), { uniqueKeys: false }).every((document) => document.errors.length === 0);
}
