import type { Identifier } from "sql-parser-cst";

/**
 * A column, constraint or schema name as PostgreSQL resolves it: unquoted identifiers fold to
 * lower case, quoted ones (`"Email"`, MySQL's `` `Email` ``) keep their case.
 */
export function identifierName(node: Identifier): string {
  return /^["`[]/u.test(node.text) ? node.name : node.name.toLowerCase();
}
