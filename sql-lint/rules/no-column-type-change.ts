import { adviceMessage, CHANGE_COLUMN_TYPE } from "../analysis/change-advice.ts";
import { sqlDialectOf } from "../analysis/dialect.ts";
import { columnTypeChange } from "../analysis/column-type-rewrite.ts";
import { changesBefore, columnTypeFromHistory } from "../analysis/migration-history.ts";
import { isColumnAddedEarlierInFile } from "../analysis/created-in-file.ts";
import { isCreatedEarlierInFile, migrationOf } from "../analysis/migration-context.ts";
import { mysqlAlterActions, mysqlTableName } from "../analysis/mysql-alter-actions.ts";
import { mysqlColumnTypeBefore, mysqlColumnTypeRestoredByDown } from "../analysis/mysql-column-type-in-file.ts";
import { mysqlTypeChange, mysqlTypeFromCst, mysqlTypeText } from "../analysis/mysql-column-type.ts";
import { algorithmAndLockClauses, refusesBlockingChange } from "../analysis/mysql-online-ddl.ts";
import { locOf } from "../analysis/source-range.ts";
import { tableName } from "../analysis/table-name.ts";
import { createSqlRule } from "../create-sql-rule.ts";
import { downMigrationOf } from "../language/down-migration.ts";

type MessageIds = "changeType" | "changeTypeMysql" | "restateTypeMysql" | "removeEnumValues" | "reorderEnumValues";

export default createSqlRule<[], MessageIds>({
  name: "no-column-type-change",
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow changing a column's type, except the widening changes PostgreSQL or MySQL make without rewriting the table and that running code survives",
      recommended: "error",
    },
    schema: [],
    messages: {
      changeType: adviceMessage(CHANGE_COLUMN_TYPE),
      changeTypeMysql:
        'Changing column "{{column}}" of "{{table}}" from {{from}} to {{to}} makes MySQL copy the table while every write to it waits, and the code still running during the deploy keeps sending and expecting values of the old type. ' +
        "Add a column of the new type, write to both, backfill it in batches, switch reads to it, then drop the old column in a later release.",
      restateTypeMysql:
        '{{keyword}} restates column "{{column}}" of "{{table}}" as {{to}}; if that is not its current type, MySQL copies the table while every write to it waits, and the code still running during the deploy keeps sending values of the old type. ' +
        "To change the type add a new column and move to it over several releases; if the type stays the same, end the statement with ALGORITHM=INPLACE, LOCK=NONE so MySQL refuses rather than copies.",
      removeEnumValues:
        "Changing column \"{{column}}\" of \"{{table}}\" to {{to}} removes {{values}}: rows holding them fail the change or become '', and the code still running during the deploy keeps writing them. " +
        "Stop writing those values first, update the rows that hold them, and remove the values in a later release.",
      reorderEnumValues:
        'Changing column "{{column}}" of "{{table}}" to {{to}} inserts or reorders values before the end of the list, which renumbers every stored value: MySQL copies the table while every write to it waits. ' +
        "Add new values at the end of the list only, which MySQL does instantly.",
    },
  },
  create(context) {
    const migration = migrationOf(context);
    const { sourceCode } = context;
    /** What the earlier migrations of the folder, then this file before `offset`, left the column as. */
    const mysqlTypeFromHistory = (table: string | undefined, column: string, offset: number) => {
      if (table === undefined) return undefined;
      const before = changesBefore(migration.statements, offset, sourceCode.text, context.physicalFilename);
      const historical = columnTypeFromHistory(context.physicalFilename, sqlDialectOf(context), table, column, before);
      return historical?.mysql ?? (historical?.dataType && mysqlTypeFromCst(historical.dataType));
    };
    const typeText = (node: Parameters<typeof sourceCode.getText>[0]): string => sourceCode.getText(node).replace(/\s+/gu, " ");
    return {
      alter_table_stmt(statement) {
        const table = tableName(statement.table);
        for (const action of statement.actions.items) {
          if (action.type !== "alter_action_alter_column" || action.action.type !== "alter_action_set_data_type") continue;
          if (isCreatedEarlierInFile(migration, table, action.range?.[0] ?? 0)) continue;
          const change = columnTypeChange(migration, action, table, {
            text: sourceCode.text,
            file: context.physicalFilename,
            dialect: sourceCode.ast.dialect ?? "postgresql",
            down: () => downMigrationOf(sourceCode.ast),
          });
          if (!change?.rewrites) continue;
          const { column, oldText } = change;
          const { dataType } = action.action;
          context.report({
            node: action,
            messageId: "changeType",
            data: {
              column,
              table: table ?? sourceCode.getText(statement.table),
              change: oldText ? `from ${oldText} to ${typeText(dataType)}` : `to ${typeText(dataType)}`,
            },
          });
        }
      },
      // MySQL and MariaDB: `MODIFY col type …` and `CHANGE old new type …` restate the column's whole definition.
      mysql_fallback_stmt(statement) {
        const table = mysqlTableName(statement);
        // ALGORITHM=INPLACE or LOCK=NONE: MySQL refuses a change that would copy the table (every real type change but widening).
        if (refusesBlockingChange(algorithmAndLockClauses(statement, sourceCode.text))) return;
        for (const action of mysqlAlterActions(statement)) {
          if (action.kind !== "change-column" || !action.definition.type) continue;
          const { column, range } = action;
          if (isCreatedEarlierInFile(migration, table, range[0]) || isColumnAddedEarlierInFile(migration, table, column, range[0])) continue;
          const to = action.definition.type;
          // The file rarely states the type it replaces; its down half, restoring it, often does.
          const from =
            mysqlColumnTypeBefore(migration, table, column, range[0]) ??
            mysqlColumnTypeRestoredByDown(downMigrationOf(sourceCode.ast), table, column) ??
            mysqlTypeFromHistory(table, column, range[0]);
          const data = { column, table: table ?? "?", keyword: action.keyword, to: mysqlTypeText(to) };
          const loc = locOf(sourceCode, range);
          if (!from) {
            // `CHANGE old new` is reported by no-rename; the type it restates is unknown here.
            if (action.newName.toLowerCase() === column.toLowerCase()) context.report({ loc, messageId: "restateTypeMysql", data });
            continue;
          }
          const change = mysqlTypeChange(from, to);
          if (change === "same" || change === "widen-in-place" || change === "append-values") continue;
          if (change === "remove-values") {
            const removed = from.params.filter((value) => !to.params.includes(value)).map((value) => `'${String(value)}'`);
            context.report({ loc, messageId: "removeEnumValues", data: { ...data, values: removed.join(", ") } });
          } else if (change === "reorder-values") {
            context.report({ loc, messageId: "reorderEnumValues", data });
          } else {
            context.report({ loc, messageId: "changeTypeMysql", data: { ...data, from: mysqlTypeText(from) } });
          }
        }
      },
    };
  },
});
