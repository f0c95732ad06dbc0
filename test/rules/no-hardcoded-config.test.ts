import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { RuleTester, type Rule } from "eslint";
import ts from "typescript";
import tseslint from "typescript-eslint";
import rule from "../../rules/no-hardcoded-config.ts";
import { inMemoryProgram, VIRTUAL_ROOT } from "../helpers/typescript-program.ts";
import { at } from "../helpers/positions.ts";

const ruleTester = new RuleTester({ languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } } });

/** An error at `snippet` whose suggestion replaces it with `process.env.<env>`. */
function withEnv(code: string, messageId: string, snippet: string, env: string, occurrence = 0) {
  const location = at(code, snippet, occurrence);
  let index = -1;
  for (let i = 0; i <= occurrence; i++) index = code.indexOf(snippet, index + 1);
  const output = code.slice(0, index) + `process.env.${env}` + code.slice(index + snippet.length);
  return { messageId, ...location, suggestions: [{ messageId: "useEnv", data: { env }, output }] };
}

/** An error at `snippet` (a fallback literal) whose suggestion drops the fallback `expression`. */
function withoutFallback(code: string, messageId: string, snippet: string, expression: string, env: string) {
  const output = code.replace(expression, expression.slice(0, expression.search(/\s*(?:\|\||\?\?)/u)));
  return { messageId, ...at(code, snippet), suggestions: [{ messageId: "removeFallback", data: { env }, output }] };
}

/** A TypeScript program over in-memory files, as a type-aware ESLint config would provide it. */
const ROOT = VIRTUAL_ROOT;
const program = (files: Record<string, string>): ts.Program => inMemoryProgram(files, { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, strict: true, noEmit: true, types: [], experimentalDecorators: true });

// A method of a library object, recognised by its declared type: `this.jwt` is @nestjs/jwt's JwtService.
const nestJwtService = `import { JwtService } from "@nestjs/jwt";
export class AuthService {
  constructor(private readonly jwt: JwtService) {}
  issue(userId: string) {
    return this.jwt.sign({ sub: userId }, { secret: "n3st-jwt-s3cret", expiresIn: "1h" });
  }
}
`;
// Built-ins are declared by TypeScript's lib files, which are not a library receiving options.
const builtIns = `const users: { email: string; password: string }[] = [];
users.push({ email: "a@acme.dev", password: "Passw0rd!" });
`;
const nestJwtProgram = program({
  "src/users.ts": builtIns,
  "src/auth.service.ts": nestJwtService,
  "node_modules/@nestjs/jwt/index.d.ts": `export declare class JwtService {\n  sign(payload: object, options?: { secret?: string; expiresIn?: string }): string;\n}\n`,
});

const poolWithPassword = `import { Pool } from "pg";
export const pool = new Pool({
  connectionString: "postgres://orders_app:Orders2024!@prod-db.internal:5432/orders",
});`;
const credentialFallback = `export const reportingDatabaseUrl =
  process.env.DATABASE_URL || "postgres://admin:pw@prod-db.internal:5432/orders";`;
const stripeKey = `const Stripe = require("stripe");
const stripe = new Stripe("sk_live_4eC39HqLyjWDarjtT1zdp7dc");`;
const jwtSign = `import jwt from "jsonwebtoken";
export function issueToken(userId: string) {
  return jwt.sign({ sub: userId }, "orders-jwt-secret", { expiresIn: "1h" });
}`;
const jwtAliased = `import { verify as verifyToken } from "jsonwebtoken";
const secret = "orders-jwt-secret";
export const check = (token) =>
  verifyToken(
    token,
    secret,
  );`;
