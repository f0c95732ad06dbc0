import { AST_NODE_TYPES } from "@typescript-eslint/types";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { descendants } from "../../sql-lint/embedded/migration-code.ts";
import { calleeName, classBodyOfThis, isFunctionNode, memberName, resolveLocalFunction, unwrapExpression, type FunctionNode } from "./expressions.ts";
import { sourceText } from "./project-modules.ts";
import { superclassOf } from "./class-chain.ts";

/**
 * A project's logging helper, known by what it does with its argument: `logError(msg)` whose body
 * calls `this.log.error(msg)` (safe-settings' ErrorStash, which its plugins inherit). A call of the
 * helper is a log call whose message is the argument the helper forwards.
 *
 * The helper is a function of the file, or a method of the caller's class or of a class it
 * extends, followed through `extends` into other modules of the project. Inside it, the logger is
 * known by name (`this.log`, `logger`, `console`; see isLoggerName), as the rule knows loggers it
 * cannot trace.
 */

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

const LEVELS = new Set(["trace", "debug", "info", "warn", "error", "fatal", "log"]);
const MAX_CLASSES = 4;

/** `log`, `console`, or for `this.log`, `log`: the name of what the helper's body logs through. */
function loggerName(node: TSESTree.Node): string | undefined {
  const inner = unwrapExpression(node);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name;
  if (inner.type === AST_NODE_TYPES.MemberExpression && !inner.computed && unwrapExpression(inner.object).type === AST_NODE_TYPES.ThisExpression) return memberName(inner);
  return undefined;
}

/** ANSI colour codes and spaces around one `%s`: `"\x1b[34m%s\x1b[0m"` only styles the argument that follows, the message. */
const STYLING_FORMAT = /^(?:\u001b\[[\d;]*m|\s)*%s(?:\u001b\[[\d;]*m|\s)*$/u;

/** A first argument that is only styling for the one after it (`console.log("\x1b[34m%s\x1b[0m", message)`). */
export function isStylingFormat(node: TSESTree.Node | undefined): boolean {
  return node?.type === AST_NODE_TYPES.Literal && typeof node.value === "string" && STYLING_FORMAT.test(node.value);
}

/**
 * The position of the parameter `fn` passes on as a log message, if it does: to an object named
 * as a logger (`isLogger`), or to `console` when the console is a log here.
 */
function forwardedMessage(fn: FunctionNode, console: boolean, isLogger: (name: string) => boolean): number | undefined {
  // A short block, or an arrow's expression body (`(message) => console.log("\x1b[34m%s\x1b[0m", message)`).
  if (fn.body.type === AST_NODE_TYPES.BlockStatement && fn.body.body.length > 8) return undefined;
  const params = fn.params.map((param) => (param.type === AST_NODE_TYPES.Identifier ? param.name : undefined));
  for (const node of descendants(fn.body)) {
    if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) continue;
    const level = calleeName(node);
    const logger = loggerName(node.callee.object);
    // The message, after a format string that only styles it.
    const first = node.arguments[isStylingFormat(node.arguments[0]) ? 1 : 0];
    if (level === undefined || !LEVELS.has(level) || logger === undefined || first?.type !== AST_NODE_TYPES.Identifier) continue;
    if (logger === "console" ? !console : !isLogger(logger)) continue;
    const index = params.indexOf(first.name);
    if (index !== -1) return index;
  }
  return undefined;
}

/** The method `name` of a class or of the classes it extends, following `extends` into other modules. */
function inheritedMethod(body: TSESTree.ClassBody, name: string, file: string, program: TSESTree.Program, depth: number): FunctionNode | undefined {
  const method = body.body.find(
    (member): member is TSESTree.MethodDefinition => member.type === AST_NODE_TYPES.MethodDefinition && !member.computed && member.key.type === AST_NODE_TYPES.Identifier && member.key.name === name,
  );
  if (method) return method.value.type === AST_NODE_TYPES.FunctionExpression ? method.value : undefined;
  const owner = body.parent;
  const base = (owner?.type === AST_NODE_TYPES.ClassDeclaration || owner?.type === AST_NODE_TYPES.ClassExpression) && depth < MAX_CLASSES ? superclassOf(owner, file, program) : undefined;
  return base && inheritedMethod(base.node.body, name, base.file, base.program, depth + 1);
}

/** Whether any argument of the call is built by interpolation: the only calls worth resolving. */
function hasBuiltArgument(call: TSESTree.CallExpression): boolean {
  return call.arguments.some((argument) => (argument.type === AST_NODE_TYPES.TemplateLiteral && argument.expressions.length > 0) || (argument.type === AST_NODE_TYPES.BinaryExpression && argument.operator === "+"));
}

/** The argument position a call of a project's logging helper passes on as the message, if it is one. */
export function wrapperMessageIndex(context: Context, call: TSESTree.CallExpression, console: boolean, isLogger: (name: string) => boolean): number | undefined {
  if (!hasBuiltArgument(call)) return undefined;
  const callee = unwrapExpression(call.callee);
  let fn: FunctionNode | undefined;
  if (callee.type === AST_NODE_TYPES.Identifier) {
    fn = resolveLocalFunction(context, callee);
  } else if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && unwrapExpression(callee.object).type === AST_NODE_TYPES.ThisExpression) {
    const name = memberName(callee);
    const body = classBodyOfThis(callee);
    // Text that is not a file on disk has no modules beside it: only its own classes count.
    const depth = sourceText(context.filename) === undefined ? MAX_CLASSES : 0;
    if (name !== undefined && body) fn = inheritedMethod(body, name, context.filename, context.sourceCode.ast, depth);
  }
  return fn && isFunctionNode(fn) ? forwardedMessage(fn, console, isLogger) : undefined;
}
