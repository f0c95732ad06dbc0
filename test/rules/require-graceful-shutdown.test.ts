import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { RuleTester, type Rule } from "eslint";
import ts from "typescript";
import tseslint from "typescript-eslint";
import { afterAll } from "vitest";
import rule from "../../rules/require-graceful-shutdown.ts";
import { inMemoryProgram, VIRTUAL_ROOT } from "../helpers/typescript-program.ts";
import { at } from "../helpers/positions.ts";

const ruleTester = new RuleTester({ languageOptions: { parser: tseslint.parser } });

const listen = (code: string, snippet = "listen", occurrence = 0) => ({ messageId: "noSigtermHandler", ...at(code, snippet, occurrence) });
const exit = (code: string, snippet: string) => ({ messageId: "exitWithoutDraining", ...at(code, snippet) });
const primary = (code: string, occurrence = 0) => ({ messageId: "primaryWithoutSigterm", ...at(code, "cluster.fork", occurrence) });

/**
 * A TypeScript program over in-memory files (with the real TypeScript lib files), as a type-aware
 * ESLint config would provide it. Paths are absolute, under a folder that does not exist on disk.
 */
const ROOT = VIRTUAL_ROOT;
const program = (files: Record<string, string>): ts.Program => inMemoryProgram(files, {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  esModuleInterop: true,
  strict: true,
  noEmit: true,
  types: [],
});

const EXPRESS_TYPES = `declare namespace e {
  interface Express { listen(port: number, callback?: () => void): unknown; use(...handlers: unknown[]): this }
}
declare function e(): e.Express;
export = e;
`;
const typedServer = `import { createApp } from "./app";
const app = createApp();
app.listen(3000);
`;
const typedApp = `import express from "express";
export function createApp() {
  return express();
}
`;
const typedMain = `import "./server";
process.on("SIGTERM", () => {
  console.log("draining");
});
`;
const typedFiles = {
  "src/server.ts": typedServer,
  "src/app.ts": typedApp,
  "node_modules/@types/express/index.d.ts": EXPRESS_TYPES,
};
const typedWithMain = program({ ...typedFiles, "src/main.ts": typedMain });
const typedWithout = program(typedFiles);
const typed = (programs: ts.Program) => ({
  filename: path.join(ROOT, "src/server.ts"),
  languageOptions: { parserOptions: { programs: [programs] } },
});

