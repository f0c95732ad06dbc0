import fs from "node:fs";
import path from "node:path";
import * as ASTUtils from "@typescript-eslint/utils/ast-utils";
import { AST_NODE_TYPES } from "@typescript-eslint/types";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { Linter } from "eslint";
import type * as ts from "typescript";
import { isDevelopmentOnly } from "./development-only.ts";
import { propertyName, resolveImport } from "./imports.ts";
import { lazyTypeScriptParser } from "./lazy-typescript-parser.ts";

/**
 * How a service handles SIGTERM: its `process.on("SIGTERM", …)` registrations (through lists and
 * loops of signal names), shutdown helper packages, NestJS shutdown hooks, and whether its handlers
 * exit before closing anything; also in other files, read from disk or from a TypeScript program.
 */
type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

/** Packages that take over SIGTERM for a server (or that a service only imports to drain it on SIGTERM). */
export const SHUTDOWN_PACKAGES = [
  "@godaddy/terminus",
  "http-terminator",
  "lightship",
  "close-with-grace",
  "stoppable",
  "http-graceful-shutdown",
  "fastify-graceful-shutdown",
  "@gquittet/graceful-server",
  "node-graceful-shutdown",
  "async-exit-hook",
  "exit-hook",
  "death",
];
const SIGNAL_METHODS = new Set(["on", "once", "addListener", "prependListener", "prependOnceListener"]);
const ITERATING_METHODS = new Set(["forEach", "map", "flatMap"]);

/** `process.on("SIGTERM", handler)` and the signals it covers (`unknown` when they cannot be worked out). */
export interface SignalRegistration {
  call: TSESTree.CallExpression;
  signals: ReadonlySet<string> | "unknown";
  /** The function that runs on the signal, or `process.exit` itself when passed directly. */
  handler: FunctionNode | TSESTree.MemberExpression | undefined;
}

export interface ShutdownHandling {
  registrations: SignalRegistration[];
  /** An import of one of SHUTDOWN_PACKAGES, or a NestJS `app.enableShutdownHooks()` call. */
  helper: boolean;
  /** Whether anything in the module handles SIGTERM. */
  handlesSigterm: boolean;
  /** Every module the file imports or requires. */
  imports: string[];
}

/** `process`, the global or imported from `node:process`. */
export function isProcess(context: Context, node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(node), node);
  if (!variable || variable.defs.length === 0) return node.name === "process";
  const reference = resolveImport(context, node);
  return reference?.module === "process" && reference.path.length === 0;
}

/** `process.exit(…)` or `process.exit` as a value. */
export function isProcessExit(context: Context, node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.MemberExpression &&
    !node.computed &&
    node.property.type === AST_NODE_TYPES.Identifier &&
    node.property.name === "exit" &&
    isProcess(context, node.object)
  );
}

function staticStrings(context: Context, node: TSESTree.Node): string[] | undefined {
  // `["SIGINT", "SIGTERM"] as NodeJS.Signals[]`
  while (node.type === AST_NODE_TYPES.TSAsExpression || node.type === AST_NODE_TYPES.TSSatisfiesExpression || node.type === AST_NODE_TYPES.TSNonNullExpression) {
    node = node.expression;
  }
  const evaluated = ASTUtils.getStaticValue(node, context.sourceCode.getScope(node));
  if (!evaluated) return undefined;
  const { value } = evaluated;
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value as string[];
  return undefined;
}

/** The signal names an expression can hold: a literal, a constant, or the element of a list being looped over. */
function signalsOf(context: Context, node: TSESTree.Node): ReadonlySet<string> | "unknown" {
  const direct = staticStrings(context, node);
  if (direct) return new Set(direct);
  if (node.type !== AST_NODE_TYPES.Identifier) return "unknown";
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(node), node);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!definition) return "unknown";
  // `for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, …)`
  if (definition.type === "Variable" && definition.parent.parent?.type === AST_NODE_TYPES.ForOfStatement) {
    const list = staticStrings(context, definition.parent.parent.right);
    return list ? new Set(list) : "unknown";
  }
  // `["SIGINT", "SIGTERM"].forEach((signal) => process.on(signal, …))`
  if (definition.type === "Parameter" && definition.node.params[0] === definition.name) {
    const call = definition.node.parent;
    if (
      call?.type === AST_NODE_TYPES.CallExpression &&
      call.arguments[0] === definition.node &&
      call.callee.type === AST_NODE_TYPES.MemberExpression &&
      call.callee.property.type === AST_NODE_TYPES.Identifier &&
      ITERATING_METHODS.has(call.callee.property.name)
    ) {
      const list = staticStrings(context, call.callee.object);
      return list ? new Set(list) : "unknown";
    }
  }
  return "unknown";
}

