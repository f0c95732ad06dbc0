import { AST_NODE_TYPES } from "@typescript-eslint/types";
import type { TSESTree } from "@typescript-eslint/utils";
import { memberName, unwrapExpression } from "./expressions.ts";

/** Flags that are true outside production: `isDevelopment`, `isDev`, `IS_DEV`, `__DEV__`, `isLocal`, `isTest`. */
const DEVELOPMENT_FLAG = /^(?:is_?)?(?:dev|devel|development|local|test|testing)(?:_?(?:mode|env|environment))?$|^__dev__$/iu;
/** Flags that are true in production: `isProduction`, `IS_PROD`. */
const PRODUCTION_FLAG = /^(?:is_?)?(?:prod|production)(?:_?(?:mode|env|environment))?$/iu;
/** Variables that name the environment: `NODE_ENV`, `APP_ENV`, `env.ENVIRONMENT`. */
const ENVIRONMENT_NAME = /^(?:node_env|app_env|environment|env|stage)$/iu;
const DEVELOPMENT_VALUE = /^(?:dev|devel|development|local|test|testing)$/iu;
const PRODUCTION_VALUE = /^(?:prod|production)$/iu;

/** What a condition being true says: the code runs only outside production, only in production (or not in development), or nothing. */
type Meaning = "development" | "not-development" | undefined;

const flip = (meaning: Meaning): Meaning => (meaning === "development" ? "not-development" : meaning === "not-development" ? "development" : undefined);

function flagName(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.MemberExpression) return memberName(node);
  return undefined;
}

function stringValue(node: TSESTree.Node): string | undefined {
  return node.type === AST_NODE_TYPES.Literal && typeof node.value === "string" ? node.value : undefined;
}

function meaningOf(test: TSESTree.Node): Meaning {
  const node = unwrapExpression(test);
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === "!") return flip(meaningOf(node.argument));
  if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator === "&&") {
    // Both must hold: either one saying "outside production" is enough.
    const [left, right] = [meaningOf(node.left), meaningOf(node.right)];
    return left === "development" || right === "development" ? "development" : undefined;
  }
  if (node.type === AST_NODE_TYPES.BinaryExpression && ["===", "==", "!==", "!="].includes(node.operator)) {
    const [name, value] = stringValue(node.right) !== undefined ? [node.left, stringValue(node.right)!] : [node.right, stringValue(node.left)];
    const variable = flagName(name);
    if (value === undefined || !variable || !ENVIRONMENT_NAME.test(variable)) return undefined;
    const equal: Meaning = DEVELOPMENT_VALUE.test(value) ? "development" : PRODUCTION_VALUE.test(value) ? "not-development" : undefined;
    return node.operator.startsWith("!") ? flip(equal) : equal;
  }
  const name = flagName(node);
  if (!name) return undefined;
  if (DEVELOPMENT_FLAG.test(name)) return "development";
  if (PRODUCTION_FLAG.test(name)) return "not-development";
  return undefined;
}

/** `return;`, `throw …`, or a block of only that: an early exit. */
function exits(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement) return true;
  return statement.type === AST_NODE_TYPES.BlockStatement && statement.body.length === 1 && exits(statement.body[0]!);
}

/**
 * Whether `node` only runs outside production: in the branch of an `if (env.isDevelopment)`,
 * `NODE_ENV !== "production" && …`, the `else` of `if (isProduction)`, or after an early
 * `if (!isDevelopment) return;` in an enclosing block.
 */
export function isDevelopmentOnly(node: TSESTree.Node): boolean {
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) {
      const meaning = meaningOf(parent.test);
      if ((child === parent.consequent && meaning === "development") || (child === parent.alternate && meaning === "not-development")) return true;
    } else if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.operator === "&&" && child === parent.right && meaningOf(parent.left) === "development") {
      return true;
    } else if (parent.type === AST_NODE_TYPES.BlockStatement || parent.type === AST_NODE_TYPES.Program) {
      for (const statement of parent.body) {
        if (statement === child) break;
        if (statement.type === AST_NODE_TYPES.IfStatement && !statement.alternate && exits(statement.consequent) && meaningOf(statement.test) === "not-development") return true;
      }
    }
  }
  return false;
}
