import { AST_NODE_TYPES } from "@typescript-eslint/types";
import type { TSESTree } from "@typescript-eslint/utils";
import { isDevelopmentOnly } from "./development-only.ts";
import { descendants } from "../../sql-lint/embedded/migration-code.ts";
import { calleeName, childNodes, functionName, isExportsTarget, isFunctionNode, memberName, moduleFunction, staticString, unwrapExpression } from "./expressions.ts";
import { nameWords } from "./name-words.ts";
import { isServiceOwnCode } from "./service-package.ts";
import { filesCalling, importersOf, parsedModule, projectGeneration, relativeModuleFile, searchRootOf, sourceText, specifierTail } from "./project-modules.ts";

/**
 * Whether code runs once per process (start-up, an upgrade step, shutdown) rather than once per
 * request, message or job: worked out from who calls it, across the files of its project.
 *
 * Code runs once when it is at a module's top level; in a callback that runs once each time its
 * enclosing function does (an IIFE, a promise's executor or `then`, an `exit` listener, an array
 * iteration); or in a function that guards itself to run once (`if (this.started) return;
 * this.started = true`), that is a once-only lifecycle hook, or whose every caller, in its own
 * file and in the files that import it, runs once. A function whose name says it starts the
 * process (`initDatabase`, `bootstrap`) and that nothing in the project calls is taken to be
 * called once by its framework. Anything else (a function passed as a value, an event handler,
 * a decorated route, a call chain deeper than the search goes) runs per event, as far as this
 * analysis can tell.
 */

type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

/** First words of functions that run once, while the process starts or upgrades: `initAfterDatabaseReady`, `bootstrap`, `migrateNewStatusPage`. */
const STARTUP_VERBS = new Set(["init", "initialize", "initialise", "bootstrap", "boot", "startup", "migrate", "configure"]);
/** Entry functions, called once where they are called at all. */
const ENTRY_NAMES = /^(?:start|main|run)$/iu;
/** Lifecycle hooks frameworks call once per process (NestJS). */
const ONCE_HOOKS = new Set(["onModuleInit", "onApplicationBootstrap", "onModuleDestroy", "beforeApplicationShutdown", "onApplicationShutdown"]);
/** Callbacks that run once (or once per element of a list) each time the code around them runs. */
const ONCE_PER_CALL_METHODS = new Set(["then", "catch", "finally", "once", "forEach", "map", "flatMap", "filter", "reduce", "some", "every", "find", "findIndex", "sort"]);
const ONCE_PER_CALL_FUNCTIONS = new Set(["setTimeout", "setImmediate", "queueMicrotask", "nextTick"]);
/** Signals that stop the process: their handler runs once, on the way out. */
const SHUTDOWN_SIGNALS = ["SIGTERM", "SIGINT", "SIGQUIT"];
/** Options of shutdown libraries (http-graceful-shutdown, @godaddy/terminus, lightship) naming a function they call once, at shutdown. */
const SHUTDOWN_HOOKS = new Set(["onShutdown", "beforeShutdown", "onSignal", "onSigterm", "finally", "preShutdown"]);
/** Events an emitter fires once in its life: a child process's `exit`, a stream's `end`. */
const ONCE_EVENTS = new Set(["exit", "close", "finish", "end", "ready", "listening", "spawn", ...SHUTDOWN_SIGNALS]);
/** How many calls deep the search follows callers. */
const MAX_DEPTH = 6;
/** A method called from more files than this is not start-up code; searching them all would cost more than it tells. */
const MAX_CALLER_FILES = 25;

export const isStartupName = (name: string): boolean => STARTUP_VERBS.has(nameWords(name)[0] ?? "");

/** Decorators that make a class a NestJS provider (or controller, gateway, module): built once, when the application starts. */
const SINGLETON_DECORATORS = new Set(["Injectable", "Controller", "Resolver", "WebSocketGateway", "Module", "Catch"]);

/**
 * The constructor of a NestJS provider in its default scope: the framework builds one instance
 * when the application starts, so the constructor runs once. A provider scoped to the request
 * or transient (`@Injectable({ scope: Scope.REQUEST })`) is built again and again.
 */
function isSingletonProviderConstructor(fn: FunctionNode): boolean {
  if (!isConstructor(fn)) return false;
  const owner = fn.parent?.parent?.parent;
  if (owner?.type !== AST_NODE_TYPES.ClassDeclaration && owner?.type !== AST_NODE_TYPES.ClassExpression) return false;
  return owner.decorators.some((decorator) => {
    const expression = decorator.expression;
    if (expression.type !== AST_NODE_TYPES.CallExpression || expression.callee.type !== AST_NODE_TYPES.Identifier || !SINGLETON_DECORATORS.has(expression.callee.name)) return false;
    return !expression.arguments.some(
      (argument) =>
        argument.type === AST_NODE_TYPES.ObjectExpression &&
        argument.properties.some((property) => property.type !== AST_NODE_TYPES.Property || (property.key.type === AST_NODE_TYPES.Identifier && property.key.name === "scope")),
    );
  });
}

/** The constructor of a class: run by `new` of the class, so its callers are those. */
function isConstructor(fn: FunctionNode): boolean {
  return fn.parent?.type === AST_NODE_TYPES.MethodDefinition && fn.parent.kind === "constructor";
}

/** The nearest enclosing function; `null` inside a class field's initialiser (which runs per instance); undefined at the top level. */
function enclosingFunction(node: TSESTree.Node): FunctionNode | null | undefined {
  // A decorator runs when its class is defined, not per instance: its field's initialiser does not count.
  let decorated = node.type === AST_NODE_TYPES.Decorator;
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current;
    if (current.type === AST_NODE_TYPES.Decorator) decorated = true;
    if (current.type === AST_NODE_TYPES.PropertyDefinition && !current.static && !decorated) return null;
  }
  return undefined;
}

function isOncePerCallCallback(fn: FunctionNode): boolean {
  if (shutdownRegistration(fn)) return true;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === fn) return true;
  if (parent?.type === AST_NODE_TYPES.NewExpression) {
    return parent.arguments[0] === fn && parent.callee.type === AST_NODE_TYPES.Identifier && parent.callee.name === "Promise";
  }
  if (parent?.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
  const name = calleeName(parent);
  if (name === undefined) return false;
  if (ONCE_PER_CALL_FUNCTIONS.has(name)) return true;
  if (parent.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  // `server.listen(port, () => …)`: runs once the server listens.
  if (name === "listen") return true;
  if (ONCE_PER_CALL_METHODS.has(name)) return true;
  return (name === "on" || name === "addListener") && ONCE_EVENTS.has(staticString(parent.arguments[0]) ?? "");
}

/**
 * The call that registers `value` to run once at shutdown: `process.on("SIGTERM", value)`,
 * `gracefulShutdown(server, { onShutdown: value })`, `createTerminus(server, { onSignal: value })`.
 */
function shutdownRegistration(value: TSESTree.Node): TSESTree.CallExpression | undefined {
  const parent = value.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[1] === value && parent.callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = memberName(parent.callee);
    const isListener = method === "on" || method === "once" || method === "addListener";
    return isListener && SHUTDOWN_SIGNALS.includes(staticString(parent.arguments[0]) ?? "") ? parent : undefined;
  }
  if (parent?.type !== AST_NODE_TYPES.Property || parent.value !== value || parent.computed || parent.key.type !== AST_NODE_TYPES.Identifier || !SHUTDOWN_HOOKS.has(parent.key.name)) return undefined;
  const call = parent.parent?.parent;
  return call?.type === AST_NODE_TYPES.CallExpression && call.arguments.includes(parent.parent as TSESTree.ObjectExpression) ? call : undefined;
}

