import * as ASTUtils from "@typescript-eslint/utils/ast-utils";
import { AST_NODE_TYPES } from "@typescript-eslint/types";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { resolveImport, type ImportReference } from "./imports.ts";
import { isStylingFormat, wrapperMessageIndex } from "./logger-wrappers.ts";
import { nameWords } from "./name-words.ts";
import { calleeName, memberName, unwrapExpression } from "./expressions.ts";
import { escapeRegExp } from "./regexp.ts";

/**
 * Which logging library a call logs through, and where its message is.
 *
 * The logger is recognised by what it was imported from or created by (`pino()`,
 * `winston.createLogger()`, `new Logger()` from @nestjs/common, `.child()`, a class field or a
 * typed constructor parameter), then by framework convention (`req.log`, `fastify.log`), then
 * by a module whose name says it is a logger (`import log from "./logger"`), and last by name
 * (`log`, `logger`, `*Logger`). Libraries found only by name are `unknown`: their argument
 * order is not known, so no fix is offered for them.
 */
export type LoggerLibrary = "pino" | "bunyan" | "winston" | "consola" | "log4js" | "nest" | "console" | "unknown";

export interface LoggerCall {
  library: LoggerLibrary;
  method: string;
  /** The argument positions that may hold the message, in order of preference. */
  messageIndexes: number[];
}

export interface LoggerOptions {
  /** Also treat `console.*` as a logger. */
  console?: boolean;
  /** Extra names that are loggers (`["audit"]`). */
  loggerNames?: readonly string[];
}

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

export const LOG_LEVELS = new Set([
  "trace", "debug", "info", "warn", "warning", "error", "fatal", "log", "verbose", "silly", "http",
  "notice", "crit", "critical", "alert", "emerg", "success", "fail", "start", "ready", "box",
]);
const CONSOLE_METHODS = new Set(["log", "info", "warn", "error", "debug", "trace"]);
/** `req.log`, `request.log`, `reply.log`, `fastify.log`: pino, which Fastify and pino-http attach. */
const PINO_OWNERS = new Set(["req", "request", "reply", "fastify", "server", "app", "instance"]);
const MAX_DEPTH = 6;

/** The library a module export creates or is. */
function libraryOfReference(reference: ImportReference, usage: "value" | "factory" | "class" | "type"): LoggerLibrary | undefined {
  const { module, path } = reference;
  const name = path.join(".");
  if (module === "pino" || module === "pino-http" || module === "nestjs-pino") {
    if (usage === "factory" && (name === "" || name === "pino" || name === "default")) return "pino";
    if (usage === "type" && ["Logger", "BaseLogger", "PinoLogger", "pino.Logger"].includes(name)) return "pino";
    if (usage === "class" && name === "PinoLogger") return "pino";
    return undefined;
  }
  if (module === "bunyan") return usage === "factory" && (name === "createLogger" || name === "") ? "bunyan" : usage === "type" ? "bunyan" : undefined;
  if (module === "winston") {
    if (usage === "factory" && name === "createLogger") return "winston";
    if (usage === "value" && name === "") return "winston";
    if (usage === "type" && (name === "Logger" || name === "")) return "winston";
    return undefined;
  }
  if (module === "consola") return ["", "consola", "createConsola", "default"].includes(name) ? "consola" : undefined;
  if (module === "log4js") return usage === "factory" && name === "getLogger" ? "log4js" : usage === "type" ? "log4js" : undefined;
  if (module === "@nestjs/common") {
    return (usage === "class" || usage === "value" || usage === "type") && ["Logger", "ConsoleLogger", "LoggerService"].includes(name) ? "nest" : undefined;
  }
  // A project module named like a logger: `import log from "./logger"`, `import Logger from "@server/logging/Logger"`.
  const last = module.split("/").pop() ?? module;
  if ((module.startsWith(".") || module.startsWith("@/") || module.startsWith("~/") || module.includes("/")) && /^(?:log|logs|logger|logging|loggers)$/iu.test(nameWords(last.replace(/\.[cm]?[jt]sx?$/u, "")).join(""))) {
    return "unknown";
  }
  return undefined;
}

