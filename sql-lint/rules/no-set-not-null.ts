import { adviceMessage, SET_NOT_NULL } from "../analysis/change-advice.ts";
import { isPostgresql } from "../analysis/dialect.ts";
import { identifierName } from "../analysis/identifier-name.ts";
import { migrationOf, sameTransaction } from "../analysis/migration-context.ts";
import { columnAddedEarlierAt } from "../analysis/created-in-file.ts";
import { changesBefore, isColumnNotNullInHistory } from "../analysis/migration-history.ts";
import { hasValidatedNotNullCheck } from "../analysis/not-null-checks.ts";
import { tableName, updatedTable } from "../analysis/table-name.ts";
import { createSqlRule } from "../create-sql-rule.ts";
import { escapeRegExp } from "../../rules/utils/regexp.ts";
import { isTableNew } from "../analysis/new-tables.ts";

export default createSqlRule<[], "setNotNull" | "setNotNullBeforePg12" | "setNotNullOfNewColumn">({
  name: "no-set-not-null",
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow SET NOT NULL on a column of an existing PostgreSQL table unless a validated CHECK (column IS NOT NULL) lets PostgreSQL skip the table scan",
      recommended: "error",
    },
    schema: [],
    messages: {
      setNotNull: adviceMessage(SET_NOT_NULL),
      setNotNullBeforePg12:
        'SET NOT NULL on "{{table}}"."{{column}}" scans every row while holding an ACCESS EXCLUSIVE lock, so all reads and writes wait until the scan ends, and PostgreSQL {{pgVersion}} cannot skip the scan. ' +
        'Keep a validated CHECK ("{{column}}" IS NOT NULL) constraint instead (NOT VALID, then VALIDATE CONSTRAINT), and switch to NOT NULL on PostgreSQL 12 or later.',
      setNotNullOfNewColumn:
        'SET NOT NULL on "{{table}}"."{{column}}" scans every row in the transaction that added the column on line {{line}}: its ACCESS EXCLUSIVE lock is held from there through whatever fills the column and this scan, so all reads and writes of the table wait for all of it. ' +
        "Add the column in a migration of its own, fill it in batches outside a transaction, then add CHECK NOT VALID, VALIDATE it and SET NOT NULL in a later migration.",
    },
  },
  create(context) {
    if (!isPostgresql(context)) return {};
    const migration = migrationOf(context);
    /** Whether an UPDATE of `table` before `offset` picks the rows where `column` IS NULL. */
    const fillsNullsBefore = (table: string, column: string, offset: number): boolean => {
      const isNull = new RegExp(`(?<![\\w$])"?${escapeRegExp(column)}"?\\s+is\\s+null\\b`, "iu");
      return migration.statements.some((statement) => {
        if (statement.type !== "update_stmt" || !statement.range || statement.range[1] > offset) return false;
        return updatedTable(statement) === table && isNull.test(context.sourceCode.text.slice(statement.range[0], statement.range[1]));
      });
    };
    return {
      alter_table_stmt(statement) {
        const offset = statement.range?.[0] ?? 0;
        const table = tableName(statement.table);
        if (isTableNew(context, migration, table, offset)) return;
        for (const action of statement.actions.items) {
          if (action.type !== "alter_action_alter_column" || action.action.type !== "alter_action_set_not_null") continue;
          const column = action.column.type === "identifier" ? identifierName(action.column) : context.sourceCode.getText(action.column);
          if (table !== undefined && migration.pgVersion >= 12 && hasValidatedNotNullCheck(migration, table, column, offset)) continue;
          // Already NOT NULL (Sequelize's changeColumn restates it): PostgreSQL has nothing to check and scans nothing. Unless
          // this migration first fills the column's NULLs, which says the deployed column holds some whatever the files say
          // (an earlier migration edited after it ran).
          if (
            table !== undefined &&
            isColumnNotNullInHistory(context.physicalFilename, "postgresql", table, column, changesBefore(migration.statements, offset, context.sourceCode.text, context.physicalFilename)) &&
            !fillsNullsBefore(table, column, offset)
          ) {
            continue;
          }
          const data = { table: table ?? context.sourceCode.getText(statement.table), column, pgVersion: String(migration.pgVersion) };
          // A column this transaction added: ADD COLUMN took the ACCESS EXCLUSIVE lock and the transaction holds it through
          // whatever fills the column and this scan, so a CHECK validated first in the same transaction would not shorten it.
          const addedAt = columnAddedEarlierAt(migration, table, column, offset);
          if (addedAt !== undefined && sameTransaction(migration, addedAt, offset)) {
            context.report({ node: action, messageId: "setNotNullOfNewColumn", data: { ...data, line: String(context.sourceCode.getLocFromIndex(addedAt).line) } });
            continue;
          }
          context.report({ node: action, messageId: migration.pgVersion >= 12 ? "setNotNull" : "setNotNullBeforePg12", data });
        }
      },
    };
  },
});
