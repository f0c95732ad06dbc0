import rule from "../../../config-lint/rules/no-migration-at-startup.ts";
import { yamlRuleTester } from "../../helpers/rule-testers.ts";

const workload = (containers: string, { kind = "Deployment", replicas = "3" } = {}) => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: orders
spec:
  replicas: ${replicas}
  template:
    spec:
${containers}`;

const migration = (command: string, pods: string, kind: string, line: number, column: number, endLine: number, endColumn: number) => ({
  messageId: "migrationAtStartup",
  data: { command, pods, kind },
  line,
  column,
  endLine,
  endColumn,
});

yamlRuleTester().run("no-migration-at-startup", rule, {
  valid: [
    // One replica: the migration runs once per rollout (still before the old pods are gone, but not concurrently).
    workload('      containers:\n        - name: api\n          command: ["sh", "-c", "npx prisma migrate deploy && exec node server.js"]', { replicas: "1" }),
    // A Job is the right place.
    'apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    spec:\n      containers:\n        - name: migrate\n          command: ["npx", "prisma", "migrate", "deploy"]\n',
    // Checking, not applying, migrations; a word that only looks like one.
    workload('      containers:\n        - name: api\n          command: ["sh", "-c", "npx prisma migrate status && exec node server.js"]'),
    workload('      containers:\n        - name: api\n          args: ["--migrate-on-start=false", "--log-level=info"]'),
  ],
  invalid: [
    {
      code: workload(`      initContainers:
        - name: migrate
          image: orders:1
          command: ["npx", "prisma", "migrate", "deploy"]
      containers:
        - name: api
          image: orders:1`),
      errors: [migration("prisma migrate deploy", "each of the 3 pods", "Deployment", 12, 28, 12, 57)],
    },
    {
      code: workload(`      containers:
        - name: web
          command:
            - /bin/sh
            - -c
            - bundle exec rails db:migrate && exec bundle exec puma`, { kind: "StatefulSet", replicas: "2" }),
      errors: [migration("rails db:migrate", "each of the 2 pods", "StatefulSet", 14, 15, 14, 68)],
    },
    {
      // No replicas written, but a HorizontalPodAutoscaler of the same file scales it out.
      code: `${workload('      containers:\n        - name: api\n          args: ["alembic", "upgrade", "head"]', { replicas: "null" })}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: orders}
  minReplicas: 1
  maxReplicas: 10`,
      errors: [migration("alembic upgrade", "each of the 10 pods", "Deployment", 11, 18, 11, 38)],
    },
    {
      code: `apiVersion: apps/v1
kind: DaemonSet
spec:
  template:
    spec:
      containers:
        - name: agent
          command: ["npm", "run", "db:migrate"]`,
      errors: [migration("npm run db:migrate", "the pod on every node", "DaemonSet", 8, 21, 8, 47)],
    },
  ],
});