/** Calls that register the function for shutdown (see shutdownRegistration): it runs once, whatever they call. */
const registrations = new WeakSet<TSESTree.Node>();
/** The same for a method of the class registered by `this.shutdown`. */
const methodRegistrations = new WeakSet<TSESTree.Node>();

/** `this.started`, `Database.patched`, `started`: a flag's path, or undefined for anything else. */
function flagPath(node: TSESTree.Node): string | undefined {
  const inner = unwrapExpression(node);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name;
  if (inner.type === AST_NODE_TYPES.ThisExpression) return "this";
  if (inner.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const base = flagPath(inner.object);
  const name = memberName(inner);
  return base === undefined || name === undefined ? undefined : `${base}.${name}`;
}

function isFalsy(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Literal) return !node.value;
  return node.type === AST_NODE_TYPES.Identifier && node.name === "undefined";
}

/**
 * `if (this.shuttingDown) return; this.shuttingDown = true;` (or `if (this.ready) return this.ready;
 * this.ready = load()`): a function that returns early once a flag is set, and sets it itself.
 */
function hasOnceGuard(fn: FunctionNode): boolean {
  const flag = guardFlag(fn);
  return flag !== undefined && (fn.body as TSESTree.BlockStatement).body.some((statement) => setsFlagHere(statement, flag));
}

/**
 * The flag of an early `if (flag) return …;` among a function's first statements; other early
 * returns may come first (`if (!this.isEnabled()) return; if (this.isShuttingDown) return;`).
 */
function guardFlag(fn: FunctionNode): string | undefined {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return undefined;
  for (const statement of fn.body.body.slice(0, 3)) {
    if (statement.type !== AST_NODE_TYPES.IfStatement || statement.alternate) continue;
    const exit = statement.consequent.type === AST_NODE_TYPES.BlockStatement && statement.consequent.body.length === 1 ? statement.consequent.body[0] : statement.consequent;
    const flag = exit?.type === AST_NODE_TYPES.ReturnStatement ? flagPath(statement.test) : undefined;
    if (flag !== undefined) return flag;
  }
  return undefined;
}

/** `flag = value;` (not a falsy value): the statement sets the flag. */
function setsFlagHere(statement: TSESTree.Node, flag: string): boolean {
  const expression = statement.type === AST_NODE_TYPES.ExpressionStatement ? statement.expression : undefined;
  return expression?.type === AST_NODE_TYPES.AssignmentExpression && expression.operator === "=" && flagPath(expression.left) === flag && !isFalsy(expression.right);
}

/**
 * `if (this.cached) return this.cached; for (…) if (…) { this.cached = x; log(…); }`: code of a
 * guarded function that comes after the flag is set, in the same block or one enclosing it, runs
 * once, however deep the assignment sits; what comes before it runs again while the flag is unset.
 */
function runsAfterSettingGuard(fn: FunctionNode, node: TSESTree.Node): boolean {
  const flag = guardFlag(fn);
  if (flag === undefined) return false;
  for (let child: TSESTree.Node = node; child !== fn && child.parent; child = child.parent) {
    const block = child.parent;
    if (block.type !== AST_NODE_TYPES.BlockStatement) continue;
    const index = block.body.indexOf(child as TSESTree.Statement);
    if (block.body.slice(0, index).some((statement) => setsFlagHere(statement, flag))) return true;
  }
  return false;
}

/**
 * `if (!initPromise) { initPromise = (async () => { await queueInit(); })(); }`: a block entered
 * while a flag of the module is unset, which sets it, runs on the first call only, however often
 * the function is called (a middleware that awaits `init()` on every request).
 */
function runsInFirstCallBlock(fn: FunctionNode, node: TSESTree.Node): boolean {
  for (let child: TSESTree.Node = node; child !== fn && child.parent; child = child.parent) {
    const statement = child.parent;
    if (statement.type !== AST_NODE_TYPES.IfStatement || statement.consequent !== child) continue;
    const unset = negated(statement.test) ?? unsetComparison(statement.test);
    const flag = unset && flagPath(unset);
    if (flag === undefined || !isLongLivedFlag(unset!, flag)) continue;
    const body = statement.consequent.type === AST_NODE_TYPES.BlockStatement ? statement.consequent.body : [statement.consequent];
    if (body.some((entry) => setsFlagHere(entry, flag))) return true;
  }
  return false;
}

/** `x` for `x === undefined`, `x == null`, `undefined === x`: the flag a test finds unset. */
function unsetComparison(test: TSESTree.Node): TSESTree.Node | undefined {
  const inner = unwrapExpression(test);
  if (inner.type !== AST_NODE_TYPES.BinaryExpression || !["===", "=="].includes(inner.operator)) return undefined;
  return isFalsy(inner.right) ? inner.left : isFalsy(inner.left) ? inner.right : undefined;
}

/**
 * `server = app.listen(config.port, …)` in the function itself, or in a callback of it that runs
 * once per call (a promise's executor): a server listens on its port once, so the function that
 * starts it runs once per process, whoever calls it. So does a function that calls such a
 * function of its module: it builds the application the server serves (an embedding
 * application's `create()`, which calls `createApp(config, false)`).
 */
function startsServer(fn: FunctionNode, program: TSESTree.Program, seen = new Set<FunctionNode>()): boolean {
  seen.add(fn);
  const stack: TSESTree.Node[] = [fn.body];
  const called: FunctionNode[] = [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isFunctionNode(node) && !isOncePerCallCallback(node)) continue;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      if (node.arguments.length > 0 && node.callee.type === AST_NODE_TYPES.MemberExpression && memberName(node.callee) === "listen") return true;
      const local = node.callee.type === AST_NODE_TYPES.Identifier ? moduleFunction(program, node.callee.name) : undefined;
      if (local && !seen.has(local)) called.push(local);
    }
    stack.push(...childNodes(node));
  }
  return called.some((local) => startsServer(local, program, seen));
}

/** Parameters that hold a request, a connection or a job: a function that takes one runs for each. */
const REQUEST_PARAMETER = /^(?:req|res|request|response|reply|ctx|socket|job)$/u;

