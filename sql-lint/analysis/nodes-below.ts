import type { SqlNode } from "../language/parse-sql.ts";

/**
 * Every node below `root` (itself included) that `test` accepts, in source order, looking into
 * every property but ranges and the comments attached to nodes. For questions about a whole
 * statement (its string literals, its join conditions) that no visitor has asked yet.
 */
export function nodesBelow<T extends SqlNode>(root: unknown, test: (node: SqlNode) => node is T): T[];
export function nodesBelow(root: unknown, test: (node: SqlNode) => boolean): SqlNode[];
export function nodesBelow(root: unknown, test: (node: SqlNode) => boolean): SqlNode[] {
  const found: SqlNode[] = [];
  const visit = (value: unknown): void => {
    if (!value || typeof value !== "object") return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    const record = value as Record<string, unknown>;
    if (typeof record.type === "string" && test(value as SqlNode)) found.push(value as SqlNode);
    for (const key in record) if (key !== "range" && key !== "leading" && key !== "trailing") visit(record[key]);
  };
  visit(root);
  return found;
}
