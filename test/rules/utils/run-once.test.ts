import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TSESTree } from "@typescript-eslint/utils";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { childNodes } from "../../../rules/utils/expressions.ts";
import { clearProjectModuleCache, parsedModule } from "../../../rules/utils/project-modules.ts";
import { runsAtStartup, runsOncePerProcess } from "../../../rules/utils/run-once.ts";

const projects = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-run-once-"));
afterAll(() => fs.rmSync(projects, { recursive: true, force: true }));
beforeEach(() => clearProjectModuleCache());

let count = 0;
/** A package on disk with these files; returns its root. */
function project(files: Record<string, string>, manifest: object = { name: "service", dependencies: { express: "^5.0.0" } }): string {
  const root = path.join(projects, `p${count++}`);
  for (const [name, text] of Object.entries({ "package.json": JSON.stringify(manifest), ...files })) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

/** Whether the call that starts with `marker` in `file` runs once per process (or, with `atStartup`, at least once at start-up). */
function runsOnce(root: string, file: string, marker: string, ask = runsOncePerProcess): boolean {
  const filePath = path.join(root, file);
  const program = parsedModule(filePath)!;
  const offset = fs.readFileSync(filePath, "utf8").indexOf(marker);
  expect(offset).toBeGreaterThanOrEqual(0);
  const stack: TSESTree.Node[] = [program];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if ((node.type === "CallExpression" || node.type === "NewExpression") && node.range[0] === offset) return ask(node, filePath, program);
    stack.push(...childNodes(node));
  }
  throw new Error(`no call at ${marker}`);
}

const DATABASE = `const log = require("./log");
class Database {
  static async connect() {
    log.info(\`Connected to \${this.path}\`);
  }
}
module.exports = Database;
`;