function isFunction(node: TSESTree.Node | null | undefined): node is FunctionNode {
  return (
    node?.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node?.type === AST_NODE_TYPES.FunctionExpression ||
    node?.type === AST_NODE_TYPES.FunctionDeclaration
  );
}

/** The function a handler argument refers to: inline, a function declaration, or a `const` holding one. */
export function functionOf(context: Context, node: TSESTree.Node | undefined): FunctionNode | undefined {
  if (!node) return undefined;
  if (isFunction(node)) return node;
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(node), node);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.type === "FunctionName" && isFunction(definition.node)) return definition.node;
  if (definition?.type === "Variable" && isFunction(definition.node.init)) return definition.node.init;
  return undefined;
}

function moduleSpecifier(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.ImportDeclaration) return node.source.value;
  if (node.type === AST_NODE_TYPES.ExportAllDeclaration || node.type === AST_NODE_TYPES.ExportNamedDeclaration) return node.source?.value;
  const source =
    node.type === AST_NODE_TYPES.ImportExpression
      ? node.source
      : node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === "require"
        ? node.arguments[0]
        : undefined;
  return source?.type === AST_NODE_TYPES.Literal && typeof source.value === "string" ? source.value : undefined;
}

function normalizeSpecifier(specifier: string): string {
  return specifier.startsWith("node:") ? specifier.slice("node:".length) : specifier;
}

function isPackage(specifier: string, packageName: string): boolean {
  return specifier === packageName || specifier.startsWith(`${packageName}/`);
}

/** Visits `root` and the nodes below it, except below those `skip` accepts. */
function walk(context: Context, root: TSESTree.Node, visit: (node: TSESTree.Node) => void, skip: (node: TSESTree.Node) => boolean = () => false): void {
  const keys = context.sourceCode.visitorKeys as Record<string, readonly string[] | undefined>;
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node !== root && skip(node)) continue;
    visit(node);
    for (const key of keys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const item of child) if (item && typeof (item as TSESTree.Node).type === "string") stack.push(item as TSESTree.Node);
      } else if (child && typeof (child as TSESTree.Node).type === "string") {
        stack.push(child as TSESTree.Node);
      }
    }
  }
}

/** How the module handles shutdown: its signal handlers, shutdown helpers, and what it imports. */
export function shutdownHandlingOf(context: Context, program: TSESTree.Program): ShutdownHandling {
  const registrations: SignalRegistration[] = [];
  const imports: string[] = [];
  let helper = false;
  let mentionsSigterm = false;
  walk(context, program, (node) => {
    const specifier = moduleSpecifier(node);
    if (specifier !== undefined) {
      imports.push(normalizeSpecifier(specifier));
      if (SHUTDOWN_PACKAGES.some((name) => isPackage(specifier, name))) helper = true;
    }
    if ((node.type === AST_NODE_TYPES.Literal && node.value === "SIGTERM") || (node.type === AST_NODE_TYPES.TemplateElement && node.value.cooked === "SIGTERM")) {
      mentionsSigterm = true;
    }
    if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) return;
    const method = node.callee.property.type === AST_NODE_TYPES.Identifier && !node.callee.computed ? node.callee.property.name : undefined;
    if (method === "enableShutdownHooks") helper = true;
    if (!method || !SIGNAL_METHODS.has(method) || !node.arguments[0] || !isProcess(context, node.callee.object)) return;
    // A handler registered only in development or test runs (`if (env.isIntegrationTest)`) is no production handling.
    if (isDevelopmentOnly(node, context)) return;
    const handlerArgument = node.arguments[1];
    const handler =
      handlerArgument?.type === AST_NODE_TYPES.MemberExpression && isProcessExit(context, handlerArgument) ? handlerArgument : functionOf(context, handlerArgument);
    registrations.push({ call: node, signals: signalsOf(context, node.arguments[0]), handler });
  });
  const handlesSigterm =
    helper ||
    registrations.some((registration) => (registration.signals === "unknown" ? mentionsSigterm : registration.signals.has("SIGTERM")));
  return { registrations, helper, handlesSigterm, imports };
}

