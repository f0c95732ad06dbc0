import { AST_NODE_TYPES } from "@typescript-eslint/types";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { isFunctionNode, memberName, resolveLocalFunction, returnedExpressions, unwrapExpression, type FunctionNode } from "./expressions.ts";
import { isDisabledFlag } from "./disabled-flags.ts";
import { nameWords } from "./name-words.ts";

/** Flags that are true outside production: `isDevelopment`, `isDev`, `IS_DEV`, `__DEV__`, `isLocal`, `isTest`. */
const DEVELOPMENT_FLAG = /^(?:is_?)?(?:dev|devel|development|local|test|testing)(?:_?(?:mode|env|environment))?$|^__dev__$/iu;
/** Flags that are true in production: `isProduction`, `IS_PROD`. */
const PRODUCTION_FLAG = /^(?:is_?)?(?:prod|production)(?:_?(?:mode|env|environment))?$/iu;
/** Variables that name the environment: `NODE_ENV`, `APP_ENV`, `env.ENVIRONMENT`. */
const ENVIRONMENT_NAME = /^(?:node_env|app_env|environment|env|stage)$/iu;
const DEVELOPMENT_VALUE = /^(?:dev|devel|development|local|test|testing)$/iu;
const PRODUCTION_VALUE = /^(?:prod|production)$/iu;
/** `isIntegrationTest`, `useTestEmailService`, `enableDevTools`: a verb or `is`, then the environment. */
const FLAG_VERBS = new Set(["is", "use", "using", "enable", "enabled", "in", "run", "running", "should", "with"]);
const ENVIRONMENT_WORDS = new Set(["dev", "devel", "development", "test", "testing", "integration", "e2e", "mock", "fake"]);
/** What a flag about one record says instead (`isTestUser`, `isTestPayment`): such records exist in production. */
const RECORD_WORDS = new Set(["user", "users", "account", "accounts", "customer", "customers", "payment", "payments", "order", "orders", "org", "organization", "team", "tenant", "member", "card", "device", "data"]);

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

function isDevelopmentFlag(name: string): boolean {
  if (DEVELOPMENT_FLAG.test(name)) return true;
  const words = nameWords(name);
  if (words.length < 2 || !FLAG_VERBS.has(words[0]!)) return false;
  // `isLocalDev`, `isLocalTest`: a name made of environment words only (`useLocalStorage` is not).
  const rest = words.slice(1);
  if (rest.every((word) => word === "local" || ENVIRONMENT_WORDS.has(word)) && rest.some((word) => ENVIRONMENT_WORDS.has(word))) return true;
  return ENVIRONMENT_WORDS.has(words[1]!) && !words.some((word) => RECORD_WORDS.has(word));
}

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
  if (isDevelopmentFlag(name)) return "development";
  if (PRODUCTION_FLAG.test(name)) return "not-development";
  return undefined;
}

/** Whether a condition holds only outside development: `!isDev`, `isProduction`, `NODE_ENV !== "development"`. */
export function holdsOutsideDevelopment(test: TSESTree.Node): boolean {
  return meaningOf(test) === "not-development";
}

/** Whether a condition holds in development only: `isDev`, `isLocalDev`, `NODE_ENV === "development"`. */
export function holdsOnlyInDevelopment(test: TSESTree.Node): boolean {
  return meaningOf(test) === "development";
}

/**
 * Whether a condition is false in development only, so it holds in every other deployment
 * (staging, test, production): `!isDev`, `NODE_ENV !== "development"`. Not `isProduction` or
 * `NODE_ENV === "production"`, which are false in staging too.
 */
export function failsOnlyInDevelopment(test: TSESTree.Node): boolean {
  const node = unwrapExpression(test);
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === "!") return holdsOnlyInDevelopment(node.argument);
  if (node.type !== AST_NODE_TYPES.BinaryExpression || (node.operator !== "!==" && node.operator !== "!=")) return false;
  const [name, value] = stringValue(node.right) !== undefined ? [node.left, stringValue(node.right)] : [node.right, stringValue(node.left)];
  const variable = flagName(name);
  return value !== undefined && variable !== undefined && ENVIRONMENT_NAME.test(variable) && DEVELOPMENT_VALUE.test(value);
}

/** `return;`, `throw …`, or a block of only that: an early exit. */
export function exitsAtOnce(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement) return true;
  return statement.type === AST_NODE_TYPES.BlockStatement && statement.body.length === 1 && exitsAtOnce(statement.body[0]!);
}

/** Whether a block starts its work only after an early `if (!isDevelopment) return;` or `throw`. */
function exitsOutsideDevelopment(statements: readonly TSESTree.Node[], until?: TSESTree.Node): boolean {
  for (const statement of statements) {
    if (statement === until) break;
    if (statement.type === AST_NODE_TYPES.IfStatement && !statement.alternate && exitsAtOnce(statement.consequent) && meaningOf(statement.test) === "not-development") return true;
  }
  return false;
}

/** A middleware that refuses every request outside development: `dev()` whose returned function starts with `if (env !== "development") throw …`. */
function isDevelopmentGuard(argument: TSESTree.Node, context: Context): boolean {
  const node = unwrapExpression(argument);
  const guards = (fn: FunctionNode | undefined) => fn?.body.type === AST_NODE_TYPES.BlockStatement && exitsOutsideDevelopment(fn.body.body);
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const factory = resolveLocalFunction(context, node.callee);
    return factory !== undefined && returnedExpressions(factory).some((returned) => isFunctionNode(returned) && guards(returned));
  }
  return node.type === AST_NODE_TYPES.Identifier && guards(resolveLocalFunction(context, node));
}

/**
 * Whether `node` only runs outside production: in the branch of an `if (env.isDevelopment)`,
 * `NODE_ENV !== "production" && …`, the `else` of `if (isProduction)`, after an early
 * `if (!isDevelopment) return;` in an enclosing block, or (given the context to resolve
 * middleware) in a route handler behind a middleware that refuses requests outside development.
 * With the context, also code that never runs: under a flag the code sets to false for good
 * (`if (DEBUG)` after `const DEBUG = false`; see disabled-flags.ts).
 */
export function isDevelopmentOnly(node: TSESTree.Node, context?: Context): boolean {
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) {
      const meaning = meaningOf(parent.test);
      if ((child === parent.consequent && meaning === "development") || (child === parent.alternate && meaning === "not-development")) return true;
      if (context && child === parent.consequent && isDisabledFlag(parent.test, context)) return true;
    } else if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.operator === "&&" && child === parent.right) {
      if (meaningOf(parent.left) === "development" || (context && isDisabledFlag(parent.left, context))) return true;
    } else if (parent.type === AST_NODE_TYPES.BlockStatement || parent.type === AST_NODE_TYPES.Program) {
      if (exitsOutsideDevelopment(parent.body, child)) return true;
    } else if (context && isFunctionNode(child) && parent.type === AST_NODE_TYPES.CallExpression) {
      // `router.post("/seed", dev(), auth(), async (ctx) => …)`: a middleware before the handler refuses production requests.
      const at = parent.arguments.indexOf(child as TSESTree.CallExpressionArgument);
      if (at > 0 && parent.arguments.slice(0, at).some((argument) => isDevelopmentGuard(argument, context))) return true;
    }
  }
  return false;
}