/** `(req, res) => …`, `handle(ctx)`, `process(job)`: a function given a request runs once per request, whoever calls it. */
function takesRequest(fn: FunctionNode): boolean {
  return fn.params.some((param) => {
    const inner = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
    return inner.type === AST_NODE_TYPES.Identifier && REQUEST_PARAMETER.test(inner.name);
  });
}

function isDecorated(fn: FunctionNode): boolean {
  const parent = fn.parent;
  return (parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition) && (parent.decorators?.length ?? 0) > 0;
}

const IDENTIFIER_CHAR = /[\w$]/u;

/** The names of the objects a text calls the method `name` on: `monitor` for `monitor.check(`, `b` for `a.b?.check (`. */
function methodReceivers(text: string, name: string): string[] {
  const receivers: string[] = [];
  for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + name.length)) {
    let after = at + name.length;
    if (IDENTIFIER_CHAR.test(text[after] ?? "")) continue;
    while (text[after] === " ") after++;
    if (text[after] !== "(") continue;
    let before = at - 1;
    while (text[before] === " ") before--;
    if (text[before] !== ".") continue;
    before--;
    if (text[before] === "?") before--;
    let start = before + 1;
    while (start > 0 && IDENTIFIER_CHAR.test(text[start - 1]!)) start--;
    if (start <= before) receivers.push(text.slice(start, before + 1));
  }
  return receivers;
}

/** Whether a variable's name suggests an instance of the class: `monitor` for Monitor, `mariaDb` for EmbeddedMariaDB. */
function isNamedLike(variable: string, className: string): boolean {
  const words = nameWords(className);
  const last = words[words.length - 1] ?? "";
  const lower = variable.toLowerCase();
  return (last.length >= 3 && lower.includes(last.toLowerCase())) || (lower.length >= 3 && className.toLowerCase().includes(lower));
}

function classNameOf(fn: FunctionNode): string | undefined {
  const owner = fn.parent?.parent?.parent;
  return (owner?.type === AST_NODE_TYPES.ClassDeclaration || owner?.type === AST_NODE_TYPES.ClassExpression) && owner.id ? owner.id.name : undefined;
}