// A module that owns shutdown, on disk, for the `shutdownModules` option.
const temporary = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-shutdown-"));
const lifecycleFile = path.join(temporary, "lifecycle.ts");
fs.writeFileSync(lifecycleFile, `export function onShutdown(close: () => Promise<void>) {\n  process.once("SIGTERM", () => void close());\n}\n`);
const idleFile = path.join(temporary, "idle.ts");
fs.writeFileSync(idleFile, `// mentions SIGTERM only in a comment\nexport const ready = true;\n`);
// A service whose entry point imports the module that handles SIGTERM (two levels down, TypeScript ESM style).
const serviceDirectory = path.join(temporary, "service", "src");
fs.mkdirSync(path.join(serviceDirectory, "lib"), { recursive: true });
fs.writeFileSync(path.join(serviceDirectory, "app-init.ts"), `import { onShutdown } from "./lib/lifecycle.js";\nexport function setupApp(app) { onShutdown(() => app.close()); }\n`);
fs.writeFileSync(path.join(serviceDirectory, "lib", "lifecycle.ts"), fs.readFileSync(lifecycleFile, "utf8"));
fs.writeFileSync(path.join(serviceDirectory, "routes.ts"), `export function routes(app) { app.get("/", () => "ok"); }\n`);
const serviceMain = `import { NestFactory } from "@nestjs/core";
import { setupApp } from "./app-init.js";
const app = await NestFactory.create(AppModule);
setupApp(app);
await app.listen(3000);`;
const serviceWithoutShutdown = `import express from "express";
import { routes } from "./routes";
const app = express();
routes(app);
app.listen(3000);`;
// A cluster primary whose shutdown lives in a module it imports.
fs.writeFileSync(path.join(serviceDirectory, "primary-shutdown.ts"), `import cluster from "node:cluster";\nexport function drainWorkers() {\n  process.on("SIGTERM", () => cluster.disconnect(() => process.exit(0)));\n}\n`);
// A module that closes a job queue on SIGTERM and exits, imported dynamically by a server (Dokploy's queue setup), and one
// that closes the server it is handed first.
fs.writeFileSync(path.join(serviceDirectory, "queue-setup.ts"), `export const myQueue = new Queue("deployments");\nprocess.on("SIGTERM", () => {\n  myQueue.close();\n  process.exit(0);\n});\n`);
fs.writeFileSync(path.join(serviceDirectory, "drain.ts"), `export function drainOnSigterm(server, queue) {\n  process.on("SIGTERM", () => {\n    server.close(() => queue.close().then(() => process.exit(0)));\n  });\n}\n`);
const serverWithQueue = `import http from "node:http";\nconst server = http.createServer(handle);\nserver.listen(3000);\nconst { startWorker } = await import("./queue-setup");\nstartWorker();`;
const serverWithDrain = `import http from "node:http";\nimport { drainOnSigterm } from "./drain";\nconst server = http.createServer(handle);\nserver.listen(3000);\ndrainOnSigterm(server, queue);`;
// A command-line program's package (`bin`, built on commander, no server framework): its local server lives as long as the command.
const commandDirectory = path.join(temporary, "dev-cli");
fs.mkdirSync(path.join(commandDirectory, "src", "commands"), { recursive: true });
fs.writeFileSync(path.join(commandDirectory, "package.json"), JSON.stringify({ name: "dev-cli", bin: { dev: "dist/index.js" }, exports: { ".": "./dist/index.js" }, dependencies: { commander: "^12.0.0" } }));
const devCommand = `import http from "node:http";\nconst server = http.createServer(handle);\nserver.listen(3030);\nprocess.on("SIGTERM", () => {\n  process.exit(0);\n});`;
// Handlers in the server's own file that close other things and exit, or the server first.
const closesRedisOnly = `import express from "express";\nconst app = express();\napp.listen(3000);\nprocess.on("SIGTERM", async () => {\n  logger.info("shutting down");\n  await redisClient.quit();\n  await Promise.all([prisma.$disconnect(), myQueue.close()]);\n  process.exit(0);\n});`;
const delegatesToWorkers = `import { serve } from "@hono/node-server";\nexport const gracefulShutdown = async (signal: string) => {\n  logger.warn(\`Received \${signal}\`);\n  await firstWorker.close();\n  await secondWorker.close();\n  process.exit(0);\n};\nprocess.on("SIGTERM", () => gracefulShutdown("SIGTERM"));\nserve({ fetch: app.fetch, port: 3000 });`;
const closesServerFirst = `import express from "express";\nconst app = express();\nconst server = app.listen(3000);\nprocess.on("SIGTERM", async () => {\n  server.close();\n  await redisClient.quit();\n  process.exit(0);\n});`;
const closesThroughHelper = `import express from "express";\nconst app = express();\nconst server = app.listen(3000);\nprocess.on("SIGTERM", async () => {\n  await redisClient.quit();\n  await stopEverything();\n  process.exit(0);\n});`;
// An entry point that imports the module starting the server, and handles SIGTERM through a module of its own
// (karakeep's workers: index.ts imports "server", under tsconfig's baseUrl, and "./exit").
function entryProject(name: string, serverSpecifier: string): string {
  const src = path.join(temporary, name, "src");
  fs.mkdirSync(src, { recursive: true });
  fs.writeFileSync(path.join(temporary, name, "package.json"), JSON.stringify({ name, dependencies: { "@hono/node-server": "^1.0.0" } }));
  fs.writeFileSync(path.join(src, "exit.ts"), `export const shutdownPromise = new Promise((resolve) => {\n  process.on("SIGTERM", () => resolve(""));\n});\n`);
  fs.writeFileSync(path.join(src, "index.ts"), `import { buildServer } from "${serverSpecifier}";\nimport { shutdownPromise } from "./exit";\nconst server = buildServer();\nawait shutdownPromise;\nawait server.stop();\n`);
  return path.join(src, "server.ts");
}
const builtServer = `import { serve } from "@hono/node-server";\nexport function buildServer() {\n  const server = serve({ fetch: app.fetch, port: 3000 });\n  return { stop: () => new Promise((resolve) => server.close(resolve)) };\n}\n`;
const entryRelative = entryProject("entry-relative", "./server");
const entryBaseUrl = entryProject("entry-base-url", "server");
const entryOther = entryProject("entry-other", "./other-server");
afterAll(() => fs.rmSync(temporary, { recursive: true, force: true }));

