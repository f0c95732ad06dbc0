import rule from "../../../config-lint/rules/no-literal-secret-in-config.ts";
import { yamlRuleTester } from "../../helpers/rule-testers.ts";

const INSTEAD = {
  kubernetesEnv: "Reference a Secret with `valueFrom.secretKeyRef`.",
  kubernetesCommand: "Pass it in an environment variable that references a Secret (`valueFrom.secretKeyRef`).",
  configMap: "Move it to a Secret: ConfigMaps are not access-controlled as credentials.",
  kubernetesSecret:
    "A Secret in the repository is only base64-encoded: commit a SealedSecret or SOPS-encrypted file instead, or create the Secret from a secret manager (External Secrets Operator).",
  compose: "Interpolate it (`${VARIABLE}`) from an untracked `.env` file, or use Compose `secrets`.",
  composeBuildArg: "Use a build secret (`RUN --mount=type=secret`): build arguments stay readable in the image history.",
  githubActions: "Store it as an Actions secret and use `${{ secrets.NAME }}`.",
  appConfig: "Read it from the environment or a secret store at startup.",
  helmValues: "Give it at install time (`--set`, or a values file kept out of the repository), or point the chart at an existing Secret.",
};
type Site = keyof typeof INSTEAD;

const secret = (site: Site, name: string, line: number, column: number, endColumn: number) => ({
  messageId: "literalSecret",
  data: { name, label: "", instead: INSTEAD[site] },
  line,
  column,
  endLine: line,
  endColumn,
});
const known = (site: Site, label: string, line: number, column: number, endColumn: number) => ({
  messageId: "knownCredential",
  data: { name: "", label, instead: INSTEAD[site] },
  line,
  column,
  endLine: line,
  endColumn,
});