/** Calls that neither close nor wait for anything: logging and timers. */
const HARMLESS_METHODS = new Set(["log", "info", "warn", "error", "debug", "trace", "fatal", "verbose", "notice", "silly", "unref"]);
const TIMERS = new Set(["setTimeout", "setInterval", "clearTimeout", "clearInterval", "setImmediate"]);

/** The calls and awaits in a function's own body, not in the functions nested in it. */
function ownCallsAndAwaits(context: Context, fn: FunctionNode): { calls: TSESTree.CallExpression[]; awaits: TSESTree.AwaitExpression[] } {
  const calls: TSESTree.CallExpression[] = [];
  const awaits: TSESTree.AwaitExpression[] = [];
  walk(context, fn.body, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression) calls.push(node);
    if (node.type === AST_NODE_TYPES.AwaitExpression) awaits.push(node);
  }, isFunction);
  return { calls, awaits };
}

/**
 * The function that does a handler's work: the handler itself, or, when all it does is call a
 * function of this file (`() => shutdown("SIGTERM")`), that function. Undefined when it calls one
 * this file does not have.
 */
function delegatedHandler(context: Context, handler: FunctionNode): FunctionNode | undefined {
  const only = handler.body.type === AST_NODE_TYPES.BlockStatement ? (handler.body.body.length === 1 ? handler.body.body[0] : undefined) : handler.body;
  const expression = only?.type === AST_NODE_TYPES.ExpressionStatement ? only.expression : only;
  const delegated = expression?.type === AST_NODE_TYPES.AwaitExpression || expression?.type === AST_NODE_TYPES.UnaryExpression ? expression.argument : expression;
  if (delegated?.type !== AST_NODE_TYPES.CallExpression || isProcessExit(context, delegated.callee)) return handler;
  return functionOf(context, delegated.callee);
}

/**
 * The `process.exit` calls of a signal handler that run before anything is closed: only logging
 * and timers come before them, nothing is awaited. `process.on("SIGTERM", process.exit)` is one.
 * A handler that only delegates (`() => shutdown("SIGTERM")`) is judged by the function it calls,
 * when that function is in this file. Any other call may close something, and counts as cleanup.
 */
export function exitsBeforeCleanup(context: Context, registration: SignalRegistration): TSESTree.Node[] {
  const { handler } = registration;
  if (!handler) return [];
  if (handler.type === AST_NODE_TYPES.MemberExpression) return [handler];
  const fn = delegatedHandler(context, handler);
  if (!fn) return [];
  const { calls, awaits } = ownCallsAndAwaits(context, fn);
  const isHarmless = (call: TSESTree.CallExpression): boolean => {
    if (isProcessExit(context, call.callee)) return true;
    if (call.callee.type === AST_NODE_TYPES.Identifier) return TIMERS.has(call.callee.name);
    if (call.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const method = propertyName(call.callee.property, call.callee.computed);
    return (method !== undefined && HARMLESS_METHODS.has(method)) || (call.callee.object.type === AST_NODE_TYPES.Identifier && call.callee.object.name === "console");
  };
  return calls.filter(
    (exit) =>
      isProcessExit(context, exit.callee) &&
      !awaits.some((node) => node.range[0] < exit.range[0]) &&
      calls.every((call) => call.range[0] >= exit.range[0] || isHarmless(call)),
  );
}

/**
 * Words of what a handler may close that is not the HTTP server: queues and workers, caches,
 * databases and their clients, brokers, telemetry. Closing these and exiting leaves the server's
 * requests in flight to be cut off.
 */
const NON_SERVER_WORDS = new Set([
  "queue", "queues", "worker", "workers", "job", "jobs", "scheduler", "cron", "agenda", "bull", "boss",
  "redis", "cache", "db", "database", "prisma", "pool", "knex", "sequelize", "mongoose", "mongo", "client", "connection", "datasource",
  "kafka", "producer", "consumer", "amqp", "channel", "publisher", "subscriber", "nats", "broker",
  "tracer", "tracing", "telemetry", "otel", "sdk", "sentry", "metrics", "logger", "log",
]);

/** Splits `myQueue`, `redis_client`, `deploymentWorker` into lower-case words. */
function receiverWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/gu, "$1 $2")
    .split(/[^A-Za-z0-9]+/u)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

