import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { RuleTester, type Rule } from "eslint";
import { afterAll } from "vitest";
import tseslint from "typescript-eslint";
import rule from "../../rules/no-in-memory-session.ts";
import { at } from "../helpers/positions.ts";

const ruleTester = new RuleTester({ languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } } });

/** The range of the first `length` characters of `snippet` (the callee of a call written as `snippet`). */
function start(code: string, snippet: string, length: number) {
  const location = at(code, snippet);
  return { ...location, endLine: location.line, endColumn: location.column + length };
}

/** The collection declared as `name` is reported at its name, citing the line of `write`. */
function collection(code: string, name: string, write: string) {
  const declaration = new RegExp(`\\b(?:const|let|var)\\s+${name}\\b`, "u").exec(code)!;
  const offset = declaration.index + declaration[0].length - name.length;
  const before = code.slice(0, offset).split("\n");
  const column = before.at(-1)!.length + 1;
  return {
    messageId: "perUserCollection",
    data: { name, line: String(at(code, write).line) },
    line: before.length,
    column,
    endLine: before.length,
    endColumn: column + name.length,
  };
}

const expressCarts = `import express from "express";
type CartItem = { sku: string; quantity: number };
const carts = new Map<string, CartItem[]>();
export const cartRouter = express.Router();
cartRouter.post("/cart/items", express.json(), (req, res) => {
  const userId = req.session.userId;
  const items = carts.get(userId) ?? [];
  items.push(req.body);
  carts.set(userId, items);
  res.status(201).json({ items });
});`;
const loginSessions = `const express = require("express");
const crypto = require("crypto");
const app = express();
const sessions = {};
app.post("/login", async (req, res) => {
  const user = await users.findByEmail(req.body.email);
  const token = crypto.randomUUID();
  sessions[token] = { userId: user.id, createdAt: Date.now() };
  res.cookie("sid", token).sendStatus(204);
});`;
const revokedTokens = `import express from "express";
const app = express();
const revoked = new Set();
app.post("/logout", (req, res) => {
  revoked.add(req.get("authorization"));
  res.sendStatus(204);
});`;
const fastifyCarts = `import Fastify from "fastify";
const fastify = Fastify({ logger: true });
const carts: Record<string, unknown> = {};
fastify.post("/cart", async (request, reply) => {
  carts[request.user.id] = request.body;
  return reply.code(201).send();
});`;
const fastifyPlugin = `import fp from "fastify-plugin";
let drafts = {};
export default fp(async (app) => {
  app.put("/drafts", { handler: async (request) => { drafts[request.session.sessionId] ??= request.body; } });
});`;
const koaCarts = `import Router from "@koa/router";
const router = new Router();
const carts = new Map();
router.post("/cart", (ctx) => {
  carts.set(ctx.session.userId, ctx.request.body);
  ctx.status = 201;
});`;
const nestCarts = `import { Body, Controller, Post, Session } from "@nestjs/common";
const carts = new Map<string, unknown[]>();
@Controller("cart")
export class CartController {
  @Post()
  add(@Session() session: Record<string, string>, @Body() item: unknown) {
    carts.set(session.userId, [...(carts.get(session.userId) ?? []), item]);
  }
}`;
const nextApiRoute = `const carts = {};
export default function handler(req, res) {
  carts[req.cookies.sid] = req.body;
  res.status(200).json({ ok: true });
}`;
const typedController = `import type { Request, Response } from "express";
const wishlists = new Map<string, string[]>();
export const addToWishlist = (req: Request, res: Response) => {
  const { userId } = req.session;
  wishlists.set(userId, [...(wishlists.get(userId) ?? []), req.params.sku]);
  res.sendStatus(204);
};`;
const jsController = `const carts = {};
exports.addItem = function (req, res) {
  const key = \`cart:\${req.user.id}\`;
  carts[key] = carts[key] || [];
  carts[key].push(req.body);
  res.sendStatus(201);
};`;
const honoCarts = `import { Hono } from "hono";
const app = new Hono();
const carts = new Map();
app.post("/cart", async (c) => {
  carts.set(c.get("user").id, await c.req.json());
  return c.body(null, 201);
});`;
const onlineUsers = `import express from "express";
const app = express();
const online = [];
app.post("/heartbeat", (req, res) => {
  online.push(req.user.id);
  res.end();
});`;
const tenantState = `import express from "express";
const app = express();
const drafts = new Map();
app.put("/draft", (req, res) => {
  drafts.set(req.get("x-tenant"), req.body);
  res.end();
});`;
const noStore = `import session from "express-session";
export const sessionMiddleware = session({
  secret: process.env.SESSION_SECRET ?? "",
  resave: false,
  saveUninitialized: false,
});`;
const noStoreCjs = `const expressSession = require("express-session");
app.use(expressSession());`;
const optionsConst = `const session = require("express-session");
const sessionOptions = { secret: process.env.SESSION_SECRET, resave: false };
app.use(session(sessionOptions));`;
const memoryStore = `import session from "express-session";
app.use(session({ store: new session.MemoryStore(), secret: process.env.SESSION_SECRET! }));`;
const memorystoreModule = `const session = require("express-session");
const MemoryStore = require("memorystore")(session);
app.use(
  session({
    store: new MemoryStore({ checkPeriod: 86400000 }),
    secret: process.env.SESSION_SECRET,
  }),
);`;
const fileStore = `import session from "express-session";
import createFileStore from "session-file-store";
const FileStore = createFileStore(session);
const store = new FileStore({ path: "./sessions" });
app.use(session({ store, secret: process.env.SESSION_SECRET }));`;
const fastifySession = `import fastifySession from "@fastify/session";
fastify.register(fastifySession, { secret: process.env.SESSION_SECRET, cookie: { secure: true } });`;
const fastifySessionRequire = `fastify.register(require("@fastify/session"), {
  secret: process.env.SESSION_SECRET,
});`;
const koaGeneric = `const session = require("koa-generic-session");
app.use(session({ key: "sid" }));`;
const koaObjectStore = `import session from "koa-session";
const sessions = {};
app.use(
  session(
    {
      key: "sid",
      store: {
        get: (key) => sessions[key],
        set: (key, value) => { sessions[key] = value; },
        destroy: (key) => { delete sessions[key]; },
      },
    },
    app,
  ),
);`;
const extraStore = `import session from "express-session";
import createStore from "@acme/local-session-store";
const LocalStore = createStore(session);
app.use(session({ store: new LocalStore(), secret }));`;