const deployment = (containerBody: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api
          image: api:1
${containerBody}`;

const GITHUB_TOKEN = `ghp_${"a1B2".repeat(9)}`;

yamlRuleTester().run("no-literal-secret-in-config", rule, {
  valid: [
    // Objects that stand for a secret, and Secrets whose values a tool or Kubernetes fills in.
    "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: db\nspec:\n  encryptedData:\n    password: AgBy3i4OJSWK+PiTySYZZA==\n",
    "apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata:\n  name: db\nspec:\n  data:\n    - secretKey: password\n      remoteRef:\n        key: prod/db\n",
    "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: ${DB_PASSWORD}\n",
    "apiVersion: v1\nkind: Secret\nmetadata:\n  name: ci-token\n  annotations:\n    kubernetes.io/service-account.name: ci\ntype: kubernetes.io/service-account-token\n",
    // References, not credentials.
    deployment(`          env:
            - name: DATABASE_PASSWORD
              valueFrom:
                secretKeyRef: { name: db, key: password }
            - name: API_TOKEN_FILE
              value: /run/secrets/api-token
            - name: SECRET_NAME
              value: orders-db-credentials
            - name: TOKEN_URL
              value: https://auth.example.com/oauth/token
            - name: PASSWORD_MIN_LENGTH
              value: "12"
            - name: DB_PASSWORD
              value: $(DB_PASSWORD_FROM_SECRET)
            - name: NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY
              value: pk_live_1234567890abcdefghij
            - name: CACHE_KEY
              value: orders-v2-cache
            - name: DATABASE_URL
              value: postgres://orders@db:5432/orders`),
    // Placeholders and well-known defaults leak nothing.
    deployment(`          env:
            - { name: API_KEY, value: "<your-api-key>" }
            - { name: ADMIN_PASSWORD, value: changeme }
            - { name: CLIENT_SECRET, value: "xxxxxxxx" }
            - { name: SESSION_SECRET, value: "" }
            - { name: AWS_ACCESS_KEY_ID, value: AKIAIOSFODNN7EXAMPLE }
            - { name: DATABASE_URL, value: "postgres://app:app@localhost:5432/app" }`),
    // Compose: interpolation, defaults, `$$` escapes of interpolation, pass-through variables.
    {
      filename: "deploy/docker-compose.yml",
      code: `services:
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: \${POSTGRES_PASSWORD}
      REPLICA_PASSWORD: "\${REPLICA_PASSWORD:-}"
      API_TOKEN:
  api:
    image: api
    environment:
      - DATABASE_URL=postgres://orders:\${POSTGRES_PASSWORD}@db:5432/orders
      - SECRET_KEY
      - JWT_SECRET=$$JWT_SECRET_FROM_ENTRYPOINT
`,
    },
    // Local-development and test Compose files: throwaway credentials by design.
    {
      filename: "compose.override.yaml",
      code: "services:\n  db:\n    image: postgres\n    environment:\n      POSTGRES_PASSWORD: s3cr3t-dev\n",
    },
    {
      filename: "docker-compose.dev.yml",
      code: "services:\n  db:\n    image: postgres\n    environment:\n      - POSTGRES_PASSWORD=s3cr3t-dev\n",
    },
    // GitHub Actions: secrets and expressions; a CI service container's throwaway password.
    {
      filename: ".github/workflows/ci.yml",
      code: `on: push
env:
  NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
jobs:
  test:
    runs-on: ubuntu-latest
    services:
      postgres:
        image: postgres:16
        env:
          POSTGRES_PASSWORD: ci-only-password
    env:
      DATABASE_URL: postgres://postgres:ci-only-password@localhost:5432/test
    steps:
      - uses: actions/checkout@v4
        with:
          persist-credentials: false
          token: \${{ github.token }}
      - run: npm test
`,
    },
    // The job's own service container's password handed to the tests; a test run's own keys (NODE_ENV: test).
    {
      filename: ".github/workflows/ci.yml",
      code: `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    services:
      mysql:
        image: mysql:8.4
        env:
          MYSQL_PASSWORD: test_password
    steps:
      - run: npm test
        env:
          MYSQL_PASSWORD: test_password
`,
    },
    {
      filename: ".github/workflows/test.yml",
      code: `on: push
env:
  NODE_ENV: test
  SECRET_KEY: F0E5AD933D7F6FD8F4DBB3E038C501C052DC0593C686D21ACB30AE205D2F634B
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: yarn test
        env:
          DATA_ENCRYPTION_KEY: "12345678901234567890123456789012"
`,
    },
    // App config: placeholders resolved at startup, names of environment variables, tags.
    {
      filename: "config/default.yaml",
      code: `database:
  url: "\${DATABASE_URL}"
  password: "\${DATABASE_PASSWORD}"
stripe:
  secretKey: STRIPE_SECRET_KEY
  apiKey: !env STRIPE_API_KEY
messages:
  passwordTooShort: Password must be at least 12 characters
`,
    },
    { filename: "config/development.yaml", code: "database:\n  password: dev-password-1\n" },
    { filename: "config/test.yaml", code: "database:\n  password: test-password-1\n" },
    // Rails' database.yml keeps development and test credentials next to production's reference.
    {
      filename: "config/database.yml",
      code: "development:\n  password: dev-password-1\ntest:\n  password: test-password-1\nproduction:\n  password: <%= ENV['DB_PASSWORD'] %>\n",
    },
    // Test data, and files that are not application config.
    { filename: "pkg/config/testdata/conf.good.yml", code: "scrape_configs:\n  - job_name: x\n    bearer_token: abcd-1234-efgh\n" },
    { filename: "config/locales/en.yml", code: "en:\n  password: Passwort\n  token: Jeton\n" },
    // Local development stacks, told apart by what their services do (issue 16).
    {
      // A development build target, nodemon with the inspector, source mounted: a laptop's stack.
      filename: "docker-compose.yml",
      code: `services:
  vote:
    build: { context: ./vote, target: dev }
    volumes: ["./vote:/usr/local/app"]
  result:
    build: ./result
    entrypoint: nodemon --inspect=0.0.0.0 server.js
  db:
    image: postgres:15-alpine
    environment:
      POSTGRES_PASSWORD: "postgres"
`,
    },
    {
      // Two hints together: the image built from the repository (\`../\`) and debug logging.
      filename: "docker/docker-compose.yml",
      code: `services:
  app:
    build: { context: ../, dockerfile: docker/Dockerfile }
    environment:
      - RUST_LOG=warn,app_server=debug
  postgres:
    image: postgres:16
    environment:
      - POSTGRES_PASSWORD=password
`,
    },
    {
      // Only backing services, their ports published: the dependencies of an app run on the host.
      filename: "docker-compose.yml",
      code: "services:\n  db:\n    image: mysql:8.4\n    environment:\n      MYSQL_ROOT_PASSWORD: root_password\n    ports:\n      - 3306:3306\n",
    },
    {
      // A service Compose starts only with a development profile.
      filename: "compose.yaml",
      code: "services:\n  mailcatcher:\n    image: mailhog/mailhog\n    profiles: [dev]\n    environment:\n      SMTP_PASSWORD: mailpass\n",
    },
    {
      // A provider's API key left as a fill-in phrase: the provider refuses it, nothing is opened.
      filename: "compose.yaml",
      code: "services:\n  app:\n    image: app:1\n    environment:\n      OPENAI_API_KEY: your-api-key-here\n",
    },
    // An access key is the ID half of a key pair, like AWS_ACCESS_KEY_ID; the secret key is the secret.
    {
      filename: "compose.yaml",
      code: "services:\n  minio:\n    image: minio/minio\n    environment:\n      MINIO_ACCESS_KEY: minio-admin\n      AWS_ACCESS_KEY_ID: uploader\n",
    },
    // A template to copy and fill in.
    { filename: "config/settings.example.yaml", code: "database:\n  host: db.internal\n  password: hunter2-prod\n" },
    { filename: "deploy/values.sample.yaml", code: "database:\n  password: hunter2-prod\n" },
    // Any other YAML: a password-named setting with nothing around it saying what it opens.
    { filename: "ui/forms.yaml", code: "login:\n  password: Passwort\n  submit: Anmelden\n" },
    // Translations, where a user name and a password label sit side by side, and API descriptions' sample payloads.
    { filename: "config/locales/de.yml", code: "de:\n  login:\n    username: Benutzername\n    password: Passwort\n" },
    { filename: "src/docs/components.yml", code: "components:\n  examples:\n    Login:\n      value:\n        username: fake@example.com\n        password: password1\n" },
    { filename: "docs/api.yaml", code: "info:\n  title: x\nrequestBody:\n  example:\n    username: alice\n    password: s3cretpw\n" },
  ],
  invalid: [
    // A committed Secret: base64 is an encoding, not encryption.
    {
      code: "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\ndata:\n  password: aHVudGVyMi1wcm9k\n  host: ZGIuaW50ZXJuYWw=\nstringData:\n  apiKey: 9f8a7c6b5d4e3f2a1b0c\n",
      errors: [secret("kubernetesSecret", "password", 7, 13, 29), secret("kubernetesSecret", "apiKey", 10, 11, 31)],
    },
    {
      // A well-known default as the live value is the credential, and the first one anyone tries.
      code: deployment(`          env:
            - { name: POSTGRES_PASSWORD, value: postgres }
            - { name: GF_SECURITY_ADMIN_PASSWORD, value: admin }`),
      errors: [secret("kubernetesEnv", "POSTGRES_PASSWORD", 12, 49, 57), secret("kubernetesEnv", "GF_SECURITY_ADMIN_PASSWORD", 13, 58, 63)],
    },
    {
      code: deployment(`          env:
            - name: DATABASE_PASSWORD
              value: "hunter2-prod"
            - name: STRIPE_API_KEY
              value: sk_test_4eC39HqLyjWDarjtT1zdp7dc
            - name: DATABASE_URL
              value: postgres://orders:hunter2-prod@db.internal:5432/orders`),
      errors: [
        secret("kubernetesEnv", "DATABASE_PASSWORD", 13, 22, 36),
        secret("kubernetesEnv", "STRIPE_API_KEY", 15, 22, 54),
        known("kubernetesEnv", "a password in a connection string", 17, 40, 52),
      ],
    },
    {
      // A provider key format is a credential whatever the variable is called; so is a flag in the command line.
      code: deployment(`          args: ["--db-password=hunter2-prod", "--token", "s3cr3t-t0ken"]
          env:
            - name: GH
              value: ${GITHUB_TOKEN}`),
      errors: [
        secret("kubernetesCommand", "--db-password", 11, 33, 45),
        secret("kubernetesCommand", "--token", 11, 59, 73),
        known("kubernetesEnv", "a GitHub token", 14, 22, 62),
      ],
    },
    {
      // A ConfigMap is not the place for credentials; the second document of the file is checked too.
      code: `apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: api
data:
  LOG_LEVEL: info
  SMTP_PASSWORD: m41l-p4ss`,
      errors: [secret("configMap", "SMTP_PASSWORD", 11, 18, 27)],
    },
    {
      // Anchors: a value written once and merged into two containers is one finding, where it is written.
      code: `apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      containers:
        - name: api
          env: &env
            - name: JWT_SECRET
              value: jwt-s1gning-k3y
        - name: worker
          env: *env`,
      errors: [secret("kubernetesEnv", "JWT_SECRET", 10, 22, 37)],
    },
    {
      // Compose, map and list forms; in list form only the value after `=` is marked.
      filename: "deploy/docker-compose.yml",
      code: `services:
  reporting-db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: supersecret
  api:
    build:
      context: .
      args:
        NPM_TOKEN: npm_${"A".repeat(36)}
    environment:
      - DATABASE_URL=postgres://orders:hunter2-prod@reporting-db:5432/orders
      - "SESSION_SECRET=k3yboard-cat-42"
`,
      errors: [
        secret("compose", "POSTGRES_PASSWORD", 5, 26, 37),
        secret("composeBuildArg", "NPM_TOKEN", 10, 20, 60),
        known("compose", "a password in a connection string", 12, 40, 52),
        secret("compose", "SESSION_SECRET", 13, 25, 40),
      ],
    },
    {
      // GitHub Actions: workflow, job and step env, action inputs, and a token in a script.
      // A test run's keys are fixtures, but a provider's token is a credential wherever it is.
      filename: ".github/workflows/e2e.yml",
      code: `on: push
env:
  NODE_ENV: test
jobs:
  e2e:
    runs-on: ubuntu-latest
    env:
      SLACK_TOKEN: xoxb-123456789012-abcdefghij
    steps:
      - run: npm run e2e
`,
      errors: [known("githubActions", "a Slack token", 8, 20, 48)],
    },
    {
      filename: ".github/workflows/deploy.yml",
      code: `on: push
env:
  SLACK_TOKEN: xoxb-123456789012-abcdefghij
jobs:
  deploy:
    runs-on: ubuntu-latest
    env:
      API_TOKEN: ${GITHUB_TOKEN}
    steps:
      - uses: docker/login-action@v3
        with:
          username: deployer
          password: d0cker-hub-pass
      - env:
          DEPLOY_KEY: \${{ secrets.DEPLOY_KEY }}
          SENTRY_AUTH_TOKEN: sntrys-abc123
        run: |
          curl -H "Authorization: token ${GITHUB_TOKEN}" https://api.github.com
`,
      errors: [
        secret("githubActions", "SLACK_TOKEN", 3, 16, 44),
        secret("githubActions", "API_TOKEN", 8, 18, 58),
        secret("githubActions", "password", 13, 21, 36),
        secret("githubActions", "SENTRY_AUTH_TOKEN", 16, 30, 43),
        known("githubActions", "a GitHub token", 18, 41, 81),
      ],
    },
    {
      filename: "config/production.yaml",
      code: `server:
  port: 8080
database:
  password: "prod-password-123"
  url: "postgres://orders_app@prod-db.internal:5432/orders"
storage:
  accessKeyId: AKIAQWERTYUIOPASDFGH
  secret_access_key: wJalrXUtnFEMIK7MDENGbPxRfiCY0000000000
`,
      errors: [
        secret("appConfig", "password", 4, 13, 32),
        known("appConfig", "an AWS access key ID", 7, 16, 36),
        secret("appConfig", "secret_access_key", 8, 22, 60),
      ],
    },
    {
      // Spring Boot's application.yml, a private key in a block scalar.
      filename: "src/main/resources/application.yml",
      code: `spring:
  datasource:
    password: sp1ng-db-pass
signing:
  key: |
    -----BEGIN RSA PRIVATE KEY-----
    MIIEowIBAAKCAQEA
`,
      errors: [secret("appConfig", "password", 3, 15, 28), known("appConfig", "a private key", 6, 5, 36)],
    },
    {
      // A Helm chart's values are application config; a short value is a password too (a weak one).
      filename: "deploy/chart/values.yaml",
      code: "wordpress:\n  wordpressPassword: foo\n  mariadb:\n    db:\n      password: bar\n",
      errors: [secret("helmValues", "wordpressPassword", 2, 22, 25), secret("helmValues", "password", 5, 17, 20)],
    },
    {
      // Recognised by its content: a credential beside the host and port it opens.
      filename: "deploy/mailer.yml",
      code: "smtp:\n  host: smtp.mailgun.org\n  port: 587\n  username: postmaster@mg.example.org\n  password: k3y-8f2a91\n",
      errors: [secret("appConfig", "password", 5, 13, 23)],
    },
    {
      // One hint alone does not make a stack local: a source mount (some stacks serve files so) ...
      filename: "compose.yaml",
      code: `services:
  api:
    build: ./api
    volumes: ["./api/src:/app/src"]
    environment:
      MINIO_SECRET_KEY: minio-secret-key-1
`,
      errors: [secret("compose", "MINIO_SECRET_KEY", 6, 25, 43)],
    },
    {
      // ... or debug logging.
      filename: "compose.yaml",
      code: "services:\n  api:\n    image: api:1\n    environment:\n      LOG_LEVEL: debug\n      JWT_SECRET: k8Hq2mZp\n",
      errors: [secret("compose", "JWT_SECRET", 6, 19, 27)],
    },
    {
      // A fill-in phrase the stack starts with as it is: every unedited install shares it.
      // So does a password given to a database client in a healthcheck.
      filename: "docker-compose.yml",
      code: `services:
  umami:
    image: ghcr.io/umami-software/umami:postgresql-latest
    environment:
      APP_SECRET: replace-me-with-a-random-string
  db:
    image: mcr.microsoft.com/azure-sql-edge
    environment:
      SA_PASSWORD: example_123
    healthcheck:
      test: ["CMD-SHELL", "/opt/mssql-tools/bin/sqlcmd -S localhost -U sa -P example_123 -Q 'SELECT 1' || exit 1"]
  mysql:
    image: mysql:8
    healthcheck:
      test: ["CMD", "mysqladmin", "ping", "-uroot", "-pr00tpw"]
`,
      errors: [
        secret("compose", "APP_SECRET", 5, 19, 50),
        secret("compose", "SA_PASSWORD", 9, 20, 31),
        secret("compose", "sqlcmd -P", 11, 78, 89),
        secret("compose", "mysqladmin -p", 15, 56, 62),
      ],
    },
  ],
});
