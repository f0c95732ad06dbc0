import { adviceMessage, DROP_TABLE } from "../analysis/change-advice.ts";
import { isCreatedEarlierInFile, migrationOf } from "../analysis/migration-context.ts";
import { tableName } from "../analysis/table-name.ts";
import { isSqlite, sqlDialectOf } from "../analysis/dialect.ts";
import { changesBefore, isMadeBeforeDeploy, tableStateInHistory } from "../analysis/migration-history.ts";
import { isTableRebuildStep } from "../analysis/table-rebuilds.ts";
import { isTableRebuiltFromQueryLaterInFile, isTableReplacedLaterInFile } from "../analysis/table-swaps.ts";
import { createSqlRule } from "../create-sql-rule.ts";

export default createSqlRule<[], "dropTable">({
  name: "no-drop-table",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow dropping a table that the code still running during a deploy may use, and its data with it",
      recommended: "error",
    },
    schema: [],
    messages: {
      dropTable: adviceMessage(DROP_TABLE),
    },
  },
  create(context) {
    const migration = migrationOf(context);
    const sqlite = isSqlite(context);
    return {
      drop_table_stmt(statement) {
        // DROP TEMPORARY TABLE (MySQL) drops the session's own table; DROP FOREIGN TABLE leaves the rows where they live.
        if (statement.kind) return;
        // What the file changed before this statement, read once for all the tables it drops, when one needs it.
        let before: ReturnType<typeof changesBefore> | undefined;
        for (const table of statement.tables.items) {
          const name = tableName(table);
          const offset = table.range?.[0] ?? 0;
          if (isCreatedEarlierInFile(migration, name, offset) || isTableReplacedLaterInFile(migration, name, offset)) continue;
          // A derived table dropped and computed again from its sources in the same transaction.
          if (isTableRebuiltFromQueryLaterInFile(migration, name, offset)) continue;
          // The old copy of a table SQLite rebuilt: no-unsafe-table-rebuild judges the rebuild as a whole.
          if (sqlite && isTableRebuildStep(migration, offset)) continue;
          // Made by an earlier migration of the same deploy: the code running during it never used it.
          if (name !== undefined && isMadeBeforeDeploy(context.physicalFilename, sqlDialectOf(context), name, undefined, context.languageOptions.startAfter)) continue;
          // What the history leaves under the name: the old rows of a table a new one replaced (renamed aside, `_bkp_users`),
          // or, for DROP … IF EXISTS, no table at all (a leftover of the days before the history): nothing running reads either.
          if (name !== undefined) {
            before ??= changesBefore(migration.statements, offset, context.sourceCode.text, context.physicalFilename);
            const state = tableStateInHistory(context.physicalFilename, sqlDialectOf(context), name, before);
            if (state === "backup" || (state === "absent" && statement.ifExistsKw)) continue;
          }
          context.report({ node: table, messageId: "dropTable", data: { table: name ?? context.sourceCode.getText(table) } });
        }
      },
    };
  },
});