/** `myQueue.close()`, `this.redis.quit()`, `await prisma.$disconnect()`: a call on something named for a resource that is not a server. */
function closesNonServer(call: TSESTree.CallExpression): string | undefined {
  const callee = call.callee.type === AST_NODE_TYPES.ChainExpression ? call.callee.expression : call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const owner = callee.object.type === AST_NODE_TYPES.MemberExpression ? callee.object.property : callee.object;
  const name = owner.type === AST_NODE_TYPES.Identifier ? owner.name : undefined;
  if (name === undefined) return undefined;
  const words = receiverWords(name).filter((word) => word !== "my" && word !== "main" && word !== "default" && word !== "the");
  return words.length > 0 && words.some((word) => NON_SERVER_WORDS.has(word)) && !words.some((word) => /^(?:server|app|http|https|fastify|express|koa|terminator|listener)$/u.test(word))
    ? name
    : undefined;
}

/**
 * The `process.exit` calls of a SIGTERM handler that end the process when all it did before was
 * close things that are not the HTTP server: `myQueue.close(); process.exit(0);`. Requests the
 * server is answering are cut off all the same. A handler that calls anything else (a function of
 * its own, a callback list, a server's `close`) is not judged: it may close the server there.
 * Returns the exits and what was closed before them.
 */
export function exitsWithoutClosingServer(context: Context, registration: SignalRegistration): { exit: TSESTree.CallExpression; closed: string }[] {
  const handler = registration.handler && registration.handler.type !== AST_NODE_TYPES.MemberExpression ? delegatedHandler(context, registration.handler) : undefined;
  if (!handler) return [];
  const { calls } = ownCallsAndAwaits(context, handler);
  const found: { exit: TSESTree.CallExpression; closed: string }[] = [];
  for (const exit of calls) {
    if (!isProcessExit(context, exit.callee)) continue;
    const before = calls.filter((call) => call.range[0] < exit.range[0] && !isProcessExit(context, call.callee)).sort((a, b) => a.range[0] - b.range[0]);
    const work = before.filter((call) => !isLoggingOrTimer(call));
    const closed = work.map(closesNonServer).filter((name): name is string => name !== undefined);
    const judged = work.every((call) => closesNonServer(call) !== undefined || isInnerCall(call, work));
    if (closed.length > 0 && judged) found.push({ exit, closed: closed[0]! });
  }
  return found;
}