// A cluster primary that forks workers (which handle SIGTERM themselves, in the app they start) and handles no signal:
// the orchestrator signals the primary, which dies at once and takes the workers down mid-request.
const clusterPrimary = `import cluster from "cluster";
import os from "os";
import ParseServer from "../index";
if (cluster.isMaster) {
  for (let i = 0; i < os.cpus().length; i++) {
    cluster.fork();
  }
  cluster.on("exit", () => cluster.fork());
} else {
  ParseServer.startApp(options);
}`;
const clusterWorkerHandles = `const cluster = require("node:cluster");
if (!cluster.isPrimary) {
  const server = require("./app").listen(3000);
  process.on("SIGTERM", () => server.close());
} else {
  cluster.fork();
}`;

const expressServer = `import express from "express";
const app = express();
app.get("/healthz", (_req, res) => res.sendStatus(200));
app.listen(port, () => {
  console.log(\`listening on \${port}\`);
});`;
const httpServer = `const http = require("http");
const app = require("./app");
http
  .createServer(app)
  .listen(process.env.PORT, () => log("up"));`;
const httpServerVariable = `import { createServer } from "node:http";
const server = createServer(handler);
server.listen(3000);`;
const fastifyServer = `const fastify = require("fastify")({ logger: true });
fastify.get("/", async () => ({ ok: true }));
fastify.listen({ port: 3000, host: "0.0.0.0" }, (err) => {
  if (err) throw err;
});`;
const nestServer = `import { NestFactory } from "@nestjs/core";
import { AppModule } from "./app.module";
async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.setGlobalPrefix("api");
  await app.listen(3000);
}
bootstrap();`;
const koaServer = `import Koa from "koa";
new Koa().use(router.routes()).listen(3000);`;
const koaApp = `import Koa from "koa";
const app = new Koa();
app.listen(3000);`;
const honoServer = `import { serve } from "@hono/node-server";
import { Hono } from "hono";
const app = new Hono();
serve({ fetch: app.fetch, port: 3000 });`;
const nextServer = `const { createServer } = require("http");
const next = require("next");
const app = next({ dev: false });
const handle = app.getRequestHandler();
app.prepare().then(() => {
  createServer((req, res) => handle(req, res)).listen(3000);
});`;
const sigintOnly = `import express from "express";
const app = express();
const server = app.listen(3000);
process.on("SIGINT", () => server.close());`;
const annotated = `import type { Express } from "express";
export function start(app: Express, port: number) {
  return app.listen(port);
}`;
const exitOnly = `import express from "express";
const server = express().listen(3000);
process.on("SIGTERM", () => process.exit(0));`;
const exitAfterLog = `process.on("SIGTERM", () => {
  console.log("bye");
  process.exit(0);
});`;
const exitDirectly = `process.on("SIGTERM", process.exit);`;
const exitInLoop = `["SIGINT", "SIGTERM"].forEach((signal) =>
  process.on(signal, () => {
    logger.info({ signal }, "stopping");
    process.exit(0);
  }),
);`;
const exitInTypedLoop = `for (const signal of ["SIGINT", "SIGTERM"] as NodeJS.Signals[]) {
  process.on(signal, () => process.exit(0));
}`;
const exitNamed = `function onTerm() {
  process.exit(143);
}
process.once("SIGTERM", onTerm);`;
const exitRegisteredTwice = `function onTerm() {
  process.exit(0);
}
process.on("SIGTERM", onTerm);
process.once("SIGTERM", onTerm);`;
const exitDelegated = `process.on("SIGTERM", () => stop());
const stop = () => {
  process.exit(0);
};`;

