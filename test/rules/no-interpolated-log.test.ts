import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { RuleTester } from "eslint";
import { afterAll } from "vitest";
import tseslint from "typescript-eslint";
import rule from "../../rules/no-interpolated-log.ts";

const ruleTester = new RuleTester({ languageOptions: { parser: tseslint.parser } });

/** The 1-based start and end of the first occurrence of `fragment` in `code`: where the message argument is. */
function locate(code: string, fragment: string) {
  const start = code.indexOf(fragment);
  if (start === -1) throw new Error(`not in the code: ${fragment}`);
  const position = (offset: number) => {
    const before = code.slice(0, offset).split("\n");
    return { line: before.length, column: before[before.length - 1]!.length + 1 };
  };
  const from = position(start);
  const to = position(start + fragment.length);
  return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
}

/** The finding on the message argument `fragment`, and the suggested rewrite when the rule offers one instead of a fix. */
const interpolated = (code: string, fragment: string, suggestion?: string) => ({
  messageId: "interpolated",
  ...locate(code, fragment),
  ...(suggestion === undefined ? {} : { suggestions: [{ messageId: "useFields", output: suggestion }] }),
});

/**
 * The code as a request handler's body, its imports kept at the top: a log line written per
 * request. (At a module's top level the same line runs once per process, which the rule leaves
 * alone.) Code that declares its own functions or exports is returned as it is.
 */
