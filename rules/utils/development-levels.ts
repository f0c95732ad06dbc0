import { AST_NODE_TYPES } from "@typescript-eslint/types";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { descendants } from "../../sql-lint/embedded/migration-code.ts";
import { holdsOnlyInDevelopment, holdsOutsideDevelopment } from "./development-only.ts";
import { staticString, unwrapExpression } from "./expressions.ts";
import { propertyName, resolveImport } from "./imports.ts";
import type { LoggerLibrary } from "./logger-calls.ts";
import { filesCalling, parsedModule, projectMemo, relativeModuleFile, searchRootOf, sourceText } from "./project-modules.ts";

/**
 * Whether a project's own logger drops a level outside development: uptime-kuma's `log.debug(…)`
 * goes through `if (level === "debug" && !isDev) return;` in the logger's module, so in
 * production it writes nothing. A line at that level is development-only, like one under
 * `if (isDevelopment)`.
 *
 * The logger must be imported from a module of the project (a relative import), and that module
 * must return early when the level is the one called and a condition holds outside development
 * (`!isDev`, `isProduction`, `process.env.NODE_ENV !== "development"`; see development-only.ts).
 *
 * NestJS's `Logger` writes the levels the application was created with: ghostfolio's main.ts
 * creates it with `logger: environment.production ? ["error", "log", "warn"] : [...every level]`,
 * so its `this.logger.debug(…)` lines are not written in production either.
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

/** `NestFactory.create(…)`, `createMicroservice`, `createApplicationContext`: the call that builds a Nest application. */
function isNestFactoryCall(node: TSESTree.Node): node is TSESTree.CallExpression {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrapExpression(node.callee);
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === "NestFactory" &&
    callee.property.type === AST_NODE_TYPES.Identifier &&
    callee.property.name.startsWith("create")
  );
}

/**
 * The levels a Nest application's `logger` option keeps in production, or undefined when they
 * are not written out: `["error", "warn"]`, the production branch of `isProduction ? […] : […]`,
 * and the default of `levelsFromSettings ?? …` (what the code keeps unless an operator asks
 * for more). Nest keeps every level when the option is absent.
 */
function productionLevels(value: TSESTree.Node): ReadonlySet<string> | undefined {
  const node = unwrapExpression(value);
  if (node.type === AST_NODE_TYPES.ArrayExpression) {
    const levels = node.elements.map((element) => (element && element.type !== AST_NODE_TYPES.SpreadElement ? staticString(element) : undefined));
    return levels.every((level) => level !== undefined) ? new Set(levels as string[]) : undefined;
  }
  if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator === "??") return productionLevels(node.right);
  if (node.type === AST_NODE_TYPES.ConditionalExpression) {
    if (holdsOutsideDevelopment(node.test)) return productionLevels(node.consequent);
    if (holdsOnlyInDevelopment(node.test)) return productionLevels(node.alternate);
  }
  return undefined;
}

/** The variable a Nest application is kept in (`const app = await NestFactory.create(…)`), if any. */
function applicationVariable(call: TSESTree.CallExpression): string | undefined {
  let node: TSESTree.Node = call;
  while (node.parent && (node.parent.type === AST_NODE_TYPES.AwaitExpression || node.parent.type === AST_NODE_TYPES.TSAsExpression)) node = node.parent;
  const parent = node.parent;
  return parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier ? parent.id.name : undefined;
}

/** Whether `name.close()` is called in `program`: an application built only to read its configuration, then closed. */
function isClosed(program: TSESTree.Program, name: string): boolean {
  for (const node of descendants(program)) {
    if (node.type !== AST_NODE_TYPES.CallExpression) continue;
    const callee = unwrapExpression(node.callee);
    if (
      callee.type === AST_NODE_TYPES.MemberExpression &&
      callee.object.type === AST_NODE_TYPES.Identifier &&
      callee.object.name === name &&
      callee.property.type === AST_NODE_TYPES.Identifier &&
      callee.property.name === "close"
    ) {
      return true;
    }
  }
  return false;
}

/**
 * The levels the Nest applications of the project (its package, or its workspace) keep in
 * production, together: at least one is created with a `logger` option whose production levels
 * are written out, and every other one is closed again once read (a configuration context).
 * Undefined when an application is created without the option, or with levels the code does not
 * write out: it keeps them all. Read once per project, whatever level is asked about.
 */
function nestProductionLevels(root: string): ReadonlySet<string> | undefined {
  const kept = new Set<string>();
  let configured = false;
  for (const file of filesCalling(root, "create") ?? []) {
    if (!sourceText(file)?.includes("NestFactory")) continue;
    const program = parsedModule(file);
    if (!program) return undefined;
    for (const node of descendants(program)) {
      if (!isNestFactoryCall(node)) continue;
      const options = node.arguments.at(-1);
      const logger =
        options?.type === AST_NODE_TYPES.ObjectExpression
          ? options.properties.find((property) => property.type === AST_NODE_TYPES.Property && propertyName(property.key, property.computed) === "logger")
          : undefined;
      const variable = applicationVariable(node);
      if (!logger) {
        if (variable !== undefined && isClosed(program, variable)) continue;
        return undefined;
      }
      const levels = logger.type === AST_NODE_TYPES.Property ? productionLevels(logger.value) : undefined;
      if (!levels) return undefined;
      for (const level of levels) kept.add(level);
      configured = true;
    }
  }
  return configured ? kept : undefined;
}

const nestLevelsMemo = projectMemo<ReadonlySet<string> | undefined>();

/** Whether `call` (`log.debug(…)`) logs at a level the project's own logger drops outside development. */
export function isDroppedOutsideDevelopment(context: Context, call: TSESTree.CallExpression, method: string, library?: LoggerLibrary): boolean {
  if (!DEVELOPMENT_LEVELS.has(method)) return false;
  if (library === "nest") {
    const root = searchRootOf(context.filename);
    const kept = root === undefined ? undefined : nestLevelsMemo(root, () => nestProductionLevels(root));
    return kept !== undefined && !kept.has(method);
  }
  const callee = unwrapExpression(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const reference = resolveImport(context, callee.object);
  if (!reference?.module.startsWith(".")) return false;
  const file = relativeModuleFile(context.filename, reference.module);
  if (!file) return false;
  return dropsLevelMemo(`${file}\u0000${method}`, () => dropsLevel(file, method));
}
