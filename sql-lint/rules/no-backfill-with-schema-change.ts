import { isPostgresql } from "../analysis/dialect.ts";
import { isCreatedEarlierInFile, migrationOf } from "../analysis/migration-context.ts";
import { tableLockOf } from "../analysis/locks.ts";
import { tableName } from "../analysis/table-name.ts";
import type { SqlStatementNode } from "../language/parse-sql.ts";
import { createSqlRule } from "../create-sql-rule.ts";

/** The table an UPDATE writes, when it names exactly one. */
function updatedTable(statement: Extract<SqlStatementNode, { type: "update_stmt" }>): string | undefined {
  for (const clause of statement.clauses) {
    if (clause.type === "update_clause" && clause.tables.items.length === 1) return tableName(clause.tables.items[0]);
  }
  return undefined;
}

export default createSqlRule<[], "backfill">({
  name: "no-backfill-with-schema-change",
  meta: {
    type: "suggestion",
    docs: {
      description: "Disallow backfilling rows with `UPDATE` in the same migration as a schema change",
      recommended: "warn",
    },
    schema: [],
    messages: {
      backfill:
        'This UPDATE backfills "{{table}}" in the same migration as a schema change: in one transaction it keeps the schema change\'s lock for as long as it rewrites rows, and on a large table it can run for minutes, bloat the table and time out the deploy. ' +
        "Ship the schema change first, then backfill in batches (a separate migration, job or script) that commit as they go.",
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
        if (table === undefined || isCreatedEarlierInFile(migration, table, statement.range?.[0] ?? 0)) return;
        const clause = statement.clauses.find((c) => c.type === "update_clause") ?? statement;
        context.report({ node: clause, messageId: "backfill", data: { table } });
      },
    };
  },
});
