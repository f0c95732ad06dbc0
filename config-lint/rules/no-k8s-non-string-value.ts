import type { AST } from "yaml-eslint-parser";
import { createYamlRule } from "../create-yaml-rule.ts";
import { documentKind } from "../document-kind.ts";
import { containersOf, kubernetesKind, podSpecOf } from "../kubernetes.ts";
import { yaml11Type } from "../yaml11.ts";
import { asMapping, asSequence, getPath, resolve } from "../yaml-nodes.ts";

const TYPE_NAMES = { bool: "a boolean", int: "a number", float: "a number" } as const;

export default createYamlRule<[], "notString">({
  name: "no-k8s-non-string-value",
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow unquoted booleans and numbers in Kubernetes fields that must be strings (env values, command, args, labels, annotations, ConfigMap data)",
      recommended: "error",
    },
    fixable: "code",
    schema: [],
    messages: {
      notString:
        "Kubernetes reads `{{text}}` in {{field}} as {{typeName}} (YAML 1.1), not the string it must be, and rejects the manifest or changes the value. " +
        'Quote it: "{{text}}".',
    },
  },
  create(context) {
    const checkScalar = (node: AST.YAMLContent | AST.YAMLWithMeta | null | undefined, field: string): void => {
      // An explicit tag (`!!str 8080`) says what the author meant; only untagged plain scalars are ambiguous.
      const scalar = node?.type === "YAMLWithMeta" ? (node.tag ? null : node.value) : node;
      if (!scalar || scalar.type !== "YAMLScalar" || scalar.style !== "plain") return;
      const type = yaml11Type(scalar.raw);
      if (type !== "bool" && type !== "int" && type !== "float") return;
      context.report({
        node: scalar,
        messageId: "notString",
        data: { text: scalar.raw, field, typeName: TYPE_NAMES[type] },
        fix: (fixer) => fixer.replaceTextRange(scalar.range, `"${scalar.raw}"`),
      });
    };
    const checkMapValues = (node: AST.YAMLContent | AST.YAMLWithMeta | null | undefined, field: string): void => {
      for (const pair of asMapping(node)?.pairs ?? []) checkScalar(pair.value, field);
    };
    const checkSequence = (node: AST.YAMLContent | AST.YAMLWithMeta | null | undefined, field: string): void => {
      for (const entry of asSequence(node)?.entries ?? []) checkScalar(entry, field);
    };

    return {
      YAMLDocument(document) {
        if (documentKind(document, context.filename) !== "kubernetes") return;
        const root = asMapping(document.content);
        if (!root) return;
        checkMapValues(getPath(root, "metadata", "labels"), "metadata.labels");
        checkMapValues(getPath(root, "metadata", "annotations"), "metadata.annotations");
        if (kubernetesKind(root) === "ConfigMap") checkMapValues(getPath(root, "data"), "ConfigMap data");

        const podSpec = podSpecOf(root);
        if (!podSpec) return;
        const template = resolve(getPath(root, "spec", "template"));
        if (template) {
          checkMapValues(getPath(template, "metadata", "labels"), "pod template labels");
          checkMapValues(getPath(template, "metadata", "annotations"), "pod template annotations");
        }
        for (const container of containersOf(podSpec)) {
          checkSequence(getPath(container, "command"), "a container command");
          checkSequence(getPath(container, "args"), "container args");
          for (const entry of asSequence(getPath(container, "env"))?.entries ?? []) {
            checkScalar(getPath(entry, "value"), "an env value");
          }
        }
      },
    };
  },
});
