import { isRelationCreatedEarlierInFile } from "../analysis/created-in-file.ts";
import { isTableDroppedLaterInFile } from "../analysis/drops-in-file.ts";
import { deletesEveryRow, targetTable } from "../analysis/emptied-tables.ts";
import { migrationOf, type MigrationContext } from "../analysis/migration-context.ts";
import { pgRelationName } from "../analysis/pg-nodes.ts";
import { createSqlRule } from "../create-sql-rule.ts";

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
    return into?.type === "insert_clause" && targetTable(into.table) === table;
  });
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
        if (!deletesEveryRow(statement)) return;
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
