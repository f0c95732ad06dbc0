import type { AST } from "yaml-eslint-parser";
import { createYamlRule } from "../create-yaml-rule.ts";
import { documentKind, projectPath } from "../document-kind.ts";
import { containersOf, kubernetesKind, kubernetesObjects, podSpecOf } from "../kubernetes.ts";
import { yaml11Type } from "../yaml11.ts";
import { asMapping, asSequence, getPath, pairsOf, resolve } from "../yaml-nodes.ts";

const TYPE_NAMES = { bool: "a boolean", int: "a number", float: "a number" } as const;

type YamlValue = AST.YAMLContent | AST.YAMLWithMeta | null | undefined;

/** An untagged plain scalar: the only kind whose type YAML guesses from its text. */
function plainScalar(node: YamlValue): AST.YAMLPlainScalar | null {
  // An explicit tag (`!!str 8080`) says what the author meant.
  const scalar = node?.type === "YAMLWithMeta" ? (node.tag ? null : node.value) : node;
  return scalar?.type === "YAMLScalar" && scalar.style === "plain" ? scalar : null;
}

/**
 * Whether a number reaches a Compose container as other text than written: Compose reads
 * plain scalars as numbers (octal for a leading zero, as Go's YAML decoder does) and passes
 * their decimal form, so `0755`, `1.10`, `1e3`, `1_000`, `+1` and integers past 2^53 change.
 */
function composeRewrites(raw: string): boolean {
  const type = yaml11Type(raw);
  if (type === "int") return !/^-?(?:0|[1-9][0-9]*)$/u.test(raw) || !Number.isSafeInteger(Number(raw));
  if (type === "float") return String(Number(raw)) !== raw;
  return false;
}

export default createYamlRule<[], "notString" | "composeNumber">({
  name: "no-k8s-non-string-value",
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow unquoted booleans and numbers in Kubernetes fields that must be strings (env values, command, args, labels, annotations, ConfigMap data), and Compose environment numbers that change on the way",
      recommended: "error",
    },
    fixable: "code",
    schema: [],
    messages: {
      notString:
        "Kubernetes reads `{{text}}` in {{field}} as {{typeName}} (YAML 1.1), not the string it must be, and rejects the manifest or changes the value. " +
        'Quote it: "{{text}}".',
      composeNumber:
        "Compose reads `{{text}}` as a number and gives the container its decimal form, not the text written (leading and trailing zeros, underscores and digits past 2^53 are lost). " +
        'Quote it: "{{text}}".',
    },
  },
  create(context) {
    const checkScalar = (node: YamlValue, field: string): void => {
      const scalar = plainScalar(node);
      if (!scalar) return;
      const type = yaml11Type(scalar.raw);
      if (type !== "bool" && type !== "int" && type !== "float") return;
      context.report({
        node: scalar,
        messageId: "notString",
        data: { text: scalar.raw, field, typeName: TYPE_NAMES[type] },
        fix: (fixer) => fixer.replaceTextRange(scalar.range, `"${scalar.raw}"`),
      });
    };
    const checkMapValues = (node: YamlValue, field: string): void => {
      for (const pair of asMapping(node)?.pairs ?? []) checkScalar(pair.value, field);
    };
    const checkSequence = (node: YamlValue, field: string): void => {
      for (const entry of asSequence(node)?.entries ?? []) checkScalar(entry, field);
    };

    const checkKubernetes = (root: AST.YAMLMapping): void => {
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
    };

    const checkCompose = (root: AST.YAMLMapping): void => {
      for (const { value } of pairsOf(getPath(root, "services"))) {
        for (const variables of [getPath(value, "environment"), getPath(value, "build", "args")]) {
          for (const pair of asMapping(variables)?.pairs ?? []) {
            const scalar = plainScalar(pair.value);
            if (!scalar || !composeRewrites(scalar.raw)) continue;
            context.report({
              node: scalar,
              messageId: "composeNumber",
              data: { text: scalar.raw },
              fix: (fixer) => fixer.replaceTextRange(scalar.range, `"${scalar.raw}"`),
            });
          }
        }
      }
    };

    return {
      Program(program) {
        for (const object of kubernetesObjects(program)) checkKubernetes(object);
        const filename = projectPath(context);
        for (const document of program.body) {
          const root = asMapping(document.content);
          if (root && documentKind(document, filename) === "compose") checkCompose(root);
        }
      },
    };
  },
});