describe("runsOncePerProcess", () => {
  it("follows callers into the files that import the module, up to the entry point's top level", () => {
    const root = project({
      "server/database.js": DATABASE,
      "server/server.js": `const Database = require("./database");
async function initDatabase() {
  await Database.connect();
}
(async () => {
  await initDatabase();
})();
`,
    });
    expect(runsOnce(root, "server/database.js", "log.info")).toBe(true);
  });

  it("tells a class's methods from other objects' methods of the same name", () => {
    const root = project({
      "server/database.js": DATABASE.replace("static async connect() {", "static async connect() {\n    await EmbeddedMariaDB.getInstance().start();").replace('const log = require("./log");', 'const log = require("./log");\nconst { EmbeddedMariaDB } = require("./embedded-mariadb");'),
      "server/embedded-mariadb.js": `class EmbeddedMariaDB {\n  start() {\n    log.info("Starting MariaDB in " + this.dataDir);\n  }\n}\nmodule.exports = { EmbeddedMariaDB };\n`,
      "server/server.js": `const Database = require("./database");\n(async () => { await Database.connect(); })();\napp.post("/proxy", async (req, res) => { await axios.connect(req.body.url); });\n`,
      "server/tunnel-handler.js": `module.exports = (socket) => socket.on("start-tunnel", () => { const tunnel = new Tunnel(); tunnel.start(); });\n`,
    });
    expect(runsOnce(root, "server/database.js", "log.info")).toBe(true);
    expect(runsOnce(root, "server/embedded-mariadb.js", "log.info")).toBe(true);
  });

  it("counts the constructor of a NestJS provider in its default scope, which the framework builds once", () => {
    const provider = (decorator: string) => `import { Injectable, Logger, Scope } from "@nestjs/common";
${decorator}
export class TemplateMiddleware {
  private readonly logger = new Logger(TemplateMiddleware.name);
  constructor() {
    for (const code of LANGUAGES) this.logger.warn(\`Skipping \${code}\`);
  }
  use(req, res, next) {
    this.logger.warn(\`Serving \${req.path}\`);
    next();
  }
}
`;
    const root = project({
      "src/singleton.ts": provider("@Injectable()"),
      "src/request.ts": provider("@Injectable({ scope: Scope.REQUEST })"),
      "src/plain.ts": provider(""),
    });
    expect(runsOnce(root, "src/singleton.ts", "this.logger.warn(`Skipping")).toBe(true);
    // A method runs per request, a request-scoped provider is built per request, and a plain class per `new`.
    expect(runsOnce(root, "src/singleton.ts", "this.logger.warn(`Serving")).toBe(false);
    expect(runsOnce(root, "src/request.ts", "this.logger.warn(`Skipping")).toBe(false);
    expect(runsOnce(root, "src/plain.ts", "this.logger.warn(`Skipping")).toBe(false);
  });

  it("follows an anonymous default export to the names its importers call it by", () => {
    const connect = `import { logger } from "./logger";\nexport default async () => {\n  logger.warn(\`unsupported: \${fields.join(", ")}\`);\n};\n`;
    const commonjs = `const { logger } = require("./logger");\nmodule.exports = async function () {\n  logger.warn(\`unsupported: \${fields.join(", ")}\`);\n};\n`;
    const root = project({
      "src/init/mongo.ts": connect,
      "src/init/legacy.js": commonjs,
      "src/init/index.ts": `import mongoInit from "./mongo";\nconst legacy = require("./legacy");\nlet initPromise;\nexport async function init() {\n  if (!initPromise) {\n    initPromise = (async () => {\n      await mongoInit();\n      await legacy();\n    })();\n  }\n  await initPromise;\n}\n`,
      "src/per-request/mongo.ts": connect,
      "src/per-request/app.ts": `import check from "./mongo";\napp.get("/health", async (req, res) => {\n  await check();\n  res.end();\n});\n`,
    });
    expect(runsOnce(root, "src/init/mongo.ts", "logger.warn")).toBe(true);
    expect(runsOnce(root, "src/init/legacy.js", "logger.warn")).toBe(true);
    expect(runsOnce(root, "src/per-request/mongo.ts", "logger.warn")).toBe(false);
  });

  it("counts what the process ends right after, but not a loop's turns before an exit", () => {
    const root = project({
      "src/wait.ts": `export async function waitFor(check) {
  const start = Date.now();
  while (true) {
    try {
      await check();
      return;
    } catch {
      const elapsed = Date.now() - start;
      if (elapsed > 60000) {
        console.error(\`Timeout after \${elapsed}ms\`);
        process.exit(1);
      }
      console.log(\`Not ready after \${elapsed}ms\`);
    }
  }
}
export function drain(jobs) {
  for (const job of jobs) {
    console.log(\`Dropped \${job.id}\`);
  }
  process.exit(0);
}
export function fail(req) {
  console.error(\`Bad request \${req.id}\`);
  if (req.fatal) process.exit(1);
}
`,
      "src/server.ts": `import { waitFor, drain, fail } from "./wait";\napp.post("/x", async (req) => { await waitFor(ping); drain(req.body.jobs); fail(req); });\n`,
    });
    expect(runsOnce(root, "src/wait.ts", "console.error(`Timeout")).toBe(true);
    expect(runsOnce(root, "src/wait.ts", "console.log(`Not ready")).toBe(false);
    expect(runsOnce(root, "src/wait.ts", "console.log(`Dropped")).toBe(false);
    expect(runsOnce(root, "src/wait.ts", "console.error(`Bad request")).toBe(false);
  });

  it("is per request as soon as one caller is a request handler", () => {
    const root = project({
      "server/database.js": DATABASE,
      "server/server.js": `const Database = require("./database");\n(async () => { await Database.connect(); })();\n`,
      "server/routes.js": `const Database = require("./database");\napp.post("/reconnect", async (req, res) => { await Database.connect(); res.end(); });\n`,
    });
    expect(runsOnce(root, "server/database.js", "log.info")).toBe(false);
  });

  it("ignores callers in tests and in code that only runs in development", () => {
    const root = project({
      "server/database.js": DATABASE,
      "server/server.js": `const Database = require("./database");
(async () => { await Database.connect(); })();
if (isDev) {
  app.get("/_e2e/restore", async (req, res) => { await Database.connect(); });
}
`,
      "server/database.test.js": `const Database = require("./database");\nit("connects", async () => { await Database.connect(); });\n`,
    });
    expect(runsOnce(root, "server/database.js", "log.info")).toBe(true);
  });

  it("finds callers through path aliases and re-exporting index files", () => {
    const root = project({
      "server/utils/plugins.ts": `export function registerPlugin(name: string) {\n  Logger.info(\`Plugin \${name} registered\`);\n}\n`,
      "server/utils/index.ts": `export * from "./plugins";\n`,
      "plugins/slack/index.ts": `import { registerPlugin } from "@server/utils/plugins";\nregisterPlugin("slack");\n`,
      "server/routes/admin.ts": `import { registerPlugin } from "../utils";\nrouter.post("/plugins", (ctx) => registerPlugin(ctx.request.body.name));\n`,
    });
    expect(runsOnce(root, "server/utils/plugins.ts", "Logger.info")).toBe(false);
    fs.rmSync(path.join(root, "server/routes/admin.ts"));
    clearProjectModuleCache();
    expect(runsOnce(root, "server/utils/plugins.ts", "Logger.info")).toBe(true);
  });

  it("follows a function imported under another name", () => {
    const root = project({
      "src/sync.ts": `export default function initAccounts(ids: string[]) {\n  logger.info(\`Syncing \${ids.join(",")}\`);\n}\n`,
      "src/boot.ts": `import { default as unused } from "./other";\nimport runSync from "./sync";\nrunSync(["a"]);\n`,
      "src/handler.ts": `import doSync from "./sync";\nexport const POST = async (req: Request) => doSync(await req.json());\n`,
    });
    expect(runsOnce(root, "src/sync.ts", "logger.info")).toBe(false);
  });

  it("takes a function handed on as a value to run per event, whatever its name", () => {
    const root = project({
      "src/handlers.ts": `export function initOrderFeed(order) {\n  logger.info(\`Order \${order.id}\`);\n}\n`,
      "src/main.ts": `import { initOrderFeed } from "./handlers";\nqueue.process(initOrderFeed);\n`,
    });
    expect(runsOnce(root, "src/handlers.ts", "logger.info")).toBe(false);
  });

  it("knows functions that guard themselves to run once, and once-only callbacks inside them", () => {
    const root = project({
      "src/shutdown.ts": `export class Shutdown {
  static async execute() {
    if (this.shuttingDown) {
      return;
    }
    this.shuttingDown = true;
    for (const key of Object.keys(this.groups)) Logger.debug(\`Running group \${key}\`);
    await Promise.allSettled(this.handlers.map(async (handler) => Logger.debug(\`Running \${handler.key}\`)));
  }
}
`,
      "src/main.ts": `import { Shutdown } from "./shutdown";\nprocess.once("SIGTERM", () => Shutdown.execute());\nprocess.on("message", () => Shutdown.execute());\n`,
    });
    expect(runsOnce(root, "src/shutdown.ts", "Logger.debug(`Running group")).toBe(true);
    expect(runsOnce(root, "src/shutdown.ts", "Logger.debug(`Running ${")).toBe(true);
  });

  it("finds the once-guard behind other early returns", () => {
    const root = project({
      "src/shutdown-manager.ts": `export class ShutdownManager {
  async shutdown(signal) {
    if (!this.isEnabled()) return;
    if (this.isShuttingDown) return;
    this.isShuttingDown = true;
    this.logger.info(\`Received \${signal}. Starting graceful shutdown\`);
  }
  async drain(signal) {
    if (!this.isEnabled()) return;
    this.logger.info(\`Draining after \${signal}\`);
  }
}
`,
      "src/main.ts": `import { ShutdownManager } from "./shutdown-manager";\nconst manager = new ShutdownManager();\nprocess.on("message", (message) => manager.shutdown(message.signal));\nprocess.on("message", (message) => manager.drain(message.signal));\n`,
    });
    expect(runsOnce(root, "src/shutdown-manager.ts", "this.logger.info(`Received")).toBe(true);
    expect(runsOnce(root, "src/shutdown-manager.ts", "this.logger.info(`Draining")).toBe(false);
  });

  it("counts a call made only until a module flag is set, by the function that sets it", () => {
    const root = project({
      "controllers/ai.js": `let indexConfigured = false;
async function configureIndex(db) {
  const sample = await db.findOne();
  if (sample) {
    console.log(\`Created vector index with \${sample.embedding.length} dimensions\`);
    indexConfigured = true;
  }
}
class Indexer {
  async reindex(reason) {
    console.log(\`Reindexing because \${reason}\`);
    this.ready = true;
  }
  async handle(req) {
    if (!this.ready) await this.reindex(req.body.reason);
  }
}
exports.postQuestion = async (req, res) => {
  if (!indexConfigured) {
    await configureIndex(req.db);
  }
  await new Indexer().handle(req);
  res.end();
};
`,
    });
    expect(runsOnce(root, "controllers/ai.js", "console.log(`Created")).toBe(true);
    // An object's own flag is unset again on every new object.
    expect(runsOnce(root, "controllers/ai.js", "console.log(`Reindexing")).toBe(false);
  });

  it("runs a decorator when its class is defined, but not the functions it installs", () => {
    const root = project({
      "server/decorators/Encrypted.ts": `export default function Encrypted(target: object, key: string) {
  if (attributes(target)[key]) Logger.fatal(\`Encrypted must come first on \${key}\`);
  Object.defineProperty(target, key, {
    get() {
      Logger.debug(\`Decrypting \${this.id}\`);
    },
  });
}
`,
      "server/models/Team.ts": `import Encrypted from "../decorators/Encrypted";\nexport class Team {\n  @Encrypted\n  secret: string;\n}\n`,
    });
    expect(runsOnce(root, "server/decorators/Encrypted.ts", "Logger.fatal")).toBe(true);
    expect(runsOnce(root, "server/decorators/Encrypted.ts", "Logger.debug")).toBe(false);
  });

  it("runs a child process's exit listener once, its data listener per chunk", () => {
    const root = project({
      "src/install.js": `async function installBrowser() {
  const child = spawn("apt", ["install", "chromium"]);
  child.on("exit", (code) => log.info("exited with " + code));
  child.stdout.on("data", (chunk) => log.info("apt: " + chunk));
}
(async () => { await installBrowser(); })();
`,
    });
    expect(runsOnce(root, "src/install.js", 'log.info("exited')).toBe(true);
    expect(runsOnce(root, "src/install.js", 'log.info("apt')).toBe(false);
  });

  it("does not take methods that share a name and call each other for an entry point", () => {
    const root = project({
      "src/guards/mock.guard.ts": `export class MockGuard {\n  async canActivate(context) {\n    console.warn(\`Lookup failed for \${context.id}\`);\n  }\n}\n`,
      "src/guards/google.guard.ts": `export class GoogleGuard extends AuthGuard {\n  canActivate(context) {\n    return super.canActivate(context);\n  }\n}\n`,
      "src/guards/github.guard.ts": `export class GithubGuard extends AuthGuard {\n  canActivate(context) {\n    return super.canActivate(context);\n  }\n}\n`,
    });
    expect(runsOnce(root, "src/guards/mock.guard.ts", "console.warn")).toBe(false);
  });

  it("follows an instance method to files that call it on an object they did not import", () => {
    const root = project({
      "src/monitor.js": `class Monitor {\n  async check() {\n    log.warn("Monitor " + this.name + " is down");\n  }\n}\nmodule.exports = { Monitor };\n`,
      "src/main.js": `const { Monitor } = require("./monitor");\n(async () => { await new Monitor().check(); })();\n`,
      "src/jobs.js": `module.exports = (monitors) => setInterval(() => monitors.forEach((monitor) => monitor.check()), 60000);\n`,
    });
    expect(runsOnce(root, "src/monitor.js", "log.warn")).toBe(false);
  });

  it("does not take another object's property of the method's name for the method handed on", () => {
    const files = (setup: string) => ({
      "src/services/token-service.ts": `export class TokenService {\n  async seedTokens(tokens) {\n    this.logger.info(\`Created initial tokens: \${tokens.join(", ")}\`);\n  }\n}\n`,
      "src/server.ts": `export async function setUp({ tokenService }, authentication) {\n  ${setup}\n}\nexport async function start(config) {\n  await setUp(config.services, config.authentication);\n  app.listen(config.port);\n}\n`,
    });
    const configRead = project(files("if (authentication.seedTokens.length > 0) await tokenService.seedTokens(authentication.seedTokens);"));
    expect(runsOnce(configRead, "src/services/token-service.ts", "this.logger.info")).toBe(true);
    // The method itself handed on, to run per event.
    const handedOn = project(files("bus.on(\"tokens\", tokenService.seedTokens);\n  await tokenService.seedTokens(authentication.seedTokens);"));
    expect(runsOnce(handedOn, "src/services/token-service.ts", "this.logger.info")).toBe(false);
  });

  it("takes a start-up function nothing in the project calls to be called once by its framework, but not a decorated route", () => {
    const root = project({
      "src/app.service.ts": `export class AppService {
  async initializeCache() {
    this.logger.log(\`Cache warmed with \${this.size} entries\`);
  }
  @Cron("0 * * * *")
  async initializeReport() {
    this.logger.log(\`Report for \${this.day}\`);
  }
}
`,
    });
    expect(runsOnce(root, "src/app.service.ts", "this.logger.log(`Cache")).toBe(true);
    expect(runsOnce(root, "src/app.service.ts", "this.logger.log(`Report")).toBe(false);
  });

  it("runs a constructor as often as its class is made with new, through a destructured require", () => {
    const setup = `class SetupDatabase {
  constructor(args) {
    log.info("no database config: " + args.reason);
  }
  static defaults() {
    return {};
  }
}
module.exports = { SetupDatabase };
`;
    const once = project({
      "server/setup-database.js": setup,
      "server/server.js": `const { SetupDatabase } = require("./setup-database");
const defaults = SetupDatabase.defaults();
(async () => {
  const setup = new SetupDatabase(args);
})();
`,
    });
    expect(runsOnce(once, "server/setup-database.js", "log.info")).toBe(true);
    const perRequest = project({
      "server/setup-database.js": setup,
      "server/server.js": `const { SetupDatabase } = require("./setup-database");
app.post("/setup", (req, res) => {
  new SetupDatabase(req.body);
});
`,
    });
    expect(runsOnce(perRequest, "server/setup-database.js", "log.info")).toBe(false);
  });

  it("follows a CommonJS export assigned to exports.name to callers on the required module", () => {
    const controller = `exports.cleanUpSessions = async () => {
  console.log(\`Removed \${count} sessions\`);
};
`;
    const once = project({
      "controllers/agent.js": controller,
      "app.js": `const agentController = require("./controllers/agent");
mongoose.connection.once("open", () => {
  agentController.cleanUpSessions();
});
`,
    });
    expect(runsOnce(once, "controllers/agent.js", "console.log")).toBe(true);
    const perRequest = project({
      "controllers/agent.js": controller,
      "app.js": `const agentController = require("./controllers/agent");
app.post("/clean", async (req, res) => {
  await agentController.cleanUpSessions();
});
`,
    });
    expect(runsOnce(perRequest, "controllers/agent.js", "console.log")).toBe(false);
  });

  it("runs what follows the caching of a memoised value once, but not what comes before it", () => {
    const root = project({
      "src/search.ts": `export class SearchProviders {
  static getProvider() {
    if (this.cached) {
      return this.cached;
    }
    for (const plugin of plugins) {
      Logger.debug(\`Trying \${plugin.id}\`);
      if (plugin.id === wanted) {
        this.cached = plugin;
        Logger.debug(\`Using \${plugin.id}\`);
        return this.cached;
      }
    }
    throw new Error("none");
  }
}
`,
      "src/routes.ts": `import { SearchProviders } from "./search";
app.get("/search", (req, res) => SearchProviders.getProvider().search(req.query.q));
`,
    });
    expect(runsOnce(root, "src/search.ts", "Logger.debug(`Using")).toBe(true);
    expect(runsOnce(root, "src/search.ts", "Logger.debug(`Trying")).toBe(false);
  });

  it("runs what a decorator factory returns where the decorator is applied, when its class is defined", () => {
    const deprecated = `const Deprecated = (message) => (target, propertyKey) => {\n  console.warn(\`\${propertyKey} is deprecated. \${message}\`);\n};\nexport default Deprecated;\n`;
    const applied = project({
      "server/decorators/Deprecated.ts": deprecated,
      "server/env.ts": `import Deprecated from "./decorators/Deprecated";\nexport class Environment {\n  @Deprecated("Use URL instead")\n  HOST = process.env.HOST;\n}\n`,
    });
    expect(runsOnce(applied, "server/decorators/Deprecated.ts", "console.warn")).toBe(true);
    const calledPerRequest = project({
      "server/decorators/Deprecated.ts": deprecated,
      "server/env.ts": `import Deprecated from "./decorators/Deprecated";\nexport class Environment {\n  @Deprecated("Use URL instead")\n  HOST = process.env.HOST;\n}\n`,
      "server/routes.ts": `import Deprecated from "./decorators/Deprecated";\napp.get("/flags", (req, res) => Deprecated(req.query.note)({}, req.query.key));\n`,
    });
    expect(runsOnce(calledPerRequest, "server/decorators/Deprecated.ts", "console.warn")).toBe(false);
  });
});

