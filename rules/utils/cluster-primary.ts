/**
 * Node's cluster module: a primary process forks the workers that serve, and it is the primary the
 * orchestrator signals (it is the container's main process). A worker's SIGTERM handler never runs
 * when the primary dies on SIGTERM: the workers lose their channel to it and exit mid-request.
 */
import { AST_NODE_TYPES } from "@typescript-eslint/types";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { descendants } from "../../sql-lint/embedded/migration-code.ts";
import { unwrapExpression } from "./expressions.ts";
import { resolveImport } from "./imports.ts";

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
type Role = "primary" | "worker";

const ROLE_PROPERTIES: Record<string, Role> = { isPrimary: "primary", isMaster: "primary", isWorker: "worker" };

const other = (role: Role): Role => (role === "primary" ? "worker" : "primary");

/** What a test says the process is when it holds: `cluster.isPrimary`, `!cluster.isMaster`, `cluster.isWorker`. */
function roleTested(context: Context, test: TSESTree.Node): Role | undefined {
  const node = unwrapExpression(test);
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === "!") {
    const role = roleTested(context, node.argument);
    return role && other(role);
  }
  if (node.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const reference = resolveImport(context, node);
  return reference?.module === "cluster" && reference.path.length === 1 ? ROLE_PROPERTIES[reference.path[0]!] : undefined;
}

/** The branch of a cluster role test around `node`, and the role it runs in; undefined outside any. */
export function clusterBranchOf(context: Context, node: TSESTree.Node): { role: Role; branch: TSESTree.Node } | undefined {
  for (let child: TSESTree.Node = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if ((parent.type !== AST_NODE_TYPES.IfStatement && parent.type !== AST_NODE_TYPES.ConditionalExpression) || child === parent.test) continue;
    const role = roleTested(context, parent.test);
    if (role) return { role: child === parent.consequent ? role : other(role), branch: child };
  }
  return undefined;
}

/** `cluster.fork()`, `require("node:cluster").fork()`: the primary starting a worker. */
export function isClusterFork(context: Context, call: TSESTree.CallExpression): boolean {
  const reference = resolveImport(context, call.callee);
  return reference?.module === "cluster" && reference.path.length === 1 && reference.path[0] === "fork";
}

/** The modules the code under `root` uses, by the imports its names resolve to (`ParseServer.startApp()` uses `../index`). */
export function modulesUsedIn(context: Context, root: TSESTree.Node): string[] {
  const modules = new Set<string>();
  for (const node of descendants(root)) {
    if (node.type !== AST_NODE_TYPES.Identifier) continue;
    const reference = resolveImport(context, node);
    if (reference) modules.add(reference.module);
  }
  return [...modules];
}
