import { AST_NODE_TYPES } from "@typescript-eslint/types";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { descendants } from "../../sql-lint/embedded/migration-code.ts";
import { holdsOutsideDevelopment } from "./development-only.ts";
import { staticString, unwrapExpression } from "./expressions.ts";
import { resolveImport } from "./imports.ts";
import { parsedModule, projectMemo, relativeModuleFile, sourceText } from "./project-modules.ts";

/**
 * Whether a project's own logger drops a level outside development: uptime-kuma's `log.debug(…)`
 * goes through `if (level === "debug" && !isDev) return;` in the logger's module, so in
 * production it writes nothing. A line at that level is development-only, like one under
 * `if (isDevelopment)`.
 *
 * The logger must be imported from a module of the project (a relative import), and that module
 * must return early when the level is the one called and a condition holds outside development
 * (`!isDev`, `isProduction`, `process.env.NODE_ENV !== "development"`; see development-only.ts).
 */

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** Levels a project's logger commonly keeps for development. */
const DEVELOPMENT_LEVELS = new Set(["debug", "trace", "verbose", "silly"]);

/** Per logger module and level: whether the module drops it outside development. */
const dropsLevelMemo = projectMemo<boolean>();

/** `level === "debug"`: a comparison of anything with the level's name. */
function comparesWithLevel(test: TSESTree.Node, level: string): boolean {
  const inner = unwrapExpression(test);
  return inner.type === AST_NODE_TYPES.BinaryExpression && (inner.operator === "===" || inner.operator === "==") && (staticString(inner.left) === level || staticString(inner.right) === level);
}

function returnsEarly(statement: TSESTree.Statement): boolean {
  const first = statement.type === AST_NODE_TYPES.BlockStatement ? statement.body[0] : statement;
  return first?.type === AST_NODE_TYPES.ReturnStatement;
}

/** Whether the module at `file` returns early for `level` outside development. */
function dropsLevel(file: string, level: string): boolean {
  const text = sourceText(file);
  if (!text?.includes(`"${level}"`) && !text?.includes(`'${level}'`)) return false;
  const program = parsedModule(file);
  if (!program) return false;
  for (const node of descendants(program)) {
    if (node.type !== AST_NODE_TYPES.IfStatement || !returnsEarly(node.consequent)) continue;
    const test = unwrapExpression(node.test);
    if (test.type !== AST_NODE_TYPES.LogicalExpression || test.operator !== "&&") continue;
    if ((comparesWithLevel(test.left, level) && holdsOutsideDevelopment(test.right)) || (comparesWithLevel(test.right, level) && holdsOutsideDevelopment(test.left))) return true;
  }
  return false;
}

/** Whether `call` (`log.debug(…)`) logs at a level the project's own logger drops outside development. */
export function isDroppedOutsideDevelopment(context: Context, call: TSESTree.CallExpression, method: string): boolean {
  if (!DEVELOPMENT_LEVELS.has(method)) return false;
  const callee = unwrapExpression(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const reference = resolveImport(context, callee.object);
  if (!reference?.module.startsWith(".")) return false;
  const file = relativeModuleFile(context.filename, reference.module);
  if (!file) return false;
  return dropsLevelMemo(`${file}\u0000${method}`, () => dropsLevel(file, method));
}