// typescript-eslint's rule type and ESLint's RuleTester describe the same object differently.
// A server built by a function of another module of the project: `const app = await buildApp()`, relative or through a workspace package's path.
const factoryService = path.join(temporary, "factory-service");
fs.mkdirSync(path.join(factoryService, "src"), { recursive: true });
fs.mkdirSync(path.join(factoryService, "scripts"), { recursive: true });
fs.writeFileSync(path.join(factoryService, "package.json"), JSON.stringify({ name: "api", private: true, dependencies: { fastify: "^4.0.0" } }));
fs.writeFileSync(path.join(factoryService, "src", "buildApp.ts"), `import fastify from "fastify";\nexport default async function buildApp() {\n  const server = fastify({ logger: true });\n  await server.register(routes);\n  return server;\n}\n`);
fs.writeFileSync(path.join(factoryService, "src", "buildWorker.ts"), `export async function buildWorker() {\n  const connection = await connect();\n  return connection;\n}\n`);
const builtElsewhere = `import buildApp from "../src/buildApp";\nasync function start() {\n  const app = await buildApp();\n  await app.listen({ port: 3000, host: "0.0.0.0" });\n}\nstart();`;
const builtThroughPackagePath = builtElsewhere.replace('"../src/buildApp"', '"api/src/buildApp"');
const notAServer = `import { buildWorker } from "../src/buildWorker";\nconst worker = await buildWorker();\nawait worker.listen({ port: 3000 });`;
const builtAndHandled = builtElsewhere.replace('await app.listen({ port: 3000, host: "0.0.0.0" });', 'await app.listen({ port: 3000, host: "0.0.0.0" });\n  process.on("SIGTERM", () => app.close());');

ruleTester.run("require-graceful-shutdown (servers built by other modules)", rule as unknown as Rule.RuleModule, {
  valid: [
    // What another module's function returns that is no server of a known framework; the server found, and SIGTERM handled.
    { code: notAServer, filename: path.join(factoryService, "scripts", "startWorker.ts") },
    { code: builtAndHandled, filename: path.join(factoryService, "scripts", "startServer.ts") },
  ],
  invalid: [
    { code: builtElsewhere, filename: path.join(factoryService, "scripts", "startServer.ts"), errors: [listen(builtElsewhere)] },
    { code: builtThroughPackagePath, filename: path.join(factoryService, "scripts", "startLite.ts"), errors: [listen(builtThroughPackagePath)] },
  ],
});