/** `console.log(…)`, `logger.info(…)`, `setTimeout(…)`: neither closes nor waits for anything. */
function isLoggingOrTimer(call: TSESTree.CallExpression): boolean {
  if (call.callee.type === AST_NODE_TYPES.Identifier) return TIMERS.has(call.callee.name);
  if (call.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = propertyName(call.callee.property, call.callee.computed);
  return (method !== undefined && HARMLESS_METHODS.has(method)) || (call.callee.object.type === AST_NODE_TYPES.Identifier && call.callee.object.name === "console");
}

/** A call nested in the arguments of another call of the list (`Promise.all([queue.close(), redis.quit()])`'s own `Promise.all`). */
function isInnerCall(call: TSESTree.CallExpression, calls: readonly TSESTree.CallExpression[]): boolean {
  const callee = call.callee;
  const isPromiseCombinator =
    callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === "Promise" && ["all", "allSettled"].includes(propertyName(callee.property, callee.computed) ?? "");
  return isPromiseCombinator && calls.some((other) => other !== call && other.range[0] >= call.range[0] && other.range[1] <= call.range[1]);
}

/** A collection of open connections, by its name: `sockets`, `connections`, `openConns`. */
const CONNECTION_COLLECTION = /socket|connection|conn(?:s|ections)?$/iu;
/** Nodes under which a call may not run: a condition may spare the connections still serving a request. */
const CONDITIONS: ReadonlySet<string> = new Set([AST_NODE_TYPES.IfStatement, AST_NODE_TYPES.ConditionalExpression, AST_NODE_TYPES.LogicalExpression, AST_NODE_TYPES.SwitchStatement]);

/** The loop or iterating call whose element `node` stands for, with nothing but `try` between them; undefined when `node` is no element of one. */
function iteratedCollection(node: TSESTree.Node, fn: FunctionNode): TSESTree.Node | undefined {
  for (let current = node.parent; current && current !== fn; current = current.parent) {
    if (CONDITIONS.has(current.type)) return undefined;
    switch (current.type) {
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
        return current.right;
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression: {
        const call = current.parent;
        return isForEachCallback(current) && call?.type === AST_NODE_TYPES.CallExpression && call.callee.type === AST_NODE_TYPES.MemberExpression ? call.callee.object : undefined;
      }
      // A function declared here runs when called, not as part of the loop.
      case AST_NODE_TYPES.FunctionDeclaration:
        return undefined;
      default:
        break;
    }
  }
  return undefined;
}

/**
 * The calls of a SIGTERM handler that cut every open connection at once, requests in flight
 * included: `server.closeAllConnections()`, or `destroy()` on each socket of a collection the
 * service keeps (`for (const id in sockets) sockets[id].destroy()`), with no condition around it
 * and not from a timer; or the handler's call of a function of this file that does (two levels deep).
 */
export function connectionsCutAtOnce(context: Context, registration: SignalRegistration): TSESTree.CallExpression[] {
  const { handler } = registration;
  if (!handler || handler.type === AST_NODE_TYPES.MemberExpression) return [];
  const visiting = new Set<FunctionNode>();
  const cutsIn = (fn: FunctionNode, depth: number): TSESTree.CallExpression[] => {
    if (visiting.has(fn)) return [];
    visiting.add(fn);
    const cuts: TSESTree.CallExpression[] = [];
    walk(
      context,
      fn.body,
      (node) => {
        if (node.type !== AST_NODE_TYPES.CallExpression) return;
        const { callee } = node;
        if (callee.type === AST_NODE_TYPES.MemberExpression) {
          const method = propertyName(callee.property, callee.computed);
          if (method === "closeAllConnections" && !isConditional(node, fn)) cuts.push(node);
          if (method === "destroy" && node.arguments.length === 0) {
            const collection = iteratedCollection(node, fn);
            if (collection && isConnectionCollection(context, collection)) cuts.push(node);
          }
          return;
        }
        const called = depth < 2 ? functionOf(context, callee) : undefined;
        if (called && cutsIn(called, depth + 1).length > 0 && !isConditional(node, fn)) cuts.push(node);
      },
      // Nested functions run later (timers, callbacks), except a forEach callback over the collection.
      (node) => isFunction(node) && !isForEachCallback(node),
    );
    visiting.delete(fn);
    return cuts;
  };
  return cutsIn(handler, 0);
}

/**
 * A collection of the server's open connections: named for them (`sockets`, `this.connections`),
 * or a variable filled by a `connection` event listener (`server.on("connection", (s) => open.add(s))`).
 */
function isConnectionCollection(context: Context, collection: TSESTree.Node): boolean {
  const name = collection.type === AST_NODE_TYPES.Identifier ? collection.name : collection.type === AST_NODE_TYPES.MemberExpression ? propertyName(collection.property, collection.computed) : undefined;
  if (name !== undefined && CONNECTION_COLLECTION.test(name)) return true;
  if (collection.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(collection), collection);
  return (variable?.references ?? []).some((reference) => {
    for (let current: TSESTree.Node | undefined = reference.identifier.parent; current; current = current.parent) {
      if (!isFunction(current)) continue;
      const call = current.parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(call.callee.property, call.callee.computed) !== "on") return false;
      const event = call.arguments[0];
      return event?.type === AST_NODE_TYPES.Literal && (event.value === "connection" || event.value === "secureConnection");
    }
    return false;
  });
}

function isForEachCallback(node: TSESTree.Node): boolean {
  const call = node.parent;
  return call?.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === node && call.callee.type === AST_NODE_TYPES.MemberExpression && propertyName(call.callee.property, call.callee.computed) === "forEach";
}

