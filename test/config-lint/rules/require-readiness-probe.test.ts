import rule from "../../../config-lint/rules/require-readiness-probe.ts";
import { yamlRuleTester } from "../../helpers/rule-testers.ts";

const workload = (kind: string, containers: string) => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: orders
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
const SERVICE = "---\napiVersion: v1\nkind: Service\nmetadata: {name: orders}\nspec:\n  selector: {app: orders}\n  ports: [{port: 80}]";

const missing = (name: string, line: number, column: number, endColumn: number) => ({
  messageId: "missingReadinessProbe",
  data: { name },
  line,
  column,
  endLine: line,
  endColumn,
});

yamlRuleTester().run("require-readiness-probe", rule, {
  valid: [
    workload("Deployment", `${WEB}\n          readinessProbe:\n            httpGet: {path: /readyz, port: 8080}`),
    // A worker without ports, a container with only a metrics port, a node agent.
    workload("Deployment", "        - name: worker\n          image: worker:1"),
    workload("Deployment", "        - name: worker\n          image: worker:1\n          ports:\n            - name: metrics\n              containerPort: 9090"),
    workload("DaemonSet", WEB.replace("orders", "node-agent")),
    // Run-to-completion workloads and bare Pods.
    `apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    spec:\n      containers:\n${WEB}`,
    `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n${WEB.replace(/^ {4}/gmu, "")}`,
    { filename: "test/manifests/orders.yaml", code: workload("Deployment", WEB) },
  ],
  invalid: [
    { code: workload("Deployment", WEB), errors: [missing("orders", 11, 17, 23)] },
    { code: workload("StatefulSet", WEB), errors: [missing("orders", 11, 17, 23)] },
    // Behind a Service: the DaemonSet serves clients, and a container without declared ports is the one that does.
    { code: `${workload("DaemonSet", WEB)}\n${SERVICE}`, errors: [missing("orders", 11, 17, 23)] },
    {
      code: `${workload("Deployment", "        - name: app\n          image: app:1\n        - name: proxy-sidecar\n          image: proxy:1")}\n${SERVICE}`,
      errors: [missing("app", 11, 17, 20)],
    },
    {
      // kind: List, as `kubectl get -o yaml` writes it.
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: Deployment
    spec:
      template:
        spec:
          containers:
            - name: api
              ports: [{containerPort: 80}]`,
      errors: [missing("api", 10, 21, 24)],
    },
  ],
});
