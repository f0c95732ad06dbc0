import rule from "../../../config-lint/rules/no-zero-shutdown-grace.ts";
import { yamlRuleTester } from "../../helpers/rule-testers.ts";

const at = (messageId: string, line: number, column: number, endColumn: number, data?: Record<string, string>) => ({
  messageId,
  ...(data ? { data } : {}),
  line,
  column,
  endLine: line,
  endColumn,
});

const podSpec = (body: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
${body}`;

yamlRuleTester().run("no-zero-shutdown-grace", rule, {
  valid: [
    podSpec("      terminationGracePeriodSeconds: 30\n      containers:\n        - name: api\n          image: api"),
    // Default grace period (30 s) is longer than the preStop delay.
    podSpec(`      containers:
        - name: api
          image: api
          lifecycle:
            preStop:
              exec:
                command: ["sleep", "10"]`),
    podSpec(`      terminationGracePeriodSeconds: 60
      containers:
        - name: api
          lifecycle:
            preStop:
              sleep:
                seconds: 20`),
    // A hook of unknown length, and a templated value, cannot be compared.
    podSpec(`      terminationGracePeriodSeconds: 5
      containers:
        - name: api
          lifecycle:
            preStop:
              httpGet: {path: /drain, port: 8080}`),
    { filename: "deploy/compose.yaml", code: "services:\n  api:\n    image: api\n    stop_grace_period: 1m30s\n    stop_signal: SIGINT\n" },
    // Local-development Compose files and test data are not production.
    { filename: "compose.dev.yaml", code: "services:\n  api:\n    image: api\n    stop_grace_period: 0s\n" },
    { filename: "test/e2e/pod.yaml", code: "apiVersion: v1\nkind: Pod\nspec:\n  terminationGracePeriodSeconds: 0\n  containers: []\n" },
    // Not a workload.
    "apiVersion: v1\nkind: ConfigMap\ndata:\n  terminationGracePeriodSeconds: '0'\n",
  ],
  invalid: [
    {
      code: podSpec("      terminationGracePeriodSeconds: 0\n      containers:\n        - name: api\n          image: api"),
      errors: [at("zeroGracePeriod", 8, 38, 39)],
    },
    {
      code: podSpec(`      terminationGracePeriodSeconds: 10
      containers:
        - name: api
          lifecycle:
            preStop:
              exec:
                command: ["/bin/sh", "-c", "sleep 15"]`),
      errors: [at("graceShorterThanPreStop", 8, 38, 40, { grace: "10", delay: "15" })],
    },
    {
      // No grace period written: the default 30 s is used up by a 45 s sleep, reported at the sleep.
      code: podSpec(`      containers:
        - name: api
          lifecycle:
            preStop:
              sleep:
                seconds: 45`),
      errors: [at("graceShorterThanPreStop", 13, 26, 28, { grace: "30", delay: "45" })],
    },
    {
      // A bare Pod and a CronJob's pods, in a multi-document file.
      code: `apiVersion: v1
kind: Pod
spec:
  terminationGracePeriodSeconds: 0
  containers: []
---
apiVersion: batch/v1
kind: CronJob
spec:
  jobTemplate:
    spec:
      template:
        spec:
          terminationGracePeriodSeconds: 0`,
      errors: [at("zeroGracePeriod", 4, 34, 35), at("zeroGracePeriod", 14, 42, 43)],
    },
    {
      filename: "deploy/docker-compose.yml",
      code: `services:
  api:
    build: .
    stop_grace_period: 0s
  worker:
    image: worker
    stop_signal: SIGKILL
  cron:
    image: cron
    stop_grace_period: "0"
`,
      errors: [
        at("composeZeroGrace", 4, 24, 26, { text: "0s" }),
        at("composeKillSignal", 7, 18, 25, { text: "SIGKILL" }),
        at("composeZeroGrace", 10, 24, 27, { text: "0" }),
      ],
    },
  ],
});