function inHandler(code: string): string {
  const lines = code.split("\n");
  let prelude = 0;
  for (let open = false; prelude < lines.length; prelude++) {
    const line = lines[prelude]!;
    if (!open && !/^import\b/u.test(line)) break;
    open = open ? !/\bfrom\b/u.test(line) : /^import\s*(?:type\s+)?\{[^}]*$/u.test(line);
  }
  const body = lines.slice(prelude).join("\n");
  if (/^export\b|^(?:async\s+)?function\b|^class\b|=>|\bfunction\s*\(/mu.test(body)) return code;
  return [...lines.slice(0, prelude), 'app.post("/orders", async (req, res) => {', body, "});"].join("\n");
}

/** An invalid case: `fragment` is the message argument the rule reports, in a request handler (see inHandler). */
function flagged(
  source: string,
  fragment: string,
  { output, suggestion, options, filename }: { output?: string; suggestion?: string; options?: unknown[]; filename?: string } = {},
) {
  const code = inHandler(source);
  const wrap = (text: string) => (code === source ? text : inHandler(text));
  return {
    code,
    output: output === undefined ? null : wrap(output),
    ...(options ? { options } : {}),
    ...(filename ? { filename } : {}),
    errors: [interpolated(code, fragment, suggestion === undefined ? undefined : wrap(suggestion))],
  };
}

const PINO = 'import pino from "pino";\nconst logger = pino();\n';
const WINSTON = 'import winston from "winston";\nconst logger = winston.createLogger({ level: "info" });\n';

/** Valid cases in a request handler too, so that they pass for the reason they state, not because the top level runs once. */
const inHandlers = (tests: (string | { code: string; [key: string]: unknown })[]) =>
  tests.map((test) => (typeof test === "string" ? inHandler(test) : { ...test, code: inHandler(test.code) }));

ruleTester.run("no-interpolated-log", rule as never, {
  valid: inHandlers([
    // An object of handlers indexed by a computed key is not a logger.
    "const handlers = { created: notify, deleted: archive };\nhandlers[event.type](`Order ${order.id} changed`);",
    // Constant messages, with or without fields.
    `${PINO}logger.info("User logged in");`,
    `${PINO}logger.info(\`User logged in\`);`,
    `${PINO}logger.info({ userId: user.id, ip }, "User logged in");`,
    `${WINSTON}logger.info("User logged in", { userId: user.id });`,
    `${WINSTON}logger.log("info", "Cache warmed");`,
    `${PINO}logger.info("a" + "b");`,
    // printf-style placeholders are the library's own formatting.
    `${PINO}logger.info("user %s logged in from %s", user.id, ip);`,
    'import log from "./logger";\nlog.info("user %s logged in", userId);',
    // The message is a variable: what it holds is not visible here.
    `${PINO}const message = \`Order \${id} shipped\`;\nlogger.info(message);`,
    // Not log calls.
    "throw new Error(`Order ${id} not found`);",
    "res.send(`Hello ${name}`);",
    "toast.error(`Could not save ${file.name}`);",
    "notification.info(`Signed in as ${email}`);",
    "log.push(`step ${i}`);",
    "debug(`request ${id}`);",
    // console is off unless the option says the code is a server, or the file is in a server folder.
    "console.log(`Listening on ${port}`);",
    { code: "console.error(`Could not render ${page}`);", filename: "src/components/Page.tsx" },
    { code: "console.error(`Could not render ${page}`);", filename: "server/render.ts", options: [{ console: false }] },
    // Scripts run by hand print progress for the person running them.
    { code: "console.log(`Backfill content… page ${page}`);", filename: "server/scripts/20231119000000-backfill.ts" },
    // A one-shot script beside the server (a container's health probe): it prints a status line and ends the process.
    {
      code: 'const http = require("http");\nconst request = http.request({ host: "localhost", path: "/healthz" }, (res) => {\n  console.info(`STATUS: ${res.statusCode}`);\n  process.exitCode = res.statusCode === 200 ? 0 : 1;\n  process.exit();\n});\nrequest.on("error", () => process.exit(1));\nrequest.end();',
      filename: "backend/healthcheck.js",
    },
    // Constants and styling of constant text still make a constant message.
    `${PINO}logger.warn(\`[Dry run] \${THROTTLED_EXCEPTION_MESSAGE}\`);`,
    'import chalk from "chalk";\nimport { logger } from "./utils/logger";\nlogger.info(`${chalk.green("Success!")} Configuration saved.`);',
    // A retry counter bounded by a small literal: one of a few messages.
    `${PINO}let attempts = 0;\nwhile (attempts < 3) {\n  logger.warn(\`Retrying upload (\${attempts + 1}/3)\`);\n  attempts += 1;\n}`,
    `${PINO}for (let i = 0; i < 5; i++) logger.info(\`pass \${i}\`);`,
    // Values fixed for the life of the process make one message per deployment: settings, process.env,
    // constants' properties, a choice between literals, a const set to one of those.
    `${PINO}logger.info(\`Listening to port \${config.port}\`);`,
    // The settings read through a loader that keeps what it loads, or through the settings service.
    `${PINO}const config = await loadConfig();\nlogger.info(\`Syncing every \${config.interval} minutes\`);\nlet cached;\nasync function loadConfig() {\n  if (cached === undefined) cached = JSON.parse(await fs.readFile(process.env.CONFIG_FILE, "utf8"));\n  return cached;\n}`,
    `${PINO}logger.info("Env: " + process.env.NODE_ENV);`,
    `${PINO}logger.debug(\`Changes in '\${Settings.FILE_NAME}' detected\`);`,
    `${PINO}logger.info(\`Listening on \${useHTTPS ? "https" : "http"}://\${env.HOST}\`);`,
    `${PINO}const port = process.env.PORT ?? 3000;\nlogger.info(\`Listening on \${port}\`);`,
    // Code that runs only outside production writes no production logs.
    `${PINO}if (env.isDevelopment) {\n  logger.info(\`Sign-in link for \${user.email}: \${url}\`);\n}`,
    `${PINO}function preview(mail) {\n  if (process.env.NODE_ENV === "production") return;\n  logger.info(\`Mail to \${mail.to}\`);\n}`,
    `${PINO}process.env.NODE_ENV !== "production" && logger.debug(\`Query \${sql}\`);`,
    `${PINO}if (isProduction) {\n  send(mail);\n} else {\n  logger.info(\`Mail to \${mail.to}\`);\n}`,
    // An HTTP method is one of a handful.
    `${PINO}logger.warn(\`Request failed: \${req.method} status \${res.statusCode}\`);`,
    // Nor code under a flag the code turns off for good: a \`const\`, a class's \`static readonly\` field.
    `${PINO}const DEBUG = false;\napp.post("/orders", (req) => {\n  if (DEBUG) logger.info(\`Order \${req.body.id}\`);\n  DEBUG && logger.info(\`Order \${req.body.id}\`);\n});`,
    `${PINO}class Calculator {\n  static readonly ENABLE_LOGGING = false;\n  compute(order) {\n    if (Calculator.ENABLE_LOGGING) {\n      logger.info(\`Computed \${order.id}\`);\n    }\n  }\n}\napp.post("/orders", (req) => new Calculator().compute(req.body));`,
    // One of a few values: a boolean, a typeof, a parameter typed as a union of literals or an enum,
    // an object literal (it prints as "[object Object]").
    `${PINO}const adminRepo = repository.name === env.ADMIN_REPO;\nlogger.debug(\`Is admin repo event: \${adminRepo}\`);`,
    `${PINO}logger.debug(\`Has token: \${!token} \${typeof body}\`);`,
    `${PINO}function start(tenantId: string, action: "Init" | "Reload") {\n  logger.info(\`\${action} tenant\`, tenantId);\n}`,
    `${PINO}enum Phase { Start, Stop }\nfunction run(phase: Phase, dryRun: boolean) {\n  logger.info(\`Phase \${phase}, dry run \${dryRun}\`);\n}`,
    `${PINO}type Mode = "full" | "partial";\nfunction sync(mode: Mode | undefined) {\n  logger.info(\`Sync mode \${mode}\`);\n}`,
    `${PINO}enum Phase { Start, Stop }\nlogger.info(\`Entering \${Phase.Start}\`);`,
    // A const declared by the assertion of its value; a union of event types, each an intersection with a base.
    `${PINO}type Base<T> = { actorId: string; model?: T };\ntype DocumentEvent = Base<Doc> & ({ name: "documents.create" | "documents.delete" } | { name: "documents.move"; to: string });\ntype UserEvent = Base<User> & { name: "users.signin" };\ntype Event = DocumentEvent | UserEvent;\nqueue.process(async (job) => {\n  const event = job.data as Event | undefined;\n  if (!event?.name) return;\n  logger.info(\`Processing \${event.name}\`);\n});`,
    // However many event types the union has (forty here, of three names each).
    `${PINO}${Array.from({ length: 40 }, (_, i) => `type E${i} = { name: "e${i}.create" | "e${i}.update" | "e${i}.delete" };\n`).join("")}type Event = ${Array.from({ length: 40 }, (_, i) => `E${i}`).join(" | ")};\nexport function handle(event: Event) {\n  logger.info(\`Processing \${event.name}\`);\n}`,
    // A const declared by the assertion of its value.
    `${PINO}type JobEvent = { name: "documents.create"; id: string } | { name: "users.delete"; id: string };\nqueue.process(async (job) => {\n  const event = job.data as JobEvent | undefined;\n  if (!event) return;\n  logger.info(\`Processing \${event.name}\`);\n});`,
    `${PINO}const results = { msg: "changes", additions: changes.additions };\nlogger.debug(\`Result of compare = \${results}\`);`,
    // Fixed for the deployment: settings read through a config service, pure functions of settings and
    // of the process's own facts, a constant list's length, the elements of a settings list.
    `${PINO}const isProduction = configService.get("PRODUCTION") === "true";\nlogger.info(\`Running in production: \${isProduction}\`);\nlogger.info(\`Port: \${configService.get("PORT")}\`);`,
    `${PINO}class Boot { constructor(private configService) {} run() { logger.info(\`Port \${this.configService.get("PORT")}\`); } }`,
    `import path from "node:path";\n${PINO}const destination = path.resolve(__dirname, process.env.SCHEMA_OUT ?? "../gen/schema.gql");\nlogger.info(\`Writing schema to \${destination}\`);`,
    `${PINO}const RESOLVERS = [A, B];\nlogger.info(\`Generating against \${RESOLVERS.length} resolvers\`);`,
    `${PINO}logger.info(\`pid=\${process.pid} cwd=\${process.cwd()}\`);`,
    `${PINO}for (const name of env.SERVICES) {\n  logger.info(\`Starting \${name} service\`);\n}`,
    // A field that keeps its constant default, or is only reconfigured by the constructor.
    `${PINO}class Client {\n  private maxRetries = 3;\n  constructor(options) { this.maxRetries = options.maxRetries ?? this.maxRetries; }\n  fail() { logger.warn(\`Gave up after \${this.maxRetries} retries\`); }\n}`,
    `${PINO}class Db {\n  dataDir = "/app/data/mariadb";\n  init() { logger.info(\`Creating \${this.dataDir}\`); }\n}`,
    // A value just compared equal to a literal is that literal.
    `${PINO}function retryStrategy(times: number) {\n  if (times === 1) {\n    logger.info(\`Retrying connection: attempt \${times}\`);\n  }\n}`,
    `${PINO}switch (event.type) {\n  case "payment_intent.succeeded":\n    logger.info(\`Handled \${event.type}\`);\n    break;\n  case "charge.refunded":\n  case "charge.failed":\n    logger.info(\`Handled \${event.type}\`);\n}`,
    // A numbered data migration runs once per deploy: its lines are read by whoever deploys.
    { code: `${PINO}export const backfill = {\n  run: async ({ tx }) => {\n    const count = await tx.$executeRaw\`UPDATE "Contact" SET x = 1\`;\n    logger.info(\`Updated \${count} contacts\`);\n  },\n};`, filename: "packages/database/migration/20241209104738_backfill_contacts/migration.ts" },
    { code: `${PINO}export class AddEmail1700000000000 {\n  async up(queryRunner) {\n    logger.info(\`Backfilled \${await count(queryRunner)} users\`);\n  }\n}`, filename: "src/migrations/1700000000000-AddEmail.ts" },
    // Or checked to be one of a Set or list of literals the file writes out, before the line or around it.
    `${PINO}const relevantEvents = new Set(["product.created", "price.deleted"]);\nexport async function POST(req) {\n  const body = JSON.parse(await req.text());\n  try {\n    if (!relevantEvents.has(body.event_type)) {\n      return new Response("skipped");\n    }\n    logger.info(\`Webhook received: \${body.event_type}\`);\n  } catch {}\n}`,
    `${PINO}const HANDLED = ["invoice.paid", "invoice.failed"] as const;\nfunction handle(event) {\n  if (event.type !== "charge.refunded" && !HANDLED.includes(event.type)) return;\n  logger.info(\`Handling \${event.type}\`);\n}`,
    `${PINO}const KINDS = new Set(["a", "b"]);\nfunction handle(kind) {\n  if (KINDS.has(kind)) logger.info(\`Handling \${kind}\`);\n}`,
    // Start-up code writes its lines once per process: functions that initialise or migrate, files named for start-up.
    `${PINO}class Server {\n  async initAfterDatabaseReady() {\n    logger.info(\`Timezone: \${await this.getTimezone()}\`);\n  }\n}`,
    `${PINO}export const migrateDeletedAccount = async () => {\n  logger.info(\`Migrating to \${deletedAccountEmail()}\`);\n};`,
    { code: `${PINO}export function configureHeap(processCount) {\n  logger.info(\`Heap budget \${budget(processCount)} MB\`);\n}`, filename: "server/utils/startup.ts" },
    // What a server logs once it listens is one line per process start.
    `${PINO}server.listen(port, () => {\n  logger.info(\`Listening on \${server.address().port}\`);\n});`,
    `${PINO}server.on("listening", () => {\n  const port = server.address().port;\n  logger.info(\`Listening on http://localhost:\${port}\`);\n});`,
    // Flags that name a test or development environment, and routes behind a middleware that refuses production.
    `${PINO}if (EnvSet.values.isIntegrationTest) {\n  logger.info(\`pid \${child.pid}\`);\n}`,
    `${PINO}if (useTestEmailService) {\n  logger.info(\`Preview URL: \${nodemailer.getTestMessageUrl(info)}\`);\n}`,
    `${PINO}function dev() {\n  return async function checkDevelopment(ctx, next) {\n    if (env.ENVIRONMENT !== "development") {\n      throw new Error("development only");\n    }\n    return next();\n  };\n}\nrouter.post("developer.create_test_users", dev(), auth(), async (ctx) => {\n  logger.info(\`Creating \${ctx.input.count} test users\`);\n});`,
    `${PINO}function devOnly(req, res, next) {\n  if (process.env.NODE_ENV === "production") return res.sendStatus(404);\n  next();\n}\napp.post("/seed", devOnly, (req, res) => {\n  logger.info(\`Seeding \${req.body.count} rows\`);\n});`,
    // A retry counter bounded by a constant class field: a handful of texts.
    `${PINO}class Orders {\n  MAX_RETRIES = 5;\n  async reorder() {\n    let retryCount = 0;\n    while (retryCount < this.MAX_RETRIES) {\n      try {\n        return await this.tx();\n      } catch {\n        retryCount++;\n        logger.debug(\`Retrying reorder (\${retryCount})\`);\n      }\n    }\n  }\n}`,
    // Tuning knobs (a batch limit, a timeout) are a few values per deployment.
    `${PINO}class Cleanup extends CronTask {\n  async perform({ limit }: Props) {\n    logger.info(\`Destroying up to \${limit} documents\`);\n    logger.warn(\`Gave up after \${this.options.requestTimeout} ms\`);\n  }\n}`,
    // The host's time zone is a fact of the process.
    `${PINO}import dayjs from "dayjs";\napp.get("/status", (req, res) => {\n  let guess = dayjs.tz.guess();\n  logger.debug(\`Guessing timezone: \${guess}\`);\n});`,
    // A local \`logger\` that is not a logger's name... is still trusted by name only for level methods.
    "const logger = new Map(); logger.set(`k${i}`, v);",
    // A setting read from the deployment's settings store, and a \`let\` given only fixed values.
    `${PINO}let period = await Settings.get("keepDataPeriodDays");\nif (period == null) period = DEFAULT_PERIOD;\nlogger.info(\`Keeping data for \${period} days\`);`,
    `${PINO}const zone = await setting("serverTimezone");\nlogger.debug(\`Using time zone \${zone}\`);`,
    // A decorator's parameter is fixed when its class is defined, even in the setter it installs.
    `${PINO}export function Encrypted(target, propertyKey) {\n  return {\n    set(value) {\n      logger.error(\`Could not encrypt \${propertyKey}\`);\n    },\n  };\n}\nclass Team {\n  @Encrypted\n  secret: string;\n}`,
    // A value a memoising loader keeps for the life of the process (or a literal it falls back to).
    `${PINO}let config;\nasync function loadConfig() {\n  if (config === undefined) {\n    config = yaml.load(fs.readFileSync(process.env.CONFIG_FILE));\n  }\n  return config;\n}\napp.post("/sync", async (req, res) => {\n  try {\n    config = await loadConfig();\n    logger.debug(\`config is \${JSON.stringify(config)}\`);\n  } catch {\n    config = {};\n  }\n});`,
    // The name of the class of \`this\`: one of the classes in the code.
    `${PINO}class BaseEmail {\n  send(to) {\n    logger.info(\`Email \${this.constructor.name} not sent\`, { to });\n  }\n}`,
    // Work inside the block that sets a module flag while it is unset runs on the first call only, even when every request calls it.
    `${PINO}let initPromise;\nexport async function init() {\n  if (!initPromise) {\n    initPromise = (async () => {\n      await queueInit();\n    })();\n  }\n  await initPromise;\n}\nasync function queueInit() {\n  agenda.createIndex().catch((e) => logger.error("Could not create the index: " + e));\n}\napp.use(async (req, res, next) => {\n  await init();\n  next();\n});`,
    // A shutdown function handed to a signal or a shutdown library runs once.
    `${PINO}async function shutdown(signal) {\n  logger.info(\`Called signal: \${signal}\`);\n}\nprocess.on("SIGTERM", shutdown);\ngracefulShutdown(server, { onShutdown: shutdown });`,
    // A method of the server's class registered by its reference.
    `${PINO}export class Server {\n  start() {\n    gracefulShutdown(this.httpServer, { signals: "SIGINT SIGTERM", onShutdown: this.shutdownFunction });\n  }\n  async shutdownFunction(signal) {\n    logger.info(\`Called signal: \${signal}\`);\n  }\n}`,
    // A helper printing with the console outside a service (a CLI's \`fail\`) is no logger either.
    "function fail(message) {\n  console.error(message);\n  process.exit(1);\n}\nexport function run(file) {\n  fail(`Cannot read ${file}`);\n}",
    // A helper that keeps its argument without logging it is no logger.
    "class Settings {\n  record(msg) {\n    this.errors.push(msg);\n  }\n  sync(repo) {\n    this.record(`Failed for ${repo.name}`);\n  }\n}",
    // \`this.log(…)\` is no logger unless the file also calls levels on it.
    "class Plugin {\n  sync(repo) {\n    this.log(`Syncing ${repo.name}`);\n  }\n}",
    // What a function that only returns literals returns (`true`, or it throws): one of those.
    `${PINO}async function probe(url) {\n  await fetch(url);\n  return true;\n}\napp.post("/probe", async (req) => {\n  const ok = await probe(req.body.url);\n  logger.info(\`Probe result: \${ok}\`);\n});`,
    // A value checked to be a key of a registry the code writes out: one of its keys.
    `${PINO}const HANDLERS = { create: onCreate, remove: onRemove };\napp.post("/run", (req) => {\n  const action = req.body.action;\n  if (action in HANDLERS) {\n    logger.info(\`Running \${action}\`);\n  }\n});`,
    // Names destructured from a declared object: the property's type in the declaration.
    `${PINO}type Props = { subscriptionId: string; event: { name: "documents.create" | "documents.delete" } };\nclass DeliverTask {\n  async perform({ subscriptionId, event }: Props) {\n    logger.info(\`Delivering \${event.name}\`);\n  }\n}\nqueue.process((job) => new DeliverTask().perform(job.data));`,
    `${PINO}type Job = { data: { kind: "daily" | "weekly"; id: string } };\nqueue.process(async ({ data: { kind = "daily" } }: Job) => {\n  logger.info(\`Running the \${kind} digest\`);\n});`,
    // An exhaustiveness check: type-checked code cannot call a function of a \`never\` parameter.
    `${PINO}function assertUnreachable(event: never) {\n  logger.warn(\`Unhandled event \${(event as Event).name}\`);\n}`,
    // A helper's parameter that every call gives a literal: as many messages as calls.
    `${PINO}const warnWrite = (operation: string) => {\n  logger.warn(\`Attempted \${operation} on a read-only connection\`);\n};\ndb.addHook("beforeCreate", () => warnWrite("CREATE"));\ndb.addHook("beforeDestroy", () => warnWrite("DELETE"));`,
  ]),
  invalid: [
    // A shutdown method that a route calls too runs per request.
    flagged(`${PINO}export class Server {\n  start() {\n    gracefulShutdown(this.httpServer, { onShutdown: this.stop });\n    app.post("/stop", (req) => this.stop(req.body.reason));\n  }\n  async stop(reason) {\n    logger.info(\`Stopping: \${reason}\`);\n  }\n}`, "`Stopping: ${reason}`"),
    // Flags that can be switched on at run time, and the branch that runs while the flag is off.
    flagged(`${PINO}let DEBUG = false;\nexport const enableDebug = () => (DEBUG = true);\napp.post("/orders", (req) => {\n  if (DEBUG) logger.info(\`Order \${req.body.id}\`);\n});`, "`Order ${req.body.id}`", {
      output: `${PINO}let DEBUG = false;\nexport const enableDebug = () => (DEBUG = true);\napp.post("/orders", (req) => {\n  if (DEBUG) logger.info({ id: req.body.id }, "Order");\n});`,
    }),
    flagged(`${PINO}const DEBUG = process.env.DEBUG === "1";\napp.post("/orders", (req) => {\n  if (DEBUG) logger.info(\`Order \${req.body.id}\`);\n});`, "`Order ${req.body.id}`", {
      output: `${PINO}const DEBUG = process.env.DEBUG === "1";\napp.post("/orders", (req) => {\n  if (DEBUG) logger.info({ id: req.body.id }, "Order");\n});`,
    }),
    flagged(`${PINO}const QUIET = false;\napp.post("/orders", (req) => {\n  if (QUIET) return;\n  else logger.info(\`Order \${req.body.id}\`);\n});`, "`Order ${req.body.id}`", {
      output: `${PINO}const QUIET = false;\napp.post("/orders", (req) => {\n  if (QUIET) return;\n  else logger.info({ id: req.body.id }, "Order");\n});`,
    }),
    flagged(`${PINO}class Calculator {\n  static ENABLE_LOGGING = false;\n  compute(order) {\n    if (Calculator.ENABLE_LOGGING) logger.info(\`Computed \${order.id}\`);\n  }\n}\napp.post("/orders", (req) => new Calculator().compute(req.body));`, "`Computed ${order.id}`", {
      output: `${PINO}class Calculator {\n  static ENABLE_LOGGING = false;\n  compute(order) {\n    if (Calculator.ENABLE_LOGGING) logger.info({ orderId: order.id }, "Computed");\n  }\n}\napp.post("/orders", (req) => new Calculator().compute(req.body));`,
    }),
    // A function returning what it read is not one of a few literals.
    flagged(`${PINO}async function probe(url) {\n  const response = await fetch(url);\n  return response.statusText;\n}\napp.post("/probe", async (req) => {\n  const ok = await probe(req.body.url);\n  logger.info(\`Probe result: \${ok}\`);\n});`, "`Probe result: ${ok}`", {
      output: `${PINO}async function probe(url) {\n  const response = await fetch(url);\n  return response.statusText;\n}\napp.post("/probe", async (req) => {\n  const ok = await probe(req.body.url);\n  logger.info({ ok }, "Probe result");\n});`,
    }),
    // A registry the code adds keys to at run time says nothing about the value.
    flagged(`${PINO}const HANDLERS = { create: onCreate };\nexport function register(name, fn) {\n  HANDLERS[name] = fn;\n}\napp.post("/run", (req) => {\n  const action = req.body.action;\n  if (action in HANDLERS) logger.info(\`Running \${action}\`);\n});`, "`Running ${action}`", {
      output: `${PINO}const HANDLERS = { create: onCreate };\nexport function register(name, fn) {\n  HANDLERS[name] = fn;\n}\napp.post("/run", (req) => {\n  const action = req.body.action;\n  if (action in HANDLERS) logger.info({ action }, "Running");\n});`,
    }),
    // A payment method is an id (Stripe's `pm_…`), not an HTTP method.
    flagged(`${PINO}logger.info(\`Charged with \${invoice.payment_method}\`);`, "`Charged with ${invoice.payment_method}`", {
      output: `${PINO}logger.info({ paymentMethod: invoice.payment_method }, "Charged");`,
    }),
    // A destructured property whose declared type is any string.
    flagged(`${PINO}type Props = { event: { name: string } };\nclass DeliverTask {\n  async perform({ event }: Props) {\n    logger.info(\`Delivering \${event.name}\`);\n  }\n}\nqueue.process((job) => new DeliverTask().perform(job.data));`, "`Delivering ${event.name}`", {
      output: `${PINO}type Props = { event: { name: string } };\nclass DeliverTask {\n  async perform({ event }: Props) {\n    logger.info({ name: event.name }, "Delivering");\n  }\n}\nqueue.process((job) => new DeliverTask().perform(job.data));`,
    }),
    flagged(`${PINO}type Job = { data: { kind: "daily" | "weekly"; id: string } };\nqueue.process(async ({ data: { id } }: Job) => {\n  logger.info(\`Running digest \${id}\`);\n});`, "`Running digest ${id}`", {
      output: `${PINO}type Job = { data: { kind: "daily" | "weekly"; id: string } };\nqueue.process(async ({ data: { id } }: Job) => {\n  logger.info({ id }, "Running digest");\n});`,
    }),
    // A parameter of any other type can hold anything.
    flagged(`${PINO}export function unhandled(event: Event) {\n  logger.warn(\`Unhandled event \${event.name}\`);\n}\napp.post("/hook", (req) => unhandled(req.body));`, "`Unhandled event ${event.name}`", {
      output: `${PINO}export function unhandled(event: Event) {\n  logger.warn({ name: event.name }, "Unhandled event");\n}\napp.post("/hook", (req) => unhandled(req.body));`,
    }),
    // A helper's parameter that one call gives a request's value, or that other modules may call.
    flagged(`${PINO}const warnWrite = (operation: string) => {\n  logger.warn(\`Attempted \${operation}\`);\n};\ndb.addHook("beforeCreate", () => warnWrite("CREATE"));\napp.post("/x", (req) => warnWrite(req.body.op));`, "`Attempted ${operation}`", {
      output: `${PINO}const warnWrite = (operation: string) => {\n  logger.warn({ operation }, "Attempted");\n};\ndb.addHook("beforeCreate", () => warnWrite("CREATE"));\napp.post("/x", (req) => warnWrite(req.body.op));`,
    }),
    flagged(`${PINO}export function warnWrite(operation: string) {\n  logger.warn(\`Attempted \${operation}\`);\n}\napp.post("/x", () => warnWrite("CREATE"));`, "`Attempted ${operation}`", {
      output: `${PINO}export function warnWrite(operation: string) {\n  logger.warn({ operation }, "Attempted");\n}\napp.post("/x", () => warnWrite("CREATE"));`,
    }),
    // A \`let\` that may hold a request's value; an awaited read that is not a setting.
    flagged(`${PINO}let label = "guest";\nif (req.user) label = req.user.email;\nlogger.info(\`Signed in as \${label}\`);`, "`Signed in as ${label}`", {
      output: `${PINO}let label = "guest";\nif (req.user) label = req.user.email;\nlogger.info({ label }, "Signed in");`,
    }),
    flagged(`${PINO}const cached = await cache.get("last-order");\nlogger.info(\`Last order \${cached}\`);`, "`Last order ${cached}`", {
      output: `${PINO}const cached = await cache.get("last-order");\nlogger.info({ cached }, "Last order");`,
    }),
    // A request handler's value, read by a callback inside it: one per request.
    flagged(`${PINO}app.post("/orders", (req, res) => {\n  const id = req.body.id;\n  queue.on("done", () => logger.info(\`Done \${id}\`));\n});`, "`Done ${id}`", {
      output: `${PINO}app.post("/orders", (req, res) => {\n  const id = req.body.id;\n  queue.on("done", () => logger.info({ id }, "Done"));\n});`,
    }),
    // A logger that is also a function (Probot's \`app.log\`), known by the levels called on it.
    flagged("class Plugin {\n  sync(repo) {\n    this.log.debug(\"syncing\");\n    this.log(`Synced ${repo.name}`);\n  }\n}", "`Synced ${repo.name}`"),
    // A cache the code changes afterwards is not a memoised value; a loader that reloads is not one.
    flagged(`${PINO}let config;\nasync function loadConfig() {\n  if (config === undefined) {\n    config = await fetchConfig(req.query.tenant);\n  }\n  return config;\n}\napp.post("/sync", async (req, res) => {\n  config = await loadConfig();\n  config.tenant = req.body.tenant;\n  logger.debug(\`config is \${JSON.stringify(config)}\`);\n  config = undefined;\n});`, "`config is ${JSON.stringify(config)}`", {
      suggestion: `${PINO}let config;\nasync function loadConfig() {\n  if (config === undefined) {\n    config = await fetchConfig(req.query.tenant);\n  }\n  return config;\n}\napp.post("/sync", async (req, res) => {\n  config = await loadConfig();\n  config.tenant = req.body.tenant;\n  logger.debug({ config: JSON.stringify(config) }, "config");\n  config = undefined;\n});`,
    }),
    // A shutdown function also called per request runs per request.
    flagged(`${PINO}function shutdown(reason) {\n  logger.info(\`Stopping: \${reason}\`);\n}\nprocess.on("SIGTERM", shutdown);\napp.post("/stop", (req, res) => shutdown(req.body.reason));`, "`Stopping: ${reason}`"),
    // A logging helper of the class, known by forwarding its argument to the logger.
    flagged("class Settings {\n  logError(msg) {\n    this.log.error(msg);\n    this.errors.push(msg);\n  }\n  sync(repo) {\n    this.logError(`Failed for ${repo.name}`);\n  }\n}", "`Failed for ${repo.name}`"),
    // A size is data, not a knob.
    flagged(`${PINO}logger.info(\`Uploaded a file of \${size} bytes\`);`, "`Uploaded a file of ${size} bytes`", {
      output: `${PINO}logger.info({ size }, "Uploaded a file");`,
    }),
    // A \`let\` assigned again holds what it was last given.
    flagged(`${PINO}let zone = dayjs.tz.guess();\nzone = req.query.tz;\nlogger.debug(\`Using timezone \${zone}\`);`, "`Using timezone ${zone}`", {
      output: `${PINO}let zone = dayjs.tz.guess();\nzone = req.query.tz;\nlogger.debug({ zone }, "Using timezone");`,
    }),
    // Counters bounded by data, by a large number, or set from outside are values of the request.
    {
      code: inHandler(`${PINO}for (let i = 0; i < rows.length; i++) logger.info(\`row \${i}\`);`),
      output: inHandler(`${PINO}for (let i = 0; i < rows.length; i++) logger.info({ i }, "row");`),
      errors: [{ messageId: "interpolated" }],
    },
    {
      code: inHandler(`${PINO}let n = 0;\nwhile (n < 1000) {\n  logger.info(\`batch \${n}\`);\n  n++;\n}`),
      output: inHandler(`${PINO}let n = 0;\nwhile (n < 1000) {\n  logger.info({ n }, "batch");\n  n++;\n}`),
      errors: [{ messageId: "interpolated" }],
    },
    {
      code: inHandler(`${PINO}let n = 0;\nwhile (n < 3) {\n  logger.info(\`try \${n}\`);\n  n = await nextAttempt();\n}`),
      output: inHandler(`${PINO}let n = 0;\nwhile (n < 3) {\n  logger.info({ n }, "try");\n  n = await nextAttempt();\n}`),
      errors: [{ messageId: "interpolated" }],
    },
    // Exits only on error paths or from a signal handler: a long-running process whose console is its log.
    {
      code: 'queue.process(async (job) => {\n  console.log(`Processing job ${job.id}`);\n});\nprocess.on("SIGTERM", () => process.exit(0));\nstart().catch(() => process.exit(1));',
      filename: "backend/worker.js",
      errors: [{ messageId: "interpolated" }],
    },
    {
      // A server exporting its app is no script, whatever it does at exit.
      code: 'app.get("/", (req, res) => {\n  console.log(`Hit by ${req.ip}`);\n  res.end();\n});\napp.listen(3000);\nprocess.exitCode = 0;',
      filename: "backend/server.js",
      errors: [{ messageId: "interpolated" }],
    },
    // An initialiser the file calls again on a schedule is not start-up code; nor is a callback inside one.
    flagged(`${PINO}class LicenseClient {\n  async resync() { await this.initialize(); }\n  async initialize() {\n    logger.info(\`License holder: \${holder}\`);\n  }\n}`, "`License holder: ${holder}`", {
      output: `${PINO}class LicenseClient {\n  async resync() { await this.initialize(); }\n  async initialize() {\n    logger.info({ holder }, "License holder");\n  }\n}`,
    }),
    // A polling loop in start-up code repeats: what it calls runs on every pass.
    flagged(
      `${PINO}async function processBatch(links) {\n  logger.info(\`Processed \${links.length} links\`);\n}\nasync function startPolling() {\n  while (true) {\n    await processBatch(await nextBatch());\n  }\n}\nstartPolling();`,
      "`Processed ${links.length} links`",
      {
        output: `${PINO}async function processBatch(links) {\n  logger.info({ linksLength: links.length }, "Processed links");\n}\nasync function startPolling() {\n  while (true) {\n    await processBatch(await nextBatch());\n  }\n}\nstartPolling();`,
      },
    ),
    flagged(`${PINO}function initSockets(io) {\n  io.on("connection", (socket) => {\n    logger.info(\`Client \${socket.id} connected\`);\n  });\n}`, "`Client ${socket.id} connected`", {
      output: `${PINO}function initSockets(io) {\n  io.on("connection", (socket) => {\n    logger.info({ socketId: socket.id }, "Client connected");\n  });\n}`,
    }),
    // Compared unequal, or in the branch where the comparison failed, or reached by falling through a case: still varies.
    flagged(`${PINO}function retryStrategy(times: number) {\n  if (times === 1) return;\n  logger.warn(\`Retrying connection: attempt \${times}\`);\n}`, "`Retrying connection: attempt ${times}`", {
      output: `${PINO}function retryStrategy(times: number) {\n  if (times === 1) return;\n  logger.warn({ times }, "Retrying connection: attempt");\n}`,
    }),
    flagged(`${PINO}switch (event.type) {\n  default:\n    track(event);\n  case "b":\n    logger.info(\`Handled \${event.type}\`);\n}`, "`Handled ${event.type}`", {
      output: `${PINO}switch (event.type) {\n  default:\n    track(event);\n  case "b":\n    logger.info({ type: event.type }, "Handled");\n}`,
    }),
    // A membership guard on a collection the code adds to, of values that are not literals, or one that does not leave: still varies.
    flagged(`${PINO}const seen = new Set(["a"]);\nfunction handle(id) {\n  seen.add(id);\n  if (!seen.has(id)) return;\n  logger.info(\`Handling \${id}\`);\n}`, "`Handling ${id}`", {
      output: `${PINO}const seen = new Set(["a"]);\nfunction handle(id) {\n  seen.add(id);\n  if (!seen.has(id)) return;\n  logger.info({ id }, "Handling");\n}`,
    }),
    flagged(`${PINO}const allowed = new Set([ADMIN_ID, ownerId]);\nfunction handle(id) {\n  if (!allowed.has(id)) return;\n  logger.info(\`Handling \${id}\`);\n}`, "`Handling ${id}`", {
      output: `${PINO}const allowed = new Set([ADMIN_ID, ownerId]);\nfunction handle(id) {\n  if (!allowed.has(id)) return;\n  logger.info({ id }, "Handling");\n}`,
    }),
    flagged(`${PINO}const KINDS = new Set(["a", "b"]);\nfunction handle(kind) {\n  if (!KINDS.has(kind)) track(kind);\n  logger.info(\`Handling \${kind}\`);\n}`, "`Handling ${kind}`", {
      output: `${PINO}const KINDS = new Set(["a", "b"]);\nfunction handle(kind) {\n  if (!KINDS.has(kind)) track(kind);\n  logger.info({ kind }, "Handling");\n}`,
    }),
    flagged(`${PINO}function handle(kind, user) {\n  if (kind !== "a" && user.isAdmin) return;\n  logger.info(\`Handling \${kind}\`);\n}`, "`Handling ${kind}`", {
      output: `${PINO}function handle(kind, user) {\n  if (kind !== "a" && user.isAdmin) return;\n  logger.info({ kind }, "Handling");\n}`,
    }),
    flagged(`${PINO}const KINDS = new Set(["a", "b"]);\nfunction handle(kind) {\n  if (KINDS.has(kind)) return;\n  logger.info(\`Unknown kind \${kind}\`);\n}`, "`Unknown kind ${kind}`", {
      output: `${PINO}const KINDS = new Set(["a", "b"]);\nfunction handle(kind) {\n  if (KINDS.has(kind)) return;\n  logger.info({ kind }, "Unknown kind");\n}`,
    }),
    // A feature of the service named for migrating (not a numbered migration) logs to the service's log.
    flagged(`${PINO}export async function importWorkspace(job) {\n  logger.info(\`Imported \${job.count} pages\`);\n}`, "`Imported ${job.count} pages`", {
      output: `${PINO}export async function importWorkspace(job) {\n  logger.info({ jobCount: job.count }, "Imported pages");\n}`,
      filename: "src/services/migration/importer.ts",
    }),
    // A union one of whose branches declares the field as any string.
    flagged(`${PINO}type JobEvent = { name: "documents.create" } | { name: string };\nqueue.process(async (job) => {\n  const event = job.data as JobEvent;\n  logger.info(\`Processing \${event.name}\`);\n});`, "`Processing ${event.name}`", {
      output: `${PINO}type JobEvent = { name: "documents.create" } | { name: string };\nqueue.process(async (job) => {\n  const event = job.data as JobEvent;\n  logger.info({ name: event.name }, "Processing");\n});`,
    }),
    // An assertion to a type whose field varies.
    flagged(`${PINO}type JobEvent = { name: "documents.create"; id: string };\nqueue.process(async (job) => {\n  const event = job.data as JobEvent;\n  logger.info(\`Processing \${event.id}\`);\n});`, "`Processing ${event.id}`", {
      output: `${PINO}type JobEvent = { name: "documents.create"; id: string };\nqueue.process(async (job) => {\n  const event = job.data as JobEvent;\n  logger.info({ id: event.id }, "Processing");\n});`,
    }),
    // Look-alikes of the fixed and few-valued values above that vary with each call.
    flagged(`${PINO}function start(tenantId: string, action: string) {\n  logger.info(\`\${action} tenant \${tenantId}\`);\n}`, "`${action} tenant ${tenantId}`", {
      output: `${PINO}function start(tenantId: string, action: string) {\n  logger.info({ action, tenantId }, "tenant");\n}`,
    }),
    flagged(`${PINO}const isAdmin = user.role === "admin";\nlogger.info(\`User \${user.id} admin: \${isAdmin}\`);`, "`User ${user.id} admin: ${isAdmin}`", {
      output: `${PINO}const isAdmin = user.role === "admin";\nlogger.info({ userId: user.id, isAdmin }, "User");`,
    }),
    // An object literal prints as "[object Object]", but serialised or counted it is the data it holds;
    // what is awaited is the answer of I/O.
    flagged(`${PINO}const params = { owner, repo };\nlogger.debug(\`Updating repo with \${JSON.stringify(params)}\`);`, "`Updating repo with ${JSON.stringify(params)}`", {
      suggestion: `${PINO}const params = { owner, repo };\nlogger.debug({ params: JSON.stringify(params) }, "Updating repo");`,
    }),
    flagged(`${PINO}const errored = {};\nmark(errored);\nlogger.info(\`Updated \${Object.keys(errored).length} imports\`);`, "`Updated ${Object.keys(errored).length} imports`"),
    flagged(`${PINO}const count = await Codes.destroy({ where: { expired: true } });\nlogger.info(\`\${count} expired codes deleted\`);`, "`${count} expired codes deleted`", {
      output: `${PINO}const count = await Codes.destroy({ where: { expired: true } });\nlogger.info({ count }, "expired codes deleted");`,
    }),
    flagged(`${PINO}const failed = [];\nfailed.push(id);\nlogger.warn(\`\${failed.length} jobs failed\`);`, "`${failed.length} jobs failed`", {
      output: `${PINO}const failed = [];\nfailed.push(id);\nlogger.warn({ failedLength: failed.length }, "jobs failed");`,
    }),
    flagged(`${PINO}class Client {\n  private attempts = 0;\n  retry() { this.attempts++; logger.warn(\`Retry \${this.attempts}\`); }\n}`, "`Retry ${this.attempts}`", {
      output: `${PINO}class Client {\n  private attempts = 0;\n  retry() { this.attempts++; logger.warn({ attempts: this.attempts }, "Retry"); }\n}`,
    }),
    flagged(`${PINO}for (const user of users) {\n  logger.info(\`Notifying \${user.email}\`);\n}`, "`Notifying ${user.email}`", {
      output: `${PINO}for (const user of users) {\n  logger.info({ email: user.email }, "Notifying");\n}`,
    }),
    flagged(`${PINO}server.listen(port, () => {\n  setInterval(() => logger.info(\`Open connections: \${connections.size}\`), 60000);\n});`, "`Open connections: ${connections.size}`", {
      output: `${PINO}server.listen(port, () => {\n  setInterval(() => logger.info({ connectionsSize: connections.size }, "Open connections"), 60000);\n});`,
    }),
    flagged(`${PINO}if (user.isTestUser) {\n  logger.info(\`Test user \${user.id} signed in\`);\n}`, "`Test user ${user.id} signed in`", {
      output: `${PINO}if (user.isTestUser) {\n  logger.info({ userId: user.id }, "Test user signed in");\n}`,
    }),
    flagged(`${PINO}router.post("/orders", auth(), async (ctx) => {\n  logger.info(\`Order \${ctx.params.id} created\`);\n});`, "`Order ${ctx.params.id} created`", {
      output: `${PINO}router.post("/orders", auth(), async (ctx) => {\n  logger.info({ id: ctx.params.id }, "Order created");\n});`,
    }),
    // Server folders log through the console by default; a logger object named for what it logs; a logger accessor.
    flagged("console.error(`Organisation not found for customer ${customerId}`);", "`Organisation not found for customer ${customerId}`", {
      filename: "packages/ee/server-only/stripe/sync.ts",
    }),
    flagged("console.warn(`Token revocation: ${url} responded with ${status}`);", "`Token revocation: ${url} responded with ${status}`", {
      filename: "packages/hoppscotch-backend/src/auth/revoke.ts",
    }),
    flagged("consoleLog.info(`Triggering hook ${id}`);", "`Triggering hook ${id}`"),
    flagged("getConsoleLogFromContext(ctx).error(`Failed to delete user ${userId}`);", "`Failed to delete user ${userId}`"),
    // Production code, values that vary per call.
    flagged(`${PINO}if (env.isProduction) {\n  logger.warn(\`Retrying \${job.id}\`);\n}`, "`Retrying ${job.id}`", {
      output: `${PINO}if (env.isProduction) {\n  logger.warn({ jobId: job.id }, "Retrying");\n}`,
    }),
    flagged(`${PINO}const id = req.params.id;\nlogger.info(\`Order \${id} shipped\`);`, "`Order ${id} shipped`", {
      output: `${PINO}const id = req.params.id;\nlogger.info({ id }, "Order shipped");`,
    }),
    // A method of a value that varies is not styling of constant text.
    flagged(
      `${PINO}function onMessage(channel) {\n  const documentId = channel.replace(\`\${PREFIX}:\`, "");\n  logger.warn(\`Document \${documentId} not found\`);\n}`,
      "`Document ${documentId} not found`",
      { output: `${PINO}function onMessage(channel) {\n  const documentId = channel.replace(\`\${PREFIX}:\`, "");\n  logger.warn({ documentId }, "Document not found");\n}` },
    ),
    flagged(`${PINO}let port = config.port;\nport = next();\nlogger.info(\`Moved to \${port}\`);`, "`Moved to ${port}`", {
      output: `${PINO}let port = config.port;\nport = next();\nlogger.info({ port }, "Moved");`,
    }),
    // pino: fields first, message second; `user.id` becomes userId, "from" goes with the ip.
    flagged(`${PINO}logger.info(\`User \${user.id} logged in from \${ip}\`);`, "`User ${user.id} logged in from ${ip}`", {
      output: `${PINO}logger.info({ userId: user.id, ip }, "User logged in");`,
    }),
    // Concatenation, CommonJS require, single quotes kept.
    flagged(
      "const pino = require('pino');\nconst logger = pino({ level: 'info' });\nlogger.warn('payment for unknown order ' + orderId);",
      "'payment for unknown order ' + orderId",
      {
        filename: "orders.js",
        output: "const pino = require('pino');\nconst logger = pino({ level: 'info' });\nlogger.warn({ orderId }, 'payment for unknown order');",
      },
    ),
    // pino logs an Error first argument as { err }; `err.message` becomes the error itself.
    flagged(
      `${PINO}logger.error(error, \`Failed to charge order \${order.id}: \${error.message}\`);`,
      "`Failed to charge order ${order.id}: ${error.message}`",
      { output: `${PINO}logger.error({ err: error, orderId: order.id }, "Failed to charge order");` },
    ),
    flagged(`${PINO}logger.error(\`Failed to send email: \${err.message}\`);`, "`Failed to send email: ${err.message}`", {
      output: `${PINO}logger.error({ err }, "Failed to send email");`,
    }),
    // Fields merge into an existing object; a multi-line call keeps its shape; units go with their value.
    flagged(
      `${PINO}logger.info(\n  { route: "/orders" },\n  \`Order \${orderId} created in \${elapsed}ms\`,\n);`,
      "`Order ${orderId} created in ${elapsed}ms`",
      { output: `${PINO}logger.info(\n  { route: "/orders", orderId, elapsed },\n  "Order created",\n);` },
    ),
    // A child logger is pino; quotes around a value go with it.
    flagged(
      `${PINO}const billing = logger.child({ module: "billing" });\nbilling.debug(\`Invoice \${invoice.id} sent to "\${customer.email}"\`);`,
      '`Invoice ${invoice.id} sent to "${customer.email}"`',
      { output: `${PINO}const billing = logger.child({ module: "billing" });\nbilling.debug({ invoiceId: invoice.id, email: customer.email }, "Invoice sent");` },
    ),
    // Fastify's request.log is pino; `request.params.id` is just `id`.
    flagged(
      'fastify.get("/orders/:id", async (request) => {\n  request.log.info(`Fetching order ${request.params.id}`);\n});',
      "`Fetching order ${request.params.id}`",
      { output: 'fastify.get("/orders/:id", async (request) => {\n  request.log.info({ id: request.params.id }, "Fetching order");\n});' },
    ),
    // bunyan reserves `name`: renaming the field is a suggestion, not a fix.
    flagged('import bunyan from "bunyan";\nconst log = bunyan.createLogger({ name: "jobs" });\nlog.info(`Job ${name} finished`);', "`Job ${name} finished`", {
      suggestion: 'import bunyan from "bunyan";\nconst log = bunyan.createLogger({ name: "jobs" });\nlog.info({ nameValue: name }, "Job finished");',
    }),
    flagged('const bunyan = require("bunyan");\nconst log = bunyan.createLogger({ name: "jobs" });\nlog.info(`Job ${job.id} finished`);', "`Job ${job.id} finished`", {
      output: 'const bunyan = require("bunyan");\nconst log = bunyan.createLogger({ name: "jobs" });\nlog.info({ jobId: job.id }, "Job finished");',
    }),
    // consola and log4js have no fields convention: reported without a fix.
    flagged('import { consola } from "consola";\nconsola.success(`Built ${count} pages`);', "`Built ${count} pages`"),
    flagged('import log4js from "log4js";\nconst audit = log4js.getLogger("audit");\naudit.warn("Login failed for " + email);', '"Login failed for " + email'),
    // winston: message first, fields after; log(level, message); fields merge into the meta object.
    flagged(`${WINSTON}logger.info(\`User \${user.id} logged in from \${ip}\`);`, "`User ${user.id} logged in from ${ip}`", {
      output: `${WINSTON}logger.info("User logged in", { userId: user.id, ip });`,
    }),
    flagged(`${WINSTON}logger.log("warn", \`Retrying \${job.name} (attempt \${attempt})\`);`, "`Retrying ${job.name} (attempt ${attempt})`", {
      output: `${WINSTON}logger.log("warn", "Retrying", { jobName: job.name, attempt });`,
    }),
    flagged(`${WINSTON}logger.error(\`Import failed for \${file}\`, { attempt });`, "`Import failed for ${file}`", {
      output: `${WINSTON}logger.error("Import failed", { attempt, file });`,
    }),
    // A record named like the settings but loaded for this request: its id differs from call to call.
    flagged(`${PINO}const config = await req.context.models.configs.getByKey(req.params.key);\nlogger.error(\`Config \${config.id} could not be published\`);`, "`Config ${config.id} could not be published`", {
      output: `${PINO}const config = await req.context.models.configs.getByKey(req.params.key);\nlogger.error({ id: config.id }, "Config could not be published");`,
    }),
    // A block the flag guards but that does not set it runs on every call while the flag is unset.
    flagged(`${PINO}let ready;\nexport async function init() {\n  if (!ready) {\n    await queueInit();\n  }\n}\nasync function queueInit() {\n  agenda.createIndex().catch((e) => logger.error("Could not create the index: " + e));\n}\napp.use(async (req, res, next) => {\n  await init();\n  next();\n});`, '"Could not create the index: " + e', {
      output: `${PINO}let ready;\nexport async function init() {\n  if (!ready) {\n    await queueInit();\n  }\n}\nasync function queueInit() {\n  agenda.createIndex().catch((e) => logger.error({ err: e }, "Could not create the index"));\n}\napp.use(async (req, res, next) => {\n  await init();\n  next();\n});`,
    }),
    // A logger called at a level the code picks at run time.
    flagged(`${WINSTON}logger[level](\`Ran \${name} for user \${user.id}\`);`, "`Ran ${name} for user ${user.id}`", {
      output: `${WINSTON}logger[level]("Ran for user", { name, userId: user.id });`,
    }),
    // Aliased import and destructured require.
    flagged(
      'import { createLogger as makeLogger } from "winston";\nconst log = makeLogger();\nlog.warn(`Disk usage at ${usage}%`);',
      "`Disk usage at ${usage}%`",
      { output: 'import { createLogger as makeLogger } from "winston";\nconst log = makeLogger();\nlog.warn("Disk usage", { usage });' },
    ),
    flagged(
      'const { pino } = require("pino");\nconst logger = pino();\nlogger.info(\n  `Imported ${rows.length} rows`\n);',
      "`Imported ${rows.length} rows`",
      { filename: "import.cjs", output: 'const { pino } = require("pino");\nconst logger = pino();\nlogger.info(\n  { rowsLength: rows.length }, "Imported rows"\n);' },
    ),
    // NestJS Logger in a class field: one object with the message.
    flagged(
      `import { Injectable, Logger } from "@nestjs/common";
@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);
  create(dto: CreateUserDto) {
    this.logger.log(\`Created user \${dto.email}\`);
  }
}`,
      "`Created user ${dto.email}`",
      {
        filename: "users.service.ts",
        output: `import { Injectable, Logger } from "@nestjs/common";
@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);
  create(dto: CreateUserDto) {
    this.logger.log({ message: "Created user", email: dto.email });
  }
}`,
      },
    ),
    // NestJS static Logger keeps its context argument.
    flagged('import { Logger } from "@nestjs/common";\nLogger.warn(`Cache miss for ${key}`, "CacheService");', "`Cache miss for ${key}`", {
      output: 'import { Logger } from "@nestjs/common";\nLogger.warn({ message: "Cache miss", key }, "CacheService");',
    }),
    // A private field behind a non-null assertion.
    flagged(
      `import pino from "pino";
class Worker {
  #logger = pino();
  run(task) {
    this.#logger!.info(\`Running \${task.id}\`);
  }
}`,
      "`Running ${task.id}`",
      {
        filename: "worker.ts",
        output: `import pino from "pino";
class Worker {
  #logger = pino();
  run(task) {
    this.#logger!.info({ taskId: task.id }, "Running");
  }
}`,
      },
    ),
    // A constructor parameter typed with nestjs-pino's PinoLogger.
    flagged(
      `import { PinoLogger } from "nestjs-pino";
export class Payments {
  constructor(private readonly logger: PinoLogger) {}
  refund(id: string) {
    this.logger.info(\`Refunded payment \${id}\`);
  }
}`,
      "`Refunded payment ${id}`",
      {
        filename: "payments.ts",
        output: `import { PinoLogger } from "nestjs-pino";
export class Payments {
  constructor(private readonly logger: PinoLogger) {}
  refund(id: string) {
    this.logger.info({ id }, "Refunded payment");
  }
}`,
      },
    ),
    // Units, labels and separators go with their values.
    flagged(`${PINO}logger.debug(\`Lock \${resource} acquired for \${ttl} ms\`);`, "`Lock ${resource} acquired for ${ttl} ms`", {
      output: `${PINO}logger.debug({ resource, ttl }, "Lock acquired");`,
    }),
    flagged(`${PINO}logger.warn(\`Schema not written. Reason: \${e}\`);`, "`Schema not written. Reason: ${e}`", {
      output: `${PINO}logger.warn({ err: e }, "Schema not written");`,
    }),
    flagged(`${PINO}logger.info(\`Processed \${done}/\${total} batches for layout \${layout._id}\`);`, "`Processed ${done}/${total} batches for layout ${layout._id}`", {
      output: `${PINO}logger.info({ done, total, layoutId: layout._id }, "Processed batches for layout");`,
    }),
    // A value in the middle of a phrase leaves it broken: a suggestion to reword, not a fix.
    flagged(`${PINO}logger.info(\`Sending messageId: \${id} in the payload\`);`, "`Sending messageId: ${id} in the payload`", {
      suggestion: `${PINO}logger.info({ id }, "Sending messageId: in the payload");`,
    }),
    // A named constant leaves the message with the value: a suggestion.
    flagged(`${PINO}logger.error(\`Gave up after \${MAX_RETRIES} retries on \${queue}\`);`, "`Gave up after ${MAX_RETRIES} retries on ${queue}`", {
      suggestion: `${PINO}logger.error({ MAX_RETRIES, queue }, "Gave up after retries");`,
    }),
    // A value with side effects moves into a field only by suggestion.
    flagged(`${PINO}logger.info(\`Cart total is \${cart.getTotal()}\`);`, "`Cart total is ${cart.getTotal()}`", {
      suggestion: `${PINO}logger.info({ total: cart.getTotal() }, "Cart total");`,
    }),
    // Two values with the same field name: renamed by suggestion.
    flagged(`${PINO}logger.info(\`\${user.id} now follows \${this.user.id}\`);`, "`${user.id} now follows ${this.user.id}`", {
      suggestion: `${PINO}logger.info({ userId: user.id, thisUserId: this.user.id }, "now follows");`,
    }),
    // A logger from a project module: reported, but its argument order is unknown, so no fix.
    flagged('import { logger } from "./logger.js";\nlogger.info(`order ${order.id} paid by ${user.email}`);', "`order ${order.id} paid by ${user.email}`"),
    // Outline-style category first: the message is the second argument.
    flagged('import Logger from "@server/logging/Logger";\nLogger.info(\n  "http",\n  `Request to ${url} failed`,\n);', "`Request to ${url} failed`"),
    // Known only by name (a parameter): reported without a fix.
    flagged("function sync(log) {\n  log.warn('Skipped ' + count + ' rows');\n}", "'Skipped ' + count + ' rows'"),
    // `a + b + " items"` adds numbers first: reported, not rewritten.
    flagged(`${PINO}logger.info(done + failed + " jobs processed");`, 'done + failed + " jobs processed"'),
    // Nothing meaningful is left once the values are gone: reported, not rewritten.
    flagged(`${PINO}logger.info(\`\${method} \${path}\`);`, "`${method} ${path}`"),
    // console, when the option says so; extra logger names.
    flagged("console.log(`Listening on ${port}`);", "`Listening on ${port}`", { options: [{ console: true }] }),
    flagged("audit.info(`Deleted ${record.id}`);", "`Deleted ${record.id}`", { options: [{ loggerNames: ["audit"] }] }),
  ],
});

// The console is a service's log in every file of a package that depends on a server framework,
// except browser code, scripts, migrations and build configs; a package that keeps its server in
// `server/` says the rest is not the service. Packages on disk, since the rule reads package.json.
const packages = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-console-"));
afterAll(() => fs.rmSync(packages, { recursive: true, force: true }));
function packageFile(packageName: string, dependencies: Record<string, string>, file: string, folders: string[] = [], devDependencies: Record<string, string> = {}): string {
  const root = path.join(packages, packageName);
  for (const folder of folders) fs.mkdirSync(path.join(root, folder), { recursive: true });
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, "package.json"), JSON.stringify({ name: packageName, dependencies, devDependencies }));
  return path.join(root, file);
}
/** A package with a `start` script: an application, not a library. */
function applicationFile(packageName: string, manifest: Record<string, unknown>, file: string): string {
  const root = path.join(packages, packageName.replace("/", "+"));
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, "package.json"), JSON.stringify({ name: packageName, ...manifest }));
  return path.join(root, file);
}
/**
 * A monorepo under `packages/<name>`: the root's manifest (or pnpm-workspace.yaml) lists the
 * packages; returns the path of `file` in the package `owner`.
 */
