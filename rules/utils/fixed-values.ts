import { createRequire } from "node:module";
import * as ASTUtils from "@typescript-eslint/utils/ast-utils";
import { AST_NODE_TYPES } from "@typescript-eslint/types";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import type * as ts from "typescript";
import { isFewValuedDeclaredType, isPlainObjectDeclaredType } from "./declared-types.ts";
import { typeInformation } from "./declaring-module.ts";
import { childNodes, classBodyOfThis, enclosingFunction, isFunctionNode, memberName, resolveLocalFunction, returnedExpressions, unwrapExpression, type FunctionNode } from "./expressions.ts";
import { propertyName, resolveImport } from "./imports.ts";
import { nameWords } from "./name-words.ts";
import { descendants } from "../../sql-lint/embedded/migration-code.ts";
import { filesCalling, filesNamed, importersOf, parsedModule, projectMemo, relativeModuleFile, searchRootOf, sourceText } from "./project-modules.ts";
import { callsFromOtherModules, runsOncePerProcess } from "./run-once.ts";
import { escapeRegExp } from "./regexp.ts";
import { isServiceOwnCode } from "./service-package.ts";
import { superclassOf, type ClassNode } from "./class-chain.ts";

/**
 * Whether a value is the same on every call of one deployment, or one of a handful: what a log
 * message may be built from and still be one message (`Running in production: ${isProduction}`,
 * `Listening on ${config.port}`), as opposed to one built from what each request brings.
 *
 * Fixed: literals, constants (`MAX_RETRIES`, `Settings.FILE_NAME`, `RESOLVERS.length`), enum
 * members, process settings (`process.env.X`, `config.port`, `configService.get("PORT")`),
 * facts of the process (`process.pid`, `__dirname`), pure functions of fixed values
 * (`path.resolve(__dirname, "gen")`), a choice between fixed values, the elements of a fixed list,
 * a class field that keeps a constant default unless its constructor is configured otherwise, a
 * `let` given only fixed values, a setting awaited from a settings store, and a variable of an
 * enclosing function that runs once per process (a decorator's parameter).
 * Few-valued: a boolean (a comparison, `!x`), a `typeof`, a value named as a status
 * (`res.status`, `statusText`), a value declared (here or in the module that declares the type)
 * as a boolean, an enum, a union of literals (`action: "Init" | "Reload"`) or an element of a
 * constant list of literals (`(typeof EVENTS)[number]`), an object literal or a value declared as
 * a plain object (both print as `[object Object]`).
 */
export interface ValueLookup {
  /** What a `const` declared once was initialised with. */
  constant(identifier: TSESTree.Identifier): TSESTree.Node | undefined;
  /** Every value a `let` is given (its initialiser and each `=`); undefined when it is changed any other way. */
  assignedValues(identifier: TSESTree.Identifier): TSESTree.Node[] | undefined;
  /**
   * A function of the file that loads a value once and keeps it in a variable outside it
   * (`if (config === undefined) config = load(); return config;`): what it returns is fixed for
   * the life of the process.
   */
  isMemoisedLoader(callee: TSESTree.Identifier): boolean;
  /** `FileOperation.expiryDays` of an imported class whose module declares `static expiryDays = 15` and never changes it. */
  isImportedStaticConstant(member: TSESTree.MemberExpression): boolean;
  /** No property of the variable's value is assigned or deleted (`x.a = 1`, `x[k] = v`, `Object.assign(x, …)`). */
  isNeverMutated(identifier: TSESTree.Identifier): boolean;
  /** A value stored by a memoising loader's guarded first load, which runs once per process. */
  loadsOnce(value: TSESTree.Node): boolean;
  /** A variable of an enclosing function that runs once per process (a decorator's parameter, a start-up function's `const`), read by a function inside it. */
  isCapturedFromOnce(identifier: TSESTree.Identifier): boolean;
  /**
   * For a parameter of a function of this file that is only ever called directly (not exported,
   * not passed on): the argument each call passes for it. `warnWrite("CREATE")`, `warnWrite("UPDATE")`.
   */
  argumentsPassed(identifier: TSESTree.Identifier): TSESTree.Node[] | undefined;
  /**
   * A function of this file, or one a relative module of the project exports, whose every
   * `return` gives a literal (`return true`, `return "ok"`): what a call returns is one of those,
   * whatever it is called with.
   */
  returnsOnlyLiterals(callee: TSESTree.Node): boolean;
  /** The list a `for (const x of list)` variable walks, or whose elements a callback's first parameter is given (`list.map((x) => …)`). */
  loopedOver(identifier: TSESTree.Identifier): TSESTree.Node | undefined;
  isModuleOrGlobal(identifier: TSESTree.Identifier): boolean;
  /**
   * Declared or typed as a boolean, an enum, a union of literals or an element of a constant list
   * of literals, here or in the module that declares the type (`event.type` of `event: IEvent`).
   */
  isFewValued(node: TSESTree.Identifier | TSESTree.MemberExpression): boolean;
  /** Declared as a plain object (an interface, a type literal): it prints as `[object Object]`. */
  printsAsObject(node: TSESTree.Identifier | TSESTree.MemberExpression): boolean;
  /** For `this.x`: the constant default of a field only the constructor may reconfigure. */
  configuredField(member: TSESTree.MemberExpression): TSESTree.Node | undefined;
  /**
   * For `this.x`: a field written only by code that runs once per process, `this.proxyRoutes =
   * await settings.get(…)` in `onModuleInit()`, `if (!this.instanceId) this.instanceId = …`: the
   * value it keeps is the same for the life of the process.
   */
  isSetOncePerProcess(member: TSESTree.MemberExpression): boolean;
  /** `this.getInstanceId()`, a method of the class that takes nothing and returns only fixed values. */
  returnsFixed(call: TSESTree.CallExpression, depth: number): boolean;
  /**
   * `e.message` in `catch (e)` when the only errors its `try` can raise are the code's own
   * `throw new Error(…)` of fixed text: `this.checkTimezone(process.env.TZ)` whose every throw is
   * `new Error("Invalid timezone:" + timezone)`, anything else it calls caught inside it.
   */
  isOwnErrorMessage(member: TSESTree.MemberExpression): boolean;
  /**
   * For `this.x`: a field neither the class nor the classes it extends ever set, declare or
   * define, and no module that imports it assigns: it reads `undefined`, always.
   */
  isNeverSet(member: TSESTree.MemberExpression): boolean;
  /** `Status.Active` of an enum declared in the file. */
  isEnumMember(member: TSESTree.MemberExpression): boolean;
  /** A retry counter: a `let` set to a number, only stepped by literals, read inside a loop it bounds by a small literal (`while (attempts < 3)`). */
  isBoundedCounter(identifier: TSESTree.Identifier): boolean;
  /**
   * A key a registry of code must hold: `name` of `for (const name in processors)` that looks
   * up `const ProcessorClass = processors[name]`, of `const TaskClass = tasks[name]` after
   * `if (!TaskClass) throw …`, of `const configValidator = validators[section]` under
   * `if (configValidator)`. Classes and validators are code, so their names are a fixed set.
   */
  isRegistryKey(identifier: TSESTree.Identifier): boolean;
  /**
   * A field a payment provider's SDK declares as one of its names: the `type` of a Stripe event
   * (`stripe.webhooks.constructEvent(…)`, or declared `Stripe.Event`), the `object` kind of any
   * object declared as a `Stripe.*` type (`"payment_intent"`).
   */
  isProviderEnumeration(member: TSESTree.MemberExpression): boolean;
}

/**
 * A loader's `if (config === undefined) { … }` when the loader keeps what it loads in a variable
 * outside it and returns it, and nothing else changes that variable but storing what the loader
 * returns: the guarded code runs once per process.
 */
function memoisingGuard(fn: TSESTree.FunctionLike): TSESTree.IfStatement | undefined {
  if (fn.body?.type !== AST_NODE_TYPES.BlockStatement) return undefined;
  const statements = fn.body.body;
  const last = statements[statements.length - 1];
  const kept = last?.type === AST_NODE_TYPES.ReturnStatement && last.argument?.type === AST_NODE_TYPES.Identifier ? last.argument : undefined;
  const guard = statements[0];
  if (!kept || guard?.type !== AST_NODE_TYPES.IfStatement || guard.alternate || !testsUnset(guard.test, kept.name)) return undefined;
  // Declared in a block around the loader (a module variable, or one of the function that defines it).
  const declares = (block: TSESTree.Program | TSESTree.BlockStatement) =>
    block.body.some((statement) => statement.type === AST_NODE_TYPES.VariableDeclaration && statement.declarations.some((declarator) => declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === kept.name));
  let outside: TSESTree.Program | TSESTree.BlockStatement | undefined;
  for (let scope: TSESTree.Node | undefined = fn.parent; scope && !outside; scope = scope.parent) {
    if ((scope.type === AST_NODE_TYPES.Program || scope.type === AST_NODE_TYPES.BlockStatement) && declares(scope)) outside = scope;
  }
  if (!outside) return undefined;
  const name = fnName(fn);
  for (const node of descendants(outside)) {
    if (node.type !== AST_NODE_TYPES.AssignmentExpression || node.left.type !== AST_NODE_TYPES.Identifier || node.left.name !== kept.name || isInside(node, guard.consequent)) continue;
    let value = unwrapExpression(node.right);
    if (value.type === AST_NODE_TYPES.AwaitExpression) value = unwrapExpression(value.argument);
    const storesLoaded = name !== undefined && value.type === AST_NODE_TYPES.CallExpression && value.callee.type === AST_NODE_TYPES.Identifier && value.callee.name === name;
    // A literal kept instead (`config = {}` after a failed load), not one that unsets it again (`null`, `""`).
    const keepsLiteral = isLiteralValue(value) && !(value.type === AST_NODE_TYPES.Literal && !value.value);
    if (!storesLoaded && !keepsLiteral) return undefined;
  }
  return guard;
}

