import { adviceMessage, DROP_COLUMN } from "../analysis/change-advice.ts";
import { isCreatedEarlierInFile, migrationOf } from "../analysis/migration-context.ts";
import { mysqlAlterActions, mysqlTableName } from "../analysis/mysql-alter-actions.ts";
import { locOf } from "../analysis/source-range.ts";
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
      dropColumn: adviceMessage(DROP_COLUMN),
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
      // MySQL and MariaDB statements only node-sql-parser read (`DROP a, ALGORITHM=INSTANT`, ...).
      mysql_fallback_stmt(statement) {
        const table = mysqlTableName(statement);
        for (const action of mysqlAlterActions(statement)) {
          if (action.kind !== "drop-column" || isCreatedEarlierInFile(migration, table, action.range[0])) continue;
          context.report({ loc: locOf(context.sourceCode, action.range), messageId: "dropColumn", data: { column: action.column, table: table ?? "?" } });
        }
      },
    };
  },
});