/** `export function f`, `export const f = …`, `export { f }`, `module.exports = { f }`, `exports.f = f`: other modules can import it. */
function isExportedFunction(fn: FunctionNode, name: string, program: TSESTree.Program): boolean {
  const declaration = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn : fn.parent?.type === AST_NODE_TYPES.VariableDeclarator ? fn.parent.parent : fn.parent;
  if (declaration?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration || declaration?.parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return true;
  // A method of an object literal (`module.exports = { start() {} }`) or anything else: exported when its name is.
  return identifiersNamed(program, name).some((identifier) => identifier.type === AST_NODE_TYPES.Identifier && !isTypePosition(identifier) && useOf(identifier) === "export") || fn.parent?.type === AST_NODE_TYPES.Property;
}

/** Whether the class of a static method is exported: declared with `export`, or its name exported (`module.exports = Database`). */
function isExportedClass(fn: FunctionNode, program: TSESTree.Program): boolean {
  const owner = fn.parent?.parent?.parent;
  if (owner?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration || owner?.parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return true;
  const className = classNameOf(fn);
  return className === undefined || identifiersNamed(program, className).some((identifier) => identifier.type === AST_NODE_TYPES.Identifier && useOf(identifier) === "export");
}

/** `module.exports`, `exports`, `module.exports.x`: where a CommonJS module puts what it exports. */
type Use = "call" | "decorator" | "declaration" | "export" | "member" | "other";
/**
 * Where a function is called: a call, a decorator (`@Encrypted`), which calls it when its class
 * is defined, or a `new` of a class, which calls its constructor.
 */
type CallSite = TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.Decorator;

/** What an identifier named like the function does with it: calls it, declares or exports it, or passes it on. */
function useOf(identifier: TSESTree.Identifier): Use {
  const parent = identifier.parent;
  if (!parent) return "other";
  switch (parent.type) {
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return parent.callee === identifier ? "call" : "other";
    case AST_NODE_TYPES.MemberExpression: {
      // `Database.patch()`, `connect.bind(…)`: a class's static member, or the function handed on.
      if (parent.object === identifier && !parent.computed) return "member";
      // `obj[connect]`: a value of that name.
      if (parent.property !== identifier || parent.computed) return "other";
      const outer = parent.parent;
      if (outer?.type === AST_NODE_TYPES.CallExpression && outer.callee === parent) return "call";
      if (outer?.type === AST_NODE_TYPES.ChainExpression && outer.parent?.type === AST_NODE_TYPES.CallExpression && outer.parent.callee === outer) return "call";
      if (outer?.type === AST_NODE_TYPES.AssignmentExpression && outer.left === parent && isExportsTarget(parent)) return "export";
      return "other";
    }
    case AST_NODE_TYPES.FunctionDeclaration:
    case AST_NODE_TYPES.FunctionExpression:
    case AST_NODE_TYPES.ClassDeclaration:
    case AST_NODE_TYPES.ClassExpression:
      return parent.id === identifier ? "declaration" : "other";
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.id === identifier ? "declaration" : "other";
    case AST_NODE_TYPES.MethodDefinition:
    case AST_NODE_TYPES.PropertyDefinition:
      return parent.key === identifier ? "declaration" : "other";
    case AST_NODE_TYPES.Property:
      if (parent.key === identifier && !parent.shorthand) return "declaration";
      // `const { connect } = require("./db")`: a binding of the imported function.
      if (parent.parent?.type === AST_NODE_TYPES.ObjectPattern) return "declaration";
      return parent.parent?.type === AST_NODE_TYPES.ObjectExpression && isExported(parent.parent) ? "export" : "other";
    case AST_NODE_TYPES.Decorator:
      return parent.expression === identifier ? "decorator" : "other";
    case AST_NODE_TYPES.ExportSpecifier:
    case AST_NODE_TYPES.ExportDefaultDeclaration:
    case AST_NODE_TYPES.ImportSpecifier:
    case AST_NODE_TYPES.ImportDefaultSpecifier:
    case AST_NODE_TYPES.ImportNamespaceSpecifier:
      return "export";
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right === identifier && isExportsTarget(parent.left) ? "export" : "other";
    default:
      return "other";
  }
}

/** `module.exports = { a, b }`, `export default { a }`. */
function isExported(object: TSESTree.ObjectExpression): boolean {
  const parent = object.parent;
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression) return parent.right === object && isExportsTarget(parent.left);
  return parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration;
}

/** Per module: its identifiers by name, found in one walk when first asked. */
const identifiersByModule = new WeakMap<TSESTree.Program, Map<string, (TSESTree.Identifier | TSESTree.PrivateIdentifier)[]>>();

function identifiersNamed(program: TSESTree.Program, name: string): (TSESTree.Identifier | TSESTree.PrivateIdentifier)[] {
  let identifiers = identifiersByModule.get(program);
  if (!identifiers) {
    identifiers = new Map();
    for (const node of descendants(program)) {
      if (node.type !== AST_NODE_TYPES.Identifier && node.type !== AST_NODE_TYPES.PrivateIdentifier) continue;
      const list = identifiers.get(node.name);
      if (list) list.push(node);
      else identifiers.set(node.name, [node]);
    }
    identifiersByModule.set(program, identifiers);
  }
  return identifiers.get(name) ?? [];
}

/**
 * The calls of `name` in a module, outside `except`; undefined when the name is also used as a
 * value (passed, stored, bound). For a class's constructor (`ofClass`), the `new`s of the class;
 * its static members (`Database.patch()`) are not uses of the constructor.
 */
function callsIn(program: TSESTree.Program, name: string, except?: FunctionNode, ofClass = false, target?: Target): CallSite[] | undefined {
  const calls: CallSite[] = [];
  for (const node of identifiersNamed(program, name)) {
    if (except && node.range[0] >= except.range[0] && node.range[1] <= except.range[1]) continue;
    if (node.type === AST_NODE_TYPES.PrivateIdentifier) {
      const member = node.parent;
      if (member?.type === AST_NODE_TYPES.MemberExpression && member.parent?.type === AST_NODE_TYPES.CallExpression && member.parent.callee === member) calls.push(member.parent);
      else if (member?.type !== AST_NODE_TYPES.MethodDefinition && member?.type !== AST_NODE_TYPES.PropertyDefinition) return undefined;
      continue;
    }
    if (isTypePosition(node)) continue;
    // `onShutdown: this.shutdownFunction`: a method registered by its reference.
    const member = node.parent;
    const isThisReference = member?.type === AST_NODE_TYPES.MemberExpression && member.property === node && !member.computed && member.object.type === AST_NODE_TYPES.ThisExpression;
    const registration = shutdownRegistration(isThisReference ? member : node);
    if (registration) {
      (isThisReference ? methodRegistrations : registrations).add(registration);
      calls.push(registration);
      continue;
    }
    const use = useOf(node);
    if (use === "member" && ofClass) continue;
    if (use === "other" && target && isOtherObjectsProperty(node, target)) continue;
    if (use === "other" || use === "member") return undefined;
    if (use === "decorator") calls.push(node.parent as TSESTree.Decorator);
    if (use !== "call") continue;
    let call: TSESTree.Node = node.parent!;
    while (call.type !== AST_NODE_TYPES.CallExpression && call.type !== AST_NODE_TYPES.NewExpression) call = call.parent!;
    calls.push(call);
  }
  return calls;
}

/**
 * `authentication.initApiTokens.length` where the method is `ApiTokenService#initApiTokens`: a
 * property of the same name read from an object not named like the class (nor `this`), which is
 * another object's data, not the method handed on.
 */
function isOtherObjectsProperty(node: TSESTree.Identifier, target: Target): boolean {
  const member = node.parent;
  if (target.kind !== "instance" || target.className === undefined || member?.type !== AST_NODE_TYPES.MemberExpression || member.property !== node || member.computed) return false;
  const receiver = unwrapExpression(member.object);
  const receiverName = receiver.type === AST_NODE_TYPES.Identifier ? receiver.name : receiver.type === AST_NODE_TYPES.MemberExpression ? memberName(receiver) : undefined;
  return receiverName !== undefined && !isNamedLike(receiverName, target.className);
}

function isTypePosition(node: TSESTree.Node): boolean {
  const parent = node.parent;
  return parent !== undefined && (parent.type.startsWith("TS") && parent.type !== AST_NODE_TYPES.TSNonNullExpression && parent.type !== AST_NODE_TYPES.TSAsExpression && parent.type !== AST_NODE_TYPES.TSSatisfiesExpression);
}

interface Search {
  /** Results for functions whose search was complete (not cut short by MAX_DEPTH). */
  memo: WeakMap<FunctionNode, boolean>;
  active: Set<FunctionNode>;
  cutShort: boolean;
}

/** Answers for the project as it was read: forgotten when a file of it changes (see projectGeneration). */
let memo = new WeakMap<FunctionNode, boolean>();
let memoGeneration = -1;

/** Whether `node` (in the module `program` of `file`) runs once per process. */
export function runsOncePerProcess(node: TSESTree.Node, file: string, program: TSESTree.Program): boolean {
  if (memoGeneration !== projectGeneration()) {
    memo = new WeakMap();
    memoGeneration = projectGeneration();
  }
  return runsOnceAt(node, file, program, 0, { memo, active: new Set(), cutShort: false });
}

/**
 * Whether `node` is in a function nothing runs: the module-level function around it (`export
 * async function trialEndEmailWorker()`, `export const namedTrace = (name) => (value) => …`) is a
 * named export of a service's module that other modules import, yet no module uses it — its one
 * call commented out, a debugging helper left behind. Only a module some file imports counts:
 * one nothing imports may be what a framework or a command loads by its path (a route, a job
 * file, a directory of handlers).
 */
export function neverRuns(node: TSESTree.Node, file: string, program: TSESTree.Program): boolean {
  let fn: FunctionNode | undefined;
  for (let current = node.parent; current; current = current.parent) if (isFunctionNode(current)) fn = current;
  const name = fn && functionName(fn);
  const statement = fn?.type === AST_NODE_TYPES.FunctionDeclaration ? fn.parent : fn?.parent?.type === AST_NODE_TYPES.VariableDeclarator ? fn.parent.parent?.parent : undefined;
  if (!fn || name === undefined || statement?.type !== AST_NODE_TYPES.ExportNamedDeclaration || statement.parent !== program) return false;
  if (!isServiceOwnCode(file)) return false;
  const isUse = (identifier: TSESTree.Identifier | TSESTree.PrivateIdentifier) =>
    identifier.type === AST_NODE_TYPES.Identifier && !isTypePosition(identifier) && useOf(identifier) !== "export" && useOf(identifier) !== "declaration";
  if (identifiersNamed(program, name).some(isUse)) return false;
  const importers = importersOf(file, []);
  if (!importers || importers.length === 0) return false;
  const stem = specifierTail(file);
  return importers.every((importer) => {
    if (!(sourceText(importer) ?? "").includes(name)) return true;
    const other = parsedModule(importer);
    // `import * as utils` then `utils.namedTrace(…)` is a member named like it: a use.
    return other !== undefined && [...importedNames(other, name, false, stem)].every((local) => !identifiersNamed(other, local).some(isUse));
  });
}

/**
 * Every call of a module-level function (`export const readManifestFile = (file = "…") => …`,
 * `export function f`) in the modules that import it, or undefined when one of them uses it any
 * other way (passes it on, stores it) or the project cannot be searched. Not the calls in its own
 * module.
 */
export function callsFromOtherModules(fn: FunctionNode, file: string, program: TSESTree.Program): TSESTree.CallExpression[] | undefined {
  const name = functionName(fn) ?? (isAnonymousDefaultExport(fn) ? DEFAULT_EXPORT : undefined);
  const target = targetOf(fn, file);
  if (name === undefined || target.kind !== "function") return undefined;
  const isDefault = isDefaultExport(file, name);
  const files = callerFiles(fn, name, file, target, isDefault, program);
  if (!files) return undefined;
  const calls: TSESTree.CallExpression[] = [];
  for (const other of files) {
    const otherProgram = parsedModule(other);
    if (!otherProgram) return undefined;
    for (const local of importedNames(otherProgram, name, isDefault, target.stem)) {
      const found = callsIn(otherProgram, local, undefined, false, target);
      if (!found || found.some((call) => call.type !== AST_NODE_TYPES.CallExpression)) return undefined;
      calls.push(...(found as TSESTree.CallExpression[]));
    }
  }
  return calls;
}

/**
 * Whether `node` sits in a loop that repeats without a bound of its own between it and `fn` (or the
 * module): `while (true)`, `while (!stopped)`, `do … while`, `for (;;)`, a worker's polling loop. A
 * loop over a collection (`for (const plugin of plugins)`) runs once per element, as start-up does.
 */
function isInRepeatingLoop(node: TSESTree.Node, fn: TSESTree.Node | undefined | null): boolean {
  for (let current = node.parent; current && current !== fn; current = current.parent) {
    if (current.type === AST_NODE_TYPES.WhileStatement || current.type === AST_NODE_TYPES.DoWhileStatement) return true;
    if (current.type === AST_NODE_TYPES.ForStatement && current.test === null) return true;
  }
  return false;
}

const LOOPS = new Set<string>([AST_NODE_TYPES.ForStatement, AST_NODE_TYPES.ForInStatement, AST_NODE_TYPES.ForOfStatement, AST_NODE_TYPES.WhileStatement, AST_NODE_TYPES.DoWhileStatement]);

/** `process.exit(1)`. */
function isProcessExit(statement: TSESTree.Node): boolean {
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrapExpression(statement.expression.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === "process" && memberName(callee) === "exit";
}

/**
 * Whether the process ends right after `node`: a later statement of a block around it calls
 * `process.exit(…)`, with nothing between that can leave the block (`console.error(\`Timeout after
 * ${elapsed}ms\`); process.exit(1);`). However often the code around it could run, this runs once.
 */
function endsProcessAfter(node: TSESTree.Node): boolean {
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent && !isFunctionNode(parent); child = parent, parent = parent.parent) {
    // An exit after a loop ends the process once the loop is done, not after each turn of it.
    if (LOOPS.has(parent.type)) return false;
    if (parent.type !== AST_NODE_TYPES.BlockStatement && parent.type !== AST_NODE_TYPES.Program) continue;
    const body: readonly TSESTree.Node[] = parent.body;
    for (const statement of body.slice(body.indexOf(child) + 1)) {
      if (isProcessExit(statement)) return true;
      if (
        statement.type === AST_NODE_TYPES.ReturnStatement ||
        statement.type === AST_NODE_TYPES.BreakStatement ||
        statement.type === AST_NODE_TYPES.ContinueStatement ||
        statement.type === AST_NODE_TYPES.ThrowStatement ||
        statement.type === AST_NODE_TYPES.IfStatement ||
        statement.type === AST_NODE_TYPES.TryStatement
      ) {
        return false;
      }
    }
  }
  return false;
}

function runsOnceAt(node: TSESTree.Node, file: string, program: TSESTree.Program, depth: number, search: Search): boolean {
  if (endsProcessAfter(node)) return true;
  let inner = node;
  for (let fn = enclosingFunction(node); ; inner = fn, fn = enclosingFunction(fn)) {
    if (isInRepeatingLoop(inner, fn)) return false;
    if (fn === undefined) return true;
    if (fn === null) return false;
    if (runsAfterSettingGuard(fn, inner) || runsInFirstCallBlock(fn, inner)) return true;
    if (!isOncePerCallCallback(fn)) return functionRunsOnce(fn, file, program, depth, search);
  }
}

function functionRunsOnce(fn: FunctionNode, file: string, program: TSESTree.Program, depth: number, search: Search): boolean {
  const known = search.memo.get(fn);
  if (known !== undefined) return known;
  // Reached again through its own callers: a cycle of functions that only call each other has no
  // entry point this search can see. (A function calling itself directly is not its own caller.)
  if (search.active.has(fn)) return false;
  if (hasOnceGuard(fn)) return true;
  const name = isConstructor(fn) ? classNameOf(fn) : (functionName(fn) ?? (isAnonymousDefaultExport(fn) ? DEFAULT_EXPORT : undefined));
  if (name === undefined) return isAppliedDecorator(fn, file, program, depth, search);
  if (isDecorated(fn) || takesRequest(fn)) return false;
  if (ONCE_HOOKS.has(name) || isSingletonProviderConstructor(fn) || startsServer(fn, program)) {
    // Kept like the answers from callers: the walk for a listen() is not repeated for the next line logged here.
    search.memo.set(fn, true);
    return true;
  }
  if (depth >= MAX_DEPTH) {
    search.cutShort = true;
    return false;
  }
  search.active.add(fn);
  const outer = search.cutShort;
  search.cutShort = false;
  const result = callersRunOnce(fn, name, file, program, depth, search);
  search.active.delete(fn);
  if (!search.cutShort) search.memo.set(fn, result);
  search.cutShort ||= outer;
  return result;
}

/**
 * `const Deprecated = (message) => (target, propertyKey) => { … }` applied as `@Deprecated("…")`:
 * the function a decorator factory returns runs where the decorator is applied, once, when its
 * class is defined, if every call of the factory is a decorator's.
 */
function isAppliedDecorator(fn: FunctionNode, file: string, program: TSESTree.Program, depth: number, search: Search): boolean {
  const parent = fn.parent;
  const factory = isFunctionNode(parent) && parent.body === fn ? parent : parent?.type === AST_NODE_TYPES.ReturnStatement ? enclosingFunction(parent) : undefined;
  const name = factory ? functionName(factory) : undefined;
  if (!factory || name === undefined || depth >= MAX_DEPTH) return false;
  const appliesDecorator = (caller: Caller) => caller.call.parent?.type === AST_NODE_TYPES.Decorator && caller.call.parent.expression === caller.call;
  return callersRunOnce(factory, name, file, program, depth, search, appliesDecorator);
}

function callersRunOnce(
  fn: FunctionNode,
  name: string,
  file: string,
  program: TSESTree.Program,
  depth: number,
  search: Search,
  accepts?: (caller: Caller) => boolean,
): boolean {
  const target = targetOf(fn, file);
  const ofClass = target.kind === "constructor";
  const local = callsIn(program, name, fn, ofClass, target);
  if (!local) return false;
  const runsOnce = accepts ?? ((caller: Caller) => isGuardedByFlagItSets(caller.call, fn) || runsOnceAt(caller.call, caller.file, caller.program, depth + 1, search));
  const callers = production(local.filter((call) => mayCallTarget(call, target, true)).map((call) => ({ call, file, program })));
  // The callers in its own file first: one that runs per request settles it without reading other files.
  if (!callers.every(runsOnce)) return false;
  const isDefault = isDefaultExport(file, name);
  const otherFiles = callerFiles(fn, name, file, target, isDefault, program);
  if (!otherFiles) return false;
  let others = 0;
  for (const other of otherFiles) {
    const otherProgram = parsedModule(other);
    if (!otherProgram) return false;
    for (const local of importedNames(otherProgram, name, isDefault, target.stem)) {
      const calls = callsIn(otherProgram, local, undefined, ofClass, target);
      if (!calls) return false;
      const otherCallers = production(calls.filter((call) => mayCallTarget(call, target, false)).map((call) => ({ call, file: other, program: otherProgram })));
      if (!otherCallers.every(runsOnce)) return false;
      others += otherCallers.length;
    }
  }
  if (callers.length + others === 0) return !accepts && (isStartupName(name) || (ENTRY_NAMES.test(name) && depth > 0));
  return true;
}

interface Caller {
  call: CallSite;
  file: string;
  program: TSESTree.Program;
}

/** The callers that run in production: not in code only development runs. */
const production = (callers: Caller[]): Caller[] => callers.filter(({ call }) => !isDevelopmentOnly(call));

/**
 * `if (!indexConfigured) await configureIndex(db)`, `ready ? cached : await setUp()`: a call made
 * only while a flag of the module (or a class's static flag) is unset, to a function that sets it.
 * It runs until it has done its work once, whatever calls it.
 */
function isGuardedByFlagItSets(call: CallSite, fn: FunctionNode): boolean {
  let child: TSESTree.Node = call;
  for (let parent: TSESTree.Node | undefined = call.parent; parent && !isFunctionNode(parent); child = parent, parent = parent.parent) {
    let unset: TSESTree.Node | undefined;
    if (parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) {
      unset = child === parent.consequent ? negated(parent.test) : child === parent.alternate ? parent.test : undefined;
    } else if (parent.type === AST_NODE_TYPES.LogicalExpression && child === parent.right) {
      unset = parent.operator === "||" || parent.operator === "??" ? parent.left : parent.operator === "&&" ? negated(parent.left) : undefined;
    }
    const flag = unset && flagPath(unset);
    if (flag !== undefined && isLongLivedFlag(unset!, flag) && setsFlag(fn, flag)) return true;
  }
  return false;
}

/** `x` for `!x`: the flag a negated test reads. */
function negated(test: TSESTree.Node): TSESTree.Node | undefined {
  const inner = unwrapExpression(test);
  return inner.type === AST_NODE_TYPES.UnaryExpression && inner.operator === "!" ? inner.argument : undefined;
}

/** A flag that outlives the call: a module-level variable or a class's static field (`Setup.done`), not a local. */
function isLongLivedFlag(node: TSESTree.Node, flag: string): boolean {
  if (flag.startsWith("this.")) return false;
  if (flag.includes(".")) return /^[A-Z]/u.test(flag);
  let program: TSESTree.Node = node;
  while (program.parent) program = program.parent;
  for (let scope = node.parent; scope; scope = scope.parent) {
    if (isFunctionNode(scope) && scope.params.some((param) => declares(param, flag))) return false;
    if (scope.type === AST_NODE_TYPES.BlockStatement && declaredIn(scope, flag)) return false;
  }
  return program.type === AST_NODE_TYPES.Program && declaredIn(program, flag) !== undefined;
}

function setsFlag(fn: FunctionNode, flag: string): boolean {
  for (const node of descendants(fn.body)) {
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === "=" && flagPath(node.left) === flag && !isFalsy(node.right)) return true;
  }
  return false;
}

