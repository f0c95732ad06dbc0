import type { AST } from "yaml-eslint-parser";

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