const sessionSecret = `const session = require("express-session");
app.use(session({ secret: "keyboard cat", resave: false, store }));`;
const sessionKeys = `import cookieSession from "cookie-session";
app.use(cookieSession({ name: "sid", keys: ["key-one-2023", "key-two-2024"] }));`;
const cookieParserSecret = `import cookieParser from "cookie-parser";
app.use(cookieParser("s3cr3t"));`;
const hmacKey = `import { createHmac } from "node:crypto";
const signature = createHmac("sha256", "hook-signing-key").update(body).digest("hex");`;
const pgOptions = `const { Pool } = require("pg");
const pool = new Pool({ host: "10.0.3.7", user: "orders", password: "Orders2024!", database: "orders" });`;
const declaredSecrets = `export const JWT_SECRET = "d3v-s3cr3t";
const ADMIN_PASSWORD = "changeme";
class PaymentsClient {
  private readonly apiKey = "a1b2c3d4e5f6g7h8i9j0";
}`;
const koaKeys = `const Koa = require("koa");
const app = new Koa();
app.keys = ["im a newer secret", "i like turtle"];`;
const envAssignment = `process.env.JWT_SECRET = "dev-only-secret";`;
const secretFallback = `const secret = process.env.JWT_SECRET || "superSecret";`;
const ADMIN_FALLBACK = `export async function initAdmin(options) {\n  const password = options?.adminPassword || "unleash4all";\n  await users.create({ username: "admin", password });\n}`;
const destructuredFallback = `const { SESSION_SECRET = "keyboard cat" } = process.env;`;
const mongoConnect = `import mongoose from "mongoose";
await mongoose.connect("mongodb+srv://cluster0.ab1cd.mongodb.net/shop");`;
const internalServiceUrl = `export const ORDERS_SERVICE_URL = "http://orders.svc.cluster.local:8080";`;
const placeholderLink = "export async function sendReset(to, token) {\n  const resetPasswordUrl = `http://link-to-app/reset-password?token=${token}`;\n  await mail(to, resetPasswordUrl);\n}";
const frontendUrl = `export const FRONTEND_URL = "http://frontend:3000";`;
const axiosBase = `import axios from "axios";
export const billing = axios.create({ baseURL: "http://10.0.12.4:3000/api", timeout: 5000 });`;
const kafkaBrokers = `import { Kafka } from "kafkajs";
const kafka = new Kafka({
  clientId: "orders",
  brokers: ["kafka-1.internal:9092", "kafka-2.internal:9092"],
});`;
const fetchInternal = `const health = await fetch("http://10.1.2.3/internal/health");`;
const locationFallback = `const billingUrl = process.env.BILLING_URL ?? "http://billing.internal";`;
const localhostUrl = `const DEV_DATABASE_URL = "postgres://localhost:5432/orders_dev";`;
const octokit = `import { Octokit } from "@octokit/rest";
const octokit = new Octokit({ auth: "ghp_R2x9Lq8ZkT4mWv7Yb1Nc5Hd3Jf6Gs0Pa1Qe8" });`;
const awsKeys = `import { S3Client } from "@aws-sdk/client-s3";
const s3 = new S3Client({
  region: "eu-west-1",
  credentials: { accessKeyId: "AKIA2OGYBAH6STMMNXNN", secretAccessKey: "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" },
});`;
const privateKey = `const SIGNING_KEY = \`-----BEGIN PRIVATE KEY-----
MC0CAQAEKGszSnE5WnJUN3ZXbTJMcFg4c05jNEhkWTZiSmYxR2U1QWEwUXcyRXo=
-----END PRIVATE KEY-----\`;`;
const credentialsInHttpsUrl = `const DEPLOY_HOOK = "https://deploy:hunter22@ci.acme.dev/hooks/orders";`;
const templateWithCredentials = "const url = `postgres://admin:Sup3rS3cret@${host}:5432/orders`;";
const templateWithHost = "const url = `postgres://${user}:${password}@db.internal:5432/orders`;";
const jsxKey = `export const App = () => <StripeProvider apiKey="sk_live_4eC39HqLyjWDarjtT1zdp7dc" />;`;
const sequelizeMysql = `import { Sequelize } from "sequelize";
const sequelize = new Sequelize("orders", "root", "r00t-pass", { dialect: "mysql", host: "localhost" });`;
const fastifyJwt = `import fastifyJwt from "@fastify/jwt";
fastify.register(fastifyJwt, { secret: "supersecret" });`;
const nestModules = `import { JwtModule } from "@nestjs/jwt";
import { TypeOrmModule } from "@nestjs/typeorm";
export const imports = [
  JwtModule.register({ secret: "s3cr3t-jwt-key", signOptions: { expiresIn: "60s" } }),
  TypeOrmModule.forRoot({ type: "postgres", host: "10.0.0.8", username: "app", password: "root" }),
];`;
const nodemailer = `const nodemailer = require("nodemailer");
const transport = nodemailer.createTransport({ host: "smtp.acme.dev", auth: { user: "mailer", pass: "m4iler-Pass" } });`;