/** `{}`, `"x"`, `[1, 2]`, `{ a: ["b"] }`: a value written out in full in the code. */
function isLiteralValue(node: TSESTree.Node): boolean {
  const value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.Literal) return true;
  if (value.type === AST_NODE_TYPES.ArrayExpression) return value.elements.every((element) => element !== null && element.type !== AST_NODE_TYPES.SpreadElement && isLiteralValue(element));
  if (value.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return value.properties.every((property) => property.type === AST_NODE_TYPES.Property && !property.computed && property.kind === "init" && isLiteralValue(property.value));
}

function fnName(fn: TSESTree.FunctionLike): string | undefined {
  if (fn.id) return fn.id.name;
  return fn.parent?.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.id.type === AST_NODE_TYPES.Identifier ? fn.parent.id.name : undefined;
}

/** `x === undefined`, `x == null`, `!x`: the test holds while `name` is unset. */
function testsUnset(test: TSESTree.Node, name: string): boolean {
  const inner = unwrapExpression(test);
  if (inner.type === AST_NODE_TYPES.UnaryExpression && inner.operator === "!") return unwrapExpression(inner.argument).type === AST_NODE_TYPES.Identifier && (unwrapExpression(inner.argument) as TSESTree.Identifier).name === name;
  if (inner.type !== AST_NODE_TYPES.BinaryExpression || (inner.operator !== "===" && inner.operator !== "==")) return false;
  const [left, right] = [unwrapExpression(inner.left), unwrapExpression(inner.right)];
  const isName = (node: TSESTree.Node) => node.type === AST_NODE_TYPES.Identifier && node.name === name;
  const isUnset = (node: TSESTree.Node) => (node.type === AST_NODE_TYPES.Identifier && node.name === "undefined") || (node.type === AST_NODE_TYPES.Literal && node.value === null);
  return (isName(left) && isUnset(right)) || (isName(right) && isUnset(left));
}

function isInside(node: TSESTree.Node, container: TSESTree.Node): boolean {
  return node.range[0] >= container.range[0] && node.range[1] <= container.range[1];
}



/** The most values a loop counter may take and still make "a few" messages. */
const FEW_ITERATIONS = 10;

const isNumberLiteral = (node: TSESTree.Node | null | undefined): node is TSESTree.NumberLiteral =>
  node?.type === AST_NODE_TYPES.Literal && typeof node.value === "number";

/**
 * `name < 3`, `name <= 3`, `3 > name`: the loop test that bounds `name` by a small number, written
 * out or held by a constant (`MAX_RETRIES`, a class field `this.maxRetries = 5`) that `valueOf` finds.
 */
function boundsCounter(test: TSESTree.Node | null | undefined, name: string, valueOf: (node: TSESTree.Node) => TSESTree.Node | undefined): boolean {
  if (test?.type !== AST_NODE_TYPES.BinaryExpression) return false;
  const { operator, left, right } = test;
  const isName = (node: TSESTree.Node) => node.type === AST_NODE_TYPES.Identifier && node.name === name;
  const small = (node: TSESTree.Node) => {
    const value = isNumberLiteral(node) ? node : valueOf(node);
    return isNumberLiteral(value) && value.value <= FEW_ITERATIONS;
  };
  return ((operator === "<" || operator === "<=") && isName(left) && small(right)) || ((operator === ">" || operator === ">=") && small(left) && isName(right));
}

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** A constant by naming convention: `LOG_CONTEXT`, `MAX_RETRIES`. */
export function isConstantName(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.Identifier && /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$|^[A-Z]{2,}$/u.test(node.name);
}

/** Roots of settings objects: `config.port`, `env.URL`, `dbConfig.type`, `appSettings.mode`, `configService.get(…)`. */
const SETTINGS_NAME = /^(?:[Cc]onfig|conf|cfg|env|[Ss]ettings)(?:Service)?$|[a-z](?:Config|Settings|Env)(?:Service)?$/u;
/** `setting("keepDataPeriodDays")`, `getSetting("theme")`: a function reading one named setting. */
const SETTING_FUNCTION = /^(?:get)?[Ss]etting$/u;
/** How a settings service is read: `configService.get("PORT")`, `config.getOrThrow("URL")`. */
const SETTINGS_GETTER = /^(?:get|getOrThrow|getString|getNumber|getBoolean|getInt|getValue|has)$/u;
const COMPARISON = new Set(["===", "!==", "==", "!=", "<", ">", "<=", ">=", "instanceof", "in"]);
/** Facts of the running process: `process.pid`, `process.platform`. */
const PROCESS_FACTS = new Set(["pid", "ppid", "platform", "arch", "version", "versions", "argv0", "execPath", "title"]);
/** Calls without arguments that answer the same for the whole process: `process.cwd()`, `os.hostname()`, the host's time zone (`dayjs.tz.guess()`). */
const PROCESS_CALLS: Record<string, Set<string>> = {
  process: new Set(["cwd"]),
  os: new Set(["hostname", "platform", "arch", "type", "release", "homedir", "tmpdir"]),
  tz: new Set(["guess"]),
};
/** Methods that turn a fixed value into another fixed value: `PORT.toString()`, `NAME.toUpperCase()`. */
const CONVERSIONS = new Set(["toString", "toUpperCase", "toLowerCase", "trim", "toFixed", "join", "slice", "substring"]);

function chainRoot(node: TSESTree.Node): TSESTree.Identifier | undefined {
  const current = unwrapExpression(node);
  if (current.type === AST_NODE_TYPES.Identifier) return current;
  return current.type === AST_NODE_TYPES.MemberExpression && !current.computed ? chainRoot(current.object) : undefined;
}

function isNameChain(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Identifier) return true;
  return node.type === AST_NODE_TYPES.MemberExpression && !node.computed && isNameChain(node.object);
}

/** The name of the object a member is read from: `config` in `config.port`, `configService` in `this.configService.get`. */
function objectName(node: TSESTree.Node): string | undefined {
  const object = unwrapExpression(node);
  if (object.type === AST_NODE_TYPES.Identifier) return object.name;
  return object.type === AST_NODE_TYPES.MemberExpression ? memberName(object) : undefined;
}

/**
 * A value fixed for the life of the process, so a message built from it is the same on every
 * call of one deployment: `process.env.X`, a setting (`config.port`, `env.URL`), a constant's
 * property (`Settings.FILE_NAME`, `RESOLVERS.length`), `process.pid`.
 */
function isProcessSetting(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.MemberExpression) return false;
  const object = unwrapExpression(node.object);
  if (object.type === AST_NODE_TYPES.MemberExpression && !object.computed && memberName(object) === "env" && chainRoot(object)?.name === "process") return true;
  if (node.computed) return false;
  if (object.type === AST_NODE_TYPES.Identifier && object.name === "process") return PROCESS_FACTS.has(memberName(node) ?? "");
  if (isConstantName(node.property)) return isNameChain(object);
  const root = chainRoot(node);
  return root !== undefined && (SETTINGS_NAME.test(root.name) || isConstantName(root));
}

/**
 * Whether `node`'s value is fixed for the deployment or one of a few (see {@link ValueLookup}).
 * `printed`: the value is turned into text right here (interpolated), where any object literal
 * prints the same; passed to a function, an object literal is data like any other.
 */
export function isFixedValue(node: TSESTree.Node, lookup?: ValueLookup, depth = 0, printed = true): boolean {
  // What is awaited comes from I/O: `await Model.destroy(…)` is a count of rows, not a constant;
  // `await Settings.get("keepDataPeriodDays")` is a setting, read from a store.
  if (containsAwait(node)) return isAwaitedSetting(node, lookup, depth) || isAwaitedLiteralResult(node, lookup) || isAwaitedFixedResult(node, lookup, depth);
  const value = unwrapExpression(node);
  const isFixedHere = (child: TSESTree.Node) => isFixedValue(child, lookup, depth, printed);
  const isFixedData = (child: TSESTree.Node) => isFixedValue(child, lookup, depth, false);
  switch (value.type) {
    case AST_NODE_TYPES.Literal:
      return true;
    case AST_NODE_TYPES.TemplateLiteral:
      return value.expressions.every((expression) => isFixedValue(expression, lookup, depth));
    case AST_NODE_TYPES.ConditionalExpression:
      return isFixedHere(value.consequent) && isFixedHere(value.alternate);
    case AST_NODE_TYPES.LogicalExpression:
      return value.operator !== "&&" && isFixedHere(value.left) && isFixedHere(value.right);
    case AST_NODE_TYPES.BinaryExpression:
      // A comparison is true or false; arithmetic on fixed values is fixed.
      return COMPARISON.has(value.operator) || (isFixedData(value.left) && isFixedData(value.right));
    case AST_NODE_TYPES.UnaryExpression:
      return value.operator === "!" || value.operator === "typeof" || (value.operator !== "delete" && isFixedData(value.argument));
    case AST_NODE_TYPES.ObjectExpression:
      // Prints as "[object Object]" unless it brings its own toString.
      return printed && value.properties.every((property) => property.type === AST_NODE_TYPES.Property && !(property.key.type === AST_NODE_TYPES.Identifier && property.key.name === "toString"));
    case AST_NODE_TYPES.ArrayExpression:
      return value.elements.length > 0 && value.elements.every((element) => element !== null && element.type !== AST_NODE_TYPES.SpreadElement && isFixedHere(element));
    case AST_NODE_TYPES.Identifier:
      return isNarrowedToLiteral(value) || isFixedIdentifier(value, lookup, depth, printed);
    case AST_NODE_TYPES.MemberExpression:
      return isNarrowedToLiteral(value) || isFixedMember(value, lookup, depth, printed);
    case AST_NODE_TYPES.CallExpression:
      return isFixedCall(value, lookup, depth);
    default:
      return false;
  }
}

/** `a.b.c` as a path of names, for comparing two reads of the same value. */
function readPath(node: TSESTree.Node): string | undefined {
  const inner = unwrapExpression(node);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name;
  if (inner.type === AST_NODE_TYPES.ThisExpression) return "this";
  if (inner.type !== AST_NODE_TYPES.MemberExpression || inner.computed) return undefined;
  const base = readPath(inner.object);
  const name = memberName(inner);
  return base === undefined || name === undefined ? undefined : `${base}.${name}`;
}

