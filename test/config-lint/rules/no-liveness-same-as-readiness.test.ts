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
    // Same endpoint, liveness checked half as often: it acts after 60 s, readiness after 30 s.
    container(`          readinessProbe:
            httpGet: {path: /healthz, port: 8080}
          livenessProbe:
            httpGet: {path: /healthz, port: 8080}
            periodSeconds: 20`),
    // A TCP connect fails only when nothing listens: restarting then is right.
    container(`          readinessProbe:
            tcpSocket: {port: 6379}
          livenessProbe:
            tcpSocket: {port: 6379}`),
    // Another port is another check.
    container(`          readinessProbe:
            httpGet: {path: /healthz, port: 8080}
          livenessProbe:
            httpGet: {path: /healthz, port: 8081}`),
    // Only one of the two probes.
    container("          livenessProbe:\n            tcpSocket: {port: 8080}"),
    container("          readinessProbe:\n            tcpSocket: {port: 8080}"),
  ],
  invalid: [
    {
      // Headers do not pick another check: the same endpoint answers both.
      code: container(`          ports:
            - name: http
              containerPort: 8080
          readinessProbe:
            httpGet:
              path: /_healthz
              port: 8080
              httpHeaders: [{name: Cookie, value: session=x-readiness-probe}]
          livenessProbe:
            httpGet:
              path: /_healthz
              port: http
              httpHeaders: [{name: Cookie, value: session=x-liveness-probe}]`),
      errors: [same(19, 11, 24)],
    },
    {
      // Liveness acting sooner than readiness (15 s against 30 s) is worse than acting with it.
      code: container(`          readinessProbe:
            httpGet: {path: /healthz, port: 8080}
          livenessProbe:
            httpGet: {path: /healthz, port: 8080}
            periodSeconds: 5`),
      errors: [
        {
          message:
            "This livenessProbe runs the readinessProbe's check and restarts the container after 15 s of failures, no later than readiness takes it out of the load balancer (30 s), so a pod that is only busy or waiting on a dependency is restarted instead of rested, and the restarts cascade across replicas. " +
            "Make liveness check only that the process responds (a separate `/livez` that touches no dependency); if it must share the endpoint, let it act well after readiness (`periodSeconds` × `failureThreshold` of 60 s or more).",
          line: 13,
        },
      ],
    },
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