/** What a call must reach: a plain function of a module, or a static or instance method of a class. */
interface Target {
  kind: "function" | "static" | "instance" | "constructor";
  className: string | undefined;
  /** The module's file name without extension (its folder's name for an index file): what imports of it end with. */
  stem: string;
}

function targetOf(fn: FunctionNode, file: string): Target {
  const member = fn.parent?.type === AST_NODE_TYPES.MethodDefinition || fn.parent?.type === AST_NODE_TYPES.PropertyDefinition ? fn.parent : undefined;
  const kind = !member ? "function" : isConstructor(fn) ? "constructor" : member.static ? "static" : "instance";
  return { kind, className: classNameOf(fn), stem: specifierTail(file) };
}

/**
 * What a name is bound to where `node` reads it: the initialisers and assignments of the nearest
 * enclosing declaration (an import, a `const`/`let`, both for a `let` assigned later); undefined
 * when that is unknown (a parameter, a loop variable, a global).
 */
function bindingsAt(node: TSESTree.Node, name: string): TSESTree.Node[] | undefined {
  for (let scope = node.parent; scope; scope = scope.parent) {
    if (isFunctionNode(scope)) {
      if (scope.params.some((param) => declares(param, name))) return undefined;
    } else if (scope.type === AST_NODE_TYPES.ForOfStatement || scope.type === AST_NODE_TYPES.ForInStatement || scope.type === AST_NODE_TYPES.ForStatement) {
      const head = scope.type === AST_NODE_TYPES.ForStatement ? scope.init : scope.left;
      if (head && declares(head, name)) return undefined;
    } else if (scope.type === AST_NODE_TYPES.CatchClause) {
      if (scope.param && declares(scope.param, name)) return undefined;
    } else if (scope.type === AST_NODE_TYPES.BlockStatement || scope.type === AST_NODE_TYPES.Program) {
      const bindings = declaredIn(scope, name);
      if (bindings) return bindings;
    }
  }
  return undefined;
}