function workspaceFile(name: string, layout: { manifest?: object; pnpm?: string }, members: Record<string, object>, owner: string, file: string): string {
  const root = path.join(packages, name);
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(path.join(root, "package.json"), JSON.stringify({ name, private: true, ...layout.manifest }));
  if (layout.pnpm !== undefined) fs.writeFileSync(path.join(root, "pnpm-workspace.yaml"), layout.pnpm);
  for (const [folder, manifest] of Object.entries(members)) {
    fs.mkdirSync(path.join(root, folder), { recursive: true });
    fs.writeFileSync(path.join(root, folder, "package.json"), JSON.stringify(manifest));
  }
  fs.mkdirSync(path.dirname(path.join(root, owner, file)), { recursive: true });
  return path.join(root, owner, file);
}
const worker = { name: "@bookmarks/worker", scripts: { start: "tsx index.ts" }, dependencies: { "@bookmarks/lib": "*" } };
const library = { name: "@bookmarks/lib", dependencies: { "rss-parser": "^3.0.0" } };
const warn = inHandler("console.warn(`Token revocation: ${url} responded with HTTP ${response.status}`);");
const express = { express: "^5.0.0" };
const next = { next: "^15.0.0" };
const nextJob = `import { prisma } from "@/lib/prisma";\n${warn}`;
const serverAction = `"use server";\n${warn}`;
const libraryJob = `import { prisma } from "@bookmarks/prisma";\n${warn}`;
ruleTester.run("no-interpolated-log (console in service packages)", rule as never, {
  valid: [
    // A workspace library: a module that does not show it runs on the server; one no service depends on; one of a front end.
    { code: warn, filename: workspaceFile("bookmarks-plain", { manifest: { workspaces: ["apps/*", "packages/*"] } }, { "apps/worker": worker, "packages/lib": library }, "packages/lib", "format.ts") },
    { code: libraryJob, filename: workspaceFile("bookmarks-unused", { manifest: { workspaces: ["apps/*", "packages/*"] } }, { "apps/worker": { ...worker, dependencies: {} }, "packages/lib": library }, "packages/lib", "rssHandler.ts") },
    { code: libraryJob, filename: workspaceFile("bookmarks-ui", { manifest: { workspaces: { packages: ["apps/*", "packages/*"] } } }, { "apps/worker": worker, "packages/lib": { ...library, dependencies: { react: "^19.0.0" } } }, "packages/lib", "rssHandler.ts") },
    { code: warn, filename: packageFile("service", express, "public/js/main.js") },
    { code: warn, filename: packageFile("service", express, "scripts/seed.js") },
    { code: warn, filename: packageFile("service", express, "migrations/001-users.js") },
    { code: warn, filename: packageFile("service", express, "webpack.config.js") },
    // A CLI is not a service; devDependencies are not what runs.
    { code: warn, filename: packageFile("cli", { commander: "^12.0.0" }, "lib/run.js") },
    { code: warn, filename: packageFile("tooling", {}, "lib/run.js", [], express) },
    // The server has a folder of its own: the app beside it is browser code.
    { code: warn, filename: packageFile("fullstack", { koa: "^2.0.0" }, "app/stores/documents.ts", ["server"]) },
    { code: warn, filename: packageFile("service", express, "config/revoke.js"), options: [{ console: false }] },
    // A Next.js app: a module that imports nothing server-only may run in the browser, and a client component does.
    { code: warn, filename: packageFile("next-app", next, "lib/format.ts") },
    { code: `"use client";\nimport { prisma } from "@/lib/prisma";\n${warn}`, filename: packageFile("next-app", next, "lib/panel.tsx") },
    // A real format string: the values are the library's substitutions.
    { code: inHandler('console.log("\\x1b[34m%s\\x1b[0m processed %d links", `Batch ${id}`, count);'), filename: applicationFile("@bookmarks/worker", { dependencies: {}, scripts: { start: "tsx index.ts" } }, "workers/batch.ts") },
    // Named for a worker, but a library (no start script), or a browser app's web workers.
    { code: warn, filename: applicationFile("@acme/worker", { dependencies: {} }, "src/poll.ts") },
    { code: warn, filename: applicationFile("editor-workers", { dependencies: { react: "^19.0.0" }, scripts: { start: "vite" } }, "src/workers/parse.ts") },
  ],
  invalid: [
    { code: warn, filename: packageFile("service", express, "config/revoke.js"), errors: [interpolated(warn, "`Token revocation: ${url} responded with HTTP ${response.status}`")] },
    { code: warn, filename: packageFile("nest", { "@nestjs/core": "^11.0.0" }, "src/users/users.service.ts"), errors: [interpolated(warn, "`Token revocation: ${url} responded with HTTP ${response.status}`")] },
    { code: warn, filename: packageFile("fullstack", { koa: "^2.0.0" }, "server/routes/auth.ts", ["server"]), errors: [interpolated(warn, "`Token revocation: ${url} responded with HTTP ${response.status}`")] },
    // A Next.js module that imports the database client, or a server action, runs on the server: a job, a route's helper.
    { code: nextJob, filename: packageFile("next-app", next, "lib/jobs/import-partners.ts"), errors: [interpolated(nextJob, "`Token revocation: ${url} responded with HTTP ${response.status}`")] },
    { code: serverAction, filename: packageFile("next-app", next, "lib/actions/invite.ts"), errors: [interpolated(serverAction, "`Token revocation: ${url} responded with HTTP ${response.status}`")] },
    // A format string that only colours the message, directly or in a one-line helper of the file.
    ...[
      inHandler('console.error("\\x1b[34m%s\\x1b[0m", `Error processing link ${link.url}`, error);'),
      `const logInfo = (message: string) => console.log("\\x1b[34m%s\\x1b[0m", message);\n${inHandler("logInfo(`Error processing link ${link.url}`);")}`,
    ].map((code) => ({ code, filename: applicationFile("@bookmarks/worker", { dependencies: {}, scripts: { start: "tsx index.ts" } }, "workers/archive.ts"), errors: [interpolated(code, "`Error processing link ${link.url}`")] })),
    // A background worker: an application named for one, or one that consumes a job queue. Its console is its log.
    ...[
      applicationFile("@bookmarks/worker", { dependencies: { "@prisma/client": "^6.0.0" }, scripts: { start: "tsx index.ts" } }, "workers/linkProcessing.ts"),
      applicationFile("jobs", { dependencies: { bullmq: "^5.0.0" }, scripts: { start: "node dist/main.js" } }, "src/processors/email.ts"),
    ].map((filename) => ({ code: warn, filename, errors: [interpolated(warn, "`Token revocation: ${url} responded with HTTP ${response.status}`")] })),
    // A workspace library a worker depends on: a module of it that runs on the server (it imports the database client) logs to the worker's log.
    ...[
      workspaceFile("bookmarks", { manifest: { workspaces: ["apps/*", "packages/*"] } }, { "apps/worker": worker, "packages/lib": library }, "packages/lib", "rssHandler.ts"),
      workspaceFile("bookmarks-pnpm", { pnpm: 'packages:\n  - "apps/**"\n  - packages/lib # shared\n' }, { "apps/jobs/worker": worker, "packages/lib": library }, "packages/lib", "src/rssHandler.ts"),
    ].map((filename) => ({ code: libraryJob, filename, errors: [interpolated(libraryJob, "`Token revocation: ${url} responded with HTTP ${response.status}`")] })),
  ],
});

