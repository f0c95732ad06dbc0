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

const SCRAPED = SERVICE.replace("metadata: {name: orders}", "metadata:\n  name: orders\n  annotations: {prometheus.io/scrape: 'true'}");

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
    // A queue worker whose only Service is there for Prometheus to scrape: its work comes from the broker.
    `${workload("Deployment", WEB.replace("- name: orders", "- name: queue-master")).replace("name: orders", "name: queue-master")}\n${SCRAPED}`,
    // The same with a Service annotated only for Prometheus's path.
    `${workload("Deployment", WEB.replace("- name: orders", "- name: queue-master")).replace("name: orders", "name: queue-master")}\n${SERVICE.replace("metadata: {name: orders}", "metadata:\n  name: orders\n  annotations: {prometheus.io/path: /prometheus}")}`,
    // One replica of an operators' tool: a dashboard, an alert receiver.
    `${workload("Deployment", "        - name: grafana\n          image: grafana/grafana:11\n          ports: [{containerPort: 3000}]").replace("spec:\n  template", "spec:\n  replicas: 1\n  template")}\n${SERVICE}`,
    `${workload("Deployment", "        - name: alertmanager\n          image: prom/alertmanager:v0.27.0\n          ports: [{containerPort: 9093}]")}\n${SERVICE}`,
    // A worker without ports, a container with only a metrics port, a node agent.
    workload("Deployment", "        - name: worker\n          image: worker:1"),
    workload("Deployment", "        - name: worker\n          image: worker:1\n          ports:\n            - name: metrics\n              containerPort: 9090"),
    workload("DaemonSet", WEB.replace("orders", "node-agent")),
    // Run-to-completion workloads and bare Pods.
    `apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    spec:\n      containers:\n${WEB}`,
    `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n${WEB.replace(/^ {4}/gmu, "")}`,
    { filename: "test/manifests/orders.yaml", code: workload("Deployment", WEB) },
    // A single replica of a datastore has no other endpoint to send clients to while it is not ready.
    `${workload("Deployment", "        - name: mongo\n          image: docker.io/library/mongo:7\n          ports: [{containerPort: 27017}]")}\n${SERVICE}`,
    `${workload("StatefulSet", "        - name: user-db\n          image: acme/user-db:0.3.0\n          ports: [{containerPort: 27017}]")}\n${SERVICE}`,
    // Exporters, mesh proxies and idle client containers serve no clients.
    `${workload("Deployment", `${WEB}\n          readinessProbe: {tcpSocket: {port: 8080}}\n        - name: rabbitmq-exporter\n          image: kbudde/rabbitmq-exporter\n          ports: [{containerPort: 9090}]`)}\n${SERVICE}`,
    `${workload("Deployment", `${WEB}\n          readinessProbe: {tcpSocket: {port: 8080}}\n        - name: istio-proxy\n          image: istio/proxyv2:1.22\n          ports: [{containerPort: 15090}]`)}\n${SERVICE}`,
    // One pod, written out, stopped before its replacement starts: no other endpoint exists at any time.
    `${workload("Deployment", WEB).replace("spec:\n  template", "spec:\n  replicas: 1\n  strategy: {type: Recreate}\n  template")}\n${SERVICE}`,
    `${workload("Deployment", WEB).replace("spec:\n  template", "spec:\n  replicas: 1\n  strategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: 1}}\n  template")}\n${SERVICE}`,
    `${workload("StatefulSet", WEB).replace("spec:\n  template", "spec:\n  replicas: 1\n  template")}\n${SERVICE}`,
    `${workload("Deployment", '        - name: toolbox\n          image: curlimages/curl:8\n          command: ["sleep", "infinity"]')}\n${SERVICE}`,
  ],
  invalid: [
    { code: workload("Deployment", WEB), errors: [missing("orders", 11, 17, 23)] },
    // A scraped Service alone does not make a queue worker (most APIs are scraped), nor a worker's name alone.
    { code: `${workload("Deployment", WEB)}\n${SCRAPED}`, errors: [missing("orders", 11, 17, 23)] },
    { code: `${workload("Deployment", WEB.replace("- name: orders", "- name: queue-master")).replace("name: orders", "name: queue-master")}\n${SERVICE}`, errors: [missing("queue-master", 11, 17, 29)] },
    // Two Grafana replicas behind a Service move traffic between them: the probe matters again.
    {
      code: `${workload("Deployment", "        - name: grafana\n          image: grafana/grafana:11\n          ports: [{containerPort: 3000}]").replace("spec:\n  template", "spec:\n  replicas: 2\n  template")}\n${SERVICE}`,
      errors: [missing("grafana", 12, 17, 24)],
    },
    // One replica whose replacement surges beside it (the default rolling update) gets traffic before it listens.
    {
      code: `${workload("Deployment", WEB).replace("spec:\n  template", "spec:\n  replicas: 1\n  strategy: {rollingUpdate: {maxSurge: 1}}\n  template")}\n${SERVICE}`,
      errors: [missing("orders", 13, 17, 23)],
    },
    // A replicated datastore, and one an autoscaler may scale out, has replicas to move clients between.
    {
      code: `${workload("StatefulSet", "        - name: mongo\n          image: mongo:7\n          ports: [{containerPort: 27017}]").replace("spec:\n  template", "spec:\n  replicas: 3\n  template")}\n${SERVICE}`,
      errors: [missing("mongo", 12, 17, 22)],
    },
    {
      code: `${workload("Deployment", "        - name: redis\n          image: redis:7\n          ports: [{containerPort: 6379}]")}\n${SERVICE}\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nspec:\n  scaleTargetRef: {kind: Deployment, name: orders}\n  maxReplicas: 4`,
      errors: [missing("redis", 11, 17, 22)],
    },
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