function declares(pattern: TSESTree.Node, name: string): boolean {
  for (const node of descendants(pattern)) if (node.type === AST_NODE_TYPES.Identifier && node.name === name) return true;
  return false;
}

function declaredIn(block: TSESTree.BlockStatement | TSESTree.Program, name: string): TSESTree.Node[] | undefined {
  for (const statement of block.body) {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.declaration ? statement.declaration : statement;
    if (declaration.type === AST_NODE_TYPES.ImportDeclaration) {
      if (declaration.specifiers.some((specifier) => specifier.local.name === name)) return [declaration];
    } else if (declaration.type === AST_NODE_TYPES.VariableDeclaration) {
      const declarator = declaration.declarations.find((candidate) => declares(candidate.id, name));
      if (!declarator) continue;
      const bindings: TSESTree.Node[] = declarator.init ? [declarator.init] : [];
      for (const node of descendants(block)) {
        if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.Identifier && node.left.name === name) bindings.push(node.right);
      }
      return bindings;
    } else if ((declaration.type === AST_NODE_TYPES.FunctionDeclaration || declaration.type === AST_NODE_TYPES.ClassDeclaration) && declaration.id?.name === name) {
      return [declaration];
    }
  }
  return undefined;
}

/** The module an import or `require(…)` binding names, if it is one. */
function importedModule(binding: TSESTree.Node): string | undefined {
  if (binding.type === AST_NODE_TYPES.ImportDeclaration) return binding.source.value;
  const inner = unwrapExpression(binding.type === AST_NODE_TYPES.AwaitExpression ? binding.argument : binding);
  if (inner.type === AST_NODE_TYPES.CallExpression && calleeName(inner) === "require") return staticString(inner.arguments[0]);
  if (inner.type === AST_NODE_TYPES.MemberExpression) return importedModule(inner.object);
  return undefined;
}

