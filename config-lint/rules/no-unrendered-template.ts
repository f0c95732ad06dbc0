import { createYamlRule } from "../create-yaml-rule.ts";
import type { ShipshapeYamlServices } from "../language/yaml-language.ts";

export default createYamlRule<[], "unrenderedTemplate">({
  name: "no-unrendered-template",
  meta: {
    type: "problem",
    docs: {
      description: "Report YAML files that are templates (Helm, Jinja), which cannot be checked until they are rendered",
      recommended: "warn",
    },
    schema: [],
    messages: {
      unrenderedTemplate:
        "Template syntax stands where YAML structure goes, so this file is a template (Helm, Jinja), not YAML, and none of its settings were checked. " +
        "Lint what it renders to instead (`helm template . | shipshape --stdin --stdin-filename rendered.yaml`), " +
        "or leave the templates out (`shipshape --ignore-pattern <folder>/`, or `ignores` in eslint.config.js).",
    },
  },
  create(context) {
    return {
      Program() {
        // Set by the `shipshape/yaml` language, which parses such a file as empty (see language/yaml-language.ts).
        const template = (context.sourceCode.parserServices as ShipshapeYamlServices).unrenderedTemplate;
        if (!template) return;
        const column = template.column - 1;
        context.report({
          loc: { start: { line: template.line, column }, end: { line: template.line, column: column + 2 } },
          messageId: "unrenderedTemplate",
        });
      },
    };
  },
});
