import rule from "../../../config-lint/rules/no-k8s-non-string-value.ts";
import { yamlRuleTester } from "../../helpers/rule-testers.ts";

const deployment = (containerBody: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api
          image: api:1
${containerBody}`;

const error = (line: number, column: number, text: string, field: string, typeName: string) => ({
  messageId: "notString",
  data: { text, field, typeName },
  line,
  column,
  endLine: line,
  endColumn: column + text.length,
});

yamlRuleTester().run("no-k8s-non-string-value", rule, {
  valid: [
    // Quoted, tagged and plainly textual values are strings in YAML 1.1 too.
    deployment(`          env:
            - name: PORT
              value: "8080"
            - name: DEBUG
              value: 'yes'
            - name: LEVEL
              value: info
            - name: VERSION
              value: 1.2.3
            - name: EXPLICIT
              value: !!str 8080
            - name: EMPTY
              value:
            - name: FROM_SECRET
              valueFrom:
                secretKeyRef: { name: db, key: password }
          args: ["--port", "8080", --verbose]
          ports:
            - containerPort: 8080`),
    // Numbers where Kubernetes wants numbers are fine.
    "apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 3\n  template:\n    spec:\n      terminationGracePeriodSeconds: 30\n      containers: []",
    // Not a Kubernetes object: a Compose file, app config, a GitHub workflow.
    "services:\n  api:\n    image: api\n    environment:\n      PORT: 8080\n",
    // Compose passes numbers on as written when their decimal form is the text: 8080, 0.5, -1; booleans too.
    {
      filename: "compose.yaml",
      code: "services:\n  api:\n    image: api\n    environment:\n      PORT: 8080\n      RATIO: 0.5\n      OFFSET: -1\n      DEBUG: true\n      MODE: '0755'\n    build:\n      context: .\n      args:\n        - VERSION=1.10\n",
    },
    "database:\n  port: 5432\n  ssl: yes\n",
    "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    env:\n      CI: true\n",
    // Kinds whose fields are not strings.
    "apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  ports:\n    - port: 80\n      targetPort: 8080\n",
    // A Secret's stringData and other non-ConfigMap data are not checked by this rule.
    "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  x: dGVzdA==\n",
  ],
  invalid: [
    {
      // Compose rewrites numbers whose decimal form is not the text: octal-looking, trailing zeros, exponents, huge.
      filename: "deploy/docker-compose.yml",
      code: "services:\n  api:\n    image: api\n    environment:\n      MODE: 0755\n      VERSION: 1.10\n      ACCOUNT_ID: 12345678901234567890\n    build:\n      args:\n        LIMIT: 1e3\n",
      output:
        'services:\n  api:\n    image: api\n    environment:\n      MODE: "0755"\n      VERSION: "1.10"\n      ACCOUNT_ID: "12345678901234567890"\n    build:\n      args:\n        LIMIT: "1e3"\n',
      errors: [
        { messageId: "composeNumber", data: { text: "0755" }, line: 5, column: 13, endLine: 5, endColumn: 17 },
        { messageId: "composeNumber", data: { text: "1.10" }, line: 6, column: 16, endLine: 6, endColumn: 20 },
        { messageId: "composeNumber", data: { text: "12345678901234567890" }, line: 7, column: 19, endLine: 7, endColumn: 39 },
        { messageId: "composeNumber", data: { text: "1e3" }, line: 10, column: 16, endLine: 10, endColumn: 19 },
      ],
    },
    {
      code: deployment(`          env:
            - name: PORT
              value: 8080
            - name: DEBUG
              value: yes
            - name: RATIO
              value: 0.5
            - name: MODE
              value: 0755`),
      output: deployment(`          env:
            - name: PORT
              value: "8080"
            - name: DEBUG
              value: "yes"
            - name: RATIO
              value: "0.5"
            - name: MODE
              value: "0755"`),
      errors: [
        error(13, 22, "8080", "an env value", "a number"),
        error(15, 22, "yes", "an env value", "a boolean"),
        error(17, 22, "0.5", "an env value", "a number"),
        error(19, 22, "0755", "an env value", "a number"),
      ],
    },
    {
      code: deployment(`          command: [node, server.js]\n          args: ["--port", 8080, on]`),
      output: deployment(`          command: [node, server.js]\n          args: ["--port", "8080", "on"]`),
      errors: [error(12, 28, "8080", "container args", "a number"), error(12, 34, "on", "container args", "a boolean")],
    },
    {
      code: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  labels:\n    tier: 1\ndata:\n  FEATURE_X: off\n  NAME: api\n",
      output: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  labels:\n    tier: "1"\ndata:\n  FEATURE_X: "off"\n  NAME: api\n',
      errors: [error(6, 11, "1", "metadata.labels", "a number"), error(8, 14, "off", "ConfigMap data", "a boolean")],
    },
    {
      // Second document of a multi-document file; a CronJob keeps its pod spec deeper.
      code: `apiVersion: v1
kind: Namespace
metadata: {name: jobs}
---
apiVersion: batch/v1
kind: CronJob
spec:
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
            - name: wait
              env:
                - {name: RETRIES, value: 3}`,
      output: `apiVersion: v1
kind: Namespace
metadata: {name: jobs}
---
apiVersion: batch/v1
kind: CronJob
spec:
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
            - name: wait
              env:
                - {name: RETRIES, value: "3"}`,
      errors: [error(15, 42, "3", "an env value", "a number")],
    },
    {
      // Anchors and merge keys: the merged env list is checked where it is written.
      code: `apiVersion: v1
kind: Pod
metadata:
  annotations: &common
    prometheus.io/scrape: true
spec:
  containers:
    - name: api
      env: &env
        - name: WORKERS
          value: 4`,
      output: `apiVersion: v1
kind: Pod
metadata:
  annotations: &common
    prometheus.io/scrape: "true"
spec:
  containers:
    - name: api
      env: &env
        - name: WORKERS
          value: "4"`,
      errors: [error(5, 27, "true", "metadata.annotations", "a boolean"), error(11, 18, "4", "an env value", "a number")],
    },
  ],
});
