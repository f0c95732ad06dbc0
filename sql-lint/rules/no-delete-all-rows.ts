import type { DeleteStmt, Expr, Node } from "sql-parser-cst";
import { isRelationCreatedEarlierInFile } from "../analysis/created-in-file.ts";
import { isTableDroppedLaterInFile } from "../analysis/drops-in-file.ts";
import { nodesBelow } from "../analysis/nodes-below.ts";
import { migrationOf, type MigrationContext } from "../analysis/migration-context.ts";
import { pgRelationName } from "../analysis/pg-nodes.ts";
import { tableName } from "../analysis/table-name.ts";
import { createSqlRule } from "../create-sql-rule.ts";

type Literal = { type: string; value?: unknown; text?: string };

const LITERALS = new Set(["number_literal", "string_literal", "boolean_literal"]);

function unwrap(expr: Expr): Expr {
  let inner = expr;
  while (inner.type === "paren_expr") inner = inner.expr as Expr;
  return inner;
}

function operatorName(operator: unknown): string {
  return typeof operator === "string" ? operator : ((operator as { name?: string } | undefined)?.name ?? "");
}

/** A condition true for every row whatever it holds: `TRUE`, `1 = 1`, `'a' = 'a'`, or one of them ORed with anything. */
function isTautology(expr: Expr): boolean {
  const inner = unwrap(expr);
  if (inner.type === "boolean_literal") return inner.value;
  // MySQL and SQLite read a non-zero number as true.
  if (inner.type === "number_literal") return inner.value !== 0;
  if (inner.type !== "binary_expr") return false;
  const operator = operatorName(inner.operator).toUpperCase();
  if (operator === "OR") return isTautology(inner.left as Expr) || isTautology(inner.right as Expr);
  if (operator === "AND") return isTautology(inner.left as Expr) && isTautology(inner.right as Expr);
  if (operator !== "=") return false;
  const [left, right] = [unwrap(inner.left as Expr) as Literal, unwrap(inner.right as Expr) as Literal];
  return LITERALS.has(left.type) && left.type === right.type && left.value === right.value;
}

/** Whether anything below `node` is a join condition (`JOIN … ON`, `JOIN … USING`). */
function hasJoinCondition(node: unknown): boolean {
  return nodesBelow(node, (child) => child.type === "join_on_specification" || child.type === "join_using_specification").length > 0;
}

/**
 * Whether the statement keeps some rows: a WHERE that is not always true, `WHERE CURRENT OF`, a
 * LIMIT (one batch of a batched delete), or MySQL's multi-table form joined on a condition.
 */
function isRestricted(statement: DeleteStmt): boolean {
  return statement.clauses.some((clause) => {
    switch (clause.type) {
      case "where_clause":
        return !isTautology(clause.expr);
      case "where_current_of_clause":
      case "limit_clause":
        return true;
      case "from_clause":
        return hasJoinCondition(clause.expr);
      default:
        return false;
    }
  });
}

/**
 * True when this migration inserts rows into `table` after `offset`: a table emptied to be
 * filled again (a lookup table seeded anew, a derived table recomputed from its sources) holds
 * what the migration writes, not rows the application wrote.
 */
function isRefilledLaterInFile(migration: MigrationContext, table: string | undefined, offset: number): boolean {
  if (table === undefined) return false;
  return migration.statements.some((statement) => {
    if ((statement.range?.[0] ?? 0) <= offset) return false;
    if (statement.type === "pg_fallback_stmt") return statement.kind === "InsertStmt" && pgRelationName(statement.pg.relation) === table;
    if (statement.type !== "insert_stmt") return false;
    const into = statement.clauses.find((clause) => clause.type === "insert_clause");
    return into?.type === "insert_clause" && tableName(into.table.type === "alias" ? into.table.expr : into.table) === table;
  });
}

/** The table a `DELETE` target names, through its alias and `ONLY`. */
function targetTable(target: Node): string | undefined {
  return tableName(target.type === "alias" ? target.expr : target);
}

export default createSqlRule<[], "deleteAll" | "deleteAllTautology">({
  name: "no-delete-all-rows",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow DELETE without a WHERE condition in a migration, which deletes every row of a table the running code is using",
      recommended: "error",
    },
    schema: [],
    messages: {
      deleteAll:
        'This DELETE has no WHERE condition: it deletes every row of "{{table}}" for good while the code still running during the deploy reads and writes them, like TRUNCATE. ' +
        "Add the condition that selects the rows you mean to remove (in batches on a large table), or clean the table up by hand after a backup, outside the schema migration.",
      deleteAllTautology:
        'This DELETE\'s WHERE condition is true for every row: it deletes every row of "{{table}}" for good while the code still running during the deploy reads and writes them, like TRUNCATE. ' +
        "Write the condition that selects the rows you mean to remove (in batches on a large table), or clean the table up by hand after a backup, outside the schema migration.",
    },
  },
  create(context) {
    const migration = migrationOf(context);
    return {
      delete_stmt(statement) {
        if (isRestricted(statement)) return;
        const messageId = statement.clauses.some((clause) => clause.type === "where_clause") ? "deleteAllTautology" : "deleteAll";
        for (const clause of statement.clauses) {
          if (clause.type !== "delete_clause") continue;
          for (const target of clause.tables.items) {
            const name = targetTable(target);
            const offset = target.range?.[0] ?? 0;
            // A table this migration made (and maybe filled) has no running code depending on it; one it drops next is no-drop-table's.
            if (isRelationCreatedEarlierInFile(migration, name, offset) || isTableDroppedLaterInFile(migration, name, offset)) continue;
            if (isRefilledLaterInFile(migration, name, offset)) continue;
            context.report({ node: target, messageId, data: { table: name ?? context.sourceCode.getText(target) } });
          }
        }
      },
    };
  },
});
