import { AST_NODE_TYPES } from "@typescript-eslint/types";
import type { TSESTree } from "@typescript-eslint/utils";

/**
 * Whether `first` has always run by the time `then` runs, within one function body.
 *
 * `first` must come earlier in the code and must not sit in a branch that `then` is outside of:
 * the other arm of an `if` or `?:`, the right side of `&&`/`||`/`??`, a loop body, a `switch`
 * case, a `catch` block, or a nested function. A call in an `if` test runs before both arms;
 * a call in a `try` block counts (its failure is expected to end the request in the `catch`).
 *
 * When `first` is skipped on some path, `guard` is the condition that decides it (the `if`
 * test, the left side of `&&`), so a finding can point at it.
 */
export type Ordering = { always: true } | { always: false; guard: TSESTree.Node | undefined };

function ancestors(node: TSESTree.Node): TSESTree.Node[] {
  const chain: TSESTree.Node[] = [];
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) chain.push(current);
  return chain;
}

function isFunction(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.ArrowFunctionExpression
  );
}

/** The condition under which `child` of `parent` runs, or undefined when it always runs with its parent. */
function conditionOf(parent: TSESTree.Node, child: TSESTree.Node): TSESTree.Node | null | undefined {
  switch (parent.type) {
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ConditionalExpression:
      return child === parent.test ? undefined : parent.test;
    case AST_NODE_TYPES.LogicalExpression:
      return child === parent.right ? parent.left : undefined;
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.ForStatement:
      return child === parent.body || (parent.type === AST_NODE_TYPES.ForStatement && child === parent.update)
        ? (parent.test ?? parent)
        : undefined;
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
      return child === parent.body ? parent.right : undefined;
    case AST_NODE_TYPES.SwitchCase:
      return child === parent.test ? undefined : (parent.test ?? parent);
    case AST_NODE_TYPES.CatchClause:
      return parent;
    case AST_NODE_TYPES.AssignmentPattern:
      return child === parent.right ? parent : undefined;
    default:
      // A nested function runs whenever it is called, if ever.
      return isFunction(parent) ? null : undefined;
  }
}

/** Whether a statement always leaves the function (`return`, `throw`, or a block ending in one). */
function exits(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement) return true;
  if (statement.type !== AST_NODE_TYPES.BlockStatement) return false;
  const last = statement.body[statement.body.length - 1];
  return last !== undefined && exits(last);
}

/**
 * `if (!signature || !verify(...)) return 401;` skips `verify` only on the path that returns, and
 * `if (secret && verify(...)) { ... }` only on the path that skips the block: the `if` whose test
 * holds the logical expression, when `then` is on the side of it that always ran `first`.
 */
function guardingIf(logical: TSESTree.LogicalExpression, then: TSESTree.Node): TSESTree.IfStatement | undefined {
  let node: TSESTree.Node = logical;
  while (
    node.parent &&
    ((node.parent.type === AST_NODE_TYPES.LogicalExpression && node.parent.operator === logical.operator) ||
      (node.parent.type === AST_NODE_TYPES.UnaryExpression && node.parent.operator === "!"))
  ) {
    node = node.parent;
  }
  const statement = node.parent;
  if (statement?.type !== AST_NODE_TYPES.IfStatement || statement.test !== node) return undefined;
  const negated = node !== logical && node.type === AST_NODE_TYPES.UnaryExpression;
  const operator = negated ? (logical.operator === "||" ? "&&" : "||") : logical.operator;
  const inConsequent = statement.consequent.range[0] <= then.range[0] && then.range[1] <= statement.consequent.range[1];
  if (operator === "&&" && inConsequent) return statement;
  if (operator === "||" && then.range[0] >= statement.range[1] && exits(statement.consequent)) return statement;
  return undefined;
}

/**
 * Where `node` sits conditionally below `root`: the deciding condition, `null` inside a nested
 * function, undefined when it always runs whenever `root` does.
 */
export function conditionWithin(node: TSESTree.Node, root: TSESTree.Node): TSESTree.Node | null | undefined {
  // Stands for "the end of root": after every statement in it.
  const end = { range: [root.range[1], root.range[1]] } as TSESTree.Node;
  let child = node;
  for (let parent = node.parent; parent && child !== root; child = parent, parent = parent.parent) {
    if (parent === root) return undefined;
    if (parent.type === AST_NODE_TYPES.LogicalExpression && child === parent.right) {
      const statement = guardingIf(parent, end);
      if (statement) {
        parent = statement;
        continue;
      }
    }
    const condition = conditionOf(parent, child);
    if (condition !== undefined) return condition;
  }
  return undefined;
}

export function ordering(first: TSESTree.Node, then: TSESTree.Node): Ordering {
  if (first.range[1] > then.range[0]) return { always: false, guard: undefined };
  const thenAncestors = new Set(ancestors(then));
  let child = first;
  for (let parent = first.parent; parent; child = parent, parent = parent.parent) {
    if (thenAncestors.has(parent)) {
      // `then` is in the same construct: first must be in a part that runs before `then`'s part.
      if (parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) {
        return child === parent.test ? { always: true } : { always: false, guard: parent.test };
      }
      if (parent.type === AST_NODE_TYPES.SwitchStatement && child !== parent.discriminant) {
        return { always: false, guard: parent.discriminant };
      }
      return { always: true };
    }
    if (parent.type === AST_NODE_TYPES.LogicalExpression && child === parent.right) {
      const statement = guardingIf(parent, then);
      if (statement) {
        // Continue from the `if` test, which runs before both its arms and everything after it.
        if (thenAncestors.has(statement)) return { always: true };
        child = statement;
        parent = statement;
        continue;
      }
    }
    const condition = conditionOf(parent, child);
    if (condition === null) return { always: false, guard: undefined };
    if (condition !== undefined) return { always: false, guard: condition };
  }
  return { always: false, guard: undefined };
}