const namesModule = (specifier: string, stem: string) => specifierTail(specifier) === stem;

/**
 * Whether a call of the function's name can be a call of this function, by what it is called on:
 * a static method on its class (`Database.patch()`, not `axios.patch()`), a module's function on
 * the module or nothing, an instance method on `this` or on an object that may be an instance
 * (not one made by `new` of another class, not another module).
 */
function mayCallTarget(call: CallSite, target: Target, sameFile: boolean): boolean {
  if (call.type === AST_NODE_TYPES.Decorator) return target.kind === "function";
  if (registrations.has(call)) return target.kind === "function";
  if (methodRegistrations.has(call)) return target.kind === "instance" && sameFile;
  // `new SetupDatabase(…)`: the name was matched already; a call without `new` cannot construct.
  if (call.type === AST_NODE_TYPES.NewExpression || target.kind === "constructor") return call.type === AST_NODE_TYPES.NewExpression && target.kind === "constructor";
  const callee = unwrapExpression(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return target.kind === "function" || sameFile;
  const receiver = unwrapExpression(callee.object);
  if (receiver.type === AST_NODE_TYPES.ThisExpression || receiver.type === AST_NODE_TYPES.Super) return target.kind !== "function" || sameFile;
  if (receiver.type === AST_NODE_TYPES.NewExpression) {
    return target.kind === "instance" && receiver.callee.type === AST_NODE_TYPES.Identifier && receiver.callee.name === target.className;
  }
  if (receiver.type === AST_NODE_TYPES.MemberExpression) {
    if (target.kind === "instance") return true;
    const name = memberName(receiver);
    // `module.exports.sync()`, `exports.sync()`: a module calling its own function.
    return name === target.className || (target.kind === "function" && sameFile && isExportsTarget(receiver));
  }
  if (receiver.type !== AST_NODE_TYPES.Identifier) return target.kind === "instance";
  if (receiver.name === target.className || (target.kind === "function" && receiver.name === "exports")) return true;
  const bindings = bindingsAt(receiver, receiver.name);
  const modules = (bindings ?? []).map(importedModule);
  if (modules.some((module) => module !== undefined && namesModule(module, target.stem))) return true;
  if (target.kind !== "instance") return false;
  if (target.className !== undefined && isNamedLike(receiver.name, target.className)) return true;
  // Bound only to other modules or to objects of other classes: not this method.
  return bindings === undefined || bindings.length === 0 || !bindings.every((binding, i) => modules[i] !== undefined || isMadeByOtherClass(binding, target.className));
}

/** `new Tunnel()`, `await UptimeKumaServer.getInstance()`, `R.findOne(…)`: an object a class other than `className` makes. */
function isMadeByOtherClass(binding: TSESTree.Node, className: string | undefined): boolean {
  const inner = unwrapExpression(binding.type === AST_NODE_TYPES.AwaitExpression ? binding.argument : binding);
  if (inner.type === AST_NODE_TYPES.NewExpression) return inner.callee.type === AST_NODE_TYPES.Identifier && inner.callee.name !== className;
  if (inner.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrapExpression(inner.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const owner = unwrapExpression(callee.object);
  return owner.type === AST_NODE_TYPES.Identifier && /^[A-Z]/u.test(owner.name) && owner.name !== className;
}

/**
 * The name callers are searched by for a function that has none of its own but is its module's
 * default export (`export default async () => { … }`): its importers call it by the names they
 * give it. No identifier can be called `default`, so no call matches the name itself.
 */
const DEFAULT_EXPORT = "default";

/** `export default async () => { … }`, `module.exports = function () { … }`: an anonymous function its module exports as a whole. */
function isAnonymousDefaultExport(fn: FunctionNode): boolean {
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return true;
  return (
    parent?.type === AST_NODE_TYPES.AssignmentExpression &&
    parent.right === fn &&
    parent.left.type === AST_NODE_TYPES.MemberExpression &&
    parent.left.object.type === AST_NODE_TYPES.Identifier &&
    parent.left.object.name === "module" &&
    memberName(parent.left) === "exports" &&
    parent.parent?.type === AST_NODE_TYPES.ExpressionStatement &&
    parent.parent.parent?.type === AST_NODE_TYPES.Program
  );
}

/** Whether a module's default export is the function `name` (`export default name`, `module.exports = name`), or an anonymous one searched for as DEFAULT_EXPORT. */
function isDefaultExport(file: string, name: string): boolean {
  if (name === DEFAULT_EXPORT) return true;
  const text = sourceText(file) ?? "";
  return new RegExp(`export\\s+default\\s+(?:async\\s+)?(?:function\\s*\\*?\\s*|class\\s+)?${name}\\b|module\\.exports\\s*=\\s*${name}\\s*;?\\s*$`, "mu").test(text);
}

/**
 * The names a module calls the function by: its own, and the local names it is imported under
 * (`import { connect as open }`; for a default export, `import open from`, `const open = require(…)`).
 */
function importedNames(program: TSESTree.Program, name: string, isDefault: boolean, stem: string): Set<string> {
  const names = new Set([name]);
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      if (!namesModule(statement.source.value, stem)) continue;
      for (const specifier of statement.specifiers) {
        if (specifier.type === AST_NODE_TYPES.ImportSpecifier && specifier.imported.type === AST_NODE_TYPES.Identifier && specifier.imported.name === name) names.add(specifier.local.name);
        if (specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier && isDefault) names.add(specifier.local.name);
      }
    } else if (statement.type === AST_NODE_TYPES.VariableDeclaration && isDefault) {
      for (const declarator of statement.declarations) {
        const module = declarator.init ? importedModule(declarator.init) : undefined;
        if (declarator.id.type === AST_NODE_TYPES.Identifier && module !== undefined && namesModule(module, stem)) names.add(declarator.id.name);
      }
    }
  }
  return names;
}

/**
 * The other files that may call the function: those that import its module and mention its
 * name (any name, for a default export); for an instance method, which can be called on an object passed around without an
 * import, every file that calls a method of that name. Undefined when the project cannot be
 * searched or too many files would need reading.
 */
function callerFiles(fn: FunctionNode, name: string, file: string, target: Target, isDefault: boolean, program: TSESTree.Program): string[] | undefined {
  // Text that is not a file on disk (stdin, an editor's unsaved buffer, a test's code) has no project to search.
  const text = sourceText(file);
  if (text === undefined || !searchRootOf(file) || !/\bexport\b|\bexports\b/u.test(text)) return [];
  // Only what the module exports can be called from other files (an instance method, on any object of its class that gets out).
  if (target.kind === "function" && !isDefault && !isExportedFunction(fn, name, program)) return [];
  if ((target.kind === "static" || target.kind === "constructor") && !isExportedClass(fn, program)) return [];
  // A default export is called by whatever name its importer gives it.
  const importers = importersOf(file, isDefault ? [] : [name]);
  if (!importers) return undefined;
  const files = new Set(importers);
  if (target.kind === "instance") {
    const calling = filesCalling(searchRootOf(file)!, name);
    if (!calling) return undefined;
    // An instance can reach a file without an import (passed as an argument). The files that can
    // hold one are those that name its class (a type annotation, a `new`) or call the method on
    // an object named like it (`monitor.check()` for a Monitor); `cloudflared.start()` in a file
    // that never mentions EmbeddedMariaDB calls another class's `start`.
    const { className } = target;
    for (const other of calling) {
      const text = other === file ? undefined : sourceText(other);
      if (!text) continue;
      const receivers = methodReceivers(text, name);
      if (receivers.length === 0) continue;
      if (className === undefined || text.includes(className) || receivers.some((receiver) => isNamedLike(receiver, className))) files.add(other);
      if (files.size > MAX_CALLER_FILES) return undefined;
    }
  }
  return files.size > MAX_CALLER_FILES ? undefined : [...files].filter((other) => other !== file);
}

/**
 * Whether start-up reaches `node` at least once, though it may run again later. An object made
 * while the process starts lives as long as the process, whatever copies are made afterwards:
 * Unleash's `withTransactional((db) => createUserService(db, config), db)` calls its factory once
 * at once, for the service every request uses, and again for each transaction.
 *
 * From code that runs once per process (runsOncePerProcess), it follows the calls of the function
 * around `node` by name, in its file and in the files that import it, as a function or as a method
 * of an object such a file builds from it (`fm = { createServices }` … `fm.createServices()`), and a
 * callback handed to a function of the project that calls it directly, not in a callback of its own.
 */
export function runsAtStartup(node: TSESTree.Node, file: string, program: TSESTree.Program): boolean {
  return reachedAtStartup(node, file, program, 0, new Set());
}

function reachedAtStartup(node: TSESTree.Node, file: string, program: TSESTree.Program, depth: number, seen: Set<FunctionNode>): boolean {
  if (runsOncePerProcess(node, file, program)) return true;
  let fn = enclosingFunction(node);
  while (fn && isOncePerCallCallback(fn)) fn = enclosingFunction(fn);
  if (!fn || depth >= MAX_DEPTH || seen.has(fn)) return false;
  seen.add(fn);
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) {
    const callee = calledFunction(parent, file, program);
    const index = parent.arguments.indexOf(fn as TSESTree.CallExpressionArgument);
    return callee !== undefined && callsParameterDirectly(callee, index) && reachedAtStartup(parent, file, program, depth + 1, seen);
  }
  const name = isConstructor(fn) ? classNameOf(fn) : functionName(fn);
  if (name === undefined || isDecorated(fn) || takesRequest(fn)) return false;
  return callSitesByName(fn, name, file, program).some((caller) => reachedAtStartup(caller.call, caller.file, caller.program, depth + 1, seen));
}