/** Whether `test` being true pins the value read at `path` to a literal: `x === 1`, `a && x === "b"`. */
function pinsToLiteral(test: TSESTree.Node, path: string): boolean {
  const node = unwrapExpression(test);
  if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator === "&&") return pinsToLiteral(node.left, path) || pinsToLiteral(node.right, path);
  // `if (section in Settings.PLUGINS)`: one of the keys of a registry the code writes out.
  if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === "in" && readPath(node.left) === path) return isFixedKeyRegistry(node.right);
  // `if (RELEVANT_EVENTS.has(event.type))`: one of a collection of literals the code writes out.
  if (isMembershipTest(node, path)) return true;
  if (node.type !== AST_NODE_TYPES.BinaryExpression || (node.operator !== "===" && node.operator !== "==")) return false;
  const [left, right] = [unwrapExpression(node.left), unwrapExpression(node.right)];
  return (right.type === AST_NODE_TYPES.Literal && readPath(left) === path) || (left.type === AST_NODE_TYPES.Literal && readPath(right) === path);
}

/**
 * A value the code around it has just compared equal to a literal: `times` in
 * `if (times === 1) log(\`attempt ${times}\`)`, `event.type` under `case "paid":`. Only within
 * one function: a callback may run after the value changed.
 */
/** An object literal of plain keys (no spread, no computed key): its keys are written in the code. */
function hasFixedKeys(node: TSESTree.Node | null | undefined): boolean {
  return (
    node?.type === AST_NODE_TYPES.ObjectExpression &&
    node.properties.every((property) => property.type === AST_NODE_TYPES.Property && !property.computed)
  );
}

/**
 * A registry whose keys the code writes out: a top-level `const PLUGINS = { … }` or
 * `Settings.PLUGINS = { … }` of plain keys, to whose keys nothing else assigns.
 */
function isFixedKeyRegistry(registry: TSESTree.Node): boolean {
  const path = readPath(registry);
  let program: TSESTree.Node = registry;
  while (program.parent) program = program.parent;
  if (path === undefined || program.type !== AST_NODE_TYPES.Program) return false;
  let defined = false;
  for (const node of descendants(program)) {
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.Identifier && node.id.name === path) {
      if ((node.parent as TSESTree.VariableDeclaration).kind !== "const" || !hasFixedKeys(node.init)) return false;
      defined = true;
    } else if (node.type === AST_NODE_TYPES.AssignmentExpression) {
      const target = readPath(node.left);
      const member = unwrapExpression(node.left);
      // `PLUGINS.extra = …`, `PLUGINS[name] = …`: keys added at run time.
      if (member.type === AST_NODE_TYPES.MemberExpression && readPath(member.object) === path) return false;
      if (target !== path) continue;
      if (defined || node.operator !== "=" || !hasFixedKeys(node.right)) return false;
      defined = true;
    }
  }
  return defined;
}

/** `HANDLED.has(path)`, `KINDS.includes(path)` of a collection of literals ({@link isLiteralCollection}). */
function isMembershipTest(test: TSESTree.Node, path: string): boolean {
  if (test.type !== AST_NODE_TYPES.CallExpression || test.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = memberName(test.callee);
  const [argument] = test.arguments;
  return (method === "has" || method === "includes") && argument !== undefined && readPath(argument) === path && isLiteralCollection(test.callee.object);
}

/** `new Set(["a", "b"])`, `["a", "b"] as const`: elements that are all literals. */
function hasLiteralElements(node: TSESTree.Node | null | undefined): boolean {
  if (!node) return false;
  const value = unwrapExpression(node);
  const array = value.type === AST_NODE_TYPES.NewExpression && value.callee.type === AST_NODE_TYPES.Identifier && value.callee.name === "Set" ? value.arguments[0] : value;
  return array?.type === AST_NODE_TYPES.ArrayExpression && array.elements.length > 0 && array.elements.every((element) => element?.type === AST_NODE_TYPES.Literal);
}

/** Methods of a Date that give one of a few parts: an hour of the day, a weekday, a month. */
const DATE_PARTS = new Set(["getHours", "getUTCHours", "getDay", "getUTCDay", "getMonth", "getUTCMonth"]);
/** Array methods that return one of the elements. */
const ELEMENT_PICKS = new Set(["find", "findLast", "at"]);

/** Array methods that call their callback with each element as its first argument. */
const ELEMENT_CALLBACKS = new Set(["map", "forEach", "filter", "flatMap", "some", "every", "find", "findIndex", "findLast", "findLastIndex"]);

const COLLECTION_MUTATORS = new Set(["add", "push", "unshift", "splice", "fill", "copyWithin"]);

/**
 * A `const` of the file holding a Set or array of literals that nothing adds to or reassigns:
 * `const relevantEvents = new Set(["product.created", "price.updated"])`.
 */
function isLiteralCollection(collection: TSESTree.Node): boolean {
  const value = unwrapExpression(collection);
  if (value.type !== AST_NODE_TYPES.Identifier) return false;
  let program: TSESTree.Node = value;
  while (program.parent) program = program.parent;
  let defined = false;
  for (const node of descendants(program)) {
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.Identifier && node.id.name === value.name) {
      if ((node.parent as TSESTree.VariableDeclaration).kind !== "const" || !hasLiteralElements(node.init)) return false;
      defined = true;
    } else if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression && readPath(node.callee.object) === value.name && COLLECTION_MUTATORS.has(memberName(node.callee) ?? "")) {
      return false;
    } else if (node.type === AST_NODE_TYPES.AssignmentExpression && readPath(unwrapExpression(node.left).type === AST_NODE_TYPES.MemberExpression ? (unwrapExpression(node.left) as TSESTree.MemberExpression).object : node.left) === value.name) {
      return false;
    }
  }
  return defined;
}

/** Whether `test` being false pins the value at `path` to a literal: `!HANDLED.has(x)`, `x !== "paid"`, `a || x !== "b"`, `x !== "a" && x !== "b"`. */
function negationPinsToLiteral(test: TSESTree.Node, path: string): boolean {
  const node = unwrapExpression(test);
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === "!") return pinsToLiteral(node.argument, path);
  if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator === "||") return negationPinsToLiteral(node.left, path) || negationPinsToLiteral(node.right, path);
  // `!(a && b)` is `!a || !b`: pinned either way only when both are.
  if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator === "&&") return negationPinsToLiteral(node.left, path) && negationPinsToLiteral(node.right, path);
  if (node.type !== AST_NODE_TYPES.BinaryExpression || (node.operator !== "!==" && node.operator !== "!=")) return false;
  const [left, right] = [unwrapExpression(node.left), unwrapExpression(node.right)];
  return (right.type === AST_NODE_TYPES.Literal && readPath(left) === path) || (left.type === AST_NODE_TYPES.Literal && readPath(right) === path);
}

/**
 * A statement before `statement` in its block that leaves it when `test` holds: `if
 * (!HANDLED.has(x)) return;` for a test whose failing pins `x`, `if (!TaskClass) throw …` for one
 * whose failing says the lookup found something.
 */
function isGuardedBefore(statement: TSESTree.Node, block: TSESTree.BlockStatement | TSESTree.Program, test: (node: TSESTree.Node) => boolean): boolean {
  const index = block.body.indexOf(statement as TSESTree.Statement);
  return block.body.slice(0, Math.max(index, 0)).some((previous) => previous.type === AST_NODE_TYPES.IfStatement && previous.alternate === null && endsCase(previous.consequent) && test(previous.test));
}

function isNarrowedToLiteral(node: TSESTree.Identifier | TSESTree.MemberExpression): boolean {
  const path = readPath(node);
  if (path === undefined) return false;
  let child: TSESTree.Node = node;
  for (let parent: TSESTree.Node | undefined = node.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.FunctionDeclaration || parent.type === AST_NODE_TYPES.FunctionExpression || parent.type === AST_NODE_TYPES.ArrowFunctionExpression) return false;
    if ((parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) && child === parent.consequent && pinsToLiteral(parent.test, path)) return true;
    if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.operator === "&&" && child === parent.right && pinsToLiteral(parent.left, path)) return true;
    if ((parent.type === AST_NODE_TYPES.BlockStatement || parent.type === AST_NODE_TYPES.Program) && isGuardedBefore(child, parent, (test) => negationPinsToLiteral(test, path))) return true;
    if (parent.type === AST_NODE_TYPES.SwitchCase && parent.test?.type === AST_NODE_TYPES.Literal && child !== parent.test) {
      const statement = parent.parent as TSESTree.SwitchStatement;
      // Cases that fall through into this one must compare with literals too (not `default:`).
      let literalsOnly = true;
      for (let index = statement.cases.indexOf(parent) - 1; index >= 0; index--) {
        const previous = statement.cases[index]!;
        const last = previous.consequent[previous.consequent.length - 1];
        if (last && endsCase(last)) break;
        if (previous.test?.type !== AST_NODE_TYPES.Literal) literalsOnly = false;
      }
      if (literalsOnly && readPath(statement.discriminant) === path) return true;
    }
  }
  return false;
}

function endsCase(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.BlockStatement) return statement.body.length > 0 && endsCase(statement.body[statement.body.length - 1]!);
  return statement.type === AST_NODE_TYPES.BreakStatement || statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement || statement.type === AST_NODE_TYPES.ContinueStatement;
}

/** `await testConnection(url)` of a function that returns `true` or throws: one of the literals it returns. */
function isAwaitedLiteralResult(node: TSESTree.Node, lookup: ValueLookup | undefined): boolean {
  let inner = unwrapExpression(node);
  while (inner.type === AST_NODE_TYPES.AwaitExpression) inner = unwrapExpression(inner.argument);
  return inner.type === AST_NODE_TYPES.CallExpression && lookup !== undefined && lookup.returnsOnlyLiterals(unwrapExpression(inner.callee));
}