/** Writes the modules of a service package and the file under test; returns that file's path. */
function packageWith(packageName: string, modules: Record<string, string>, file: string, text: string): string {
  for (const [module, moduleText] of Object.entries(modules)) fs.writeFileSync(packageFile(packageName, express, module), moduleText);
  const linted = packageFile(packageName, express, file);
  fs.writeFileSync(linted, text);
  return linted;
}

// A static field of a class imported from another module of the project, read from disk.
function withModel(packageName: string, model: string, task: string): string {
  return packageWith(packageName, { "server/models/FileOperation.ts": model }, "server/tasks/cleanup.ts", task);
}
const CLEANUP = `import { Logger } from "../logging";\nimport FileOperation from "../models/FileOperation";\nexport class Cleanup {\n  async perform(props) {\n    Logger.info(\`Expiring operations older than \${FileOperation.expiryDays} days\`);\n  }\n}\n`;
ruleTester.run("no-interpolated-log (constants of other modules)", rule as never, {
  valid: [{ code: CLEANUP, filename: withModel("models", "export default class FileOperation {\n  static expiryDays = 15;\n}\n", CLEANUP) }],
  invalid: [
    // A static field something assigns is no constant.
    {
      code: CLEANUP,
      filename: withModel("reconfigured", "export default class FileOperation {\n  static expiryDays = 15;\n  static configure(days) {\n    FileOperation.expiryDays = days;\n  }\n}\n", CLEANUP),
      errors: [interpolated(CLEANUP, "`Expiring operations older than ${FileOperation.expiryDays} days`")],
    },
  ],
});

