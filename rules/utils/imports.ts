import * as ASTUtils from "@typescript-eslint/utils/ast-utils";
import { AST_NODE_TYPES } from "@typescript-eslint/types";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";

/**
 * Where a value came from: a module and the chain of property names read from what it exports.
 *
 * The default export and the module object are the same thing for the CommonJS packages most
 * servers use (`import session from "express-session"` and `require("express-session")`), so
 * both resolve to `path: []`. `node:` prefixes are dropped (`node:crypto` is `crypto`).
 *
 *     import { Pool } from "pg"               Pool            → { module: "pg", path: ["Pool"] }
 *     import pg from "pg"                     pg.Pool         → { module: "pg", path: ["Pool"] }
 *     const crypto = require("node:crypto")   crypto.createHmac → { module: "crypto", path: ["createHmac"] }
 *     const { webhooks } = require("x")       webhooks.verify → { module: "x", path: ["webhooks", "verify"] }
 */
export interface ImportReference {
  module: string;
  path: string[];
}

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

const MAX_DEPTH = 8;

export function normalizeModuleName(name: string): string {
  return name.startsWith("node:") ? name.slice("node:".length) : name;
}

/** `require("x")`, `await import("x")` or `import("x")`: the module name, else undefined. */
function requiredModule(node: TSESTree.Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === AST_NODE_TYPES.AwaitExpression) return requiredModule(node.argument);
  if (node.type === AST_NODE_TYPES.ImportExpression) {
    return node.source.type === AST_NODE_TYPES.Literal && typeof node.source.value === "string" ? node.source.value : undefined;
  }
  if (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.Identifier &&
    node.callee.name === "require" &&
    node.arguments.length === 1 &&
    node.arguments[0]!.type === AST_NODE_TYPES.Literal &&
    typeof node.arguments[0]!.value === "string"
  ) {
    return node.arguments[0]!.value;
  }
  return undefined;
}

/** The static name of a member access or object key: `a.b`, `a["b"]`, `{ b }`. */
export function propertyName(node: TSESTree.Node, computed: boolean): string | undefined {
  if (!computed && node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.Literal && (typeof node.value === "string" || typeof node.value === "number")) {
    return String(node.value);
  }
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) return node.quasis[0]!.value.cooked ?? undefined;
  return undefined;
}

/** The property path from a destructuring pattern's root down to `target` (`{ a: { b } }` → ["a", "b"]). */
function destructuredPath(pattern: TSESTree.Node, target: TSESTree.Identifier): string[] | undefined {
  if (pattern === target) return [];
  if (pattern.type === AST_NODE_TYPES.AssignmentPattern) return destructuredPath(pattern.left, target);
  if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const rest = destructuredPath(property.value, target);
    if (rest === undefined) continue;
    const key = propertyName(property.key, property.computed);
    return key === undefined ? undefined : [key, ...rest];
  }
  return undefined;
}

/**
 * Whether a variable is written anywhere but its declaration. Asked for each use of a variable
 * (`logger.info` on every line), and a walk over all its references: remembered per variable.
 */
const reassignedVariables = new WeakMap<TSESLint.Scope.Variable, boolean>();

function isReassigned(variable: TSESLint.Scope.Variable, declared: TSESTree.Node): boolean {
  let reassigned = reassignedVariables.get(variable);
  if (reassigned === undefined) {
    reassigned = variable.references.some((ref) => ref.isWrite() && ref.identifier !== declared);
    reassignedVariables.set(variable, reassigned);
  }
  return reassigned;
}

function resolveIdentifier(context: Context, identifier: TSESTree.Identifier, depth: number): ImportReference | undefined {
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(identifier), identifier);
  // Reassigned variables could hold anything; only a single definition is trusted.
  if (!variable || variable.defs.length !== 1) return undefined;
  const definition = variable.defs[0]!;

  if (definition.type === "ImportBinding") {
    const specifier = definition.node;
    const declaration = specifier.parent;
    if (declaration.type !== AST_NODE_TYPES.ImportDeclaration) return undefined;
    const module = normalizeModuleName(declaration.source.value);
    if (specifier.type === AST_NODE_TYPES.ImportSpecifier) {
      const imported = propertyName(specifier.imported, false);
      return imported === undefined || imported === "default" ? { module, path: [] } : { module, path: [imported] };
    }
    return { module, path: [] };
  }

  if (definition.type === "Variable") {
    const declarator = definition.node;
    const declaration = declarator.parent;
    const reassigned = isReassigned(variable, definition.name);
    if (declaration.type !== AST_NODE_TYPES.VariableDeclaration || reassigned) return undefined;
    const pathInPattern = destructuredPath(declarator.id, definition.name as TSESTree.Identifier);
    if (pathInPattern === undefined || !declarator.init) return undefined;
    const base = resolveExpression(context, declarator.init, depth + 1);
    return base ? { module: base.module, path: [...base.path, ...pathInPattern] } : undefined;
  }
  return undefined;
}

function resolveExpression(context: Context, node: TSESTree.Node, depth: number): ImportReference | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const module = requiredModule(node);
  if (module !== undefined) return { module: normalizeModuleName(module), path: [] };
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      return resolveIdentifier(context, node, depth);
    case AST_NODE_TYPES.MemberExpression: {
      const name = propertyName(node.property, node.computed);
      if (name === undefined) return undefined;
      const base = resolveExpression(context, node.object, depth + 1);
      // `pg.default.Pool` from an ES module interop import is `pg.Pool`.
      if (base && name === "default" && base.path.length === 0) return base;
      return base ? { module: base.module, path: [...base.path, name] } : undefined;
    }
    case AST_NODE_TYPES.ChainExpression:
      return resolveExpression(context, node.expression, depth);
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression:
      return resolveExpression(context, node.expression, depth);
    default:
      return undefined;
  }
}

/**
 * What each node resolved to. Nodes belong to one parse of one file, and several rules ask about
 * the same callees: each is resolved once per file, whichever rule asks first.
 */
const resolved = new WeakMap<TSESTree.Node, Readonly<ImportReference> | null>();

/** Which module export an expression refers to, following imports, requires, aliases and destructuring. */
export function resolveImport(context: Context, node: TSESTree.Node): Readonly<ImportReference> | undefined {
  let reference = resolved.get(node);
  if (reference === undefined) {
    reference = resolveExpression(context, node, 0) ?? null;
    resolved.set(node, reference);
  }
  return reference ?? undefined;
}

/** True when `node` refers to `module`'s export at `path` (`isImportOf(ctx, callee, "pg", "Pool")`). */
export function isImportOf(context: Context, node: TSESTree.Node, module: string, ...path: string[]): boolean {
  const reference = resolveImport(context, node);
  return (
    reference !== undefined &&
    reference.module === module &&
    reference.path.length === path.length &&
    reference.path.every((part, i) => part === path[i])
  );
}