export function isLoggerName(name: string, extra: readonly string[] = []): boolean {
  const bare = name.replace(/^[#_$]+/u, "");
  if (extra.includes(bare)) return true;
  if (bare === "log" || bare === "LOG" || bare === "LOGGER") return true;
  const last = nameWords(bare).at(-1);
  // `consoleLog`, `auditLog`: a log object named for what it logs; `log` alone is above.
  return last === "logger" || (last === "log" && nameWords(bare).length > 1);
}

class LoggerResolver {
  constructor(
    private readonly context: Context,
    private readonly options: LoggerOptions,
  ) {}

  /** What `node` (the object a level method is called on) is. */
  library(node: TSESTree.Node, depth = 0): LoggerLibrary | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const inner = unwrapExpression(node);
    switch (inner.type) {
      case AST_NODE_TYPES.Identifier:
        return this.identifierLibrary(inner, depth);
      case AST_NODE_TYPES.MemberExpression:
        return this.memberLibrary(inner, depth);
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
        return this.creationLibrary(inner, depth);
      default:
        return undefined;
    }
  }

  private byName(name: string): LoggerLibrary | undefined {
    return isLoggerName(name, this.options.loggerNames) ? "unknown" : undefined;
  }

  private identifierLibrary(node: TSESTree.Identifier, depth: number): LoggerLibrary | undefined {
    const variable = ASTUtils.findVariable(this.context.sourceCode.getScope(node), node);
    if (node.name === "console" && (!variable || variable.defs.length === 0)) return this.options.console ? "console" : undefined;
    if (!variable || variable.defs.length !== 1) return this.byName(node.name);
    const definition = variable.defs[0]!;
    if (definition.type === "ImportBinding") {
      const reference = resolveImport(this.context, node);
      return (reference && libraryOfReference(reference, "value")) ?? this.byName(node.name);
    }
    if (definition.type === "Parameter") {
      return this.annotationLibrary((definition.name as TSESTree.Identifier).typeAnnotation) ?? this.byName(node.name);
    }
    if (definition.type === "Variable") {
      const declarator = definition.node;
      if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.init) {
        return this.library(declarator.init, depth + 1) ?? this.annotationLibrary(declarator.id.typeAnnotation) ?? this.byName(node.name);
      }
      const reference = resolveImport(this.context, node);
      return (reference && libraryOfReference(reference, "value")) ?? this.byName(node.name);
    }
    return this.byName(node.name);
  }

  private memberLibrary(node: TSESTree.MemberExpression, depth: number): LoggerLibrary | undefined {
    const name = memberName(node);
    if (name === undefined) return undefined;
    const owner = unwrapExpression(node.object);
    if (owner.type === AST_NODE_TYPES.ThisExpression) {
      return this.classMemberLibrary(node, name, depth) ?? this.byName(name);
    }
    if (name === "log" && owner.type === AST_NODE_TYPES.Identifier && PINO_OWNERS.has(owner.name)) return "pino";
    if (name === "log" && owner.type === AST_NODE_TYPES.MemberExpression && memberName(owner) === "server") return "pino";
    const reference = resolveImport(this.context, node);
    const imported = reference && libraryOfReference(reference, "value");
    return imported ?? this.byName(name);
  }

  /** `this.logger` / `this.#logger`: its class field or constructor parameter property. */
  private classMemberLibrary(node: TSESTree.MemberExpression, name: string, depth: number): LoggerLibrary | undefined {
    let classBody: TSESTree.ClassBody | undefined;
    for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
      if (current.type === AST_NODE_TYPES.ClassBody) {
        classBody = current;
        break;
      }
    }
    if (!classBody) return undefined;
    const isPrivate = node.property.type === AST_NODE_TYPES.PrivateIdentifier;
    for (const member of classBody.body) {
      if (member.type === AST_NODE_TYPES.PropertyDefinition) {
        const key = member.key;
        const matches = isPrivate ? key.type === AST_NODE_TYPES.PrivateIdentifier && key.name === name : key.type === AST_NODE_TYPES.Identifier && key.name === name;
        if (!matches) continue;
        return (member.value ? this.library(member.value, depth + 1) : undefined) ?? this.annotationLibrary(member.typeAnnotation);
      }
      if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === "constructor") {
        for (const param of member.value.params) {
          if (param.type !== AST_NODE_TYPES.TSParameterProperty) continue;
          const inner = param.parameter.type === AST_NODE_TYPES.AssignmentPattern ? param.parameter.left : param.parameter;
          if (inner.type === AST_NODE_TYPES.Identifier && inner.name === name) return this.annotationLibrary(inner.typeAnnotation);
        }
      }
    }
    return undefined;
  }

  private annotationLibrary(annotation: TSESTree.TSTypeAnnotation | undefined): LoggerLibrary | undefined {
    const type = annotation?.typeAnnotation;
    if (type?.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
    let name = type.typeName;
    const path: string[] = [];
    while (name.type === AST_NODE_TYPES.TSQualifiedName) {
      path.unshift(name.right.name);
      name = name.left;
    }
    if (name.type !== AST_NODE_TYPES.Identifier) return undefined;
    const reference = resolveImport(this.context, name);
    if (!reference) return undefined;
    return libraryOfReference({ module: reference.module, path: [...reference.path, ...path] }, "type");
  }

  private creationLibrary(node: TSESTree.CallExpression | TSESTree.NewExpression, depth: number): LoggerLibrary | undefined {
    const callee = unwrapExpression(node.callee);
    const method = calleeName(node);
    // logger.child({ ... }), consola.withTag("x"), consola.create({})
    if (node.type === AST_NODE_TYPES.CallExpression && callee.type === AST_NODE_TYPES.MemberExpression && ["child", "withTag", "create"].includes(method ?? "")) {
      const parent = this.library(callee.object, depth + 1);
      if (parent) return parent;
    }
    const reference = resolveImport(this.context, callee);
    const library = reference && libraryOfReference(reference, node.type === AST_NODE_TYPES.NewExpression ? "class" : "factory");
    if (library) return library;
    // A project's accessor for its logger: `getLogger("http")`, `getConsoleLogFromContext(ctx)`.
    const words = method === undefined ? [] : nameWords(method);
    return node.type === AST_NODE_TYPES.CallExpression && words[0] === "get" && (words.includes("logger") || words.includes("log")) ? "unknown" : undefined;
  }
}

