import { adviceMessage, DROP_COLUMN } from "../analysis/change-advice.ts";
import { columnAddedAgain, columnRenamedToEarlierInFile, isColumnAddedEarlierInFile, isColumnRestoredLaterInFile } from "../analysis/created-in-file.ts";
import { identifierName } from "../analysis/identifier-name.ts";
import { isCreatedEarlierInFile, migrationOf } from "../analysis/migration-context.ts";
import { changesBefore, columnTypeFromHistory, isMadeBeforeDeploy } from "../analysis/migration-history.ts";
import { columnTypeBefore } from "../analysis/column-type-in-file.ts";
import { describeDataType, type DataTypeDescription } from "../analysis/data-type.ts";
import { sqlDialectOf } from "../analysis/dialect.ts";
import { isNewNameEarlierInFile } from "../analysis/table-swaps.ts";
import { mysqlAlterActions, mysqlTableName } from "../analysis/mysql-alter-actions.ts";
import { locOf } from "../analysis/source-range.ts";
import { tableName } from "../analysis/table-name.ts";
import { createSqlRule } from "../create-sql-rule.ts";
import { escapeRegExp } from "../../rules/utils/regexp.ts";

export default createSqlRule<[], "dropColumn" | "dropColumnAddedAgain">({
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
      dropColumnAddedAgain:
        'Column "{{column}}" of "{{table}}" is dropped and added again on line {{line}}: every value it held is lost, and the code still running during the deploy reads the new column\'s default instead and writes values of the old type into it. ' +
        "To change a column's type or reset it, add a new column, copy or convert the values into it, move the code over, and drop the old column in a later migration.",
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

    /** The type `table`.`column` has before `offset`: set earlier in the file, else by the migrations before it. */
    function typeBefore(table: string, column: string, offset: number): DataTypeDescription | undefined {
      const inFile = columnTypeBefore(migration, table, column, offset);
      if (inFile) return describeDataType(inFile);
      const before = changesBefore(migration.statements, offset, text, context.physicalFilename);
      return columnTypeFromHistory(context.physicalFilename, sqlDialectOf(context), table, column, before)?.description;
    }

    const sameType = (a: DataTypeDescription | undefined, b: DataTypeDescription | undefined): boolean =>
      a !== undefined && b !== undefined && a.name === b.name && a.arrayDepth === b.arrayDepth && JSON.stringify(a.modifiers) === JSON.stringify(b.modifiers);

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
          const data = { column: action.column.name, table: table ?? context.sourceCode.getText(statement.table) };
          // The name comes back in the same transaction (Prisma's DROP and ADD for a type change), but not the values. With the
          // same type, a deliberate reset to the new default: the running code reads and writes the column as before.
          const addedAgain = columnAddedAgain(migration, table, column, offset);
          const addedType = addedAgain?.dataType && describeDataType(addedAgain.dataType);
          if (addedAgain !== undefined && table !== undefined && sameType(typeBefore(table, column, offset), addedType)) continue;
          if (addedAgain !== undefined) {
            context.report({ node: action, messageId: "dropColumnAddedAgain", data: { ...data, line: String(context.sourceCode.getLocFromIndex(addedAgain.offset).line) } });
            continue;
          }
          context.report({ node: action, messageId: "dropColumn", data });
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