/** Whether a condition (or a callback, run later) stands between `node` and the function it is in. */
function isConditional(node: TSESTree.Node, fn: FunctionNode): boolean {
  for (let current = node.parent; current && current !== fn; current = current.parent) {
    if (CONDITIONS.has(current.type) || isFunction(current)) return true;
  }
  return false;
}

/** What a file's SIGTERM handling is: whether it handles the signal, and, when every handler only closes other things and exits, what one closes. */
interface FileSigtermHandling {
  handles: boolean;
  undrained?: string;
}

/** How source text handles SIGTERM; the text is parsed on its own, outside the current lint run. */
function textSigtermHandling(text: string, fileName: string): FileSigtermHandling {
  let result: FileSigtermHandling = { handles: false };
  const probe = {
    meta: { type: "problem" as const, schema: [] },
    create(context: Context) {
      return {
        "Program:exit"(node: TSESTree.Program) {
          const handling = shutdownHandlingOf(context, node);
          result = { handles: handling.handlesSigterm };
          if (!handling.handlesSigterm || handling.helper) return;
          const sigterm = handling.registrations.filter((registration) => registration.signals !== "unknown" && registration.signals.has("SIGTERM"));
          const undrained = sigterm.map((registration) => exitsWithoutClosingServer(context, registration)[0]);
          if (sigterm.length > 0 && undrained.every((found) => found !== undefined)) result.undrained = undrained[0]!.closed;
        },
      };
    },
  };
  const extension = /\.[cm]?[jt]sx?$/u.exec(fileName)?.[0] ?? ".ts";
  const linter = new Linter({ configType: "flat" });
  linter.verify(
    text,
    [
      {
        files: ["**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}"],
        languageOptions: { parser: lazyTypeScriptParser, parserOptions: { ecmaFeatures: { jsx: true } } },
        plugins: { shipshape: { rules: { probe: probe as never } } },
        rules: { "shipshape/probe": "error" },
      },
    ],
    `shutdown-probe${extension}`,
  );
  return result;
}

// Package names hold only letters, digits, `@`, `/` and `-`: nothing to escape in a pattern.
const PREFILTER = new RegExp(["SIGTERM", "enableShutdownHooks", ...SHUTDOWN_PACKAGES].join("|"), "u");
const analyzed = new Map<string, { text: string; handling: FileSigtermHandling }>();

/** How a file's text handles SIGTERM, remembered for as long as the text stays the same. */
function fileTextSigtermHandling(fileName: string, text: string): FileSigtermHandling {
  if (!PREFILTER.test(text)) return { handles: false };
  const known = analyzed.get(fileName);
  if (known?.text === text) return known.handling;
  const handling = textSigtermHandling(text, fileName);
  analyzed.set(fileName, { text, handling });
  return handling;
}

/** Whether a file's text handles SIGTERM. */
function fileTextHandlesSigterm(fileName: string, text: string): boolean {
  return fileTextSigtermHandling(fileName, text).handles;
}

function readText(filePath: string): string | undefined {
  try {
    return fs.readFileSync(filePath, "utf8");
  } catch {
    return undefined;
  }
}

/** Whether the file at `filePath` exists and handles SIGTERM. */
export function fileHandlesSigterm(filePath: string): boolean {
  const text = readText(filePath);
  return text !== undefined && fileTextHandlesSigterm(path.resolve(filePath), text);
}

const SOURCE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];
/** `./lifecycle.js` written in TypeScript's ESM style names `./lifecycle.ts`. */
const COMPILED_TO_SOURCE: Record<string, string[]> = { ".js": [".ts", ".tsx"], ".mjs": [".mts"], ".cjs": [".cts"], ".jsx": [".tsx"] };

function isFile(filePath: string): boolean {
  try {
    return fs.statSync(filePath).isFile();
  } catch {
    return false;
  }
}

/** The file a relative import resolves to, the way Node.js, bundlers and TypeScript look for it. */
export function resolveRelativeImport(fromFile: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(fromFile), specifier);
  const extension = path.extname(base);
  const candidates = [
    base,
    ...(COMPILED_TO_SOURCE[extension] ?? []).map((source) => base.slice(0, -extension.length) + source),
    ...SOURCE_EXTENSIONS.map((source) => base + source),
    ...SOURCE_EXTENSIONS.map((source) => path.join(base, `index${source}`)),
  ];
  return candidates.find(isFile);
}

