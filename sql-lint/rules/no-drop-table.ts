import { isCreatedEarlierInFile, migrationOf } from "../analysis/migration-context.ts";
import { tableName } from "../analysis/table-name.ts";
import { isTableReplacedLaterInFile } from "../analysis/table-swaps.ts";
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
      dropTable:
        'Dropping table "{{table}}" deletes its rows for good, and the code still running during the deploy fails on every query that touches it. ' +
        "First ship code that no longer uses the table and keep a copy of the data, then drop it in a later migration.",
    },
  },
  create(context) {
    const migration = migrationOf(context);
    return {
      drop_table_stmt(statement) {
        // DROP TEMPORARY TABLE (MySQL) drops the session's own table; DROP FOREIGN TABLE leaves the rows where they live.
        if (statement.kind) return;
        for (const table of statement.tables.items) {
          const name = tableName(table);
          const offset = table.range?.[0] ?? 0;
          if (isCreatedEarlierInFile(migration, name, offset) || isTableReplacedLaterInFile(migration, name, offset)) continue;
          context.report({ node: table, messageId: "dropTable", data: { table: name ?? context.sourceCode.getText(table) } });
        }
      },
    };
  },
});
