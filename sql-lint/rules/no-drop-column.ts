import { adviceMessage, DROP_COLUMN } from "../analysis/change-advice.ts";
import { columnRenamedToEarlierInFile, isColumnAddedEarlierInFile, isColumnRestoredLaterInFile } from "../analysis/created-in-file.ts";
import { identifierName } from "../analysis/identifier-name.ts";
import { isCreatedEarlierInFile, migrationOf } from "../analysis/migration-context.ts";
import { isMadeBeforeDeploy } from "../analysis/migration-history.ts";
import { sqlDialectOf } from "../analysis/dialect.ts";
import { isNewNameEarlierInFile } from "../analysis/table-swaps.ts";
import { mysqlAlterActions, mysqlTableName } from "../analysis/mysql-alter-actions.ts";
import { locOf } from "../analysis/source-range.ts";
import { tableName } from "../analysis/table-name.ts";
import { createSqlRule } from "../create-sql-rule.ts";
import { escapeRegExp } from "../../rules/utils/regexp.ts";

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
    const { text } = context.sourceCode;

    /** Whether an UPDATE or INSERT between the two offsets names `column` (copying its rows somewhere). */
    function isReadBetween(start: number, end: number, column: string): boolean {
      const name = new RegExp(`(?<![\\w$])"?${escapeRegExp(column)}"?(?![\\w$])`, "iu");
      return migration.statements.some(
        (statement) =>
          (statement.type === "update_stmt" || statement.type === "insert_stmt") &&
          statement.range !== undefined &&
          statement.range[0] > start &&
          statement.range[0] < end &&
          name.test(text.slice(statement.range[0], statement.range[1])),
      );
    }

    return {
      alter_table_stmt(statement) {
        const table = tableName(statement.table);
        for (const action of statement.actions.items) {
          if (action.type !== "alter_action_drop_column") continue;
          const offset = action.range?.[0] ?? 0;
          const column = identifierName(action.column);
          // A table or column this migration made, or a column it swaps for a new one of the same name.
          if (isCreatedEarlierInFile(migration, table, offset) || isNewNameEarlierInFile(migration, table, offset)) continue;
          const renamedAt = columnRenamedToEarlierInFile(migration, table, column, offset);
          // A column renamed aside holds the old rows: dropping it loses them unless a statement in between copies them.
          if (renamedAt !== undefined ? isReadBetween(renamedAt, offset, column) : isColumnAddedEarlierInFile(migration, table, column, offset)) continue;
          if (isColumnRestoredLaterInFile(migration, table, column, offset)) continue;
          // Added by an earlier migration of the same deploy: the code running during it never had it.
          if (table !== undefined && isMadeBeforeDeploy(context.physicalFilename, sqlDialectOf(context), table, column, context.languageOptions.startAfter)) continue;
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