/** The logger call `call` is, if it is one. */
export function loggerCall(context: Context, call: TSESTree.CallExpression, options: LoggerOptions = {}): LoggerCall | undefined {
  const callee = unwrapExpression(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return wrapperCall(context, call, options);
  const method = memberName(callee);
  if (method === undefined && callee.computed) {
    // `logger[logLevel](message)`: a logger called at a level the code picks at run time.
    const library = new LoggerResolver(context, options).library(callee.object);
    return library ? { library, method: "info", messageIndexes: messageIndexes(library, "info", call.arguments) } : undefined;
  }
  if (method === undefined || !LOG_LEVELS.has(method)) return wrapperCall(context, call, options);
  const library = new LoggerResolver(context, options).library(callee.object);
  if (!library) return method === "log" && isCallableLogger(context, callee) ? { library: "unknown", method: "info", messageIndexes: [0] } : wrapperCall(context, call, options);
  if (library === "console" && !CONSOLE_METHODS.has(method)) return undefined;
  return { library, method, messageIndexes: messageIndexes(library, method, call.arguments) };
}

/** A call of a project's logging helper (`this.logError(msg)`), whose message is what the helper forwards. */
function wrapperCall(context: Context, call: TSESTree.CallExpression, options: LoggerOptions): LoggerCall | undefined {
  // A helper that prints with `console` logs only where the console is the service's log.
  const index = wrapperMessageIndex(context, call, options.console === true, (name) => isLoggerName(name, options.loggerNames));
  return index === undefined ? undefined : { library: "unknown", method: "log", messageIndexes: [index] };
}

/**
 * `this.log("…")` in a file that also calls `this.log.debug(…)`: a logger that is a function as
 * well (Probot's `app.log`, `context.log`), called for its default level.
 */
function isCallableLogger(context: Context, callee: TSESTree.MemberExpression): boolean {
  if (callee.computed) return false;
  const path = context.sourceCode.getText(callee);
  if (!/^[\w$]+(?:\.[\w$]+)*$/u.test(path)) return false;
  return new RegExp(`(?<![\\w$.])${escapeRegExp(path)}\\s*\\.\\s*(?:trace|debug|info|warn|error|fatal)\\s*\\(`, "u").test(context.sourceCode.text);
}

function isStringLiteral(node: TSESTree.Node | undefined): boolean {
  return node?.type === AST_NODE_TYPES.Literal && typeof node.value === "string";
}

function isStringLike(node: TSESTree.Node | undefined): boolean {
  return isStringLiteral(node) || node?.type === AST_NODE_TYPES.TemplateLiteral || (node?.type === AST_NODE_TYPES.BinaryExpression && node.operator === "+");
}

function messageIndexes(library: LoggerLibrary, method: string, args: readonly TSESTree.Node[]): number[] {
  if ((library === "console" || library === "unknown") && isStylingFormat(args[0])) return [1];
  switch (library) {
    case "pino":
    case "bunyan":
      // info(mergingObject?, message?, ...values)
      return isStringLike(args[0]) ? [0] : [1];
    case "winston":
      // log(level, message, ...meta), info(message, ...meta)
      return method === "log" && isStringLiteral(args[0]) ? [1] : [0];
    case "unknown":
      // The message may follow a merging object, an error or a category (`Logger.info("http", message)`).
      if (method === "log" && isStringLiteral(args[0]) && /^(?:trace|debug|info|warn|warning|error|fatal|verbose|silly|http)$/u.test(String((args[0] as TSESTree.Literal).value))) return [1];
      return isStringLiteral(args[0]) && /%[sdifjoOc]/u.test(String((args[0] as TSESTree.Literal).value)) ? [0] : [0, 1];
    default:
      return [0];
  }
}
