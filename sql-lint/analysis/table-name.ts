import type { Node, UpdateStmt } from "sql-parser-cst";

/**
 * The name a table reference points at, normalised the way PostgreSQL resolves it: unquoted
 * identifiers fold to lower case, quoted ones keep their case, and a schema qualifier is dropped
 * (migrations mix `users` and `public.users` for the same table). Returns undefined for
 * anything that is not a plain table reference.
 */
export function tableName(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  switch (node.type) {
    case "identifier":
      return /^["`[]/u.test(node.text) ? node.name : node.name.toLowerCase();
    case "member_expr":
      return node.property.type === "identifier" ? tableName(node.property) : undefined;
    case "table_without_inheritance":
    case "table_with_inheritance":
      return tableName(node.table);
    default:
      return undefined;
  }
}

/** A table reference without its alias (`notification n`, `notification AS n`). */
export function unaliased(node: Node): Node {
  return node.type === "alias" ? node.expr : node;
}

/** The table an UPDATE writes, when it names exactly one (`UPDATE notification n SET …` writes `notification`). */
export function updatedTable(statement: UpdateStmt): string | undefined {
  for (const clause of statement.clauses) {
    if (clause.type === "update_clause" && clause.tables.items.length === 1) return tableName(unaliased(clause.tables.items[0]!));
  }
  return undefined;
}
