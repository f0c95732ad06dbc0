import rule from "../../../config-lint/rules/no-signal-blocking-command.ts";
import { yamlRuleTester } from "../../helpers/rule-testers.ts";

const deployment = (container: string, kind = "Deployment") => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api
          image: api:1
${container}`;

const shell = (line: number, column: number, endLine: number, endColumn: number, name = "sh") => ({
  messageId: "shellWithoutExec",
  data: { shell: name },
  line,
  column,
  endLine,
  endColumn,
});
const packageManager = (line: number, column: number, endColumn: number, tool: string) => ({
  messageId: "packageManager",
  data: { tool },
  line,
  column,
  endLine: line,
  endColumn,
});

yamlRuleTester().run("no-signal-blocking-command", rule, {
  valid: [
    deployment('          command: ["node", "dist/server.js"]'),
    // `exec` hands PID 1 to the app; a lone command is exec'd by the shell itself.
    deployment('          command: ["sh", "-c", "npx prisma migrate status && exec node dist/server.js"]'),
    deployment(`          command:
            - /bin/bash
            - -ec
            - |
              export PORT="\${PORT:-8080}"
              exec node dist/server.js --port "$PORT"`),
    deployment('          command: ["sh", "-c", "node dist/server.js --port $PORT"]'),
    // A script that traps signals handles them; a script that is a loop has no app to exec.
    deployment("          command: [\"sh\", \"-c\", \"trap 'kill -TERM $child' TERM; node server.js & child=$!; wait $child\"]"),
    deployment('          args: ["/bin/sh", "-c", "while true; do date; sleep 5; done"]'),
    // dumb-init signals the whole process group.
    deployment('          command: ["dumb-init", "sh", "-c", "cd app && node server.js"]'),
    // npm for something other than running the app; npx.
    deployment('          command: ["npm", "--version"]'),
    deployment('          command: ["npx", "ts-node", "server.ts"]'),
    // Run-to-completion containers and init containers stop on their own.
    `apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    spec:\n      containers:\n        - name: migrate\n          command: ["sh", "-c", "npm ci && npm run migrate"]`,
    deployment('          command: ["node", "server.js"]').replace("      containers:", '      initContainers:\n        - name: wait\n          command: ["sh", "-c", "until nc -z db 5432; do sleep 1; done; echo ready"]\n      containers:'),
    { filename: "compose.yaml", code: "services:\n  api:\n    build: .\n    command: node dist/server.js\n" },
    { filename: "docker-compose.dev.yml", code: "services:\n  api:\n    build: .\n    command: npm run dev\n" },
    // A local development stack by what it does, whatever its name: a development build target,
    // a watcher and the Node.js inspector's port. Stopping it quickly does not matter.
    {
      filename: "compose.yaml",
      code: `services:
  backend:
    build: { context: backend, target: development }
    command: npm run start-watch
    ports: ["80:80", "9229:9229"]
`,
    },
    // A service only a development profile starts.
    { filename: "compose.yaml", code: "services:\n  docs:\n    image: node:22\n    profiles: [dev]\n    command: npm start\n" },
  ],
  invalid: [
    {
      code: deployment('          command: ["sh", "-c", "npm start"]'),
      errors: [packageManager(11, 33, 44, "npm start")],
    },
    {
      code: deployment('          command: ["npm", "run", "serve"]', "StatefulSet"),
      errors: [packageManager(11, 21, 26, "npm run")],
    },
    {
      // `command` + `args`; a multi-line script whose last command is not exec'd.
      code: deployment(`          command: ["/bin/bash", "-c"]
          args:
            - |
              ./scripts/wait-for-db.sh
              node dist/server.js`, "DaemonSet"),
      errors: [shell(13, 15, 15, 34, "bash")],
    },
    {
      // tini forwards SIGTERM to its child only: here the shell.
      code: deployment('          command: ["tini", "--", "sh", "-c", "cd /app && yarn start"]'),
      errors: [shell(11, 47, 11, 70)],
    },
    {
      code: deployment('          command: ["sh", "-c", "exec yarn workspace api start"]'),
      errors: [packageManager(11, 33, 64, "yarn start")],
    },
    {
      filename: "deploy/docker-compose.yml",
      code: `services:
  web:
    image: nginx
    command: /bin/bash -c "envsubst < /tmp/site.conf > /etc/nginx/conf.d/default.conf && nginx -g 'daemon off;'"
  api:
    build: .
    entrypoint: ["yarn"]
    command: ["start"]
`,
      errors: [shell(4, 14, 4, 113, "bash"), packageManager(7, 18, 24, "yarn start")],
    },
    {
      // The same service built from a release stage, its source mounted: one hint is not a development stack.
      filename: "compose.yaml",
      code: "services:\n  api:\n    build: { context: api, target: runtime }\n    volumes: [./api/src:/app/src]\n    command: npm start\n",
      errors: [packageManager(5, 14, 23, "npm start")],
    },
  ],
});