// typescript-eslint's rule type and ESLint's RuleTester describe the same object differently.
ruleTester.run("no-hardcoded-config", rule as unknown as Rule.RuleModule, {
  valid: [
    // A one-word host as a development fallback, or as an option that is no location (a dev server's proxy target).
    `const apiUrl = process.env.API_URL || "http://api:3000";`,
    `app.use(createProxyMiddleware("/api", { target: "http://backend:8080" }));`,
    // A form's empty default, and a label of a password field, are not credentials.
    "export function login(req) {\n  const password = req.body.password || \"\";\n  const label = options.passwordLabel || \"Password\";\n  return check(password, label);\n}",
    // Read from the environment.
    `import { Pool } from "pg"; const pool = new Pool({ connectionString: process.env.DATABASE_URL });`,
    `import jwt from "jsonwebtoken"; jwt.sign(payload, process.env.JWT_SECRET!);`,
    `const session = require("express-session"); app.use(session({ secret: config.sessionSecret }));`,
    // Development fallbacks to this machine without credentials, and Compose service names.
    `const url = process.env.REDIS_URL ?? "redis://localhost:6379";`,
    `const DEV_DATABASE_URL = "postgres://localhost:5432/orders_dev";`,
    `const host = process.env.REDIS_HOST || "127.0.0.1";`,
    `const url = process.env.DATABASE_URL ?? "postgres://db:5432/app";`,
    `const url = "amqp://host.docker.internal:5672";`,
    // A product's default credentials on this machine are a development setup, not a secret.
    `const url = process.env.DATABASE_URL || "postgres://postgres:postgres@localhost:5432/orders_dev";`,
    `module.exports = { development: { client: "pg", connection: "postgres://root:root@127.0.0.1/app" } };`,
    `const amqp = require("amqplib"); await amqp.connect("amqp://guest:guest@localhost:5672");`,
    `import { Pool } from "pg"; const pool = new Pool({ password: process.env.PGPASSWORD || "postgres" });`,
    // Test data named as such, and the Kubernetes API from inside a pod.
    `export const TEST_PASSWORD = "Test1234!"; const MOCK_API_KEY = "mock_0123456789abcdef";`,
    `const res = await fetch("https://kubernetes.default.svc/api/v1/namespaces");`,
    // Public API base URLs and links are not deployment config.
    `export const STRIPE_API_BASE = "https://api.stripe.com/v1";`,
    `export const GITHUB_API_BASE = "https://api.github.com";`,
    `const res = await fetch("https://api.github.com/repos/acme/orders");`,
    `const docsLink = "http://wiki.corp/runbooks/orders";`,
    // The cloud metadata address is the same everywhere.
    `const METADATA_URL = "http://169.254.169.254/latest/meta-data/";`,
    // Enum-like constants, routes and headers named after themselves.
    `export const Secrets = { JWT_SECRET: "JWT_SECRET", API_KEY: "api_key" } as const;`,
    // Koa's keys from the environment; a `keys` property of something that is not a Koa app.
    'const Koa = require("koa"); const app = new Koa(); app.keys = [process.env.APP_KEY_CURRENT, process.env.APP_KEY_PREVIOUS];',
    'const cache = new Map(); cache.keys = ["users", "orders"];',
    // Values listed to recognise and refuse them, not to use them.
    `const PLACEHOLDER_SECRETS = { AUTH_JWT_SECRET: "secret_for_jwt", AUTH_REFRESH_SECRET: "secret_for_refresh" } as const;\nif (process.env.AUTH_JWT_SECRET === PLACEHOLDER_SECRETS.AUTH_JWT_SECRET) throw new Error("placeholder");`,
    `const WEAK_PASSWORDS = [{ ADMIN_PASSWORD: "Winter2024!" }];`,
    `const PASSWORD = "password"; const RESET_PASSWORD = "/reset-password"; const API_KEY = "X-API-Key";`,
    `const GITHUB_TOKEN = "token";`,
    `enum Env { JWT_SECRET = "jwt-secret-value-123" }`,
    // Names that are about secrets without holding one.
    `const INVALID_PASSWORD = "Invalid password"; const PASSWORD_MIN_LENGTH = 8; const SECRET_NAME = "prod/jwt";`,
    `const JWT_SECRET_PATH = "/run/secrets/jwt"; const PRIVATE_KEY = "./keys/private.pem"; const CACHE_KEY = "orders:v2:all";`,
    `const CSRF_TOKEN = "csrf-token-abcdef1234567890"; const TOKEN_HEADER = "x-auth-token";`,
    // A base on a special-use name, only for resolving relative paths.
    `export function scrub(url: string) {\n  const base = "http://scrub.local";\n  const parsed = new URL(url, base);\n  return parsed.pathname;\n}`,
    `const path = new URL(request.url, "http://parser.invalid").pathname;`,
    // Header names keyed by what they carry.
    `export const WORKER_HEADERS = { INSTANCE_NAME: "x-worker-instance-name", MANAGED_SECRET: "x-trigger-worker-managed-secret" };`,
    `const JWT_SECRET = process.env.JWT_SECRET_ENV_NAME ?? "JWT_SECRET";`,
    // camelCase locals: test users and seed data, unless they reach a secret parameter.
    `const adminPassword = "changeme"; const apiToken = "LaD52wgw7pi5zVitv4gR5lxoUa6ncTQG"; seedUser({ password: adminPassword });`,
    // Labels and messages keyed by field name (translations, forms).
    `export default { login: { password: "Passwort", apiKey: "API-Schlüssel" } };`,
    `const fields = [{ name: "password", type: "password", label: "Password" }];`,
    `import i18next from "i18next"; i18next.addResources("de", "auth", { password: "Passwort", token: "Token" });`,
    // Error and help text that shows an example.
    `throw new Error("DATABASE_URL is not set. Expected a URL like postgres://user:password@host:5432/orders");`,
    `throw new Error("postgres://admin:secret@prod-db.internal/orders");`,
    `logger.warn("falling back to postgres://admin:pw@prod-db.internal/orders");`,
    `const schema = { databaseUrl: { type: "string", example: "postgres://app:s3cret@db.acme.dev/orders" } };`,
    `<input placeholder="postgres://app:s3cret@db.acme.dev/orders" />;`,
    // Documentation placeholders.
    "const url = `postgres://${user}:${password}@${host}:5432/${database}`;",
    `const url = "postgres://<user>:<password>@<host>:5432/orders";`,
    `const url = "mongodb://app:\${MONGO_PASSWORD}@mongo.example.com/app";`,
    `const url = "postgres://user:password@host:5432/orders";`,
    `const key = "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx"; const id = "AKIAIOSFODNN7EXAMPLE";`,
    // Keys meant to be public.
    `import { loadStripe } from "@stripe/stripe-js"; const stripe = loadStripe("pk_live_51Habc1234567890abcdefghij");`,
    `const POSTHOG_API_KEY = "phc_9CipPajQC22mSkk2wxe2TXsUA0Ysyupe8dt5KQQELqx";`,
    // Comparisons and prefix checks.
    `if (pem.startsWith("-----BEGIN PRIVATE KEY-----")) parse(pem);`,
    `if (process.env.DATABASE_URL?.startsWith("postgres://")) usePg();`,
    // Not values: types, module names, keys.
    `type Example = "postgres://admin:pw@prod-db.internal/orders";`,
    `const value = config["postgres://admin:pw@prod-db.internal/orders"];`,
    // Address lists that are not clients (trusted proxies, allow lists).
    `app.set("trust proxy", ["loopback", "10.0.0.0/8"]);`,
    `const blockList = new net.BlockList(); blockList.addAddress("10.0.0.5");`,
    // Empty and missing values.
    `const { JWT_SECRET = "" } = process.env; const s = process.env.SESSION_SECRET ?? "";`,
    // SQLite ignores the user name and password.
    `import { Sequelize } from "sequelize"; new Sequelize("database", "username", "password", { dialect: "sqlite", storage: ":memory:" });`,
    // Hosts allowed by the options.
    {
      code: `await mongoose.connect("mongodb+srv://cluster0.ab1cd.mongodb.net/shop");`,
      options: [{ allowedHosts: [".mongodb.net"] }],
    },
    { code: builtIns, filename: path.join(ROOT, "src/users.ts"), languageOptions: { parserOptions: { programs: [nestJwtProgram] } } },
    // Without type information, `this.jwt` could be anything.
    { code: nestJwtService, filename: "auth.service.ts" },
    // A development fallback the code refuses where it matters: it throws or exits before the value is used outside development.
    `const prod = process.env.NODE_ENV === "production";
export const JWT_SECRET = process.env.JWT_SECRET || "dev";
if ((prod || !IS_LOCALHOST) && !IS_CLOUD && JWT_SECRET === "dev") {
  throw new Error("Cannot use JWT_SECRET=dev in production");
}`,
    `const SESSION_SECRET = process.env.SESSION_SECRET || "local-session-secret";
export function checkConfig() {
  if (process.env.NODE_ENV === "production" && !process.env.SESSION_SECRET) process.exit(1);
}`,
    // Values the code says are not secrets.
    `// This is not actually a secret key, just a mask XORed with short-link keys
const XOR_SECRET_KEY = "58ff90c0dc372ded858cbf8fb2306066";`,
    // Placeholders spelled in words, replaced when the resource is provisioned.
    `const { Pool } = require("pg");
const pool = new Pool({ host: "warehouse.invalid", user: "pending_provisioning", password: "pending_provisioning" });`,
    // A demo's connection, named as such: the vendor's public sample database.
    `const { Pool } = require("pg");
const DEMO_DATASOURCE_PARAMS = { user: "demoreader", password: "WnGeRgTPwEu4", database: "sample" };
const pool = new Pool(DEMO_DATASOURCE_PARAMS);`,
    // A seeding tool's demo user password, in a seed folder or a seed file.
    { code: `const PASSWORD = "test1234";\nawait createUser({ email: "demo@example.com", password: PASSWORD });`, filename: "/srv/app/tools/seed-snapshot/src/index.ts" },
    { code: `export const ADMIN_PASSWORD = "changeme";`, filename: "/srv/app/prisma/seed.ts" },
    // Text shown on a page while a value loads, not a setting.
    `export const Secret = ({ enrollment }) => <code>{enrollment?.secret ?? "Generating…"}</code>;`,
    // A placeholder for a credential another party issues, handed to its SDK: the party refuses it.
    `import Transloadit from "transloadit";\nconst client = new Transloadit({\n  authKey: process.env.TRANSLOADIT_AUTH || "just empty text",\n  authSecret: process.env.TRANSLOADIT_SECRET || "just empty text",\n});`,
    `import OpenAI from "openai";\nexport const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY ?? "dummy-key" });`,
    // An example key cut short, shown as a form's placeholder: its first bytes announce far more than it holds.
    `const privateKeyDataHolder =\n  "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\\n-----END PRIVATE KEY-----";\nexport const KeyField = () => <textarea placeholder={privateKeyDataHolder} />;`,
    // Comments and JSDoc are not code.
    `/** Connects to postgres://admin:pw@prod-db.internal/orders with sk_live_4eC39HqLyjWDarjtT1zdp7dc. */\nexport function connect() {}`,
  ],
  invalid: [
    // A check that only warns, or refuses another value, leaves the fallback in use.
    ...[
      `export const JWT_SECRET = process.env.JWT_SECRET || "dev";
if (process.env.NODE_ENV === "production" && JWT_SECRET === "dev") console.warn("JWT_SECRET is the development value");`,
      `export const JWT_SECRET = process.env.JWT_SECRET || "dev";
if (JWT_SECRET === "changeme") throw new Error("set JWT_SECRET");`,
    ].map((code) => ({
      code,
      errors: [withoutFallback(code, "secretFallback", '"dev"', 'process.env.JWT_SECRET || "dev"', "JWT_SECRET")],
    })),
    // A placeholder as the secret the service checks others with: a session's, a webhook's, one given to a local function.
    ...[
      `import session from "express-session";\napp.use(session({ secret: process.env.SESSION_SECRET || "dummy secret" }));`,
      `import { Webhooks } from "@octokit/webhooks";\nconst webhooks = new Webhooks({ webhookSecret: process.env.GITHUB_WEBHOOK_SECRET || "dummy secret" });`,
      `import { createClient } from "./client";\nconst client = createClient({ apiSecret: process.env.API_SECRET || "dummy secret" });`,
    ].map((code) => {
      const env = /process\.env\.(\w+)/u.exec(code)![1]!;
      return { code, errors: [withoutFallback(code, "secretFallback", '"dummy secret"', `process.env.${env} || "dummy secret"`, env)] };
    }),
    // A signing secret spelled as a placeholder is still the key every token is signed with.
    {
      code: `import jwt from "jsonwebtoken";\nexport const sign = (user) => jwt.sign({ sub: user.id }, "your_jwt_secret_here");`,
      errors: [withEnv(`import jwt from "jsonwebtoken";\nexport const sign = (user) => jwt.sign({ sub: user.id }, "your_jwt_secret_here");`, "secretArgument", '"your_jwt_secret_here"', "JWT_SECRET")],
    },
    // A comment that names the value a secret does not make it public; a real password is not spelled in words.
    {
      code: `// The secret key for signing sessions
const SESSION_SECRET_KEY = "58ff90c0dc372ded858cbf8fb2306066";`,
      errors: [withEnv(`// The secret key for signing sessions
const SESSION_SECRET_KEY = "58ff90c0dc372ded858cbf8fb2306066";`, "secretValue", '"58ff90c0dc372ded858cbf8fb2306066"', "SESSION_SECRET_KEY")],
    },
    { code: poolWithPassword, errors: [withEnv(poolWithPassword, "credentialsInUrl", '"postgres://orders_app:Orders2024!@prod-db.internal:5432/orders"', "DATABASE_URL")] },
    { code: poolWithPassword, filename: "db.js", errors: [withEnv(poolWithPassword, "credentialsInUrl", '"postgres://orders_app:Orders2024!@prod-db.internal:5432/orders"', "DATABASE_URL")] },
    {
      code: credentialFallback,
      errors: [
        withoutFallback(
          credentialFallback,
          "credentialsFallback",
          '"postgres://admin:pw@prod-db.internal:5432/orders"',
          'process.env.DATABASE_URL || "postgres://admin:pw@prod-db.internal:5432/orders"',
          "DATABASE_URL",
        ),
      ],
    },
    { code: stripeKey, filename: "payments.cjs", errors: [withEnv(stripeKey, "providerKey", '"sk_live_4eC39HqLyjWDarjtT1zdp7dc"', "STRIPE_SECRET_KEY")] },
    { code: jwtSign, errors: [withEnv(jwtSign, "secretArgument", '"orders-jwt-secret"', "JWT_SECRET")] },
    // Through an aliased import and a constant, in a call spread over several lines: reported where the secret is written.
    { code: jwtAliased, errors: [withEnv(jwtAliased, "secretArgument", '"orders-jwt-secret"', "JWT_SECRET")] },
    { code: sessionSecret, filename: "app.js", errors: [withEnv(sessionSecret, "secretArgument", '"keyboard cat"', "SESSION_SECRET")] },
    // Koa's app.keys sign its cookies and sessions.
    {
      code: koaKeys,
      filename: "app.js",
      errors: [withEnv(koaKeys, "secretArgument", '"im a newer secret"', "APP_KEYS"), withEnv(koaKeys, "secretArgument", '"i like turtle"', "APP_KEYS")],
    },
    {
      code: sessionKeys,
      errors: [
        withEnv(sessionKeys, "secretArgument", '"key-one-2023"', "SESSION_SECRET"),
        withEnv(sessionKeys, "secretArgument", '"key-two-2024"', "SESSION_SECRET"),
      ],
    },
    { code: cookieParserSecret, errors: [withEnv(cookieParserSecret, "secretArgument", '"s3cr3t"', "COOKIE_SECRET")] },
    { code: hmacKey, errors: [withEnv(hmacKey, "secretArgument", '"hook-signing-key"', "HMAC_SECRET")] },
    {
      code: pgOptions,
      filename: "db.js",
      errors: [withEnv(pgOptions, "internalHost", '"10.0.3.7"', "HOST"), withEnv(pgOptions, "secretArgument", '"Orders2024!"', "DB_PASSWORD")],
    },
    {
      code: declaredSecrets,
      errors: [
        withEnv(declaredSecrets, "secretValue", '"d3v-s3cr3t"', "JWT_SECRET"),
        withEnv(declaredSecrets, "secretValue", '"changeme"', "ADMIN_PASSWORD"),
        withEnv(declaredSecrets, "secretValue", '"a1b2c3d4e5f6g7h8i9j0"', "API_KEY"),
      ],
    },
    // A provider's key, or a password in a connection URL, is reported in seed code too; a seeds/ folder of the app is seed code, its src/ is not.
    {
      code: awsKeys,
      filename: "/srv/app/prisma/seeds/aws.ts",
      errors: [
        withEnv(awsKeys, "providerKey", '"AKIA2OGYBAH6STMMNXNN"', "AWS_ACCESS_KEY_ID"),
        withEnv(awsKeys, "secretArgument", '"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"', "SECRET_ACCESS_KEY"),
      ],
    },
    { code: credentialsInHttpsUrl, filename: "/srv/app/seeds/deploy.ts", errors: [withEnv(credentialsInHttpsUrl, "credentialsInUrl", '"https://deploy:hunter22@ci.acme.dev/hooks/orders"', "DEPLOY_HOOK")] },
    { code: declaredSecrets, filename: "/srv/app/src/seedling/config.ts", errors: [
      withEnv(declaredSecrets, "secretValue", '"d3v-s3cr3t"', "JWT_SECRET"),
      withEnv(declaredSecrets, "secretValue", '"changeme"', "ADMIN_PASSWORD"),
      withEnv(declaredSecrets, "secretValue", '"a1b2c3d4e5f6g7h8i9j0"', "API_KEY"),
    ] },
    { code: envAssignment, errors: [{ messageId: "secretValue", ...at(envAssignment, '"dev-only-secret"'), suggestions: [] }] },
    // Words joined by hyphens are a weak secret, not a header name, unless they start the way custom headers do.
    (() => {
      const code = 'export const SESSION_SECRET = "my-super-secret-key";';
      return { code, errors: [withEnv(code, "secretValue", '"my-super-secret-key"', "SESSION_SECRET")] };
    })(),
    {
      code: secretFallback,
      errors: [withoutFallback(secretFallback, "secretFallback", '"superSecret"', 'process.env.JWT_SECRET || "superSecret"', "JWT_SECRET")],
    },
    // A configured credential's default: every install that leaves the setting out gets the same admin password.
    {
      code: ADMIN_FALLBACK,
      errors: [withoutFallback(ADMIN_FALLBACK, "secretFallback", '"unleash4all"', 'options?.adminPassword || "unleash4all"', "options?.adminPassword")],
    },
    // A default signing secret is accepted everywhere, unlike a default database password.
    {
      code: `const secret = process.env.JWT_SECRET ?? "secret";`,
      errors: [withoutFallback(`const secret = process.env.JWT_SECRET ?? "secret";`, "secretFallback", '"secret"', 'process.env.JWT_SECRET ?? "secret"', "JWT_SECRET")],
    },
    { code: destructuredFallback, errors: [{ messageId: "secretFallback", ...at(destructuredFallback, '"keyboard cat"'), suggestions: [] }] },
    { code: mongoConnect, errors: [withEnv(mongoConnect, "connectionString", '"mongodb+srv://cluster0.ab1cd.mongodb.net/shop"', "MONGODB_URI")] },
    { code: internalServiceUrl, errors: [withEnv(internalServiceUrl, "internalHost", '"http://orders.svc.cluster.local:8080"', "ORDERS_SERVICE_URL")] },
    // A base that is a real service: a Kubernetes service name, a private name.
    (() => {
      const code = 'const ORDERS_BASE = "http://orders.svc.cluster.local:8080";\nexport const ordersUrl = (path: string) => new URL(path, ORDERS_BASE);\nconst base = "http://billing.internal";\nexport const billingUrl = (path: string) => new URL(path, base);';
      return { code, errors: [{ messageId: "internalHost", suggestions: 1 }, { messageId: "internalHost", suggestions: 1 }] };
    })(),
    // A one-word host in a link the code builds or a base URL: a placeholder or a container's name, reached from nowhere else.
    { code: placeholderLink, errors: [{ messageId: "unreachableHost", data: { host: "link-to-app", env: "RESET_PASSWORD_URL" }, ...at(placeholderLink, "`http://link-to-app/reset-password?token=${token}`"), suggestions: [] }] },
    { code: frontendUrl, errors: [withEnv(frontendUrl, "unreachableHost", '"http://frontend:3000"', "FRONTEND_URL")] },
    { code: axiosBase, errors: [withEnv(axiosBase, "internalHost", '"http://10.0.12.4:3000/api"', "BASE_URL")] },
    {
      code: kafkaBrokers,
      errors: [
        withEnv(kafkaBrokers, "internalHost", '"kafka-1.internal:9092"', "BROKERS"),
        withEnv(kafkaBrokers, "internalHost", '"kafka-2.internal:9092"', "BROKERS"),
      ],
    },
    { code: fetchInternal, errors: [withEnv(fetchInternal, "internalHost", '"http://10.1.2.3/internal/health"', "SERVICE_URL")] },
    {
      code: locationFallback,
      errors: [withoutFallback(locationFallback, "locationFallback", '"http://billing.internal"', 'process.env.BILLING_URL ?? "http://billing.internal"', "BILLING_URL")],
    },
    {
      code: localhostUrl,
      options: [{ allowLocalhost: false }],
      errors: [withEnv(localhostUrl, "connectionString", '"postgres://localhost:5432/orders_dev"', "DEV_DATABASE_URL")],
    },
    { code: octokit, errors: [withEnv(octokit, "providerKey", '"ghp_R2x9Lq8ZkT4mWv7Yb1Nc5Hd3Jf6Gs0Pa1Qe8"', "GITHUB_TOKEN")] },
    {
      code: awsKeys,
      errors: [
        withEnv(awsKeys, "providerKey", '"AKIA2OGYBAH6STMMNXNN"', "AWS_ACCESS_KEY_ID"),
        withEnv(awsKeys, "secretArgument", '"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"', "SECRET_ACCESS_KEY"),
      ],
    },
    {
      code: privateKey,
      errors: [
        withEnv(
          privateKey,
          "providerKey",
          "`-----BEGIN PRIVATE KEY-----\nMC0CAQAEKGszSnE5WnJUN3ZXbTJMcFg4c05jNEhkWTZiSmYxR2U1QWEwUXcyRXo=\n-----END PRIVATE KEY-----`",
          "PRIVATE_KEY",
        ),
      ],
    },
    {
      code: `const url = process.env.DATABASE_URL ?? "postgres://orders:Orders2024!@localhost:5432/orders";`,
      errors: [
        withoutFallback(
          `const url = process.env.DATABASE_URL ?? "postgres://orders:Orders2024!@localhost:5432/orders";`,
          "credentialsFallback",
          '"postgres://orders:Orders2024!@localhost:5432/orders"',
          'process.env.DATABASE_URL ?? "postgres://orders:Orders2024!@localhost:5432/orders"',
          "DATABASE_URL",
        ),
      ],
    },
    { code: credentialsInHttpsUrl, errors: [withEnv(credentialsInHttpsUrl, "credentialsInUrl", '"https://deploy:hunter22@ci.acme.dev/hooks/orders"', "DEPLOY_HOOK")] },
    // A template literal: the password is written in the code even though the host is computed.
    { code: templateWithCredentials, errors: [{ messageId: "credentialsInUrl", ...at(templateWithCredentials, "`postgres://admin:Sup3rS3cret@${host}:5432/orders`"), suggestions: [] }] },
    { code: templateWithHost, errors: [{ messageId: "connectionString", ...at(templateWithHost, "`postgres://${user}:${password}@db.internal:5432/orders`"), suggestions: [] }] },
    {
      code: jsxKey,
      filename: "App.tsx",
      errors: [
        {
          messageId: "providerKey",
          ...at(jsxKey, '"sk_live_4eC39HqLyjWDarjtT1zdp7dc"'),
          suggestions: [{ messageId: "useEnv", data: { env: "STRIPE_SECRET_KEY" }, output: jsxKey.replace('"sk_live_4eC39HqLyjWDarjtT1zdp7dc"', "{process.env.STRIPE_SECRET_KEY}") }],
        },
      ],
    },
    { code: sequelizeMysql, errors: [withEnv(sequelizeMysql, "secretArgument", '"r00t-pass"', "DB_PASSWORD")] },
    { code: fastifyJwt, errors: [withEnv(fastifyJwt, "secretArgument", '"supersecret"', "SECRET")] },
    {
      code: nestModules,
      errors: [
        withEnv(nestModules, "secretArgument", '"s3cr3t-jwt-key"', "SECRET"),
        withEnv(nestModules, "internalHost", '"10.0.0.8"', "HOST"),
        withEnv(nestModules, "secretArgument", '"root"', "DB_PASSWORD"),
      ],
    },
    {
      code: nestJwtService,
      filename: path.join(ROOT, "src/auth.service.ts"),
      languageOptions: { parserOptions: { programs: [nestJwtProgram] } },
      errors: [withEnv(nestJwtService, "secretArgument", '"n3st-jwt-s3cret"', "SECRET")],
    },
    {
      code: nodemailer,
      filename: "mail.js",
      errors: [withEnv(nodemailer, "secretArgument", '"m4iler-Pass"', "SMTP_PASSWORD")],
    },
  ],
});

