import rule from "../../../config-lint/rules/no-liveness-same-as-readiness.ts";
import { yamlRuleTester } from "../../helpers/rule-testers.ts";

const container = (probes: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api
          image: api:1
${probes}`;

const same = (line: number, column: number, endColumn: number) => ({ messageId: "sameProbe", line, column, endLine: line, endColumn });

yamlRuleTester().run("no-liveness-same-as-readiness", rule, {
  valid: [
    // Different endpoints: readiness checks dependencies, liveness only the process.
    container(`          readinessProbe:
            httpGet: {path: /readyz, port: 8080}
          livenessProbe:
            httpGet: {path: /livez, port: 8080}`),
    // Same endpoint, but liveness gives up later than readiness: the pod leaves the load balancer first.
    container(`          readinessProbe:
            httpGet: {path: /healthz, port: 8080}
            failureThreshold: 2
          livenessProbe:
            httpGet: {path: /healthz, port: 8080}
            failureThreshold: 6`),
    // Only one of the two probes.
    container("          livenessProbe:\n            tcpSocket: {port: 8080}"),
    container("          readinessProbe:\n            tcpSocket: {port: 8080}"),
  ],
  invalid: [
    {
      code: container(`          readinessProbe:
            httpGet:
              path: /healthz
              port: 8080
          livenessProbe:
            initialDelaySeconds: 30
            httpGet:
              port: 8080
              path: /healthz`),
      errors: [same(15, 11, 24)],
    },
    {
      // Spelled-out defaults are the defaults; an alias is the same probe.
      code: container(`          readinessProbe: &probe
            exec:
              command: ["redis-cli", "ping"]
            periodSeconds: 10
          livenessProbe: *probe`),
      errors: [same(15, 11, 24)],
    },
    {
      code: `apiVersion: apps/v1
kind: StatefulSet
spec:
  template:
    spec:
      containers:
        - name: db
          readinessProbe: {grpc: {port: 9555}, periodSeconds: 15}
          livenessProbe: {periodSeconds: 15, grpc: {port: 9555}}`,
      errors: [same(9, 11, 24)],
    },
  ],
});
