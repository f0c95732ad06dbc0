import { isCreatedEarlierInFile, migrationOf } from "../analysis/migration-context.ts";
import { tableName } from "../analysis/table-name.ts";
import { createSqlRule } from "../create-sql-rule.ts";

export default createSqlRule<[], "dropColumn">({
  name: "no-drop-column",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow dropping a column that the code still running during a deploy may read or write",
      recommended: "error",
    },
    schema: [],
    messages: {
      dropColumn:
        'Dropping column "{{column}}" from "{{table}}" breaks the code still running during the deploy, which selects or inserts it. ' +
        "First ship code that no longer uses the column (ignore it in the ORM), then drop it in a later migration.",
    },
  },
  create(context) {
    const migration = migrationOf(context);
    return {
      alter_table_stmt(statement) {
        const table = tableName(statement.table);
        for (const action of statement.actions.items) {
          if (action.type !== "alter_action_drop_column") continue;
          if (action.range && isCreatedEarlierInFile(migration, table, action.range[0])) continue;
          context.report({
            node: action,
            messageId: "dropColumn",
            data: { column: action.column.name, table: table ?? context.sourceCode.getText(statement.table) },
          });
        }
      },
    };
  },
});