ruleTester.run("require-graceful-shutdown", rule as unknown as Rule.RuleModule, {
  valid: [
    { code: devCommand, filename: path.join(commandDirectory, "src", "commands", "dev.ts") },
    // A cluster primary that handles SIGTERM: in its branch, for the whole file, or through a module its branch uses.
    `import cluster from "node:cluster";\nif (cluster.isPrimary) {\n  cluster.fork();\n  process.on("SIGTERM", () => cluster.disconnect());\n} else {\n  startServer();\n}`,
    `const cluster = require("cluster");\nprocess.on("SIGTERM", () => shutdown());\nif (cluster.isMaster) cluster.fork(); else startServer();`,
    {
      code: `import cluster from "node:cluster";\nimport { drainWorkers } from "./primary-shutdown";\nif (cluster.isPrimary) {\n  cluster.fork();\n  drainWorkers();\n} else {\n  startServer();\n}`,
      filename: path.join(serviceDirectory, "cluster.ts"),
    },
    // A fork() of something that is not Node's cluster module.
    `import { fork } from "node:child_process";\nconst child = fork("./job.js");\nconst repo = { fork() {} };\nrepo.fork();`,
    // Handled in the same module, directly, through a list of signals, or a named function.
    `import express from "express"; const app = express(); const server = app.listen(3000);
     function shutdown() { server.close(() => process.exit(0)); setTimeout(() => process.exit(1), 10_000).unref(); }
     process.on("SIGTERM", shutdown);`,
    `const app = require("express")(); const server = app.listen(3000);
     for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close());`,
    `import express from "express"; const app = express(); const server = app.listen(3000);
     const SIGNALS = ["SIGTERM", "SIGINT"] as const; SIGNALS.forEach((s) => process.once(s, () => server.close()));`,
    `import express from "express"; const app = express();
     function registerShutdown(server) { process.addListener("SIGTERM", () => server.close()); }
     registerShutdown(app.listen(3000));`,
    `import express from "express"; const app = express(); const server = app.listen(3000);
     const signals = config.signals ?? ["SIGTERM"]; for (const s of signals) process.on(s, () => server.close());`,
    `import process from "node:process"; import express from "express"; const server = express().listen(3000);
     process.on("SIGTERM", () => server.close());`,
    // Known helpers.
    `import http from "node:http"; import { createTerminus } from "@godaddy/terminus";
     const server = http.createServer(app); createTerminus(server, { signal: "SIGTERM", onSignal }); server.listen(3000);`,
    `import { createHttpTerminator } from "http-terminator"; import express from "express";
     const server = express().listen(3000); export const terminator = createHttpTerminator({ server });`,
    `import { createLightship } from "lightship"; import express from "express"; express().listen(3000); await createLightship();`,
    `const closeWithGrace = require("close-with-grace"); const fastify = require("fastify")();
     closeWithGrace({ delay: 500 }, async () => { await fastify.close(); }); fastify.listen({ port: 3000 });`,
    `import stoppable from "stoppable"; import http from "http"; const server = stoppable(http.createServer(app)); server.listen(3000);`,
    `import { NestFactory } from "@nestjs/core";
     async function bootstrap() { const app = await NestFactory.create(AppModule); app.enableShutdownHooks(); await app.listen(3000); }`,
    // Test servers and harnesses.
    `import express from "express"; const app = express(); let server;
     beforeAll(() => { server = app.listen(0); }); afterAll(() => server.close());`,
    // Not an HTTP server that serves traffic.
    `import { Server } from "socket.io"; const io = new Server(); io.listen(3000);`,
    `import { Server } from "socket.io"; import http from "http"; const server = http.createServer(); const io = new Server(server); io.listen(server);`,
    `const net = require("net"); const probe = net.createServer(); probe.listen(0, () => probe.close());`,
    `emitter.listen("ready"); import express from "express"; express.Router().listen?.();`,
    // SIGTERM handlers that close before exiting, wait for something, or delegate.
    `const server = require("express")().listen(3000);
     process.on("SIGTERM", () => { server.close(() => process.exit(0)); setTimeout(() => process.exit(1), 10_000).unref(); });`,
    `process.on("SIGTERM", async () => { await app.close(); process.exit(0); });`,
    `process.on("SIGTERM", () => shutdown("SIGTERM")); async function shutdown(signal) { await server.close(); process.exit(0); }`,
    `process.on("SIGTERM", () => { pool.end(); process.exit(0); });`,
    // Connections cut only when idle, from a backstop timer, or a client's own pool destroyed: not requests in flight.
    `const sockets = new Set(); server.on("connection", (s) => sockets.add(s));
     process.on("SIGTERM", () => { server.close(); setTimeout(() => { for (const s of sockets) s.destroy(); }, 10_000).unref(); });`,
    `process.on("SIGTERM", () => { server.close(); for (const socket of sockets) { if (!busy.has(socket)) socket.destroy(); } });`,
    `process.on("SIGTERM", () => { server.close(); server.closeIdleConnections(); });`,
    `process.on("SIGTERM", async () => { server.close(); await knex.destroy(); for (const client of clients) client.destroy(); });`,
    `process.on("SIGTERM", () => { server.close(); if (process.env.FORCE_SHUTDOWN) server.closeAllConnections(); });`,
    `const streams = new Set(); feed.on("subscribe", (stream) => streams.add(stream));
     process.on("SIGTERM", () => { server.close(); for (const stream of streams) stream.destroy(); });`,
    // Exiting on SIGINT (Ctrl+C in development) is not what orchestrators send.
    `process.on("SIGINT", () => process.exit(0));`,
    // Shutdown owned by another module: a package the file imports, or a file that handles SIGTERM.
    {
      code: `import { onShutdown } from "@acme/service-kit/lifecycle"; import express from "express"; express().listen(3000);`,
      options: [{ shutdownModules: ["@acme/service-kit"] }],
    },
    { code: `import express from "express"; express().listen(3000);`, options: [{ shutdownModules: [lifecycleFile] }] },
    // Without type information, the modules a file imports (and theirs) are read from disk.
    { code: serviceMain, filename: path.join(serviceDirectory, "main.ts") },
    { code: serverWithDrain, filename: path.join(serviceDirectory, "server.ts") },
    // The server closed first, or a function of the service's own that may close it.
    closesServerFirst,
    closesThroughHelper,
    // Handled by the entry point that imports this module, relatively or under tsconfig's baseUrl.
    { code: builtServer, filename: entryRelative },
    { code: builtServer, filename: entryBaseUrl },
    // With type information, the whole program is looked at.
    { code: typedServer, ...typed(typedWithMain) },
    // A port the system picks: a helper only this process can reach (a proxy for a child process), no clients to drain.
    `import http from "node:http";\nconst proxy = http.createServer(forward);\nproxy.listen(0, "127.0.0.1", () => resolve(proxy.address().port));\nproxy.unref();`,
    `import http from "node:http";\nconst callback = http.createServer(onCallback);\ncallback.listen({ port: 0, host: "localhost" });`,
  ],
  invalid: [
    { code: expressServer, errors: [listen(expressServer)] },
    // Handled, but only by closing other things and exiting: the server's requests in flight are cut off.
    {
      code: serverWithQueue,
      filename: path.join(serviceDirectory, "server.ts"),
      errors: [{ messageId: "handlerLeavesServer", data: { file: "queue-setup.ts", closed: "myQueue" }, ...at(serverWithQueue, "listen") }],
    },
    { code: delegatesToWorkers, errors: [{ messageId: "exitWithoutClosingServer", data: { closed: "firstWorker" }, ...at(delegatesToWorkers, "process.exit(0)") }] },
    // An entry point that imports another module handles nothing for this one.
    { code: builtServer, filename: entryOther, errors: [{ messageId: "noSigtermHandler", ...at(builtServer, "serve", 3) }] },
    { code: closesRedisOnly, errors: [{ messageId: "exitWithoutClosingServer", data: { closed: "redisClient" }, ...at(closesRedisOnly, "process.exit(0)") }] },
    // The primary handles nothing: the workers' own handling (in their branch, or in the app they start) never runs.
    { code: clusterPrimary, filename: path.join(serviceDirectory, "cli.ts"), errors: [primary(clusterPrimary)] },
    { code: clusterWorkerHandles, errors: [primary(clusterWorkerHandles)] },
    // A server built by a local helper.
    ...[
      `import http2 from "node:http2";\nconst createServer = async () => http2.createSecureServer({ allowHTTP1: true }, handler);\nconst server = await createServer();\nserver.listen(443);`,
      // An app that is also the module's export.
      `const Koa = require("koa");\nconst app = module.exports = new Koa();\napp.listen(3000);`,
      // Loopback with a fixed port is where a reverse proxy on the same host sends its traffic.
      `import http from "node:http";\nconst server = http.createServer(app);\nserver.listen(3000, "127.0.0.1");`,
      `import express from "express";\nexpress().listen({ port: Number(process.env.PORT ?? 0) });`,
    ].map((code) => ({ code, errors: [listen(code)] })),
    // Started when the file is run directly (`node app.js`, the way production runs it); the guard only keeps tests from listening.
    ...[
      `const express = require("express"); const app = express(); module.exports = app;\nif (require.main === module) { app.listen(3000); }`,
      `const express = require("express"); const app = express(); if (!module.parent) app.listen(3000);`,
      `import express from "express"; const app = express(); if (import.meta.main) app.listen(3000);`,
    ].map((code) => ({ code, errors: [listen(code)] })),
    { code: expressServer, filename: "server.js", errors: [listen(expressServer)] },
    { code: httpServer, filename: "server.cjs", errors: [listen(httpServer)] },
    { code: httpServerVariable, errors: [listen(httpServerVariable)] },
    { code: fastifyServer, filename: "server.js", errors: [listen(fastifyServer)] },
    { code: nestServer, errors: [listen(nestServer)] },
    { code: koaServer, errors: [listen(koaServer)] },
    { code: koaApp, errors: [listen(koaApp)] },
    { code: honoServer, errors: [listen(honoServer, "serve", 2)] },
    { code: nextServer, filename: "server.js", errors: [listen(nextServer)] },
    { code: sigintOnly, errors: [listen(sigintOnly)] },
    { code: annotated, errors: [listen(annotated)] },
    // A handler registered only for test runs (to flush coverage) is no production handling: the server has none.
    ...[
      `import express from "express";\nconst server = express().listen(3000);\nif (EnvSet.values.isIntegrationTest) {\n  process.on("SIGTERM", () => process.exit(0));\n}`,
      `import express from "express";\nconst server = express().listen(3000);\nif (process.env.NODE_ENV === "test") process.on("SIGTERM", () => server.close());`,
    ].map((code) => ({ code, errors: [listen(code)] })),
    // Every open connection cut at once, requests in flight included: in the handler, or reported at its call of a helper of this file that does.
    ...[
      [`const server = require("http").createServer(app).listen(3000);\nconst open = {};\nserver.on("connection", (socket) => { open[socket.remotePort] = socket; });\nfunction destroyOpenSockets() {\n  for (const port in open) { try { open[port].destroy(); } catch {} }\n}\nconst stop = function () { destroyOpenSockets(); server.close(); };\nprocess.on("SIGTERM", stop);`, "destroyOpenSockets()", 1],
      [`process.on("SIGTERM", () => { server.close(() => process.exit(0)); server.closeAllConnections(); });`, "server.closeAllConnections()"],
      [`process.once("SIGTERM", async () => { this.connections.forEach((connection) => connection.destroy()); await server.close(); });`, "connection.destroy()"],
    ].map(([code, snippet, occurrence]) => ({ code: code as string, errors: [{ messageId: "cutsConnections", ...at(code as string, snippet as string, (occurrence as number | undefined) ?? 0) }] })),
    { code: exitOnly, errors: [exit(exitOnly, "process.exit(0)")] },
    { code: exitAfterLog, errors: [exit(exitAfterLog, "process.exit(0)")] },
    { code: exitDirectly, errors: [exit(exitDirectly, "process.exit")] },
    { code: exitInLoop, errors: [exit(exitInLoop, "process.exit(0)")] },
    { code: exitInTypedLoop, errors: [exit(exitInTypedLoop, "process.exit(0)")] },
    { code: exitNamed, errors: [exit(exitNamed, "process.exit(143)")] },
    { code: exitDelegated, errors: [exit(exitDelegated, "process.exit(0)")] },
    // One finding for one exit, however often its handler is registered.
    { code: exitRegisteredTwice, errors: [exit(exitRegisteredTwice, "process.exit(0)")] },
    // The named file does not handle SIGTERM, and a package the file does not import does not count.
    { code: expressServer, options: [{ shutdownModules: [idleFile, "@acme/service-kit"] }], errors: [listen(expressServer)] },
    // The modules it imports do not handle SIGTERM either.
    { code: serviceWithoutShutdown, filename: path.join(serviceDirectory, "server.ts"), errors: [listen(serviceWithoutShutdown)] },
    // With type information: the server's type says it is one, and no module handles SIGTERM.
    { code: typedServer, ...typed(typedWithout), errors: [listen(typedServer)] },
  ],
});