/** `await this.getInstanceId()` of a method that returns only fixed values. */
function isAwaitedFixedResult(node: TSESTree.Node, lookup: ValueLookup | undefined, depth: number): boolean {
  let inner = unwrapExpression(node);
  while (inner.type === AST_NODE_TYPES.AwaitExpression) inner = unwrapExpression(inner.argument);
  return inner.type === AST_NODE_TYPES.CallExpression && lookup !== undefined && lookup.returnsFixed(inner, depth);
}

/** Every `return` of the function gives a literal (a string, number, boolean or null), and there is at least one. */
function onlyLiteralsReturned(fn: FunctionNode): boolean {
  const returned = returnedExpressions(fn);
  return returned.length > 0 && returned.every((value) => unwrapExpression(value).type === AST_NODE_TYPES.Literal);
}

const literalReturningFunctions = projectMemo<boolean>();

/** Whether the top-level function `name` of the module `file` (declared, or a `const` holding one) returns only literals. */
function moduleFunctionReturnsOnlyLiterals(file: string, name: string): boolean {
  return literalReturningFunctions(`${file}\u0000${name}`, () => {
    if (!sourceText(file)?.includes(name)) return false;
    for (const node of parsedModule(file)?.body ?? []) {
      const statement = node.type === AST_NODE_TYPES.ExportNamedDeclaration && node.declaration ? node.declaration : node;
      if (statement.type === AST_NODE_TYPES.FunctionDeclaration && statement.id?.name === name) return onlyLiteralsReturned(statement);
      if (statement.type !== AST_NODE_TYPES.VariableDeclaration || statement.kind !== "const") continue;
      for (const declarator of statement.declarations) {
        if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === name && declarator.init && isFunctionNode(declarator.init)) {
          return onlyLiteralsReturned(declarator.init);
        }
      }
    }
    return false;
  });
}

/**
 * A variable named like the settings (`config`) that holds a record the code loads per call:
 * `const config = await models.configs.getByKey(key)`. Its fields differ from call to call,
 * unlike the deployment's settings (`await loadConfig()` of a loader that keeps what it loads is
 * still the settings).
 */
function isRecordNamedLikeSettings(member: TSESTree.MemberExpression, lookup: ValueLookup | undefined, depth: number): boolean {
  const root = chainRoot(member);
  if (!root || !lookup || depth >= 3 || !SETTINGS_NAME.test(root.name)) return false;
  const init = lookup.constant(root);
  return init !== undefined && containsAwait(init) && !isAwaitedSetting(init, lookup, depth + 1);
}

/** `await Settings.get("retention")`, `await setting("timezone")`: one named setting, read from where the deployment keeps them. */
function isAwaitedSetting(node: TSESTree.Node, lookup: ValueLookup | undefined, depth: number): boolean {
  let inner = unwrapExpression(node);
  while (inner.type === AST_NODE_TYPES.AwaitExpression) inner = unwrapExpression(inner.argument);
  // `await loadConfig()` of a loader that caches what it loads: the same value for the life of the process.
  if (inner.type === AST_NODE_TYPES.CallExpression && inner.callee.type === AST_NODE_TYPES.Identifier && lookup?.isMemoisedLoader(inner.callee)) return true;
  if (inner.type !== AST_NODE_TYPES.CallExpression || inner.arguments.length === 0 || !inner.arguments.every((argument) => isFixedValue(argument, lookup, depth, false))) return false;
  const callee = unwrapExpression(inner.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return SETTING_FUNCTION.test(callee.name);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return false;
  const owner = objectName(callee.object);
  return SETTINGS_GETTER.test(memberName(callee) ?? "") && owner !== undefined && SETTINGS_NAME.test(owner);
}

function containsAwait(node: TSESTree.Node): boolean {
  let current = node;
  while (current.type !== AST_NODE_TYPES.AwaitExpression) {
    const inner = unwrapExpression(current);
    if (inner === current) return false;
    // One wrapper at a time: `(await x)!`, `await x as T`.
    current = "expression" in current ? (current.expression as TSESTree.Node) : inner;
  }
  return true;
}

/** Last words of tuning knobs: a batch `limit`, a `timeout`, a `concurrency`, a `ttl`. */
const KNOB_WORDS = new Set(["limit", "concurrency", "interval", "timeout", "ttl", "retries"]);

/**
 * A value named as a tuning knob (`limit`, `batchLimit`, `maxRetries`, `requestTimeout`): set by
 * configuration or a scheduler, one of a few per deployment, never an identifier or personal data.
 */
function isKnobName(name: string | undefined): boolean {
  const words = name === undefined ? [] : nameWords(name);
  return words.length > 0 && KNOB_WORDS.has(words[words.length - 1]!.toLowerCase());
}

/**
 * A value named as a status (`status`, `res.statusCode`, `response.statusText`, `orderStatus`):
 * an HTTP status or a state of a record, one of a handful of values, never an identifier.
 */
function isStatusName(name: string | undefined): boolean {
  const words = name === undefined ? [] : nameWords(name).map((word) => word.toLowerCase());
  const last = words[words.length - 1];
  // `method`, `req.method`, `httpMethod`: an HTTP method, one of a handful. Not `paymentMethod`: Stripe's is an id.
  const isHttpMethod = last === "method" && (words.length === 1 || ["http", "request", "req"].includes(words[words.length - 2]!));
  return last === "status" || isHttpMethod || (words[words.length - 2] === "status" && (last === "code" || last === "text"));
}

function isFixedIdentifier(identifier: TSESTree.Identifier, lookup: ValueLookup | undefined, depth: number, printed: boolean): boolean {
  if (isConstantName(identifier) || isKnobName(identifier.name) || isStatusName(identifier.name)) return true;
  if (!lookup || depth >= 3) return false;
  if (["__dirname", "__filename", "undefined", "NaN", "Infinity"].includes(identifier.name) && lookup.isModuleOrGlobal(identifier)) return true;
  if (lookup.isFewValued(identifier) || lookup.isBoundedCounter(identifier) || lookup.isRegistryKey(identifier) || (printed && lookup.printsAsObject(identifier))) return true;
  const init = lookup.constant(identifier);
  if (init) return isFixedValue(init, lookup, depth + 1, printed);
  // `let period = await Settings.get("days"); if (period == null) period = DEFAULT;`: fixed whichever it keeps.
  const values = lookup.assignedValues(identifier);
  const isFixedAssignment = (value: TSESTree.Node) => isFixedValue(value, lookup, depth + 1, printed) || lookup.loadsOnce(value) || (isLiteralValue(value) && lookup.isNeverMutated(identifier));
  if (values && values.length > 0 && values.every(isFixedAssignment)) return true;
  if (lookup.isCapturedFromOnce(identifier)) return true;
  // A parameter every call of its function gives a fixed value: `warnWrite("CREATE")`, `warnWrite("DELETE")`.
  const passed = lookup.argumentsPassed(identifier);
  if (passed && passed.every((value) => isFixedValue(value, lookup, depth + 1, printed))) return true;
  // `for (const name of env.SERVICES)`: each element of a fixed list.
  const list = lookup.loopedOver(identifier);
  return list !== undefined && isFixedValue(list, lookup, depth + 1, printed);
}

function isFixedMember(member: TSESTree.MemberExpression, lookup: ValueLookup | undefined, depth: number, printed: boolean): boolean {
  if ((isProcessSetting(member) && !isRecordNamedLikeSettings(member, lookup, depth)) || (!member.computed && (isKnobName(memberName(member)) || isStatusName(memberName(member))))) return true;
  // `this.constructor.name`: the name of one of the classes in the code.
  const object = unwrapExpression(member.object);
  if (memberName(member) === "name" && object.type === AST_NODE_TYPES.MemberExpression && memberName(object) === "constructor") return true;
  if (!lookup || depth >= 3) return false;
  if (member.object.type === AST_NODE_TYPES.ThisExpression) {
    const initial = lookup.configuredField(member);
    if (initial && isFixedValue(initial, lookup, depth + 1, false)) return true;
    if (lookup.isSetOncePerProcess(member) || lookup.isNeverSet(member)) return true;
  }
  if (lookup.isEnumMember(member) || lookup.isFewValued(member) || lookup.isProviderEnumeration(member) || lookup.isOwnErrorMessage(member) || (printed && lookup.printsAsObject(member))) return true;
  if (lookup.isImportedStaticConstant(member)) return true;
  // `provider.name` of an element of a constant catalogue, `options.region` of a constant object.
  return !member.computed && member.object.type === AST_NODE_TYPES.Identifier && isFixedValue(member.object, lookup, depth, false);
}

/** Answers of isStaticConstantIn for the project as it was read. */
const staticConstants = projectMemo<boolean>();

/**
 * Whether the module named after class `className` in the project declares it with
 * `static property = <literal>` and never assigns the field: `static expiryDays = 15`.
 */
function isStaticConstantIn(file: string, className: string, property: string): boolean {
  const root = searchRootOf(file);
  if (!root) return false;
  return staticConstants(`${root}\u0000${className}.${property}`, () => {
    let known = false;
    const assigned = new RegExp(`(?:${escapeRegExp(className)}|this)\\s*\\.\\s*${escapeRegExp(property)}\\s*(?:=[^=]|\\+\\+|--|[-+*/]=)`, "u");
    for (const candidate of filesNamed(root, className) ?? []) {
      const text = sourceText(candidate);
      if (!text?.includes(`static ${property}`) || assigned.test(text)) continue;
      const program = parsedModule(candidate);
      for (const node of program?.body ?? []) {
        const declaration = node.type === AST_NODE_TYPES.ExportNamedDeclaration || node.type === AST_NODE_TYPES.ExportDefaultDeclaration ? node.declaration : node;
        if (declaration?.type !== AST_NODE_TYPES.ClassDeclaration || declaration.id?.name !== className) continue;
        known = declaration.body.body.some(
          (member) =>
            member.type === AST_NODE_TYPES.PropertyDefinition &&
            member.static &&
            !member.computed &&
            member.key.type === AST_NODE_TYPES.Identifier &&
            member.key.name === property &&
            member.value !== null &&
            isLiteralValue(member.value),
        );
      }
      if (known) break;
    }
    return known;
  });
}

function isFixedCall(call: TSESTree.CallExpression, lookup: ValueLookup | undefined, depth: number): boolean {
  const callee = unwrapExpression(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier && (lookup?.isMemoisedLoader(callee) || lookup?.returnsOnlyLiterals(callee))) return true;
  if (lookup?.returnsFixed(call, depth)) return true;
  const isFixedArgument = (child: TSESTree.Node) => isFixedValue(child, lookup, depth, false);
  if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed) {
    const method = memberName(callee) ?? "";
    // `date.getHours()`: an hour, a weekday or a month, one of a couple dozen at most.
    if (DATE_PARTS.has(method) && call.arguments.length === 0) return true;
    // `routes.find(…)`, `list.at(0)`: an element of a fixed list is fixed.
    if (ELEMENT_PICKS.has(method) && lookup && isFixedValue(callee.object, lookup, depth, false)) return true;
    const owner = objectName(callee.object);
    // `configService.get("PORT")`, `this.config.get("URL")`.
    if (SETTINGS_GETTER.test(method) && owner !== undefined && SETTINGS_NAME.test(owner) && call.arguments.every(isFixedArgument)) return true;
    // `process.cwd()`, `os.hostname()`.
    if (call.arguments.length === 0 && owner !== undefined && PROCESS_CALLS[owner]?.has(method)) {
      const root = chainRoot(callee.object);
      return !lookup || (root !== undefined && lookup.isModuleOrGlobal(root));
    }
    if (CONVERSIONS.has(method) && call.arguments.every(isFixedArgument) && isFixedValue(callee.object, lookup, depth, false)) return true;
  }
  if (call.arguments.length === 0 || !call.arguments.every(isFixedArgument) || !isNameChain(callee)) return false;
  // A function of a module (`chalk.green("Done")`, `path.resolve(__dirname, "gen")`), not a method of a value that varies (`channel.replace(PREFIX, "")`).
  const root = chainRoot(callee);
  return !lookup || (root !== undefined && lookup.isModuleOrGlobal(root));
}