// Spaces before an `import` at the start of a line stay on that line: `^\s*` from every line of a run
// of blank lines would scan the whole run each time.
const RELATIVE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^[^\S\n\r\u2028\u2029]*import\s*)["'](\.{1,2}\/[^"'\n]+)["']/gmu;

/** `import … from "./x"`, `require("../y")`: the relative specifiers a module's text imports. */
function relativeSpecifiers(text: string): string[] {
  return [...text.matchAll(RELATIVE_IMPORT)].map((match) => match[1]!);
}

/**
 * Visits the modules imported with a relative path, and those they import in turn, up to `depth`
 * levels, each once, read from disk (none under node_modules), until `visit` returns true.
 */
function someImportedFile(fromFile: string, specifiers: readonly string[], visit: (file: string, text: string) => boolean, depth = 2, seen = new Set<string>()): boolean {
  for (const specifier of specifiers) {
    if (!specifier.startsWith("./") && !specifier.startsWith("../")) continue;
    const file = resolveRelativeImport(fromFile, specifier);
    if (!file || seen.has(file) || file.includes(`${path.sep}node_modules${path.sep}`)) continue;
    seen.add(file);
    const text = readText(file);
    if (text === undefined) continue;
    if (visit(file, text)) return true;
    if (depth > 1 && someImportedFile(file, relativeSpecifiers(text), visit, depth - 1, seen)) return true;
  }
  return false;
}

/**
 * When the modules imported with a relative path (and those they import, up to two levels) handle
 * SIGTERM only with handlers that close other things and exit (Dokploy's server imports its
 * queue module, whose handler closes the queue and calls `process.exit(0)`): the first such module
 * and what it closes. Undefined when none handles SIGTERM or one handles it some other way.
 */
export function undrainedSigtermHandling(fromFile: string, specifiers: readonly string[]): { file: string; closed: string } | undefined {
  const handling: { file: string; handling: FileSigtermHandling }[] = [];
  someImportedFile(fromFile, specifiers, (file, text) => {
    const found = fileTextSigtermHandling(file, text);
    if (found.handles) handling.push({ file, handling: found });
    return false;
  });
  if (handling.length === 0 || !handling.every(({ handling: found }) => found.undrained !== undefined)) return undefined;
  return { file: path.relative(path.dirname(fromFile), handling[0]!.file).replaceAll("\\", "/"), closed: handling[0]!.handling.undrained! };
}

/**
 * Whether a file handles SIGTERM itself or through the modules it imports with a relative path
 * (two levels, as for the linted file): an entry point that imports the module starting the server.
 */
export function fileOrItsImportsHandleSigterm(file: string): boolean {
  const text = readText(file);
  if (text === undefined) return false;
  return fileTextHandlesSigterm(path.resolve(file), text) || relativeImportsHandleSigterm(file, relativeSpecifiers(text));
}

/**
 * Whether a module imported with a relative path (or one it imports in turn, up to two levels)
 * handles SIGTERM: `main.ts` that calls `listen` and imports `./shutdown`. Reads the files from disk.
 */
export function relativeImportsHandleSigterm(fromFile: string, specifiers: readonly string[]): boolean {
  return someImportedFile(fromFile, specifiers, (file, text) => fileTextHandlesSigterm(file, text));
}

const TEST_PATH = /(?:^|\/)(?:__tests__|tests?)\/|\.(?:test|spec)\.[cm]?[jt]sx?$/u;
const byProgram = new WeakMap<ts.Program, string[]>();

/**
 * With type information: the program's own source files (not declarations, dependencies or tests)
 * that handle SIGTERM. Real services often register signal handlers in another module than the
 * one that calls `listen`.
 */
export function programFilesHandlingSigterm(program: ts.Program): string[] {
  const known = byProgram.get(program);
  if (known) return known;
  const found: string[] = [];
  for (const sourceFile of program.getSourceFiles()) {
    const fileName = sourceFile.fileName.replaceAll("\\", "/");
    if (sourceFile.isDeclarationFile || fileName.includes("/node_modules/") || TEST_PATH.test(fileName)) continue;
    if (fileTextHandlesSigterm(fileName, sourceFile.text)) found.push(fileName);
  }
  byProgram.set(program, found);
  return found;
}