describe("runsAtStartup", () => {
  const factories = (services: string) =>
    project({
      "src/services/user-service.ts": "export class UserService {}\n",
      "src/services/create-user-service.ts": `import { UserService } from "./user-service";\nexport const createUserService = (db) => new UserService(db);\n`,
      "src/db/transaction.ts": `export function withTransactional(factory, db) {\n  const service = factory(db);\n  service.transactional = (fn) => db.transaction((trx) => fn(factory(trx)));\n  return service;\n}\nexport const perRequest = (factory) => (req, res) => factory(req.db).handle(req, res);\n`,
      "src/services/index.ts": services,
      "src/server.ts": `import { createServices } from "./services";\nexport async function createApp(config, fm = { createServices }) {\n  const services = fm.createServices(config.db);\n  app(services).listen(config.port);\n}\n`,
    });

  it("follows a factory handed to a helper that calls it at once, and a method of an object built from the function", () => {
    const root = factories(`import { createUserService } from "./create-user-service";\nimport { withTransactional } from "../db/transaction";\nexport const createServices = (db) => ({ userService: withTransactional((db) => createUserService(db), db) });\n`);
    // Made again per transaction too: not once, but start-up makes one.
    expect(runsOnce(root, "src/services/create-user-service.ts", "new UserService", runsOncePerProcess)).toBe(false);
    expect(runsOnce(root, "src/services/create-user-service.ts", "new UserService", runsAtStartup)).toBe(true);
  });

  it("does not follow a factory the helper only calls in the handler it returns", () => {
    const root = factories(`import { createUserService } from "./create-user-service";\nimport { perRequest } from "../db/transaction";\nexport const createServices = () => ({ reset: perRequest((db) => createUserService(db)) });\n`);
    expect(runsOnce(root, "src/services/create-user-service.ts", "new UserService", runsAtStartup)).toBe(false);
  });
});
