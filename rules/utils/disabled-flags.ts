import { AST_NODE_TYPES } from "@typescript-eslint/types";
import { ASTUtils, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { declarationNamed } from "./declared-types.ts";
import { unwrapExpression } from "./expressions.ts";

/**
 * Flags the code turns off for good: `const DEBUG = false`, a class's
 * `static readonly ENABLE_LOGGING = false` (ghostfolio's portfolio calculator guards its dumps
 * with one). What runs only when such a flag is true never runs in any deployment until someone
 * edits the code, so nothing there is production behaviour.
 *
 * Only constants the language keeps constant count: a `const` binding, and a `static readonly`
 * class field. A plain `static` field or a `let` can be switched on at run time.
 */

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

function isFalse(node: TSESTree.Node | null | undefined): boolean {
  return node?.type === AST_NODE_TYPES.Literal && node.value === false;
}

/** `const NAME = false` as a declarator. */
function isFalseConstant(node: TSESTree.Node | undefined): boolean {
  return node?.type === AST_NODE_TYPES.VariableDeclarator && (node.parent as TSESTree.VariableDeclaration).kind === "const" && isFalse(node.init);
}

/** Whether the class declares `static readonly name = false`. */
function hasFalseStaticField(node: TSESTree.Node | undefined, name: string): boolean {
  if (node?.type !== AST_NODE_TYPES.ClassDeclaration) return false;
  return node.body.body.some(
    (member) =>
      member.type === AST_NODE_TYPES.PropertyDefinition &&
      member.static &&
      member.readonly &&
      !member.computed &&
      member.key.type === AST_NODE_TYPES.Identifier &&
      member.key.name === name &&
      isFalse(member.value),
  );
}

/** What a name means where `identifier` reads it: its declaration in this file, or, for an import, in the module it comes from. */
function declarationOf(context: Context, identifier: TSESTree.Identifier, followImports: boolean): TSESTree.Node | undefined {
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(identifier), identifier);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!definition) return undefined;
  if (definition.type === "ImportBinding") return followImports ? declarationNamed(context.filename, context.sourceCode.ast, identifier.name)?.node : undefined;
  return definition.node as TSESTree.Node;
}

/** `DEBUG`, `ENABLE_LOGGING`: how code names a constant switch. */
const SWITCH_NAME = /^[A-Z][A-Z0-9_]*$/u;

/**
 * Whether `test` is a flag the code sets to false for good, so the branch it guards never runs.
 * Only names written as constants are followed into other modules (`if (config.enabled)` around
 * every other log line would otherwise send the lookup through the project's imports each time).
 */
export function isDisabledFlag(test: TSESTree.Node, context: Context): boolean {
  const node = unwrapExpression(test);
  if (node.type === AST_NODE_TYPES.Identifier) return isFalseConstant(declarationOf(context, node, SWITCH_NAME.test(node.name)));
  if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed || node.property.type !== AST_NODE_TYPES.Identifier || !SWITCH_NAME.test(node.property.name)) return false;
  const owner = unwrapExpression(node.object);
  return owner.type === AST_NODE_TYPES.Identifier && hasFalseStaticField(declarationOf(context, owner, true), node.property.name);
}