// What a function of another module of the project returns, when it only returns literals.
const PROBE_HANDLER = 'const { testRemote } = require("../checks/remote");\nsocket.on("test", async (url) => {\n  const check = await testRemote(url);\n  log.info(`Tested remote: ${check}`);\n});\n';
function withCheck(packageName: string, check: string): string {
  return packageWith(packageName, { "server/checks/remote.js": check }, "server/handlers/remote.js", PROBE_HANDLER);
}
ruleTester.run("no-interpolated-log (results of other modules' functions)", rule as never, {
  valid: [{ code: PROBE_HANDLER, filename: withCheck("probe-literal", "async function testRemote(url) {\n  await connect(url);\n  return true;\n}\nmodule.exports = { testRemote };\n") }],
  invalid: [
    {
      code: PROBE_HANDLER,
      filename: withCheck("probe-value", "async function testRemote(url) {\n  const browser = await connect(url);\n  return browser.version();\n}\nmodule.exports = { testRemote };\n"),
      errors: [interpolated(PROBE_HANDLER, "`Tested remote: ${check}`")],
    },
  ],
});

// A logging helper inherited from a base class in another module (safe-settings' ErrorStash).
const LABELS = `const Diffable = require("./diffable");\nmodule.exports = class Labels extends Diffable {\n  remove(label) {\n    return this.github.deleteLabel(label).catch((e) => this.logError(\`Could not remove \${label.name}\`));\n  }\n};\n`;
function withBase(packageName: string, stash: string): string {
  const diffable = 'const ErrorStash = require("./errorStash");\nmodule.exports = class Diffable extends ErrorStash {};\n';
  return packageWith(packageName, { "lib/plugins/errorStash.js": stash, "lib/plugins/diffable.js": diffable }, "lib/plugins/labels.js", LABELS);
}
ruleTester.run("no-interpolated-log (inherited logging helpers)", rule as never, {
  valid: [{ code: LABELS, filename: withBase("stash-quiet", "module.exports = class ErrorStash {\n  logError(msg) {\n    this.errors.push(msg);\n  }\n};\n") }],
  invalid: [
    {
      code: LABELS,
      filename: withBase("stash-logs", "module.exports = class ErrorStash {\n  logError(msg) {\n    this.log.error(msg);\n    this.errors.push(msg);\n  }\n};\n"),
      errors: [interpolated(LABELS, "`Could not remove ${label.name}`")],
    },
  ],
});

