import { RuleTester } from "eslint";
import yml from "eslint-plugin-yml";
import rule from "../../../config-lint/rules/no-unrendered-template.ts";
import plugin from "../../../index.ts";

// The rule reads what the `shipshape/yaml` language found while parsing: test it on that language.
const ruleTester = new RuleTester({ plugins: { shipshape: plugin, yml }, language: "shipshape/yaml" });

const template = (line: number, column: number) => ({ messageId: "unrenderedTemplate", line, column, endLine: line, endColumn: column + 2 });

ruleTester.run("no-unrendered-template", rule, {
  valid: [
    "apiVersion: v1\nkind: ConfigMap\ndata:\n  a: b\n",
    // Template text inside strings is data: a Helm-rendered name in quotes, alert texts, Actions expressions.
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "{{ .Release.Name }}-config"\ndata:\n  summary: "Instance {{ $labels.instance }} is down"\n',
    "groups:\n  - name: alerts\n    rules:\n      - alert: Down\n        annotations:\n          description: |\n            {{ $labels.instance }} has been down for 5 minutes.\n",
    "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.sha }}\n",
    "# {{ not a template }}\nkey: value\n",
  ],
  invalid: [
    {
      // Helm: directives on their own lines make the text invalid YAML; reported once, not as a parse error.
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "chart.fullname" . }}
  labels:
    {{- include "chart.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicaCount }}
`,
      errors: [template(4, 9)],
    },
    {
      // Valid YAML only by accident: `{{ .Values.x }}` unquoted parses as a mapping inside a mapping.
      code: "apiVersion: v1\nkind: Service\nspec:\n  type: {{ .Values.service.type }}\n",
      errors: [template(4, 9)],
    },
    {
      code: "{% for app in apps %}\n- name: {{ app }}\n{% endfor %}\n",
      errors: [template(1, 1)],
    },
  ],
});