// typescript-eslint's rule type and ESLint's RuleTester describe the same object differently.
const apiKeyLimit = `import rateLimit from "express-rate-limit";
export const limitApiKeys = rateLimit({
  windowMs: 60_000,
  max: 60,
  keyGenerator: (req) => (req as ApiRequest).apiKey,
});`;
const userLimit = `const { rateLimit } = require("express-rate-limit");
const exportLimit = rateLimit({
  windowMs: 60_000,
  limit: 5,
  keyGenerator(req) {
    const { user } = req;
    if (!user) return req.ip;
    return user.id;
  },
});
module.exports = { exportLimit };`;

const windowedAttempts = `import express from "express";
const attempts = new Map<string, number>();
setInterval(() => attempts.clear(), 60_000);
export const router = express.Router();
router.post("/export", (req, res) => {
  const count = (attempts.get(req.user.id) ?? 0) + 1;
  attempts.set(req.user.id, count);
  if (count > 5) return res.sendStatus(429);
  res.json(exportFor(req.user.id));
});`;

ruleTester.run("no-in-memory-session", rule as unknown as Rule.RuleModule, {
  valid: [
    // Write-behind buffers: each flush hands the whole contents to the database and empties them.
    `import express from "express";
const lastSeen = new Map<string, number>();
export const router = express.Router();
router.use((req, res, next) => {
  lastSeen.set(req.user.id, Date.now());
  next();
});
setInterval(async () => {
  const batch = [...lastSeen.entries()];
  lastSeen.clear();
  await db.saveLastSeen(batch);
}, 60_000);`,
    `import { Injectable } from "@nestjs/common";
@Injectable()
export class TokenUsageService {
  private seenTokens = new Set<string>();
  noteUse(token: string) {
    this.seenTokens.add(token);
  }
  async flush() {
    const toStore = Array.from(this.seenTokens);
    this.seenTokens = new Set();
    await this.store.markSeen(toStore);
  }
}`,
    // Rate limits keyed by address (express-rate-limit's default) limit clients, not users.
    `import rateLimit from "express-rate-limit";
export const loginLimiter = rateLimit({ windowMs: 15 * 60_000, max: 20, skipSuccessfulRequests: true });`,
    // Counts per user in a shared store, or a store the spread may supply.
    `import rateLimit from "express-rate-limit";
import { RedisStore } from "rate-limit-redis";
export const limitUsers = rateLimit({ windowMs: 60_000, max: 60, store: new RedisStore({ sendCommand }), keyGenerator: (req) => req.user.id });`,
    `import rateLimit from "express-rate-limit";
export const limitUsers = rateLimit({ ...sharedLimitOptions, keyGenerator: (req) => req.user.id });`,
    // Kept per replica on purpose, and said so where it is set up.
    `import rateLimit from "express-rate-limit";
// A few survey answers an hour per user. Per replica: the default MemoryStore isn't shared, which is fine here.
const surveyLimit = rateLimit({ windowMs: 3_600_000, max: 10, keyGenerator: (req) => req.userId ?? req.ip });
router.post("/survey", surveyLimit, saveSurvey);`,
    // Keyed by something that is not the caller: the route, the tenant's region.
    `import rateLimit from "express-rate-limit";
export const perRoute = rateLimit({ windowMs: 60_000, max: 600, keyGenerator: (req) => req.path });`,
    // Shared session stores.
    `import session from "express-session"; import { RedisStore } from "connect-redis";
     app.use(session({ store: new RedisStore({ client: redis }), secret: process.env.SESSION_SECRET }));`,
    `const session = require("express-session"); const MongoStore = require("connect-mongo");
     app.use(session({ secret, store: MongoStore.create({ mongoUrl: process.env.MONGODB_URI }) }));`,
    `import fastifySession from "@fastify/session"; fastify.register(fastifySession, { secret, store: new RedisStore({ client }) });`,
    // Options the rule cannot see: imported, or completed by a spread.
    `import session from "express-session"; import { sessionOptions } from "./config"; app.use(session(sessionOptions));`,
    `import session from "express-session"; app.use(session({ ...baseOptions, secret }));`,
    // Cookie-based sessions keep nothing in the process.
    `import session from "koa-session"; app.use(session({ key: "sid", maxAge: 86400000 }, app));`,
    `import session from "koa-session"; app.use(session({ store: { get: (k) => redis.get(k), set: (k, v) => redis.set(k, JSON.stringify(v)), destroy: (k) => redis.del(k) } }, app));`,
    `import cookieSession from "cookie-session"; app.use(cookieSession({ name: "session", keys }));`,
    `import { getIronSession } from "iron-session"; export async function GET() { const session = await getIronSession(cookies(), options); }`,
    `import secureSession from "@fastify/secure-session"; fastify.register(secureSession, { key, cookie: { path: "/" } });`,
    // Caches of what is the same for every user.
    `import express from "express"; const app = express(); const templates = new Map();
     app.get("/page/:name", (req, res) => { templates.set(req.params.name, compile(req.params.name)); res.send(templates.get(req.params.name)); });`,
    `import express from "express"; const app = express(); const userCache = new Map();
     app.get("/me", async (req, res) => { userCache.set(req.user.id, await loadUser(req.user.id)); res.json(userCache.get(req.user.id)); });`,
    `import express from "express"; const app = express(); const signingKeys = new Map();
     app.use(async (req, res, next) => {
       const token = req.headers.authorization.split(" ")[1];
       const { header } = jwt.decode(token, { complete: true });
       signingKeys.set(header.kid, await fetchSigningKey(header.kid));
       next();
     });`,
    // Request-scoped collections.
    `import express from "express"; const app = express();
     app.post("/import", (req, res) => { const seen = new Set(); seen.add(req.user.id); const byUser = {}; byUser[req.user.id] = 1; res.end(); });`,
    // Live connections cannot move to a shared store.
    `import express from "express"; const app = express(); const streams = new Map();
     app.get("/events", (req, res) => { res.setHeader("content-type", "text/event-stream"); streams.set(req.user.id, res); });`,
    `import { WebSocketServer } from "ws"; const clients = new Map(); const wss = new WebSocketServer({ port: 8080 });
     wss.on("connection", (ws, req) => { clients.set(ws, { userId: req.headers["x-user-id"] }); });`,
    `import { Server } from "socket.io"; const io = new Server(3000); const users = {};
     io.on("connection", (socket) => { users[socket.id] = socket.handshake.auth.userId; });`,
    // Keys that are not about the caller: client addresses, resources.
    `import express from "express"; const app = express(); const hits = new Map();
     app.use((req, res, next) => { hits.set(req.ip, (hits.get(req.ip) ?? 0) + 1); next(); });`,
    // Not a server: CLI scripts and queue workers.
    `const lastSeen = new Map(); export function record(user) { lastSeen.set(user.id, Date.now()); }`,
    `import { Worker } from "bullmq"; const progress = new Map();
     new Worker("exports", async (job) => { progress.set(job.data.userId, 0); });`,
    // Written at startup, not in a handler.
    `import express from "express"; const app = express(); const admins = new Set(); for (const user of seed) admins.add(user.id);`,
    // Fields of objects that do not live for the process: request-scoped providers, classes created per call,
    // exported classes whose lifetime this file does not decide; caches; keys that are not about the caller.
    `import { Injectable, Scope } from "@nestjs/common";
@Injectable({ scope: Scope.REQUEST })
export class OAuthFlow { private stateMap = new Map(); begin(state: string) { this.stateMap.set(state, { at: Date.now() }); } }`,
    `class Collector { private seen = new Set(); visit(userId: string) { this.seen.add(userId); } }
export function collect(ids) { const collector = new Collector(); for (const id of ids) collector.visit(id); }`,
    `export class Tracker { private byUser = new Map(); track(userId: string) { this.byUser.set(userId, Date.now()); } }`,
    `import { Injectable } from "@nestjs/common";
@Injectable() export class Profiles { private profileCache = new Map(); load(userId: string) { this.profileCache.set(userId, fetchProfile(userId)); } }`,
    `import { Injectable } from "@nestjs/common";
@Injectable() export class Jobs { private byQueue = new Map(); add(queueName: string, job) { this.byQueue.set(queueName, job); } }`,
    // Timers per user: a debounce or delay of this process's own work, which only it can cancel; no state another replica needs.
    `import { Injectable } from "@nestjs/common";
@Injectable() export class PortfolioListener {
  private debounceTimers = new Map<string, NodeJS.Timeout>();
  onChange(userId: string) { clearTimeout(this.debounceTimers.get(userId)); this.debounceTimers.set(userId, setTimeout(() => this.refresh(userId), 5000)); }
}`,
    `class ReminderService {
  constructor() { this.timers = new Map(); }
  schedule(userId, ms) { const timer = global.setTimeout(() => remind(userId), ms); this.timers[userId] = timer; }
}
export default new ReminderService();`,
    `import { Injectable } from "@nestjs/common";
@Injectable() export class ChangeListener {
  private timers = new Map<string, NodeJS.Timeout>();
  onChange(userId: string) {
    const existing = this.timers.get(userId);
    if (existing) { clearTimeout(existing); }
    this.timers.set(userId, setTimeout(() => { this.timers.delete(userId); this.refresh(userId); }, 5000));
  }
}`,
    `import express from "express"; const app = express(); const typing = new Map();
app.post("/typing", (req, res) => { typing.set(req.user.id, setTimeout(() => typing.delete(req.user.id), 3000)); res.end(); });`,
    // A store of something else, whatever its keys.
    `class ThumbnailStore { private byHandle = new Map(); put(handle: string, data: Buffer) { this.byHandle.set(handle, data); } }
export default new ThumbnailStore();`,
    // The id of a record looked up by its own id is not who is calling.
    `import { Injectable } from "@nestjs/common";
@Injectable() export class Exports { private running = {}; async start(exportId: string) { const job = await this.getById(exportId); this.running[job.id] = Date.now(); } }`,
  ],
  invalid: [
    // Fields of long-lived objects keyed by the caller or a login in progress: a NestJS provider (a singleton),
    // a service this file instantiates once.
    (() => {
      const code = `import { Injectable } from "@nestjs/common";
@Injectable()
export class OAuthService {
  private stateMap = new Map<string, { redirect: string }>();
  begin(state: string, redirect: string) { this.stateMap.set(state, { redirect }); }
}`;
      return { code, errors: [{ messageId: "perUserCollection", data: { name: "this.stateMap", line: "5" }, ...at(code, "stateMap") }] };
    })(),
    (() => {
      const code = `class ReminderService {
  constructor() { this.pending = new Map(); }
  schedule(userId, ms) { this.pending.set(userId, { due: Date.now() + ms }); }
}
export default new ReminderService();`;
      return { code, errors: [{ messageId: "perUserCollection", data: { name: "this.pending", line: "3" }, ...at(code, "pending") }] };
    })(),
    // A timer read to decide what the request does is a per-user rate limit: state.
    (() => {
      const code = `import { Injectable } from "@nestjs/common";
@Injectable() export class Mailer {
  private cooldowns = new Map<string, NodeJS.Timeout>();
  send(userId: string) {
    const running = this.cooldowns.get(userId);
    if (running) { throw new Error("wait a minute"); }
    this.cooldowns.set(userId, setTimeout(() => this.cooldowns.delete(userId), 60_000));
  }
}`;
      return { code, errors: [{ messageId: "perUserCollection", data: { name: "this.cooldowns", line: "7" }, ...at(code, "cooldowns") }] };
    })(),
    // A timer map beside per-user data: the data is still state.
    (() => {
      const code = `import express from "express"; const app = express(); const timers = new Map(); const drafts = new Map();
app.post("/draft", (req, res) => { drafts.set(req.user.id, req.body); timers.set(req.user.id, setTimeout(() => save(req.user.id), 5000)); res.end(); });`;
      return { code, errors: [{ messageId: "perUserCollection", data: { name: "drafts", line: "2" }, ...at(code, "drafts") }] };
    })(),
    // A login-state store (its name and the interface it implements say so) keeps one entry per visitor, whatever its keys are called.
    (() => {
      const code = `import type { SessionStore } from "passport-openidconnect";
class OidcStateStore implements SessionStore {
  private stateMap = new Map();
  store(req, ctx, appState, meta, callback) { const handle = this.generateHandle(); this.stateMap.set(handle, { ctx, appState }); callback(null, handle); }
}
export const stateStore = new OidcStateStore();`;
      return { code, errors: [{ messageId: "perUserCollection", data: { name: "this.stateMap", line: "4" }, ...at(code, "stateMap") }] };
    })(),
    // A per-user throttle keyed by the id of the user record looked up by email.
    (() => {
      const code = `import { Injectable } from "@nestjs/common";
@Injectable()
export class UserService {
  private passwordResetTimeouts: { [key: string]: NodeJS.Timeout } = {};
  async sendReset(receiverEmail: string) {
    const receiver = await this.getByEmail(receiverEmail);
    if (this.passwordResetTimeouts[receiver.id]) throw new Error("one reset mail per minute");
    this.passwordResetTimeouts[receiver.id] = setTimeout(() => delete this.passwordResetTimeouts[receiver.id], 60_000);
  }
}`;
      return { code, errors: [{ messageId: "perUserCollection", data: { name: "this.passwordResetTimeouts", line: "8" }, ...at(code, "passwordResetTimeouts") }] };
    })(),
    // A store that is the memory store whenever configuration is missing.
    (() => {
      const code = `import session from "express-session";
app.use(session({ secret, store: process.env.REDIS_URL ? new RedisStore({ client }) : undefined }));`;
      return {
        code,
        errors: [{ messageId: "memoryStore", data: { where: "this process's memory whenever the condition leaves `store` unset" }, ...at(code, "process.env.REDIS_URL ? new RedisStore({ client }) : undefined") }],
      };
    })(),
    { code: apiKeyLimit, errors: [{ messageId: "memoryRateLimit", data: { key: "(req as ApiRequest).apiKey" }, ...at(apiKeyLimit, "rateLimit", 1) }] },
    { code: userLimit, errors: [{ messageId: "memoryRateLimit", data: { key: "user.id" }, ...at(userLimit, "rateLimit", 1) }] },
    // Emptied every minute without being read: a per-user window kept in each replica.
    { code: windowedAttempts, errors: [collection(windowedAttempts, "attempts", "attempts.set(req.user.id")] },
    { code: expressCarts, filename: "cart.ts", errors: [collection(expressCarts, "carts", "carts.set(userId, items)")] },
    { code: loginSessions, filename: "app.js", errors: [collection(loginSessions, "sessions", "sessions[token] =")] },
    { code: revokedTokens, errors: [collection(revokedTokens, "revoked", "revoked.add")] },
    { code: fastifyCarts, errors: [collection(fastifyCarts, "carts", "carts[request.user.id]")] },
    { code: fastifyPlugin, errors: [collection(fastifyPlugin, "drafts", "drafts[request.session.sessionId]")] },
    { code: koaCarts, errors: [collection(koaCarts, "carts", "carts.set(ctx.session.userId")] },
    { code: nestCarts, filename: "cart.controller.ts", errors: [collection(nestCarts, "carts", "carts.set(session.userId")] },
    { code: nextApiRoute, filename: "/app/pages/api/cart.js", errors: [collection(nextApiRoute, "carts", "carts[req.cookies.sid]")] },
    { code: typedController, filename: "wishlist.controller.ts", errors: [collection(typedController, "wishlists", "wishlists.set(userId")] },
    { code: jsController, filename: "cart.controller.js", errors: [collection(jsController, "carts", "carts[key] = carts[key]")] },
    { code: honoCarts, errors: [collection(honoCarts, "carts", "carts.set(c.get")] },
    { code: onlineUsers, errors: [collection(onlineUsers, "online", "online.push")] },
    { code: tenantState, options: [{ identityProperties: ["x-tenant"] }], errors: [collection(tenantState, "drafts", "drafts.set")] },
    { code: noStore, errors: [{ messageId: "defaultMemoryStore", data: { library: "express-session" }, ...start(noStore, "session({", 7) }] },
    { code: noStoreCjs, filename: "app.cjs", errors: [{ messageId: "defaultMemoryStore", ...start(noStoreCjs, "expressSession()", 14) }] },
    { code: optionsConst, errors: [{ messageId: "defaultMemoryStore", ...start(optionsConst, "session(sessionOptions)", 7) }] },
    { code: memoryStore, errors: [{ messageId: "memoryStore", data: { where: "this process's memory" }, ...at(memoryStore, "new session.MemoryStore()") }] },
    { code: memorystoreModule, filename: "app.js", errors: [{ messageId: "memoryStore", ...at(memorystoreModule, "new MemoryStore({ checkPeriod: 86400000 })") }] },
    { code: fileStore, errors: [{ messageId: "memoryStore", data: { where: "files on this machine's disk" }, ...start(fileStore, "store, secret", 5) }] },
    { code: fastifySession, errors: [{ messageId: "defaultMemoryStore", data: { library: "@fastify/session" }, ...start(fastifySession, "fastifySession, {", 14) }] },
    { code: fastifySessionRequire, errors: [{ messageId: "defaultMemoryStore", ...at(fastifySessionRequire, 'require("@fastify/session")') }] },
    { code: koaGeneric, errors: [{ messageId: "defaultMemoryStore", data: { library: "koa-generic-session" }, ...start(koaGeneric, "session({", 7) }] },
    {
      code: koaObjectStore,
      errors: [
        {
          messageId: "memoryStore",
          line: 7,
          column: 14,
          endLine: 11,
          endColumn: 8,
        },
      ],
    },
    { code: extraStore, options: [{ memoryStoreModules: ["@acme/local-session-store"] }], errors: [{ messageId: "memoryStore", ...at(extraStore, "new LocalStore()") }] },
  ],
});

