import type { YamlRuleDefinition } from "../create-yaml-rule.ts";
import noK8sNonStringValue from "./no-k8s-non-string-value.ts";

/** The YAML config rules, by name. */
export const yamlRules: Record<string, YamlRuleDefinition<never[]>> = {
  "no-k8s-non-string-value": noK8sNonStringValue,
};
