import rule from "../../../config-lint/rules/require-prestop-delay.ts";
import { yamlRuleTester } from "../../helpers/rule-testers.ts";

const SERVICE = `---
apiVersion: v1
kind: Service
metadata:
  name: orders
spec:
  selector:
    app: orders
  ports:
    - port: 80
      targetPort: 8080`;

const deployment = (containers: string, kind = "Deployment") => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: orders
spec:
  template:
    metadata:
      labels:
        app: orders
        tier: web
    spec:
      containers:
${containers}`;

const API = `        - name: orders
          image: orders:1
          ports:
            - containerPort: 8080`;

const PODINFO = (level: string) => `        - name: podinfod
          image: ghcr.io/stefanprodan/podinfo:6.14.1
          command: [./podinfo, --port=8080, ${level}]
          ports:
            - containerPort: 8080`;

yamlRuleTester().run("require-prestop-delay", rule, {
  valid: [
    // Servers that drain themselves on SIGTERM: podinfo at info level, Traefik with a request-accept grace timeout.
    `${deployment(PODINFO("--level=info"))}\n${SERVICE}`,
    `${deployment("        - name: traefik\n          image: traefik:v3.1\n          args: [--entryPoints.web.transport.lifecycle.requestAcceptGraceTimeout=10s]\n          ports: [{containerPort: 8080}]")}\n${SERVICE}`,
    `${deployment("        - name: controller\n          image: registry.k8s.io/ingress-nginx/controller:v1.11.2\n          args: [/nginx-ingress-controller, --shutdown-grace-period=15]\n          ports: [{containerPort: 80}]")}\n${SERVICE}`,
    // A queue worker whose Service is only scraped by Prometheus.
    `${deployment(API).replace("name: orders", "name: email-worker")}\n${SERVICE.replace("name: orders", "name: orders\n  annotations:\n    prometheus.io/scrape: \"true\"")}`,
    // One pod, written out, stopped before its replacement starts: there is no endpoint to move traffic to.
    `${deployment(API).replace("spec:\n  template", "spec:\n  replicas: 1\n  strategy:\n    type: Recreate\n  template")}\n${SERVICE}`,
    `${deployment(API, "StatefulSet").replace("spec:\n  template", "spec:\n  replicas: 1\n  template")}\n${SERVICE}`,
    // A single-replica datastore, a metrics exporter.
    `${deployment("        - name: db\n          image: postgres:16\n          ports:\n            - containerPort: 5432")}\n${SERVICE}`,
    // With a preStop delay: exec sleep, the sleep action, a shell script that sleeps, an HTTP hook.
    `${deployment(`${API}
          lifecycle:
            preStop:
              exec:
                command: ["sleep", "5"]`)}\n${SERVICE}`,
    `${deployment(`${API}
          lifecycle:
            preStop:
              sleep: {seconds: 10}`)}\n${SERVICE}`,
    `${deployment(`${API}
          lifecycle:
            preStop:
              exec:
                command: ["/bin/sh", "-c", "sleep 5 && nginx -s quit"]`)}\n${SERVICE}`,
    `${deployment(`${API}
          lifecycle:
            preStop:
              httpGet: {path: /drain, port: 8080}`)}\n${SERVICE}`,
    // No Service in the file selects it: whether it gets traffic is unknown here.
    deployment(API),
    `${deployment(API)}\n${SERVICE.replace("app: orders", "app: billing")}`,
    // A Service that only scrapes metrics sends no client traffic; a Service without a selector selects nothing.
    `${deployment(API)}\n${SERVICE.replace("- port: 80", "- name: metrics\n      port: 9090")}`,
    `${deployment(API)}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: external}\nspec:\n  ports: [{port: 80}]`,
    // Jobs run to completion; they are not behind a Service.
    `apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    metadata: {labels: {app: orders}}\n    spec:\n      containers:\n${API}\n${SERVICE}`,
    { filename: "test/fixtures/app.yaml", code: `${deployment(API)}\n${SERVICE}` },
  ],
  invalid: [
    {
      // Traefik with the grace timeout at zero closes at once.
      code: `${deployment("        - name: traefik\n          image: traefik:v3.1\n          args: [--entryPoints.web.transport.lifecycle.requestAcceptGraceTimeout=0s]\n          ports: [{containerPort: 8080}]")}\n${SERVICE}`,
      errors: [{ messageId: "missingPreStop", data: { name: "traefik", service: "orders" }, line: 13, column: 17, endLine: 13, endColumn: 24 }],
    },
    {
      // podinfo at debug level skips its own drain pause.
      code: `${deployment(PODINFO("--level=debug"))}\n${SERVICE}`,
      errors: [{ messageId: "missingPreStop", data: { name: "podinfod", service: "orders" }, line: 13, column: 17, endLine: 13, endColumn: 25 }],
    },
    {
      code: `${deployment(API)}\n${SERVICE}`,
      errors: [
        { messageId: "missingPreStop", data: { name: "orders", service: "orders" }, line: 13, column: 17, endLine: 13, endColumn: 23 },
      ],
    },
    {
      // The sidecar without ports is not the one serving; a zero sleep does not wait.
      code: `${deployment(`${API}
          lifecycle:
            preStop:
              sleep:
                seconds: 0
        - name: log-shipper
          image: shipper:1`, "StatefulSet")}\n${SERVICE}`,
      errors: [{ messageId: "zeroPreStop", line: 20, column: 26, endLine: 20, endColumn: 27 }],
    },
  ],
});