// Tools: a package that ships a command and runs no server, and the scripts folders of any package.
// Packages on disk, since the rule reads package.json.
const packages = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-tools-"));
afterAll(() => fs.rmSync(packages, { recursive: true, force: true }));
function packageFile(name: string, manifest: Record<string, unknown>, file: string): string {
  const root = path.join(packages, name);
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, "package.json"), JSON.stringify({ name: path.basename(name), ...manifest }));
  return path.join(root, file);
}
const setupWizard = `export function writeEnv(google) {
  const env = {
    REDIS_URL: "http://serverless-redis-http:80",
    INTERNAL_API_URL: "http://web:3000",
    GOOGLE_CLIENT_SECRET: google.clientSecret || "your-google-client-secret",
  };
  env.DATABASE_URL = "postgresql://postgres@db.prod.internal:5432/app";
  return env;
}`;
const ownContainer = (host: string) => `export const services = { app: { loadBalancer: { servers: [{ url: \`http://${host}:\${process.env.PORT || 3000}\` }] } } };`;
const emulator = 'export const EMULATED_GOOGLE_CLIENT_SECRET = "emulate-google-secret";';
const generatedKey = 'export const SESSION_SECRET = "9f2c1e7a5b3d8046f1e2a9c7b5d3e1f0";';
const WIZARD_FINDINGS = [
  { messageId: "unreachableHost", suggestions: 1 },
  { messageId: "unreachableHost", suggestions: 1 },
  { messageId: "secretFallback", suggestions: 1 },
  { messageId: "connectionString", suggestions: 1 },
];
const providerKey = 'export const STRIPE_KEY = "sk_live_51H8xQeLkdIwHu7ixAbCdEfGhIjKlMnOpQrStUvWx";';
ruleTester.run("no-hardcoded-config (tools)", rule as unknown as Rule.RuleModule, {
  valid: [
    { code: setupWizard, filename: packageFile("setup-cli", { bin: { setup: "bin/setup.js" }, dependencies: { "@clack/prompts": "^0.9.0" } }, "src/main.ts") },
    { code: emulator, filename: packageFile("web", { dependencies: { express: "^5.0.0" } }, "scripts/dev-setup.ts") },
    // A container of the product itself, named for it: its own deployment names it so.
    { code: ownContainer("dokploy"), filename: packageFile("dokploy-workspace/packages/server", { name: "@dokploy/server", dependencies: { hono: "^4.0.0" } }, "src/traefik.ts") },
    { code: 'export const upgrade = () => request({ method: "POST", uri: "http://wiki-update-companion/upgrade" });', filename: packageFile("wiki", { dependencies: { express: "^4.0.0" } }, "server/system.js") },
    // A knexfile no module imports runs only in the migration command.
    { code: 'if (!process.env.JWT_SECRET) process.env.JWT_SECRET = "securekey";', filename: packageFile("shortener", { dependencies: { express: "^5.0.0" } }, "knexfile.js") },
  ],
  invalid: [
    // The same in a service, and a command that is also a server.
    {
      code: setupWizard,
      filename: packageFile("api", { dependencies: { express: "^5.0.0" } }, "src/main.ts"),
      errors: WIZARD_FINDINGS,
    },
    {
      code: setupWizard,
      filename: packageFile("serve-cli", { bin: { serve: "bin/serve.js" }, dependencies: { fastify: "^5.0.0" } }, "src/main.ts"),
      errors: WIZARD_FINDINGS,
    },
    // A command that is also a library: its code runs where it is imported.
    { code: setupWizard, filename: packageFile("lib-cli", { bin: { lib: "bin/lib.js" }, main: "dist/index.js" }, "src/main.ts"), errors: WIZARD_FINDINGS },
    // Another product's container, or a placeholder, is not the product's own.
    {
      code: ownContainer("traefik"),
      filename: packageFile("dokploy-workspace/packages/server", { name: "@dokploy/server", dependencies: { hono: "^4.0.0" } }, "src/traefik.ts"),
      errors: [{ messageId: "unreachableHost", suggestions: [] }],
    },
    // A knexfile the server imports configures the service too.
    (() => {
      const filename = packageFile("shortener-import", { dependencies: { express: "^5.0.0" } }, "knexfile.js");
      fs.mkdirSync(path.join(path.dirname(filename), "server"), { recursive: true });
      fs.writeFileSync(path.join(path.dirname(filename), "server", "db.js"), 'const config = require("../knexfile");\nmodule.exports = require("knex")(config);\n');
      return { code: 'if (!process.env.JWT_SECRET) process.env.JWT_SECRET = "securekey";', filename, errors: [{ messageId: "secretValue", suggestions: 0 }] };
    })(),
    // Express keeps its server's entry point in bin/: not a tool.
    {
      code: 'mongoose.connect("mongodb://orders-db.internal:27017/orders");',
      filename: packageFile("express-app", { dependencies: { express: "^4.0.0" } }, "bin/www.js"),
      errors: [{ messageId: "connectionString", suggestions: 1 }],
    },
    // A generated secret or a provider's key is reported in a script too.
    { code: generatedKey, filename: packageFile("web", { dependencies: { express: "^5.0.0" } }, "scripts/rotate.ts"), errors: [{ messageId: "secretValue", suggestions: 1 }] },
    { code: providerKey, filename: packageFile("setup-cli", { bin: { setup: "bin/setup.js" } }, "src/billing.ts"), errors: [{ messageId: "providerKey", suggestions: 1 }] },
  ],
});
