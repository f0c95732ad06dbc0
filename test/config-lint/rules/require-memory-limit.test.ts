import fs from "node:fs";
import rule from "../../../config-lint/rules/require-memory-limit.ts";
import { yamlRuleTester } from "../../helpers/rule-testers.ts";
import { temporaryProject } from "../../helpers/temporary-project.ts";

const { write } = temporaryProject("memory-limit");

const workload = (containers: string, { kind = "Deployment", namespace = "" } = {}) => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: orders${namespace ? `\n  namespace: ${namespace}` : ""}
spec:
  template:
    metadata:
      labels: {app: orders}
    spec:
      containers:
${containers}`;

const WEB = `        - name: orders
          image: orders:1
          ports:
            - containerPort: 8080`;
const LIMITED = `${WEB}
          resources:
            requests: {memory: 256Mi}
            limits: {memory: 512Mi}`;
const SERVICE = "---\napiVersion: v1\nkind: Service\nmetadata: {name: orders}\nspec:\n  selector: {app: orders}\n  ports: [{port: 80}]";
const limitRange = (namespace: string, limit: string) =>
  `apiVersion: v1\nkind: LimitRange\nmetadata: {name: defaults, namespace: ${namespace}}\nspec:\n  limits:\n    - type: Container\n${limit}\n`;

// A namespace's LimitRange in a sibling file gives every container a default limit; one of another namespace does not.
const SHOP = write("shop/orders.yaml", workload(WEB, { namespace: "shop" }));
write("shop/limits.yaml", limitRange("shop", "      default: {memory: 512Mi, cpu: 500m}"));
const BILLING = write("billing/orders.yaml", workload(WEB, { namespace: "billing" }));
write("billing/limits.yaml", limitRange("shop", "      default: {memory: 512Mi}"));
// A LimitRange that only defaults requests, or only CPU, sets no memory limit.
const REQUESTS = write("requests/orders.yaml", workload(WEB));
write("requests/limits.yaml", limitRange("requests", "      defaultRequest: {memory: 256Mi}\n      default: {cpu: 500m}"));

const missing = (name: string, line: number, column: number) => ({ messageId: "missingMemoryLimit", data: { name }, line, column });

yamlRuleTester().run("require-memory-limit", rule, {
  valid: [
    workload(LIMITED),
    workload(`${WEB}\n          resources:\n            limits: {memory: "\${MEMORY_LIMIT}"}`),
    // Workers, metrics-only containers, exporters and idle client pods serve no traffic.
    workload("        - name: worker\n          image: worker:1"),
    workload("        - name: orders\n          image: orders:1\n          ports: [{name: metrics, containerPort: 9090}]"),
    `${workload(`${LIMITED}\n        - name: redis-exporter\n          image: oliver006/redis_exporter:v1.62.0\n          ports: [{containerPort: 9121}]`)}\n${SERVICE}`,
    `${workload('        - name: toolbox\n          image: busybox:1.36\n          command: ["sleep", "infinity"]')}\n${SERVICE}`,
    // A node agent, and run-to-completion workloads.
    workload(WEB, { kind: "DaemonSet" }),
    `apiVersion: batch/v1\nkind: Job\nmetadata: {name: migrate}\nspec:\n  template:\n    spec:\n      containers:\n${WEB}`,
    // A LimitRange with a default or a maximum memory limit in the same file and namespace.
    `${workload(WEB, { namespace: "shop" })}\n---\n${limitRange("shop", "      default: {memory: 512Mi}")}`,
    `${workload(WEB)}\n---\n${limitRange("shop", "      max: {memory: 1Gi}")}`,
    { filename: SHOP, code: fs.readFileSync(SHOP, "utf8") },
    // Development and test manifests.
    { filename: "deploy/dev/orders.yaml", code: workload(WEB) },
    { filename: "test/orders.yaml", code: workload(WEB) },
    // Odd input.
    "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers: [~, 3, {name: x}]\n",
    "apiVersion: apps/v1\nkind: Deployment\nspec: ~\n",
  ],
  invalid: [
    { code: workload(WEB), errors: [missing("orders", 11, 17)] },
    // A memory request alone bounds nothing: the container grows past it until the node runs out.
    { code: workload(`${WEB}\n          resources:\n            requests: {memory: 256Mi, cpu: 100m}\n            limits: {cpu: 500m}`), errors: [missing("orders", 11, 17)] },
    // Behind a Service: the first container without ports is the server; a single-replica database still shares the node.
    { code: `${workload("        - name: app\n          image: app:1")}\n${SERVICE}`, errors: [missing("app", 11, 17)] },
    { code: workload("        - name: db\n          image: postgres:16\n          ports: [{containerPort: 5432}]", { kind: "StatefulSet" }), errors: [missing("db", 11, 17)] },
    { code: `${workload(WEB, { kind: "DaemonSet" })}\n${SERVICE}`, errors: [missing("orders", 11, 17)] },
    // A LimitRange of another namespace, or one without a memory limit.
    { code: `${workload(WEB, { namespace: "billing" })}\n---\n${limitRange("shop", "      default: {memory: 512Mi}")}`, errors: [missing("orders", 12, 17)] },
    { filename: BILLING, code: fs.readFileSync(BILLING, "utf8"), errors: [missing("orders", 12, 17)] },
    { filename: REQUESTS, code: fs.readFileSync(REQUESTS, "utf8"), errors: [missing("orders", 11, 17)] },
    {
      // One container anchored in the first workload of a List and aliased into the second: one finding, where it is written.
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: orders}
    spec:
      template:
        spec:
          containers:
            - &web
              name: orders
              ports: [{containerPort: 8080}]
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: orders-canary}
    spec:
      template:
        spec:
          containers: [*web]
`,
      errors: [missing("orders", 12, 21)],
    },
  ],
});
