import { AST_NODE_TYPES } from "@typescript-eslint/types";
import type { TSESTree } from "@typescript-eslint/utils";
import { descendants } from "../../sql-lint/embedded/migration-code.ts";

/** `exit` or `exitCode` as a word, or a unicode escape that could spell one. */
const EXIT_WORD = /\bexit(?:Code)?\b|\\u/u;

/**
 * Whether a file is a one-shot script: a program that does its job and ends the process on its
 * normal path (`process.exit()` or `process.exitCode = …` once the work is done), starts no server
 * and exports nothing. A container's health probe (`node healthcheck.js`), a seed or a cron job
 * prints a line or two for whoever runs it; its output is not the service's log, even in a
 * service's package.
 *
 * An exit on an error path does not count (`process.exit(1)`, an exit in a `catch` block, a
 * `.catch()` or `"error"` callback, or a signal handler): long-running workers end that way too.
 */
export function isOneShotScript(program: TSESTree.Program, text: string): boolean {
  // A file whose text never says `exit` (`process.exit()`, `process.exitCode = 0`; an escape such
  // as `\u0065xit` could spell one) has no normal exit: most files, whose tree is then not walked.
  if (!EXIT_WORD.test(text)) return false;
  let normalExit = false;
  for (const node of descendants(program)) {
    if (isExport(node) || isServerStart(node)) return false;
    if (!normalExit && isExitOnNormalPath(node)) normalExit = true;
  }
  return normalExit;
}

function isExport(node: TSESTree.Node): boolean {
  if (
    node.type === AST_NODE_TYPES.ExportNamedDeclaration ||
    node.type === AST_NODE_TYPES.ExportDefaultDeclaration ||
    node.type === AST_NODE_TYPES.ExportAllDeclaration
  ) {
    return true;
  }
  // module.exports = …, exports.x = …
  if (node.type !== AST_NODE_TYPES.AssignmentExpression || node.left.type !== AST_NODE_TYPES.MemberExpression) return false;
  let target: TSESTree.Node = node.left;
  while (target.type === AST_NODE_TYPES.MemberExpression) {
    if (isMember(target, "module", "exports")) return true;
    target = target.object;
  }
  return target.type === AST_NODE_TYPES.Identifier && target.name === "exports";
}

/** `x.listen(…)`, `http.createServer(…)`: the file runs a server, which lives on. */
function isServerStart(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const { property } = node.callee;
  return property.type === AST_NODE_TYPES.Identifier && (property.name === "listen" || property.name === "createServer");
}

function isMember(node: TSESTree.Node, object: string, property: string): boolean {
  return (
    node.type === AST_NODE_TYPES.MemberExpression &&
    node.object.type === AST_NODE_TYPES.Identifier &&
    node.object.name === object &&
    node.property.type === AST_NODE_TYPES.Identifier &&
    node.property.name === property
  );
}

function isExitOnNormalPath(node: TSESTree.Node): boolean {
  let exit = false;
  if (node.type === AST_NODE_TYPES.CallExpression && isMember(node.callee, "process", "exit")) {
    const [code] = node.arguments;
    // exit(1) and the like report a failure.
    exit = code === undefined || (code.type === AST_NODE_TYPES.Literal && code.value === 0) || code.type !== AST_NODE_TYPES.Literal;
  } else if (node.type === AST_NODE_TYPES.AssignmentExpression && isMember(node.left, "process", "exitCode")) {
    exit = true;
  }
  return exit && !onErrorPath(node);
}

/** Inside a `catch` block, a `.catch()`/`"error"` callback, or a `process.on(…)` handler. */
function onErrorPath(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.CatchClause) return true;
    const call = current.parent;
    const isCallback =
      (current.type === AST_NODE_TYPES.ArrowFunctionExpression || current.type === AST_NODE_TYPES.FunctionExpression) &&
      call?.type === AST_NODE_TYPES.CallExpression &&
      call.arguments.includes(current);
    if (!isCallback || call.callee.type !== AST_NODE_TYPES.MemberExpression) continue;
    const { object, property } = call.callee;
    const method = property.type === AST_NODE_TYPES.Identifier ? property.name : undefined;
    if (method === "catch") return true;
    if (object.type === AST_NODE_TYPES.Identifier && object.name === "process" && (method === "on" || method === "once")) return true;
    const [event] = call.arguments;
    if ((method === "on" || method === "once") && event?.type === AST_NODE_TYPES.Literal && event.value === "error") return true;
  }
  return false;
}
