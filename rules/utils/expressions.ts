import * as ASTUtils from "@typescript-eslint/utils/ast-utils";
import { AST_NODE_TYPES } from "@typescript-eslint/types";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { visitorKeys } from "@typescript-eslint/visitor-keys";
import { propertyName } from "./imports.ts";

/**
 * What an expression names, calls or resolves to within one file: the property a member access
 * reads, the function a call calls, the same-file function an identifier holds, the child nodes
 * of a node. Shared by the rules that follow values through code.
 */
export type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** The expression inside TypeScript wrappers, optional chains and `await`. */
export function unwrapExpression(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.AwaitExpression:
        current = current.type === AST_NODE_TYPES.AwaitExpression ? current.argument : current.expression;
        break;
      default:
        return current;
    }
  }
}

/** The expression inside TypeScript's type assertions (`as`, `satisfies`, `!`, `<T>`), nothing else. */
export function unwrapTypeAssertions(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === AST_NODE_TYPES.TSAsExpression ||
    current.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    current.type === AST_NODE_TYPES.TSNonNullExpression ||
    current.type === AST_NODE_TYPES.TSTypeAssertion
  ) {
    current = current.expression;
  }
  return current;
}

/** The name a member access reads: `a.b`, `a["b"]`, `this.#b`. */
export function memberName(node: TSESTree.MemberExpression): string | undefined {
  if (node.property.type === AST_NODE_TYPES.PrivateIdentifier) return node.property.name;
  return propertyName(node.property, node.computed);
}

/** The name a value is read by: `user` for an identifier, `email` for `user.email`; undefined for anything else. */
export function valueName(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  return node.type === AST_NODE_TYPES.MemberExpression ? memberName(node) : undefined;
}

/** The called function's own name: `f()` → f, `a.b.f()` → f. */
export function calleeName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  const callee = unwrapExpression(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression) return memberName(callee);
  return undefined;
}

export function staticString(node: TSESTree.Node | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === "string") return node.value;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) return node.quasis[0]!.value.cooked ?? undefined;
  return undefined;
}

/** `process.env.NAME`, `process.env["NAME"]`, `import.meta.env.NAME`, `Bun.env.NAME`: the environment variable read. */
export function environmentRead(node: TSESTree.Node): string | undefined {
  if (node.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const env = unwrapExpression(node.object);
  if (env.type !== AST_NODE_TYPES.MemberExpression || memberName(env) !== "env") return undefined;
  const owner = env.object;
  const isEnv = owner.type === AST_NODE_TYPES.MetaProperty || (owner.type === AST_NODE_TYPES.Identifier && (owner.name === "process" || owner.name === "Bun"));
  return isEnv ? memberName(node) : undefined;
}

/** A function declaration, expression or arrow. */
export function isFunctionNode(node: TSESTree.Node | null | undefined): node is FunctionNode {
  return (
    node?.type === AST_NODE_TYPES.FunctionDeclaration ||
    node?.type === AST_NODE_TYPES.FunctionExpression ||
    node?.type === AST_NODE_TYPES.ArrowFunctionExpression
  );
}

/** The nearest function around `node`; undefined at a module's top level. */
export function enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) if (isFunctionNode(current)) return current;
  return undefined;
}

/** The expressions a function returns (an arrow's body, or every `return x` not inside a nested function). */
export function returnedExpressions(fn: FunctionNode): TSESTree.Expression[] {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const found: TSESTree.Expression[] = [];
  const visit = (node: TSESTree.Node): void => {
    if (node.type === AST_NODE_TYPES.ReturnStatement) {
      if (node.argument) found.push(node.argument);
      return;
    }
    if (isFunctionNode(node) || node.type === AST_NODE_TYPES.ClassBody) return;
    for (const child of childNodes(node)) visit(child);
  };
  for (const statement of fn.body.body) visit(statement);
  return found;
}

/** Keys of a node that never hold its children: back-links, positions, and a program's tokens and comments. */
const NOT_CHILDREN = new Set(["parent", "range", "loc", "tokens", "comments"]);

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";
}

/**
 * The direct child nodes of a node, by its type's visitor keys (what ESLint itself traverses):
 * no `parent` back-links, no tokens or comments, no allocation per property. A type the keys do
 * not know (another parser's extension) has its properties looked through instead.
 */