// A field typed with an enum (or a union of literals) another module of the project declares, imported through an alias.
const AUTH = `import { Logger } from "../logging";\nimport { IntegrationService } from "@shared/types";\nexport class Authentication {\n  service: IntegrationService;\n  async refresh(token) {\n    Logger.info(\`Refreshing \${this.service} access token\`);\n  }\n}\n`;
function withSharedTypes(packageName: string, types: string): string {
  fs.writeFileSync(packageFile(packageName, express, "shared/types.ts"), types);
  const file = packageFile(packageName, express, "server/models/Authentication.ts");
  fs.writeFileSync(file, AUTH);
  return file;
}
ruleTester.run("no-interpolated-log (types declared in other modules)", rule as never, {
  valid: [
    { code: AUTH, filename: withSharedTypes("enum-types", 'export enum IntegrationService {\n  Slack = "slack",\n  GitHub = "github",\n}\n') },
    { code: AUTH, filename: withSharedTypes("union-types", 'export type IntegrationService = "slack" | "github";\n') },
  ],
  invalid: [
    {
      code: AUTH,
      filename: withSharedTypes("string-types", "export type IntegrationService = string;\n"),
      errors: [interpolated(AUTH, "`Refreshing ${this.service} access token`")],
    },
  ],
});

// A parameter typed with an interface of another module, read through its fields: the interface
// extends another (through Omit), whose field names an alias of an element of a constant list.
const ADDON = `import type { IEvent, Target } from "../events/index.js";\nimport { Logger } from "../logging";\nexport class SlackAddon {\n  async handleEvent(event: IEvent, target: Target) {\n    Logger.info(\`Handled \${event.type} for \${event.project}\`);\n    Logger.info(\`Handled \${event.type} for \${target}\`);\n  }\n}\n`;
function withEvents(packageName: string, events: string): string {
  // A barrel of barrels that pass each other on: the declaring module is the last one it names.
  return packageWith(
    packageName,
    {
      "server/events/index.ts": 'export * from "./names.js";\nexport * from "./more/index.js";\nexport * from "./types.js";\n',
      "server/events/names.ts": 'export const EVENT_NAME_PREFIX = "event";\nexport * from "./index.js";\n',
      "server/events/more/index.ts": 'export * from "../names.js";\n',
      "server/events/types.ts": events,
    },
    "server/addons/slack.ts",
    ADDON,
  );
}
const EVENT_TYPES = 'export const FEATURE_CREATED = "feature-created" as const;\nexport const FEATURE_DELETED = "feature-deleted" as const;\nexport const EVENT_TYPES = [FEATURE_CREATED, FEATURE_DELETED, "project-created"];\nexport type EventType = (typeof EVENT_TYPES)[number];\n';
const EVENT_TYPES_LOADED = 'export const EVENT_TYPES = loadEventTypes();\nexport type EventType = (typeof EVENT_TYPES)[number];\n';
const EVENTS = (project: string, target: string) =>
  `export interface BaseEvent {\n  type: EventType;\n  project: ${project};\n  ip: string;\n}\nexport interface IEvent extends Omit<BaseEvent, "ip"> {\n  id: number;\n}\nexport type Target = ${target};\n`;
