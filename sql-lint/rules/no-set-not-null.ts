import { adviceMessage, SET_NOT_NULL } from "../analysis/change-advice.ts";
import { isPostgresql } from "../analysis/dialect.ts";
import { identifierName } from "../analysis/identifier-name.ts";
import { migrationOf } from "../analysis/migration-context.ts";
import { hasValidatedNotNullCheck } from "../analysis/not-null-checks.ts";
import { tableName } from "../analysis/table-name.ts";
import { createSqlRule } from "../create-sql-rule.ts";
import { isTableNew } from "../analysis/new-tables.ts";

export default createSqlRule<[], "setNotNull" | "setNotNullBeforePg12">({
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
    },
  },
  create(context) {
    if (!isPostgresql(context)) return {};
    const migration = migrationOf(context);
    return {
      alter_table_stmt(statement) {
        const offset = statement.range?.[0] ?? 0;
        const table = tableName(statement.table);
        if (isTableNew(context, migration, table, offset)) return;
        for (const action of statement.actions.items) {
          if (action.type !== "alter_action_alter_column" || action.action.type !== "alter_action_set_not_null") continue;
          const column = action.column.type === "identifier" ? identifierName(action.column) : context.sourceCode.getText(action.column);
          if (table !== undefined && migration.pgVersion >= 12 && hasValidatedNotNullCheck(migration, table, column, offset)) continue;
          context.report({
            node: action,
            messageId: migration.pgVersion >= 12 ? "setNotNull" : "setNotNullBeforePg12",
            data: { table: table ?? context.sourceCode.getText(statement.table), column, pgVersion: String(migration.pgVersion) },
          });
        }
      },
    };
  },
});