/** The function of the project a call calls by a plain name: declared in its module, or imported from a relative one. */
function calledFunction(call: TSESTree.CallExpression, file: string, program: TSESTree.Program): FunctionNode | undefined {
  const callee = unwrapExpression(call.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const local = moduleFunction(program, callee.name);
  if (local) return local;
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration) continue;
    const specifier = statement.specifiers.find((candidate) => candidate.local.name === callee.name);
    if (specifier?.type !== AST_NODE_TYPES.ImportSpecifier || specifier.imported.type !== AST_NODE_TYPES.Identifier) continue;
    const target = relativeModuleFile(file, statement.source.value);
    const targetProgram = target === undefined ? undefined : parsedModule(target);
    return targetProgram && moduleFunction(targetProgram, specifier.imported.name);
  }
  return undefined;
}

/** Whether a function calls its parameter at `index` itself (`const service = serviceFactory(db)`), not only in a callback. */
function callsParameterDirectly(fn: FunctionNode, index: number): boolean {
  const param = fn.params[index];
  const name = param?.type === AST_NODE_TYPES.Identifier ? param.name : param?.type === AST_NODE_TYPES.AssignmentPattern && param.left.type === AST_NODE_TYPES.Identifier ? param.left.name : undefined;
  if (name === undefined) return false;
  const stack: TSESTree.Node[] = [fn.body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isFunctionNode(node) && !isOncePerCallCallback(node)) continue;
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === name) return true;
    stack.push(...childNodes(node));
  }
  return false;
}

/**
 * The calls of a function by its name: in its own module, and in the modules that import it,
 * called directly or as a method of an object they build from it (a module that imports
 * `createServices` and calls `fm.createServices()`). For a constructor, the `new`s of its class.
 */
function callSitesByName(fn: FunctionNode, name: string, file: string, program: TSESTree.Program): Caller[] {
  const callers: Caller[] = [];
  const collect = (calling: TSESTree.Program, callingFile: string, names: ReadonlySet<string>, methods: boolean) => {
    for (const local of names) {
      for (const identifier of identifiersNamed(calling, local)) {
        if (identifier.type !== AST_NODE_TYPES.Identifier || (calling === program && identifier.range[0] >= fn.range[0] && identifier.range[1] <= fn.range[1])) continue;
        const parent = identifier.parent;
        const direct = (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) && parent.callee === identifier;
        const method = methods && parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === identifier && !parent.computed && parent.parent?.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent;
        if (direct) callers.push({ call: parent, file: callingFile, program: calling });
        else if (method) callers.push({ call: parent.parent as TSESTree.CallExpression, file: callingFile, program: calling });
      }
    }
  };
  collect(program, file, new Set([name]), false);
  const importers = sourceText(file) === undefined ? undefined : importersOf(file, [name]);
  const isDefault = isDefaultExport(file, name);
  for (const other of (importers ?? []).slice(0, MAX_CALLER_FILES)) {
    if (other === file) continue;
    const otherProgram = parsedModule(other);
    if (otherProgram) collect(otherProgram, other, importedNames(otherProgram, name, isDefault, specifierTail(file)), true);
  }
  return production(callers);
}