ruleTester.run("no-interpolated-log (fields of types declared in other modules)", rule as never, {
  valid: [
    // Each value is one of a few: an element of the constant list, a union of literals, a plain object (it prints as [object Object]).
    { code: ADDON, filename: withEvents("event-types", EVENT_TYPES + EVENTS('"default" | "internal"', "{ url: string; channel: string }")) },
  ],
  invalid: [
    {
      // A free-form project name, and a target typed as a string.
      code: ADDON,
      filename: withEvents("event-strings", EVENT_TYPES + EVENTS("string", "string")),
      errors: [interpolated(ADDON, "`Handled ${event.type} for ${event.project}`"), interpolated(ADDON, "`Handled ${event.type} for ${target}`")],
    },
    {
      // A list computed at start-up is not a constant list of literals: its elements may be anything.
      code: ADDON,
      filename: withEvents("event-loaded", EVENT_TYPES_LOADED + EVENTS('"default"', "{ url: string }")),
      errors: [interpolated(ADDON, "`Handled ${event.type} for ${event.project}`"), interpolated(ADDON, "`Handled ${event.type} for ${target}`")],
    },
  ],
});

// A function that starts the server (its own listen, or one in a promise's executor) runs once per process,
// whoever calls it, and so does one that calls it: an exported factory nothing in the project calls included.
const FACTORY = (start: string) =>
  `${PINO}async function waitReady(flags) {\n  const begun = Date.now();\n  await flags.ready;\n  logger.info(\`Flags ready after \${Date.now() - begun}ms\`);\n}\nexport async function createApp(config, flags) {\n  await waitReady(flags);\n  return new Promise((resolve) => {\n    ${start}\n  });\n}\nexport async function create(config) {\n  const flags = loadFlags(config);\n  await waitReady(flags);\n  return createApp(config, flags);\n}`;
ruleTester.run("no-interpolated-log (functions that start the server)", rule as never, {
  valid: [FACTORY("const server = app.listen(config.port, () => resolve(server));")],
  invalid: [
    {
      // Without a listen, an exported factory nothing calls may run per request, as far as the file tells.
      code: FACTORY("resolve(app);"),
      errors: [interpolated(FACTORY("resolve(app);"), "`Flags ready after ${Date.now() - begun}ms`")],
    },
  ],
});

// A method whose every call in its class passes a literal: one of those values.
const MAILER = (call: string) =>
  `${PINO}export class Mailer {\n  async sendReset(user) {\n    return this.compile("reset-password", user);\n  }\n  async sendCustom(req) {\n    return ${call};\n  }\n  private async compile(templateName: string, context) {\n    try {\n      return render(templateName, context);\n    } catch (e) {\n      logger.info(\`Could not find template \${templateName}\`);\n    }\n  }\n}`;
ruleTester.run("no-interpolated-log (methods called with literals)", rule as never, {
  valid: [MAILER('this.compile("welcome", req.user)')],
  invalid: [
    {
      code: MAILER("this.compile(req.body.template, req.user)"),
      output: MAILER("this.compile(req.body.template, req.user)").replace("`Could not find template ${templateName}`", '{ templateName }, "Could not find template"'),
      errors: [interpolated(MAILER("this.compile(req.body.template, req.user)"), "`Could not find template ${templateName}`")],
    },
  ],
});

// A status (an HTTP status, its reason phrase, a record's state) is one of a handful of values.
const STATUS_LOG = `${PINO}app.post("/probe", async (req, res) => {\n  const response = await fetch(UPSTREAM);\n  const { status } = await req.body.job;\n  logger.warn(\`Upstream answered \${response.status} \${response.statusText}, job \${status}\`);\n  logger.warn(\`Upstream answered \${response.status} for \${req.body.email}\`);\n});`;
ruleTester.run("no-interpolated-log (statuses)", rule as never, {
  valid: [],
  invalid: [
    {
      code: STATUS_LOG,
      output: STATUS_LOG.replace("`Upstream answered ${response.status} for ${req.body.email}`", '{ status: response.status, email: req.body.email }, "Upstream answered"'),
      errors: [interpolated(STATUS_LOG, "`Upstream answered ${response.status} for ${req.body.email}`")],
    },
  ],
});

// The top level of a module runs once per process, and is linted without the handler around it.
// A password or token printed at start-up is in the logs in plain text all the same.
const ADMIN_LOG = `${PINO}const password = process.env.ADMIN_PASSWORD ?? randomPassword();\nlogger.info(\`Created the admin user with password \${password}\`);`;
ruleTester.run("no-interpolated-log (module top level)", rule as never, {
  valid: [`${PINO}const port = Number(process.argv[2]);\nlogger.info(\`Listening on \${port}\`);`],
  invalid: [
    {
      // Not fixed: moved into a field the password is still logged, so a person decides.
      code: ADMIN_LOG,
      errors: [
        interpolated(
          ADMIN_LOG,
          "`Created the admin user with password ${password}`",
          ADMIN_LOG.replace("`Created the admin user with password ${password}`", '{ password }, "Created the admin user with password"'),
        ),
      ],
    },
  ],
});

// A command-line program's package, a service's scripts, browser code: output for whoever runs them, not a service's log.
const cliLine = `${PINO}export function useProject(projectRef: string) {\n  logger.info(\`Using project \${projectRef}\`);\n}`;
const cliFixed = `${PINO}export function useProject(projectRef: string) {\n  logger.info({ projectRef }, "Using project");\n}`;
ruleTester.run("no-interpolated-log (command-line programs)", rule as never, {
  valid: [
    { code: cliLine, filename: applicationFile("setup-wizard", { bin: { setup: "bin/setup.js" } }, "src/setup.ts") },
    { code: cliLine, filename: applicationFile("platform-cli", { bin: { platform: "dist/index.js" }, exports: { ".": "./dist/index.js" }, dependencies: { commander: "^12.0.0" } }, "src/commands/init.ts") },
    { code: cliLine, filename: applicationFile("api-scripts", { dependencies: { express: "^5.0.0" } }, "scripts/backfill.ts") },
    // Named for a command line and built on a framework for one, run through a package script rather than a `bin`.
    { code: cliLine, filename: applicationFile("admin-cli", { scripts: { cli: "ts-node ./scripts/cli.ts" }, exports: { "./*": "./dist/*.js" }, dependencies: { yargs: "^17.7.2" } }, "src/commandDefinitions.ts") },
    // Code that runs in a visitor's browser: a client component, a hook of a React front end.
    { code: `"use client";\n${cliLine}`, filename: applicationFile("notes-web", { dependencies: { next: "^15.0.0" } }, "app/editor/toolbar.tsx") },
    { code: cliLine, filename: applicationFile("notes-frontend", { dependencies: { react: "^19.0.0" } }, "src/hooks/use-project.ts") },
  ],
  invalid: [
    // A library that also ships a command runs where it is imported; a command that is a server is a service.
    flagged(cliLine, "`Using project ${projectRef}`", { output: cliFixed, filename: applicationFile("sdk-with-bin", { bin: { sdk: "bin/sdk.js" }, exports: { ".": "./dist/index.js" } }, "src/init.ts") }),
    // Named for a command line, but nothing of one: a library of its types.
    flagged(cliLine, "`Using project ${projectRef}`", { output: cliFixed, filename: applicationFile("@acme/cli-types", { exports: { ".": "./dist/index.js" }, dependencies: { zod: "^3.0.0" } }, "src/init.ts") }),
    // A route handler of the same Next.js app runs on the server.
    flagged(cliLine, "`Using project ${projectRef}`", { output: cliFixed, filename: applicationFile("notes-web", { dependencies: { next: "^15.0.0" } }, "app/api/projects/route.ts") }),
    flagged(cliLine, "`Using project ${projectRef}`", {
      output: cliFixed,
      filename: applicationFile("serve-cli", { bin: { serve: "bin/serve.js" }, dependencies: { commander: "^12.0.0", fastify: "^5.0.0" } }, "src/commands/init.ts"),
    }),
  ],
});

// Names the code itself defines: the elements of a catalogue it writes out, the keys of a registry of its classes, the kinds and event types a payment provider's SDK declares.
const CATALOGUE = `${PINO}const AUTH_PROVIDERS = { github: { name: "GitHub", configId: "auth.github" }, google: { name: "Google", configId: "auth.google" } };\n`;
const STRIPE = 'import pino from "pino";\nimport Stripe from "stripe";\nconst logger = pino();\nconst stripe = new Stripe(process.env.STRIPE_KEY);\n';
const WORKER = 'import pino from "pino";\nimport tasks from "./tasks";\nconst logger = pino();\n';
ruleTester.run("no-interpolated-log (names defined in code)", rule as never, {
  valid: inHandlers([
    `${CATALOGUE}app.get("/integrations", async () => {\n  await Promise.all(Object.values(AUTH_PROVIDERS).map(async (provider) => {\n    try {\n      await settings.get(provider.configId);\n    } catch (error) {\n      logger.warn({ error }, \`Failed to read the settings of \${provider.name}\`);\n    }\n  }));\n});`,
    `${WORKER}queue.process(async (job) => {\n  const { name, props } = job.data;\n  const TaskClass = tasks[name];\n  if (!TaskClass) throw new Error("unknown task");\n  logger.info(props, \`\${name} running\`);\n  await new TaskClass().perform(props);\n});`,
    `${PINO}class Settings {\n  validate(section, config) {\n    const configValidator = this.configValidators[section];\n    if (configValidator) {\n      logger.debug(\`Calling the validator of \${section}\`);\n      configValidator.check(config);\n    }\n  }\n}`,
    `${WORKER}for (const name in tasks) {\n  const TaskClass = tasks[name];\n  logger.debug(\`Scheduling \${name}\`);\n  await TaskClass.schedule();\n}`,
    `${STRIPE}let event: Stripe.Event;\ntry {\n  event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"], secret);\n} catch {\n  return res.sendStatus(400);\n}\nlogger.info(\`Webhook received: \${event.type}\`);`,
    `${STRIPE}const intent: Stripe.PaymentIntent = req.body.data.object as Stripe.PaymentIntent;\nlogger.info(\`Webhook received: \${intent.object} \${intent.status}\`);`,
    // The raw body first, then the verified event in its place: only the verified one reaches the log.
    `${STRIPE}let event = req.body;\ntry {\n  const raw = await buffer(req);\n  event = stripe.webhooks.constructEvent(raw, req.headers["stripe-signature"], secret);\n} catch (err) {\n  return res.status(400).send("bad signature");\n}\nconst eventType = event.type;\nswitch (eventType) {\n  case "invoice.paid":\n    break;\n  default:\n    logger.warn(\`Unhandled event type \${eventType}\`);\n}`,
  ]),
  invalid: [
    // A collection of records the request asked for, not a catalogue.
    flagged(`${PINO}app.post("/notify", async (req) => {\n  const users = await db.users.find(req.body.ids);\n  users.map((user) => logger.info(\`Notifying \${user.name}\`));\n});`, "`Notifying ${user.name}`", {
      output: `${PINO}app.post("/notify", async (req) => {\n  const users = await db.users.find(req.body.ids);\n  users.map((user) => logger.info({ userName: user.name }, "Notifying"));\n});`,
    }),
    // Logged before the lookup is known to have found a class; a registry of records, not of classes.
    flagged(`${WORKER}const { name } = job.data;\nlogger.info(\`\${name} requested\`);\nconst TaskClass = tasks[name];\nif (!TaskClass) throw new Error("unknown task");`, "`${name} requested`", {
      output: `${WORKER}const { name } = job.data;\nlogger.info({ name }, "requested");\nconst TaskClass = tasks[name];\nif (!TaskClass) throw new Error("unknown task");`,
    }),
    flagged(`${PINO}const sessions = new Map();\nconst { sessionId } = req.body;\nconst session = sessions[sessionId];\nif (!session) throw new Error("no session");\nlogger.info(\`Resumed \${sessionId}\`);`, "`Resumed ${sessionId}`", {
      output: `${PINO}const sessions = new Map();\nconst { sessionId } = req.body;\nconst session = sessions[sessionId];\nif (!session) throw new Error("no session");\nlogger.info({ sessionId }, "Resumed");`,
    }),
    flagged(`${PINO}const { id } = req.params;\nconst user = users[id];\nif (user) logger.info(\`Found \${id}\`);`, "`Found ${id}`", {
      output: `${PINO}const { id } = req.params;\nconst user = users[id];\nif (user) logger.info({ id }, "Found");`,
    }),
    // Verified only when a secret is set: otherwise the type is whatever the request says. An id is not a kind.
    flagged(`${STRIPE}let event = req.body;\nif (secret) {\n  event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"], secret);\n}\nlogger.info(\`Webhook received: \${event.type}\`);`, "`Webhook received: ${event.type}`", {
      output: `${STRIPE}let event = req.body;\nif (secret) {\n  event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"], secret);\n}\nlogger.info({ type: event.type }, "Webhook received");`,
    }),
    flagged(`${STRIPE}const intent: Stripe.PaymentIntent = req.body.data.object as Stripe.PaymentIntent;\nlogger.info(\`Webhook received: \${intent.id}\`);`, "`Webhook received: ${intent.id}`", {
      output: `${STRIPE}const intent: Stripe.PaymentIntent = req.body.data.object as Stripe.PaymentIntent;\nlogger.info({ intentId: intent.id }, "Webhook received");`,
    }),
  ],
});

