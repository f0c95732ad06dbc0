import { columnTypeBefore } from "../analysis/column-type-in-file.ts";
import { describeDataType } from "../analysis/data-type.ts";
import { identifierName } from "../analysis/identifier-name.ts";
import { isCreatedEarlierInFile, migrationOf } from "../analysis/migration-context.ts";
import { tableName } from "../analysis/table-name.ts";
import { isTypeChangeWithoutRewrite, isWideningFromAnyString } from "../analysis/type-change-without-rewrite.ts";
import { createSqlRule } from "../create-sql-rule.ts";

export default createSqlRule<[], "changeType">({
  name: "no-column-type-change",
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow changing a column's type, except the widening changes PostgreSQL makes without rewriting the table and that running code survives",
      recommended: "error",
    },
    schema: [],
    messages: {
      changeType:
        'Changing column "{{column}}" of "{{table}}" {{change}} rewrites the table and its indexes under an ACCESS EXCLUSIVE lock that blocks every read and write, and the code still running during the deploy keeps sending and expecting values of the old type. ' +
        "Add a column of the new type, write to both, backfill it in batches, switch reads to it, then drop the old column in a later release.",
    },
  },
  create(context) {
    const migration = migrationOf(context);
    const { sourceCode } = context;
    const typeText = (node: Parameters<typeof sourceCode.getText>[0]): string => sourceCode.getText(node).replace(/\s+/gu, " ");
    return {
      alter_table_stmt(statement) {
        const table = tableName(statement.table);
        for (const action of statement.actions.items) {
          if (action.type !== "alter_action_alter_column" || action.action.type !== "alter_action_set_data_type") continue;
          const offset = action.range?.[0] ?? 0;
          if (isCreatedEarlierInFile(migration, table, offset)) continue;
          const { dataType, clauses } = action.action;
          const column = action.column.type === "identifier" ? identifierName(action.column) : sourceCode.getText(action.column);
          const oldType = columnTypeBefore(migration, table, column, offset);
          // USING computes every row anew, and COLLATE rebuilds the indexes: neither is a plain widening.
          if (clauses.length === 0) {
            const to = describeDataType(dataType);
            const from = oldType && describeDataType(oldType);
            if (to && (from ? isTypeChangeWithoutRewrite(from, to) : isWideningFromAnyString(to))) continue;
          }
          context.report({
            node: action,
            messageId: "changeType",
            data: {
              column,
              table: table ?? sourceCode.getText(statement.table),
              change: oldType ? `from ${typeText(oldType)} to ${typeText(dataType)}` : `to ${typeText(dataType)}`,
            },
          });
        }
      },
    };
  },
});