// A service class another module of the project creates: once, in the start-up's factory, or per request.
const projects = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-session-"));
afterAll(() => fs.rmSync(projects, { recursive: true, force: true }));
const USER_SERVICE = `export class UserService {
  private resetTimers = new Map<string, NodeJS.Timeout>();
  async sendResetEmail(email: string) {
    if (this.resetTimers.has(email)) return;
    this.resetTimers.set(email, setTimeout(() => this.resetTimers.delete(email), 60_000));
  }
}
`;
function projectWith(name: string, factory: string, files: Record<string, string> = {}): string {
  const root = path.join(projects, name);
  fs.mkdirSync(path.join(root, "src/services"), { recursive: true });
  fs.writeFileSync(path.join(root, "package.json"), JSON.stringify({ name, dependencies: { express: "^5.0.0" } }));
  fs.writeFileSync(path.join(root, "src/services/index.ts"), factory);
  for (const [relative, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    fs.writeFileSync(path.join(root, relative), text);
  }
  const file = path.join(root, "src/services/user-service.ts");
  fs.writeFileSync(file, USER_SERVICE);
  return file;
}
// Wiring through factories: a service factory handed to a helper that calls it at once (and again
// per transaction), in a createServices() the start-up calls as a method of its factories object.
const WIRING = {
  "src/services/create-user-service.ts": `import { UserService } from "./user-service";
export const createUserService = (db, config) => new UserService({ db, config });
`,
  "src/db/transaction.ts": `export function withTransactional(factory, db) {
  const service = factory(db);
  service.transactional = (fn) => db.transaction((trx) => fn(factory(trx)));
  return service;
}
export function perRequest(factory) {
  return (req, res) => factory(req.db).handle(req, res);
}
`,
  "src/server.ts": `import { createServices } from "./services";
export async function createApp(config, fm = { createServices }) {
  const services = fm.createServices(config, config.db);
  return new Promise((resolve) => {
    const server = app(services).listen(config.port, () => resolve(server));
  });
}
`,
};
const WIRED_AT_START_UP = `import { createUserService } from "./create-user-service";
import { withTransactional } from "../db/transaction";
export const createServices = (config, db) => ({
  userService: withTransactional((db) => createUserService(db, config), db),
});
`;
const WIRED_PER_REQUEST = `import { createUserService } from "./create-user-service";
import { perRequest } from "../db/transaction";
export const createServices = (config, db) => ({
  resetPassword: perRequest((db) => createUserService(db, config)),
});
`;
const START_UP = `import { UserService } from "./user-service";
export function createServices(stores) {
  return { userService: new UserService(stores) };
}
export async function createApp(config) {
  const services = createServices(config.stores);
  return new Promise((resolve) => {
    const server = app(services).listen(config.port, () => resolve(server));
  });
}
`;
const PER_REQUEST = `import { UserService } from "./user-service";
export function handle(req, res) {
  return new UserService(req.stores).sendResetEmail(req.body.email);
}
`;
new RuleTester({ languageOptions: { parser: tseslint.parser } }).run("no-in-memory-session (classes created in other modules)", rule as unknown as Rule.RuleModule, {
  valid: [
    { code: USER_SERVICE, filename: projectWith("per-request", PER_REQUEST) },
    // The factory is only called inside the handler the helper returns: an instance per request.
    { code: USER_SERVICE, filename: projectWith("wired-per-request", WIRED_PER_REQUEST, WIRING) },
  ],
  invalid: [
    {
      code: USER_SERVICE,
      filename: projectWith("wired-at-start-up", WIRED_AT_START_UP, WIRING),
      errors: [{ messageId: "perUserCollection", data: { name: "this.resetTimers", line: "5" }, ...at(USER_SERVICE, "resetTimers") }],
    },
    {
      code: USER_SERVICE,
      filename: projectWith("start-up", START_UP),
      errors: [{ messageId: "perUserCollection", data: { name: "this.resetTimers", line: "5" }, ...at(USER_SERVICE, "resetTimers") }],
    },
  ],
});