// A function nothing uses never runs: its module is imported, but not for it. Modules on disk, since the rule reads the importers.
const unusedJob = `${PINO}export async function sendTrialEmails(users) {\n  for (const user of users) logger.info(\`Emailing \${user.email}\`);\n}\nexport async function sendReceipts(users) {\n  for (const user of users) logger.info(\`Receipt for \${user.email}\`);\n}\n`;
const bothFixed = unusedJob.replace("`Emailing ${user.email}`", '{ email: user.email }, "Emailing"').replace("`Receipt for ${user.email}`", '{ email: user.email }, "Receipt"');
function workerModules(name: string, index: string): string {
  const file = applicationFile(name, { scripts: { start: "node index.js" }, dependencies: { bullmq: "^5.0.0" } }, "workers/emails.ts");
  fs.writeFileSync(file, unusedJob);
  fs.writeFileSync(path.join(path.dirname(file), "..", "index.ts"), index);
  return file;
}
const unusedFile = workerModules("trial-worker", 'import { sendTrialEmails, sendReceipts } from "./workers/emails";\n// sendTrialEmails(await dueUsers());\nsetInterval(async () => sendReceipts(await paidUsers()), 60_000);\n');
const usedThroughNamespace = workerModules("namespace-worker", 'import * as emails from "./workers/emails";\nsetInterval(async () => { await emails.sendTrialEmails(await dueUsers()); await emails.sendReceipts(await paidUsers()); }, 60_000);\n');
const notImported = applicationFile("route-files", { scripts: { start: "node index.js" }, dependencies: { bullmq: "^5.0.0" } }, "workers/emails.ts");
fs.writeFileSync(notImported, unusedJob);
ruleTester.run("no-interpolated-log (functions nothing runs)", rule as never, {
  valid: [],
  invalid: [
    { code: unusedJob, filename: unusedFile, output: unusedJob.replace("`Receipt for ${user.email}`", '{ email: user.email }, "Receipt"'), errors: [interpolated(unusedJob, "`Receipt for ${user.email}`")] },
    { code: unusedJob, filename: usedThroughNamespace, output: bothFixed, errors: [interpolated(unusedJob, "`Emailing ${user.email}`"), interpolated(unusedJob, "`Receipt for ${user.email}`")] },
    // A module nothing imports may be loaded by its path (a job runner's folder, a framework's routes).
    { code: unusedJob, filename: notImported, output: bothFixed, errors: [interpolated(unusedJob, "`Emailing ${user.email}`"), interpolated(unusedJob, "`Receipt for ${user.email}`")] },
  ],
});

// Values fixed for the life of the process, found by following them a step further: a part of a date, an element of a fixed list, a field set once, a method that returns a fixed field, an error only the code's own fixed throw raises.
const PROXY_SERVICE = `${PINO}export class FetchService {\n  private proxyRoutes = [];\n  async onModuleInit() {\n    this.proxyRoutes = await this.properties.getByKey(PROPERTY_PROXY_ROUTES);\n  }\n  async fetch(url) {\n    const route = this.proxyRoutes.find(({ domain }) => url.includes(domain));\n    if (route) logger.warn(\`Skipping proxy route for \${route.domain}: invalid url \${route.url}\`);\n  }\n}`;
const PROXY_PER_REQUEST = PROXY_SERVICE.replace("async onModuleInit() {", "async handle(req) {").replace("await this.properties.getByKey(PROPERTY_PROXY_ROUTES)", "req.body.routes");
const TIMEZONE = `${PINO}function checkTimezone(timezone) {\n  try {\n    dayjs.tz("2013-11-18 11:55", timezone);\n  } catch {\n    throw new Error("Invalid timezone: " + timezone);\n  }\n}\n`;
const TIMEZONE_UNCAUGHT = TIMEZONE.replace('  try {\n    dayjs.tz("2013-11-18 11:55", timezone);\n  } catch {\n    throw new Error("Invalid timezone: " + timezone);\n  }', '  dayjs.tz("2013-11-18 11:55", timezone);');
/** `body` as the body of a route handler, after `prelude` (imports, module code). */
const route = (prelude: string, body: string) => `${prelude}app.post("/run", async (req) => {\n${body}\n});`;
const routeLog = (prelude: string, body: string, fragment: string, fixed: string) => ({
  code: route(prelude, body),
  output: route(prelude, body.replace(fragment, fixed)),
  errors: [interpolated(route(prelude, body), fragment)],
});
ruleTester.run("no-interpolated-log (fixed for the life of the process)", rule as never, {
  valid: [
    route(PINO, "  const hour = new Date(req.body.scheduledAt).getHours();\n  logger.debug(`Skipping until the next interval (scheduled hour: ${hour})`);"),
    route(`${PINO}const ROUTES = [{ domain: "billing.internal", url: "http://billing:8080" }];\n`, "  const target = ROUTES.find((candidate) => req.hostname.endsWith(candidate.domain));\n  if (target) logger.info(`Proxying to ${target.url}`);"),
    route(TIMEZONE, "  try {\n    checkTimezone(process.env.TZ);\n  } catch (e) {\n    logger.warn(`${e.message} in process.env.TZ`);\n  }"),
    PROXY_SERVICE,
    `${PINO}export class VersionService {\n  private readonly channel = "stable";\n  currentChannel() {\n    return this.channel;\n  }\n  async check(req) {\n    logger.debug(\`Checking for updates on \${await this.currentChannel()}\`);\n  }\n}`,
  ],
  invalid: [
    routeLog(PINO, "  const moment = new Date(req.body.scheduledAt).getTime();\n  logger.debug(`Skipping until ${moment}`);", "`Skipping until ${moment}`", '{ moment }, "Skipping until"'),
    routeLog(PINO, "  const target = req.body.routes.find((candidate) => req.hostname.endsWith(candidate.domain));\n  if (target) logger.info(`Proxying to ${target.url}`);", "`Proxying to ${target.url}`", '{ targetUrl: target.url }, "Proxying"'),
    // Set on every request, not once: the route list comes with the request.
    {
      code: PROXY_PER_REQUEST,
      output: PROXY_PER_REQUEST.replace("`Skipping proxy route for ${route.domain}: invalid url ${route.url}`", '{ domain: route.domain, routeUrl: route.url }, "Skipping proxy route: invalid url"'),
      errors: [interpolated(PROXY_PER_REQUEST, "`Skipping proxy route for ${route.domain}: invalid url ${route.url}`")],
    },
    // The time zone of the request; a check that lets the library's own error through.
    routeLog(TIMEZONE, "  try {\n    checkTimezone(req.body.timezone);\n  } catch (e) {\n    logger.warn(`${e.message} in the request`);\n  }", "`${e.message} in the request`", '{ err: e }, "in the request"'),
    routeLog(TIMEZONE_UNCAUGHT, "  try {\n    checkTimezone(process.env.TZ);\n  } catch (e) {\n    logger.warn(`${e.message} in process.env.TZ`);\n  }", "`${e.message} in process.env.TZ`", '{ err: e }, "in process.env.TZ"'),
  ],
});

// What other modules of the service pass, and fields no code sets: modules on disk, since the rule reads the importers.
const MANIFEST = `${PINO}import fs from "node:fs";\nimport path from "node:path";\nexport const readManifest = (file = "./build/manifest.json") => {\n  const absolute = path.resolve(file);\n  try {\n    return JSON.parse(fs.readFileSync(absolute, "utf8"));\n  } catch {\n    logger.warn(\`Can not find \${absolute}\`);\n    return {};\n  }\n};\nexport default readManifest;\n`;
const PLUGIN = `${PINO}module.exports = class Rulesets {\n  constructor(repo) {\n    this.repo = repo;\n  }\n  find() {\n    logger.debug(\`Getting all rulesets for the org \${this.org}\`);\n  }\n};\n`;
function serviceModules(name: string, file: string, code: string, importer: string): string {
  const target = applicationFile(name, { scripts: { start: "node index.js" }, dependencies: { express: "^5.0.0" } }, file);
  fs.writeFileSync(target, code);
  fs.writeFileSync(path.join(path.dirname(target), "index.ts"), importer);
  return target;
}
const manifestDefault = serviceModules("manifest-default", "src/manifest.ts", MANIFEST, 'import readManifest from "./manifest";\napp.get("/", (req, res) => res.send(readManifest()["main.js"]));\n');
const manifestRequested = serviceModules("manifest-requested", "src/manifest.ts", MANIFEST, 'import readManifest from "./manifest";\napp.get("/", (req, res) => res.send(readManifest(req.query.file)));\n');
const pluginUnset = serviceModules("plugin-unset", "lib/rulesets.js", PLUGIN, 'const Rulesets = require("./rulesets");\nmodule.exports = (repo) => new Rulesets({ owner: repo.owner, org: repo.owner }).find();\n');
const pluginSet = serviceModules("plugin-set", "lib/rulesets.js", PLUGIN, 'const Rulesets = require("./rulesets");\nmodule.exports = (repo) => {\n  const plugin = new Rulesets(repo);\n  plugin.org = repo.owner;\n  return plugin.find();\n};\n');
// A class it extends may set the field: one of the project, read; one of a package, unknown.
const SUBCLASS = PLUGIN.replace("module.exports = class Rulesets {", 'const Diffable = require("./diffable");\nmodule.exports = class Rulesets extends Diffable {');
const inheritsField = serviceModules("plugin-inherits", "lib/rulesets.js", SUBCLASS, 'const Rulesets = require("./rulesets");\nmodule.exports = (repo) => new Rulesets(repo).find();\n');
fs.writeFileSync(path.join(path.dirname(inheritsField), "diffable.js"), "module.exports = class Diffable {\n  constructor(repo) {\n    this.org = repo.owner;\n  }\n};\n");
const PACKAGE_SUBCLASS = PLUGIN.replace("module.exports = class Rulesets {", 'const { EventEmitter } = require("node:events");\nmodule.exports = class Rulesets extends EventEmitter {');
const inheritsPackage = serviceModules("plugin-package", "lib/rulesets.js", PACKAGE_SUBCLASS, 'const Rulesets = require("./rulesets");\nmodule.exports = (repo) => new Rulesets(repo).find();\n');
ruleTester.run("no-interpolated-log (values from other modules)", rule as never, {
  valid: [
    { code: MANIFEST, filename: manifestDefault },
    { code: PLUGIN, filename: pluginUnset },
  ],
  invalid: [
    { code: MANIFEST, filename: manifestRequested, output: MANIFEST.replace("`Can not find ${absolute}`", '{ absolute }, "Can not find"'), errors: [interpolated(MANIFEST, "`Can not find ${absolute}`")] },
    ...[
      [SUBCLASS, inheritsField],
      [PACKAGE_SUBCLASS, inheritsPackage],
    ].map(([code, filename]) => ({
      code: code!,
      filename,
      output: code!.replace("`Getting all rulesets for the org ${this.org}`", '{ org: this.org }, "Getting all rulesets for the org"'),
      errors: [interpolated(code!, "`Getting all rulesets for the org ${this.org}`")],
    })),
    { code: PLUGIN, filename: pluginSet, output: PLUGIN.replace("`Getting all rulesets for the org ${this.org}`", '{ org: this.org }, "Getting all rulesets for the org"'), errors: [interpolated(PLUGIN, "`Getting all rulesets for the org ${this.org}`")] },
  ],
});