const require = createRequire(import.meta.url);
let typeFlags: typeof ts.TypeFlags | undefined;

/** With type information: a boolean, an enum, a literal, or a union of those. */
function isFewValuedType(type: ts.Type): boolean {
  // TypeScript is loaded already when a program exists; its flags are read from it.
  typeFlags ??= (require("typescript") as typeof ts).TypeFlags;
  const FEW = typeFlags.BooleanLike | typeFlags.EnumLike | typeFlags.StringLiteral | typeFlags.NumberLiteral | typeFlags.Undefined | typeFlags.Null;
  if (type.isUnion()) return type.types.every((part) => (part.flags & FEW) !== 0);
  return (type.flags & FEW) !== 0;
}

interface ClassFields {
  /** Non-static fields declared with an initializer. */
  initial: Map<string, TSESTree.Node>;
  /** Fields assigned (`this.x = …`, `this.x++`) outside the constructor. */
  reassigned: Set<string>;
  /** Every write of each field (`this.x = …`, `this.x++`), the constructor's included. */
  writes: Map<string, TSESTree.Node[]>;
}

function isThisMember(node: TSESTree.Node): node is TSESTree.MemberExpression {
  return node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression && !node.computed;
}

function fieldsOf(body: TSESTree.ClassBody): ClassFields {
  const initial = new Map<string, TSESTree.Node>();
  const reassigned = new Set<string>();
  for (const element of body.body) {
    if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.static && !element.computed && element.value) {
      const name = element.key.type === AST_NODE_TYPES.Identifier || element.key.type === AST_NODE_TYPES.PrivateIdentifier ? element.key.name : undefined;
      if (name !== undefined) initial.set(name, element.value);
    }
  }
  const writes = new Map<string, TSESTree.Node[]>();
  const visit = (node: TSESTree.Node, inConstructor: boolean): void => {
    const target = node.type === AST_NODE_TYPES.AssignmentExpression ? node.left : node.type === AST_NODE_TYPES.UpdateExpression ? node.argument : undefined;
    if (target && isThisMember(target)) {
      const name = memberName(target);
      if (name !== undefined) {
        if (!inConstructor) reassigned.add(name);
        writes.set(name, [...(writes.get(name) ?? []), node]);
      }
    }
    const isConstructor = node.type === AST_NODE_TYPES.MethodDefinition && node.kind === "constructor";
    for (const child of childNodes(node)) visit(child, inConstructor || isConstructor);
  };
  visit(body, false);
  return { initial, reassigned, writes };
}

/** The lookup for one file; class fields are read once per class. */
/**
 * The declared type a destructured name comes from, and the properties read on the way:
 * `event` of `({ event }: Props)` is `Props` read through `event`; `name` of
 * `({ job: { name } }: Props)` through `job` and `name`.
 */
function destructuredFrom(identifier: TSESTree.Identifier): { annotation: TSESTree.TypeNode; path: string[] } | undefined {
  const path: string[] = [];
  let node: TSESTree.Node = identifier;
  if (node.parent?.type === AST_NODE_TYPES.AssignmentPattern && node.parent.left === node) node = node.parent;
  for (;;) {
    const property: TSESTree.Node | undefined = node.parent;
    if (property?.type !== AST_NODE_TYPES.Property || property.value !== node || property.computed) return undefined;
    const key = propertyName(property.key, false);
    const pattern: TSESTree.Node | undefined = property.parent;
    if (key === undefined || pattern?.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
    path.unshift(key);
    const annotation = pattern.typeAnnotation?.typeAnnotation;
    if (annotation) return { annotation, path };
    node = pattern;
  }
}

/** Calls that write a log line, which raise no error of their own: `log.debug(…)`, `logger.warn(…)`. */
function isLogLine(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const callee = unwrapExpression(call.callee);
  return (
    call.type === AST_NODE_TYPES.CallExpression &&
    callee.type === AST_NODE_TYPES.MemberExpression &&
    /^(?:log|logger|console)$/u.test(objectName(callee.object) ?? "") &&
    ["trace", "debug", "info", "log", "warn", "error"].includes(memberName(callee) ?? "")
  );
}

/** What an error's message may be made of to be fixed once its parameters are: text, joined, and values read from them. */
const MESSAGE_PARTS = new Set<string>([AST_NODE_TYPES.Literal, AST_NODE_TYPES.TemplateLiteral, AST_NODE_TYPES.TemplateElement, AST_NODE_TYPES.BinaryExpression, AST_NODE_TYPES.MemberExpression]);

/** The statements and expressions of a function's own code, not of the functions inside it. */
function* ownNodes(root: TSESTree.Node): Generator<TSESTree.Node> {
  const stack = [...childNodes(root)];
  while (stack.length > 0) {
    const node = stack.pop()!;
    yield node;
    if (!isFunctionNode(node)) stack.push(...childNodes(node));
  }
}

/** `new Error(message)`, `new ValidationError(message)`: the message an error is made with. */
function errorMessageOf(thrown: TSESTree.Node | null): TSESTree.Node | undefined {
  const value = thrown && unwrapExpression(thrown);
  if (value?.type !== AST_NODE_TYPES.NewExpression || value.callee.type !== AST_NODE_TYPES.Identifier || !value.callee.name.endsWith("Error")) return undefined;
  return value.arguments[0];
}

/**
 * Whether objects of a class may hold the field `name`: the class or a class it extends declares
 * it (a field, a method, an accessor) or writes it (`this.org = …`), or cannot be read whole (a
 * superclass from a package, `Object.assign(this, …)`).
 */
function mayHaveField(file: string, node: ClassNode, name: string, program: TSESTree.Program, depth = 0): boolean {
  for (const child of descendants(node.body)) {
    if (declaresField(child, name)) return true;
    if (child.type === AST_NODE_TYPES.MemberExpression && child.object.type === AST_NODE_TYPES.ThisExpression && memberName(child) === name) {
      const write = child.parent;
      if ((write?.type === AST_NODE_TYPES.AssignmentExpression && write.left === child) || write?.type === AST_NODE_TYPES.UpdateExpression) return true;
    }
    if (child.type === AST_NODE_TYPES.ThisExpression && child.parent?.type === AST_NODE_TYPES.CallExpression && child.parent.arguments[0] === child) return true;
    if (child.type === AST_NODE_TYPES.ThisExpression && child.parent?.type === AST_NODE_TYPES.MemberExpression && child.parent.computed) return true;
  }
  if (!node.superClass) return false;
  const parent = depth < 4 ? superclassOf(node, file, program) : undefined;
  return !parent || mayHaveField(parent.file, parent.node, name, parent.program, depth + 1);
}

/** Whether a module assigns a property `name` of any object (`plugin.org = …`) or declares it in a class (`org = "acme"`, `constructor(private org: string)`). */
function setsField(program: TSESTree.Program, name: string): boolean {
  for (const node of descendants(program)) {
    const target = node.type === AST_NODE_TYPES.AssignmentExpression ? node.left : node.type === AST_NODE_TYPES.UpdateExpression ? node.argument : undefined;
    if (target?.type === AST_NODE_TYPES.MemberExpression && !target.computed && memberName(target) === name) return true;
    if (declaresField(node, name)) return true;
  }
  return false;
}

/** A class member named `name`: a field, a method or accessor, or a constructor's `private org: string`. */
function declaresField(node: TSESTree.Node, name: string): boolean {
  if ((node.type === AST_NODE_TYPES.PropertyDefinition || node.type === AST_NODE_TYPES.MethodDefinition) && !node.computed) return propertyName(node.key, false) === name;
  if (node.type !== AST_NODE_TYPES.TSParameterProperty) return false;
  const parameter = node.parameter.type === AST_NODE_TYPES.AssignmentPattern ? node.parameter.left : node.parameter;
  return parameter.type === AST_NODE_TYPES.Identifier && parameter.name === name;
}

/** Stands for a value another module passes that was found fixed there. */
const FIXED_ELSEWHERE = { type: AST_NODE_TYPES.Literal, value: null, raw: "null" } as TSESTree.NullLiteral;

/** Stripe's SDK: what verifies a webhook and returns its event. */
const STRIPE_EVENT_CALLS = new Set(["constructEvent", "constructEventAsync"]);

/** What a registry of code maps names to, by the last word of the name it is looked up into: `configValidator`, `eventHandler`, `authStrategy`. */
const CODE_OBJECT_WORDS = new Set(["class", "constructor", "handler", "validator", "processor", "plugin", "strategy", "factory", "adapter", "resolver", "parser", "formatter", "serializer", "renderer", "command", "middleware"]);

/**
 * A class or another piece of code by how its name is written and used: `TaskClass`, a PascalCase
 * name given to `new`, `configValidator`.
 */
function isCodeObjectName(declared: TSESTree.Identifier, references: readonly TSESLint.Scope.Reference[]): boolean {
  // By its end, for names written in one word: `overridevalidator`.
  const lower = declared.name.toLowerCase();
  if ([...CODE_OBJECT_WORDS].some((word) => lower.endsWith(word))) return true;
  return /^[A-Z][a-z0-9]/u.test(declared.name) && references.some(({ identifier }) => identifier.parent?.type === AST_NODE_TYPES.NewExpression && identifier.parent.callee === identifier);
}

/** `found`, or an `&&` with it: true only when `found` holds a value. */
function testsFound(test: TSESTree.Node, name: string): boolean {
  const node = unwrapExpression(test);
  if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator === "&&") return testsFound(node.left, name) || testsFound(node.right, name);
  return node.type === AST_NODE_TYPES.Identifier && node.name === name;
}

