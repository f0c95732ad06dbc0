import rule from "../../../config-lint/rules/no-insecure-tls-config.ts";
import { yamlRuleTester } from "../../helpers/rule-testers.ts";

const at = (messageId: string, line: number, column: number, endColumn: number, data?: Record<string, string>) => ({
  messageId,
  ...(data ? { data } : {}),
  line,
  column,
  endLine: line,
  endColumn,
});

const env = (entries: string) => `apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      containers:
        - name: api
          env:
${entries}`;

yamlRuleTester().run("no-insecure-tls-config", rule, {
  valid: [
    // Servers started with their security on, and the flag on something that is not CockroachDB.
    "apiVersion: apps/v1\nkind: StatefulSet\nspec:\n  template:\n    spec:\n      containers:\n        - name: db\n          image: cockroachdb/cockroach:v24.1.0\n          command: [cockroach, start, --certs-dir=/cockroach/certs, --join=db-0.db]\n",
    "apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    spec:\n      containers:\n        - name: fetch\n          image: curlimages/curl:8.8.0\n          args: [--insecure, https://example.com]\n",
    env(`            - name: xpack.security.enabled
              value: "true"`),
    { filename: "docker-compose.dev.yml", code: "services:\n  db:\n    image: cockroachdb/cockroach:v24.1.0\n    command: start-single-node --insecure\n" },
    env(`            - name: NODE_TLS_REJECT_UNAUTHORIZED
              value: "1"
            - name: NODE_EXTRA_CA_CERTS
              value: /etc/ssl/internal-ca.pem
            - name: DATABASE_URL
              value: postgres://orders@db.internal:5432/orders?sslmode=verify-full`),
    // Connections to this machine or to a Service of the same file, or to a host filled in later.
    `${env(`            - name: DATABASE_URL
              value: postgres://orders@postgres:5432/orders?sslmode=disable
            - name: LOCAL_URL
              value: postgres://orders@localhost/orders?sslmode=disable
            - name: TEMPLATED_URL
              value: postgres://orders@$(DB_HOST)/orders?sslmode=disable`)}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: postgres}\nspec:\n  selector: {app: postgres}\n`,
    "tls_config:\n  insecure_skip_verify: false\n  ca_file: /etc/prometheus/ca.pem\n",
    // Compose: a database service of the same file; local-development files.
    {
      filename: "compose.yaml",
      code: "services:\n  db:\n    image: postgres\n  api:\n    build: .\n    environment:\n      DATABASE_URL: postgres://app@db:5432/app?sslmode=disable\n",
    },
    { filename: "compose.override.yml", code: "services:\n  api:\n    build: .\n    environment:\n      NODE_TLS_REJECT_UNAUTHORIZED: '0'\n" },
    // A local development stack by its content (a development build target), and a variable that keeps verification on.
    {
      filename: "compose.yaml",
      code: "services:\n  api:\n    build: {context: ., target: development}\n    environment:\n      - OPAMP_TLS_INSECURE_SKIP_VERIFY=true\n      - SMTP_TLS_SKIP_VERIFY=false\n",
    },
    // GitHub Actions connect to throwaway service containers.
    { filename: ".github/workflows/ci.yml", code: "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    env:\n      DATABASE_URL: postgres://postgres@postgres:5432/test?sslmode=disable\n" },
    // metrics-server's APIService; test data.
    "apiVersion: apiregistration.k8s.io/v1\nkind: APIService\nspec:\n  insecureSkipTLSVerify: true\n",
    { filename: "pkg/testdata/scrape.yml", code: "tls_config:\n  insecure_skip_verify: true\n" },
  ],
  invalid: [
    // Database and search servers started with TLS and authentication off.
    {
      code: "apiVersion: apps/v1\nkind: StatefulSet\nspec:\n  template:\n    spec:\n      containers:\n        - name: db\n          image: cockroachdb/cockroach:v24.1.0\n          command: [cockroach, start, --insecure, --join=db-0.db]\n",
      errors: [at("insecureServer", 9, 39, 49, { text: "--insecure", server: "CockroachDB" })],
    },
    {
      filename: "compose.yaml",
      code: "services:\n  db:\n    image: cockroachdb/cockroach:v24.1.0\n    command: start-single-node --insecure\n    restart: always\n",
      errors: [at("insecureServer", 4, 32, 42, { text: "--insecure", server: "CockroachDB" })],
    },
    {
      code: env(`            - name: xpack.security.enabled
              value: "false"`),
      errors: [{ ...at("insecureServer", 10, 22, 29, { text: "xpack.security.enabled=false", server: "Elasticsearch" }) }],
    },
    {
      code: env(`            - name: NODE_TLS_REJECT_UNAUTHORIZED
              value: "0"
            - name: DATABASE_URL
              value: postgres://orders@prod-db.internal:5432/orders?sslmode=disable`),
      errors: [
        at("nodeTlsRejectUnauthorized", 10, 22, 25),
        at("sslDisabled", 12, 69, 84, { text: "sslmode=disable", host: "prod-db.internal" }),
      ],
    },
    {
      // Prometheus, Traefik, kubeconfig and Node-style settings, in any YAML file.
      code: `scrape_configs:
  - job_name: kubelet
    tls_config:
      insecure_skip_verify: true
serversTransport:
  insecureSkipVerify: true
clusters:
  - cluster:
      insecure-skip-tls-verify: true
database:
  ssl:
    rejectUnauthorized: false`,
      errors: [
        at("skipVerify", 4, 29, 33, { key: "insecure_skip_verify" }),
        at("skipVerify", 6, 23, 27, { key: "insecureSkipVerify" }),
        at("skipVerify", 9, 33, 37, { key: "insecure-skip-tls-verify" }),
        at("skipVerify", 12, 25, 30, { key: "rejectUnauthorized" }),
      ],
    },
    {
      filename: "docker-compose.yml",
      code: `services:
  api:
    build: .
    environment:
      - NODE_TLS_REJECT_UNAUTHORIZED=0
      - DATABASE_URL=postgres://app@db.example.com/app?sslmode=disable
`,
      errors: [
        at("nodeTlsRejectUnauthorized", 5, 38, 39),
        at("sslDisabled", 6, 56, 71, { text: "sslmode=disable", host: "db.example.com" }),
      ],
    },
    {
      // An app's setting passed as a variable, here in Compose's list form.
      filename: "compose.observability.yaml",
      code: "services:\n  cart:\n    environment:\n      - OPAMP_SERVER_ENDPOINT=wss://${OPAMP_HOST}:4320/v1/opamp\n      - OPAMP_SERVER_TLS_INSECURE_SKIP_VERIFY=true\n",
      errors: [at("skipVerify", 5, 47, 51, { key: "OPAMP_SERVER_TLS_INSECURE_SKIP_VERIFY" })],
    },
    {
      filename: "config/production.yaml",
      code: `database:
  url: "postgres://orders_app@prod-db.internal:5432/orders?sslmode=disable"
replica:
  host: replica.internal
  sslmode: disable
`,
      errors: [
        at("sslDisabled", 2, 60, 75, { text: "sslmode=disable", host: "prod-db.internal" }),
        at("sslDisabled", 5, 12, 19, { text: "sslmode: disable", host: "replica.internal" }),
      ],
    },
    {
      filename: ".github/workflows/deploy.yml",
      code: "on: push\nenv:\n  NODE_TLS_REJECT_UNAUTHORIZED: 0\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./deploy.sh\n",
      errors: [at("nodeTlsRejectUnauthorized", 3, 33, 34)],
    },
  ],
});
