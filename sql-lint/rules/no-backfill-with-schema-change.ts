import { isPostgresql } from "../analysis/dialect.ts";
import { isCreatedEarlierInFile, migrationOf } from "../analysis/migration-context.ts";
import { tableLockOf } from "../analysis/locks.ts";
import { tableName } from "../analysis/table-name.ts";
import type { Node } from "sql-parser-cst";
import type { SqlStatementNode } from "../language/parse-sql.ts";
import { createSqlRule } from "../create-sql-rule.ts";

/** A table reference without its alias (`notification n`). */
function unaliased(node: Node): Node {
  return node.type === "alias" ? node.expr : node;
}

/** The table an UPDATE writes, when it names exactly one. */
function updatedTable(statement: Extract<SqlStatementNode, { type: "update_stmt" }>): string | undefined {
  for (const clause of statement.clauses) {
    if (clause.type === "update_clause" && clause.tables.items.length === 1) return tableName(unaliased(clause.tables.items[0]!));
  }
  return undefined;
}

/** The table an `INSERT … SELECT … FROM` copies rows into: rows of a table, not a constant row. */
function copiedIntoTable(statement: Extract<SqlStatementNode, { type: "insert_stmt" }>): string | undefined {
  const [insert, source] = statement.clauses;
  if (insert?.type !== "insert_clause" || source?.type !== "select_stmt") return undefined;
  if (!source.clauses.some((clause) => clause.type === "from_clause")) return undefined;
  return tableName(unaliased(insert.table));
}

/** The system catalogs (`UPDATE pg_index …`) are not rows of the application. */
const isCatalog = (table: string) => table.startsWith("pg_");

export default createSqlRule<[], "backfill" | "copy">({
  name: "no-backfill-with-schema-change",
  meta: {
    type: "suggestion",
    docs: {
      description: "Disallow backfilling rows (`UPDATE`, `INSERT … SELECT`) in the same migration as a schema change",
      recommended: "warn",
    },
    schema: [],
    messages: {
      backfill:
        'This UPDATE backfills "{{table}}" in the same migration as a schema change: in one transaction it keeps the schema change\'s lock for as long as it rewrites rows, and on a large table it can run for minutes, bloat the table and time out the deploy. ' +
        "Ship the schema change first, then backfill in batches (a separate migration, job or script) that commit as they go.",
      copy:
        'This INSERT … SELECT copies rows into "{{table}}" in the same migration as a schema change: in one transaction it keeps the schema change\'s lock for as long as the copy runs, and a large copy can run for minutes and time out the deploy. ' +
        "Ship the schema change first, then copy in batches (a separate migration, job or script) that commit as they go.",
    },
  },
  create(context) {
    // PostgreSQL's lock modes and transactional DDL; MySQL commits each DDL statement on its own.
    if (!isPostgresql(context)) return {};
    const migration = migrationOf(context);
    const hasSchemaChange = migration.statements.some((statement) => {
      const lock = tableLockOf(statement);
      return lock !== undefined && !isCreatedEarlierInFile(migration, lock.table, statement.range?.[0] ?? 0);
    });
    return {
      update_stmt(statement) {
        if (!hasSchemaChange) return;
        const table = updatedTable(statement);
        // Filling a table this migration created cannot block anyone.
        if (table === undefined || isCatalog(table) || isCreatedEarlierInFile(migration, table, statement.range?.[0] ?? 0)) return;
        const clause = statement.clauses.find((c) => c.type === "update_clause") ?? statement;
        context.report({ node: clause, messageId: "backfill", data: { table } });
      },
      insert_stmt(statement) {
        if (!hasSchemaChange) return;
        const table = copiedIntoTable(statement);
        if (table === undefined || isCatalog(table) || isCreatedEarlierInFile(migration, table, statement.range?.[0] ?? 0)) return;
        context.report({ node: statement.clauses[0]!, messageId: "copy", data: { table } });
      },
    };
  },
});