/** Whether `node` runs only when `name` holds a value: under `if (found)`, or after `if (!found) throw …` in a block around it. */
function isFoundAt(node: TSESTree.Node, name: string): boolean {
  let child: TSESTree.Node = node;
  for (let parent: TSESTree.Node | undefined = node.parent; parent; child = parent, parent = parent.parent) {
    if ((parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) && child === parent.consequent && testsFound(parent.test, name)) return true;
    if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.operator === "&&" && child === parent.right && testsFound(parent.left, name)) return true;
    if ((parent.type === AST_NODE_TYPES.BlockStatement || parent.type === AST_NODE_TYPES.Program) && isGuardedBefore(child, parent, (test) => testsMissing(test, name))) return true;
  }
  return false;
}

/** `!found`, `found == null`, `found === undefined`, or an `||` with one of those: false only when `found` holds a value. */
function testsMissing(test: TSESTree.Node, name: string): boolean {
  const node = unwrapExpression(test);
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === "!") return unwrapExpression(node.argument).type === AST_NODE_TYPES.Identifier && (unwrapExpression(node.argument) as TSESTree.Identifier).name === name;
  if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator === "||") return testsMissing(node.left, name) || testsMissing(node.right, name);
  if (node.type !== AST_NODE_TYPES.BinaryExpression || (node.operator !== "==" && node.operator !== "===")) return false;
  const [left, right] = [unwrapExpression(node.left), unwrapExpression(node.right)];
  const isMissing = (side: TSESTree.Node) => (side.type === AST_NODE_TYPES.Literal && side.value === null) || (side.type === AST_NODE_TYPES.Identifier && side.name === "undefined");
  const isName = (side: TSESTree.Node) => side.type === AST_NODE_TYPES.Identifier && side.name === name;
  return (isName(left) && isMissing(right)) || (isName(right) && isMissing(left));
}

/**
 * The value a variable holds where `read` reads it, when the last statement before the read that
 * writes it always runs to the end: `event = stripe.webhooks.constructEvent(…)` in a `try` whose
 * `catch` leaves, after `let event = req.body`. Undefined when that write may not have happened
 * (under an `if`, in a loop, in another function).
 */
function dominatingValue(read: TSESTree.Identifier, variable: TSESLint.Scope.Variable): TSESTree.Node | undefined {
  const writes = variable.references.filter((reference) => reference.isWrite()).map((reference) => reference.identifier);
  const writesIn = (node: TSESTree.Node) => writes.some((write) => isInside(write, node));
  const valueOf = (statement: TSESTree.Statement): TSESTree.Node | undefined => {
    if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      const declarator = statement.declarations.find((candidate) => candidate.id.type === AST_NODE_TYPES.Identifier && candidate.id.name === read.name);
      return declarator?.init ?? undefined;
    }
    if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
      const write = statement.expression;
      return write.type === AST_NODE_TYPES.AssignmentExpression && write.operator === "=" && write.left.type === AST_NODE_TYPES.Identifier && write.left.name === read.name ? write.right : undefined;
    }
    // `try { …; event = verify(…) } catch { return … }`: past the statement only if the try ran to its end.
    if (statement.type === AST_NODE_TYPES.TryStatement && statement.handler && endsCase(statement.handler.body) && !(statement.finalizer && writesIn(statement.finalizer)) && !writesIn(statement.handler)) {
      const last = [...statement.block.body].reverse().find(writesIn);
      return last && valueOf(last);
    }
    return undefined;
  };
  let child: TSESTree.Node = read;
  for (let parent: TSESTree.Node | undefined = read.parent; parent && !isFunctionNode(parent); child = parent, parent = parent.parent) {
    if (parent.type !== AST_NODE_TYPES.BlockStatement && parent.type !== AST_NODE_TYPES.Program) continue;
    const before = parent.body.slice(0, Math.max(parent.body.indexOf(child as TSESTree.Statement), 0));
    const last = before.reverse().find(writesIn);
    if (last) return valueOf(last);
  }
  return undefined;
}