export function childNodes(node: TSESTree.Node): TSESTree.Node[] {
  const children: TSESTree.Node[] = [];
  const keys = (visitorKeys as Record<string, readonly string[] | undefined>)[node.type] ?? Object.keys(node).filter((key) => !NOT_CHILDREN.has(key));
  for (const key of keys) {
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) children.push(item);
    } else if (isNode(value)) {
      children.push(value);
    }
  }
  return children;
}

/** A same-file function an identifier names (`function sign() {}`, `const sign = () => ...`). */
export function resolveLocalFunction(context: Context, node: TSESTree.Node): FunctionNode | undefined {
  const inner = unwrapExpression(node);
  if (isFunctionNode(inner)) return inner;
  if (inner.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(inner), inner);
  if (!variable || variable.defs.length !== 1) return undefined;
  const definition = variable.defs[0]!;
  if (definition.type === "FunctionName" && isFunctionNode(definition.node)) return definition.node;
  if (definition.type === "Variable" && definition.node.id.type === AST_NODE_TYPES.Identifier && definition.node.init) {
    const init = unwrapExpression(definition.node.init);
    if (isFunctionNode(init)) return init;
  }
  return undefined;
}

/** The function a module declares at its top level under `name` (`function f`, `export function f`, `const f = () => …`). */
export function moduleFunction(program: TSESTree.Program, name: string): FunctionNode | undefined {
  const declaration = topLevelDeclaration(program, name);
  if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration) return declaration;
  return declaration?.type === AST_NODE_TYPES.VariableDeclarator && declaration.init && isFunctionNode(declaration.init) ? (declaration.init as FunctionNode) : undefined;
}

/**
 * What a module declares at its top level under `name`, exported or not: a function, class,
 * interface, type alias or enum declaration, or the declarator of a variable
 * (`const f = () => …`). Read from the tree alone, for modules parsed without scopes.
 */
export function topLevelDeclaration(
  program: TSESTree.Program,
  name: string,
): TSESTree.FunctionDeclaration | TSESTree.ClassDeclaration | TSESTree.TSInterfaceDeclaration | TSESTree.TSTypeAliasDeclaration | TSESTree.TSEnumDeclaration | TSESTree.VariableDeclarator | undefined {
  for (const statement of program.body) {
    const node = statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ? statement.declaration : statement;
    switch (node?.type) {
      case AST_NODE_TYPES.FunctionDeclaration:
      case AST_NODE_TYPES.ClassDeclaration:
      case AST_NODE_TYPES.TSInterfaceDeclaration:
      case AST_NODE_TYPES.TSTypeAliasDeclaration:
      case AST_NODE_TYPES.TSEnumDeclaration:
        if (node.id?.name === name) return node;
        break;
      case AST_NODE_TYPES.VariableDeclaration:
        for (const declarator of node.declarations) {
          if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === name) return declarator;
        }
        break;
      default:
        break;
    }
  }
  return undefined;
}

/** The class body whose instance `this` is at `node`: through arrow functions, up to the method or field that holds it. */
export function classBodyOfThis(node: TSESTree.Node): TSESTree.ClassBody | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.FunctionDeclaration) return undefined;
    if (current.type === AST_NODE_TYPES.FunctionExpression && current.parent?.type !== AST_NODE_TYPES.MethodDefinition) return undefined;
    if (current.type === AST_NODE_TYPES.ClassBody) return current;
  }
  return undefined;
}

/** The name a function is known by: its own, the variable it is assigned to, or its method or property key. */
export function functionName(fn: TSESTree.Node): string | undefined {
  if ((fn.type === AST_NODE_TYPES.FunctionDeclaration || fn.type === AST_NODE_TYPES.FunctionExpression) && fn.id) return fn.id.name;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if ((parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.Property || parent?.type === AST_NODE_TYPES.PropertyDefinition) && !parent.computed) {
    return parent.key.type === AST_NODE_TYPES.Identifier || parent.key.type === AST_NODE_TYPES.PrivateIdentifier ? parent.key.name : undefined;
  }
  // `exports.cleanUp = async () => …`, `module.exports.cleanUp = …`: a CommonJS module's function.
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === fn && parent.left.type === AST_NODE_TYPES.MemberExpression && isExportsTarget(parent.left.object)) {
    return memberName(parent.left);
  }
  return undefined;
}

/** `exports`, `module.exports` or a member of either. */
export function isExportsTarget(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name === "exports";
  if (node.type !== AST_NODE_TYPES.MemberExpression) return false;
  if (node.object.type === AST_NODE_TYPES.Identifier && node.object.name === "module" && memberName(node) === "exports") return true;
  return isExportsTarget(node.object);
}