export function fixedValueLookup(context: Context): ValueLookup {
  const sourceCode = context.sourceCode;
  const classes = new WeakMap<TSESTree.ClassBody, ClassFields>();
  const variableOf = (identifier: TSESTree.Identifier) => ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  const onlyDefinition = (identifier: TSESTree.Identifier) => {
    const variable = variableOf(identifier);
    return variable?.defs.length === 1 ? variable.defs[0] : undefined;
  };
  /** The initial value of a constant or of a class field never assigned again (`MAX_RETRIES`, `this.maxRetries`). */
  const constantOf = (node: TSESTree.Node): TSESTree.Node | undefined => {
    const inner = unwrapExpression(node);
    if (inner.type === AST_NODE_TYPES.Identifier) return lookup.constant(inner);
    return inner.type === AST_NODE_TYPES.MemberExpression && inner.object.type === AST_NODE_TYPES.ThisExpression ? lookup.configuredField(inner) : undefined;
  };
  /**
   * The annotation a value's declaration gives it, and the properties read from there:
   * `event.data.type` with a parameter `event: IEvent` is IEvent through `data`, `type`;
   * `this.service` is the field's annotation.
   */
  const declaredTypeOf = (node: TSESTree.Node): { annotation: TSESTree.TypeNode; properties: string[] } | undefined => {
    const properties: string[] = [];
    let current = unwrapExpression(node);
    while (current.type === AST_NODE_TYPES.MemberExpression && !current.computed && current.object.type !== AST_NODE_TYPES.ThisExpression) {
      const name = memberName(current);
      if (name === undefined) return undefined;
      properties.unshift(name);
      current = unwrapExpression(current.object);
    }
    if (current.type === AST_NODE_TYPES.MemberExpression && !current.computed) {
      const name = memberName(current);
      const body = classBodyOfThis(current);
      const field = body?.body.find(
        (member): member is TSESTree.PropertyDefinition =>
          member.type === AST_NODE_TYPES.PropertyDefinition && !member.computed && member.key.type === AST_NODE_TYPES.Identifier && member.key.name === name,
      );
      const annotation = field?.typeAnnotation?.typeAnnotation;
      return annotation && { annotation, properties };
    }
    if (current.type !== AST_NODE_TYPES.Identifier) return undefined;
    const definition = onlyDefinition(current);
    const declared =
      definition?.type === "Parameter" ? definition.name : definition?.type === "Variable" && definition.node.id.type === AST_NODE_TYPES.Identifier ? definition.node.id : undefined;
    const annotation = declared?.type === AST_NODE_TYPES.Identifier ? declared.typeAnnotation?.typeAnnotation : undefined;
    if (annotation) return { annotation, properties };
    // `perform({ event }: Props)`: a name destructured from a declared object, the property of its type.
    if (definition?.type === "Parameter" || definition?.type === "Variable") {
      const pattern = destructuredFrom(definition.name as TSESTree.Identifier);
      if (pattern) return { annotation: pattern.annotation, properties: [...pattern.path, ...properties] };
    }
    // `const event = job.data as Event`: a `const` declared by the assertion of its value.
    const init = definition?.type === "Variable" && definition.parent.kind === "const" ? definition.node.init : undefined;
    const asserted = init?.type === AST_NODE_TYPES.TSAsExpression || init?.type === AST_NODE_TYPES.TSTypeAssertion ? init.typeAnnotation : undefined;
    return asserted && { annotation: asserted, properties };
  };
  /**
   * The arguments the calls of a class's method pass at `index`, when every call is
   * `this.method(…)` in its own class and nothing else in the project calls a function of that
   * name (for a `private` or `#` method, nothing else can): `this.compileTemplate("reset-password", …)`.
   */
  const methodArguments = (method: TSESTree.MethodDefinition, index: number): TSESTree.Node[] | undefined => {
    if (method.kind !== "method" || method.static || method.computed) return undefined;
    const key = method.key;
    const name = key.type === AST_NODE_TYPES.Identifier || key.type === AST_NODE_TYPES.PrivateIdentifier ? key.name : undefined;
    const body = method.parent;
    if (name === undefined || body?.type !== AST_NODE_TYPES.ClassBody) return undefined;
    if (key.type !== AST_NODE_TYPES.PrivateIdentifier && method.accessibility !== "private") {
      const root = searchRootOf(context.filename);
      const callers = root === undefined ? undefined : filesCalling(root, name);
      if (!callers || callers.some((file) => file !== context.filename)) return undefined;
    }
    const values: TSESTree.Node[] = [];
    let uses = 0;
    for (const node of descendants(body)) {
      if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed || memberName(node) !== name) continue;
      uses++;
      const call = node.parent;
      if (node.object.type !== AST_NODE_TYPES.ThisExpression || call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== node) return undefined;
      const argument = call.arguments[index];
      if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return undefined;
      values.push(argument);
    }
    // Any mention of the name outside the class (another class's method of that name included) may be another call.
    const mentions = sourceCode.text.split(new RegExp(`(?<![\\w$])${escapeRegExp(name)}(?![\\w$])`, "u")).length - 1;
    return values.length > 0 && mentions === uses + 1 ? values : undefined;
  };
  /** `Stripe.PaymentIntent`: a type the `stripe` package declares. */
  const isStripeType = (annotation: TSESTree.TypeNode): annotation is TSESTree.TSTypeReference => {
    if (annotation.type !== AST_NODE_TYPES.TSTypeReference) return false;
    let root: TSESTree.EntityName = annotation.typeName;
    while (root.type === AST_NODE_TYPES.TSQualifiedName) root = root.left;
    return root.type === AST_NODE_TYPES.Identifier && root !== annotation.typeName && resolveImport(context, root)?.module === "stripe";
  };
  const fieldsOfThis = (member: TSESTree.MemberExpression): ClassFields | undefined => {
    const body = classBodyOfThis(member);
    if (!body) return undefined;
    let fields = classes.get(body);
    if (!fields) classes.set(body, (fields = fieldsOf(body)));
    return fields;
  };
  /**
   * Whether the only errors a call of `fn` raises are its own `throw new Error(…)` made from
   * literals and from parameters the call passes fixed values for; every other call in it sits in
   * a `try` whose `catch` only throws such errors.
   */
  const raisesOnlyOwnFixedErrors = (fn: FunctionNode, call: TSESTree.CallExpression, depth: number): boolean => {
    const isFixedMessage = (message: TSESTree.Node | undefined): boolean => {
      if (!message) return false;
      return [message, ...descendants(message)].every((part) => {
        if (part.type === AST_NODE_TYPES.Identifier && part.parent?.type === AST_NODE_TYPES.MemberExpression && part.parent.property === part && !part.parent.computed) return true;
        if (part.type !== AST_NODE_TYPES.Identifier) return MESSAGE_PARTS.has(part.type);
        const index = fn.params.findIndex((param) => param.type === AST_NODE_TYPES.Identifier && param.name === part.name);
        const argument = call.arguments[index];
        return index >= 0 && argument !== undefined && argument.type !== AST_NODE_TYPES.SpreadElement && isFixedValue(argument, lookup, depth + 1, false);
      });
    };
    const caught = new Set<TSESTree.Node>();
    for (const node of ownNodes(fn.body)) {
      if (node.type === AST_NODE_TYPES.TryStatement) {
        if (!node.handler || node.finalizer) return false;
        // What the try block calls is caught; its catch may only throw errors of its own.
        caught.add(node.block);
      } else if (node.type === AST_NODE_TYPES.ThrowStatement) {
        if (!isFixedMessage(errorMessageOf(node.argument))) return false;
      } else if ((node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) && !isLogLine(node)) {
        const isThrown = node.parent?.type === AST_NODE_TYPES.ThrowStatement;
        if (!isThrown && ![...caught].some((block) => isInside(node, block))) return false;
      }
    }
    return true;
  };
  const lookup: ValueLookup = {
    isNeverSet(member) {
      const name = memberName(member);
      const body = classBodyOfThis(member);
      const owner = body?.parent;
      if (member.computed || name === undefined || (owner?.type !== AST_NODE_TYPES.ClassDeclaration && owner?.type !== AST_NODE_TYPES.ClassExpression)) return false;
      if (mayHaveField(context.filename, owner, name, sourceCode.ast)) return false;
      // An object of the class handed to other code may be given the field there (`rulesets.org = …`),
      // and a class extending it (which imports it) may declare it: `org = "acme";`, `private org: string`.
      const importers = importersOf(context.filename, [name]);
      return importers !== undefined && importers.every((file) => {
        const program = parsedModule(file);
        return program !== undefined && !setsField(program, name);
      });
    },
    isOwnErrorMessage(member) {
      const error = unwrapExpression(member.object);
      if (member.computed || memberName(member) !== "message" || error.type !== AST_NODE_TYPES.Identifier) return false;
      const definition = onlyDefinition(error);
      const attempt = definition?.type === "CatchClause" ? definition.node.parent : undefined;
      if (attempt?.type !== AST_NODE_TYPES.TryStatement) return false;
      let calls = 0;
      for (const node of ownNodes(attempt.block)) {
        if (node.type === AST_NODE_TYPES.ThrowStatement) {
          const message = errorMessageOf(node.argument);
          if (!message || !isFixedValue(message, lookup, 1, false)) return false;
          continue;
        }
        if (node.type === AST_NODE_TYPES.NewExpression && node.parent?.type === AST_NODE_TYPES.ThrowStatement) continue;
        if ((node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression) || isLogLine(node)) continue;
        // `this.checkTimezone(tz)`, `checkTimezone(tz)`: a method of the class or a function of the file.
        const callee = unwrapExpression(node.callee);
        const method =
          callee.type === AST_NODE_TYPES.MemberExpression && isThisMember(callee)
            ? classBodyOfThis(callee)?.body.find(
                (element): element is TSESTree.MethodDefinition => element.type === AST_NODE_TYPES.MethodDefinition && element.kind === "method" && !element.computed && propertyName(element.key, false) === memberName(callee),
              )?.value
            : resolveLocalFunction(context, callee);
        if (node.type !== AST_NODE_TYPES.CallExpression || !isFunctionNode(method) || !raisesOnlyOwnFixedErrors(method, node, 1)) return false;
        calls++;
      }
      return calls > 0;
    },
    isRegistryKey(identifier) {
      const variable = variableOf(identifier);
      const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (!variable || !definition) return false;
      const loop = definition.type === "Variable" && definition.parent.parent?.type === AST_NODE_TYPES.ForInStatement && definition.parent.parent.left === definition.parent ? definition.parent.parent : undefined;
      return variable.references.some(({ identifier: key }) => {
        // `const TaskClass = tasks[name]`
        const found = key.parent;
        const declarator = found?.parent;
        if (found?.type !== AST_NODE_TYPES.MemberExpression || !found.computed || found.property !== key) return false;
        if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== found || declarator.id.type !== AST_NODE_TYPES.Identifier) return false;
        const registry = readPath(found.object);
        if (registry === undefined || !isCodeObjectName(declarator.id, variableOf(declarator.id)?.references ?? [])) return false;
        return (loop !== undefined && readPath(loop.right) === registry) || isFoundAt(identifier, declarator.id.name);
      });
    },
    isProviderEnumeration(member) {
      const name = memberName(member);
      if (member.computed || (name !== "type" && name !== "object")) return false;
      const declared = declaredTypeOf(member);
      if (declared && isStripeType(declared.annotation)) {
        const typeName = declared.annotation.typeName;
        const isEvent = typeName.type === AST_NODE_TYPES.TSQualifiedName && typeName.right.name === "Event";
        return name === "object" || (isEvent && declared.properties.length === 1);
      }
      const object = unwrapExpression(member.object);
      if (name !== "type" || object.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = variableOf(object);
      const value = variable ? unwrapExpression(dominatingValue(object, variable) ?? object) : object;
      const call = value.type === AST_NODE_TYPES.AwaitExpression ? unwrapExpression(value.argument) : value;
      return call.type === AST_NODE_TYPES.CallExpression && call.callee.type === AST_NODE_TYPES.MemberExpression && STRIPE_EVENT_CALLS.has(memberName(call.callee) ?? "");
    },
    constant(identifier) {
      const definition = onlyDefinition(identifier);
      if (definition?.type !== "Variable" || definition.node.id.type !== AST_NODE_TYPES.Identifier) return undefined;
      // A `let` never assigned again after its initialiser is as constant as a `const`.
      if (definition.parent.kind !== "const" && (definition.parent.kind !== "let" || variableOf(identifier)!.references.some((reference) => reference.isWrite() && !reference.init))) return undefined;
      if (definition.parent.parent?.type === AST_NODE_TYPES.ForOfStatement || definition.parent.parent?.type === AST_NODE_TYPES.ForInStatement) return undefined;
      return definition.node.init ?? undefined;
    },
    assignedValues(identifier) {
      const variable = variableOf(identifier);
      const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (definition?.type !== "Variable" || definition.parent.kind !== "let" || definition.node.id.type !== AST_NODE_TYPES.Identifier) return undefined;
      if (definition.parent.parent?.type === AST_NODE_TYPES.ForOfStatement || definition.parent.parent?.type === AST_NODE_TYPES.ForInStatement) return undefined;
      const values: TSESTree.Node[] = definition.node.init ? [definition.node.init] : [];
      for (const reference of variable!.references) {
        if (reference.init || !reference.isWrite()) continue;
        const write = reference.identifier.parent;
        if (write?.type !== AST_NODE_TYPES.AssignmentExpression || write.operator !== "=" || write.left !== reference.identifier) return undefined;
        values.push(write.right);
      }
      return values;
    },
    isMemoisedLoader(callee) {
      const definition = onlyDefinition(callee);
      const fn =
        definition?.type === "FunctionName"
          ? definition.node
          : definition?.type === "Variable" && definition.parent.kind === "const" && definition.node.init && isFunctionNode(definition.node.init)
            ? definition.node.init
            : undefined;
      return fn !== undefined && memoisingGuard(fn as TSESTree.FunctionLike) !== undefined;
    },
    isImportedStaticConstant(member) {
      const object = unwrapExpression(member.object);
      const property = member.computed ? undefined : memberName(member);
      if (object.type !== AST_NODE_TYPES.Identifier || property === undefined || !/^[A-Z]/u.test(object.name)) return false;
      const definition = onlyDefinition(object);
      if (definition?.type !== "ImportBinding" || sourceText(context.filename) === undefined) return false;
      // Assigned in this file: not a constant.
      if (new RegExp(`${escapeRegExp(object.name)}\\s*\\.\\s*${escapeRegExp(property)}\\s*=[^=]`, "u").test(sourceCode.text)) return false;
      return isStaticConstantIn(context.filename, object.name, property);
    },
    isNeverMutated(identifier) {
      const variable = variableOf(identifier);
      return (
        variable !== undefined &&
        variable !== null &&
        variable.references.every(({ identifier: read }) => {
          const parent = read.parent;
          if (parent?.type === AST_NODE_TYPES.CallExpression) return !(parent.arguments[0] === read && sourceCode.getText(parent.callee) === "Object.assign");
          if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== read) return true;
          const use = parent.parent;
          if (use?.type === AST_NODE_TYPES.AssignmentExpression && use.left === parent) return false;
          if (use?.type === AST_NODE_TYPES.UpdateExpression) return false;
          return !(use?.type === AST_NODE_TYPES.UnaryExpression && use.operator === "delete");
        })
      );
    },
    loadsOnce(value) {
      const fn = enclosingFunction(value);
      const guard = fn && memoisingGuard(fn as TSESTree.FunctionLike);
      return guard !== undefined && isInside(value, guard.consequent);
    },
    isCapturedFromOnce(identifier) {
      const definition = onlyDefinition(identifier);
      const owner = definition?.type === "Parameter" ? definition.node : definition?.type === "Variable" && definition.parent.kind === "const" ? enclosingFunction(definition.node) : undefined;
      if (!owner || !isFunctionNode(owner) || enclosingFunction(identifier) === owner) return false;
      const body = (owner as TSESTree.FunctionLike).body;
      return body !== undefined && body !== null && runsOncePerProcess(body, context.filename, sourceCode.ast);
    },
    argumentsPassed(identifier) {
      const definition = onlyDefinition(identifier);
      if (definition?.type !== "Parameter" || !isFunctionNode(definition.node)) return undefined;
      const fn = definition.node as TSESTree.FunctionLike;
      // `(file = "./build/manifest.json")`: a call that passes nothing gets the default.
      const index = fn.params.findIndex((param) => param === definition.name || (param.type === AST_NODE_TYPES.AssignmentPattern && param.left === definition.name));
      if (index < 0) return undefined;
      const param = fn.params[index]!;
      const fallback = param.type === AST_NODE_TYPES.AssignmentPattern ? param.right : undefined;
      if (fn.parent?.type === AST_NODE_TYPES.MethodDefinition) return fallback ? undefined : methodArguments(fn.parent, index);
      // The name the function is called by: a declaration's, or a `const`'s it is the value of.
      const declarator = fn.parent?.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.init === fn ? fn.parent : undefined;
      const name =
        fn.type === AST_NODE_TYPES.FunctionDeclaration
          ? fn.id
          : declarator?.id.type === AST_NODE_TYPES.Identifier && declarator.parent.kind === "const"
            ? declarator.id
            : undefined;
      if (!name) return undefined;
      const statement = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn.parent : declarator?.parent.parent;
      let exported = statement?.type === AST_NODE_TYPES.ExportNamedDeclaration || statement?.type === AST_NODE_TYPES.ExportDefaultDeclaration;
      const values: TSESTree.Node[] = [];
      const passed = (argument: TSESTree.Node | undefined): TSESTree.Node | undefined => (argument ? (argument.type === AST_NODE_TYPES.SpreadElement ? undefined : argument) : fallback);
      for (const reference of variableOf(name)?.references ?? []) {
        if (reference.init) continue;
        const use = reference.identifier.parent;
        // `export default readManifestFile`, `export { readManifestFile }`: called from the modules that import it.
        if (use?.type === AST_NODE_TYPES.ExportDefaultDeclaration || use?.type === AST_NODE_TYPES.ExportSpecifier) {
          exported = true;
          continue;
        }
        // Any other use (passed on, stored) may call it with anything.
        if (use?.type !== AST_NODE_TYPES.CallExpression || use.callee !== reference.identifier) return undefined;
        const argument = passed(use.arguments[index]);
        if (!argument) return undefined;
        values.push(argument);
      }
      if (exported) {
        // A library's functions are called by code beyond the project too; a service's, by the service.
        if (!isServiceOwnCode(context.filename)) return undefined;
        // What another module passes is judged there, by itself: a literal, a constant, a setting.
        const calls = callsFromOtherModules(fn as FunctionNode, context.filename, sourceCode.ast);
        if (!calls) return undefined;
        for (const call of calls) {
          const argument = call.arguments[index];
          if (!argument) {
            if (!fallback) return undefined;
            values.push(fallback);
          } else if (argument.type === AST_NODE_TYPES.SpreadElement || !isFixedValue(argument)) {
            return undefined;
          } else {
            values.push(FIXED_ELSEWHERE);
          }
        }
      }
      return values.length > 0 ? values : undefined;
    },
    returnsOnlyLiterals(callee) {
      const local = resolveLocalFunction(context, callee);
      if (local) return onlyLiteralsReturned(local);
      const reference = resolveImport(context, callee);
      if (!reference || reference.path.length !== 1 || !reference.module.startsWith(".")) return false;
      const file = relativeModuleFile(context.filename, reference.module);
      return file !== undefined && moduleFunctionReturnsOnlyLiterals(file, reference.path[0]!);
    },
    loopedOver(identifier) {
      const definition = onlyDefinition(identifier);
      // `list.map((provider) => …)`: the callback's first parameter is each element in turn.
      if (definition?.type === "Parameter" && isFunctionNode(definition.node) && definition.node.params[0] === definition.name) {
        const call = definition.node.parent;
        const method = call?.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === definition.node && call.callee.type === AST_NODE_TYPES.MemberExpression ? memberName(call.callee) : undefined;
        return method !== undefined && ELEMENT_CALLBACKS.has(method) ? ((call as TSESTree.CallExpression).callee as TSESTree.MemberExpression).object : undefined;
      }
      const loop = definition?.type === "Variable" ? definition.parent.parent : undefined;
      return loop?.type === AST_NODE_TYPES.ForOfStatement && loop.left === definition!.parent && definition!.node.id.type === AST_NODE_TYPES.Identifier ? loop.right : undefined;
    },
    isModuleOrGlobal(identifier) {
      const variable = variableOf(identifier);
      return !variable || variable.defs.length === 0 || variable.defs.every((definition) => definition.type === "ImportBinding");
    },
    isFewValued(node) {
      // `this.service` of a field declared `service: IntegrationService`; `event.type` of a parameter declared `event: IEvent`.
      const declared = declaredTypeOf(node);
      if (declared && isFewValuedDeclaredType(context.filename, sourceCode.ast, declared.annotation, declared.properties)) return true;
      const services = typeInformation(context);
      if (!services) return false;
      try {
        return isFewValuedType(services.getTypeAtLocation(node));
      } catch {
        return false;
      }
    },
    printsAsObject(node) {
      const declared = declaredTypeOf(node);
      return declared !== undefined && isPlainObjectDeclaredType(context.filename, sourceCode.ast, declared.annotation, declared.properties);
    },
    configuredField(member) {
      const name = memberName(member);
      const fields = fieldsOfThis(member);
      return !fields || name === undefined || fields.reassigned.has(name) ? undefined : fields.initial.get(name);
    },
    isSetOncePerProcess(member) {
      const name = memberName(member);
      const writes = name === undefined ? undefined : fieldsOfThis(member)?.writes.get(name);
      return (
        writes !== undefined &&
        writes.every((write) => write.type === AST_NODE_TYPES.AssignmentExpression && write.operator === "=" && runsOncePerProcess(write, context.filename, sourceCode.ast))
      );
    },
    returnsFixed(call, depth) {
      const callee = unwrapExpression(call.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || !isThisMember(callee) || call.arguments.length > 0 || depth >= 3) return false;
      const name = memberName(callee);
      const body = classBodyOfThis(callee);
      const method = body?.body.find(
        (element): element is TSESTree.MethodDefinition =>
          element.type === AST_NODE_TYPES.MethodDefinition && element.kind === "method" && !element.static && !element.computed && propertyName(element.key, false) === name,
      );
      const returned = method && isFunctionNode(method.value) ? returnedExpressions(method.value) : [];
      return returned.length > 0 && returned.every((value) => isFixedValue(value, lookup, depth + 1, false));
    },
    isEnumMember(member) {
      const object = unwrapExpression(member.object);
      if (member.computed || object.type !== AST_NODE_TYPES.Identifier) return false;
      return onlyDefinition(object)?.node.type === AST_NODE_TYPES.TSEnumDeclaration;
    },
    isBoundedCounter(identifier) {
      const variable = variableOf(identifier);
      const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (definition?.type !== "Variable" || definition.parent.kind !== "let" || !isNumberLiteral(definition.node.init)) return false;
      const steppedByLiterals = variable!.references.every((reference) => {
        if (reference.init || !reference.isWrite()) return true;
        const write = reference.identifier.parent;
        return (
          write?.type === AST_NODE_TYPES.UpdateExpression ||
          (write?.type === AST_NODE_TYPES.AssignmentExpression && (write.operator === "+=" || write.operator === "-=") && isNumberLiteral(write.right))
        );
      });
      if (!steppedByLiterals) return false;
      for (let node: TSESTree.Node | undefined = identifier.parent; node && !isFunctionNode(node); node = node.parent) {
        const isLoop = node.type === AST_NODE_TYPES.WhileStatement || node.type === AST_NODE_TYPES.DoWhileStatement || node.type === AST_NODE_TYPES.ForStatement;
        if (isLoop && boundsCounter((node as TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement).test, identifier.name, constantOf)) return true;
      }
      return false;
    },
  };
  return lookup;
}
