import { isRelationCreatedEarlierInFile } from "../analysis/created-in-file.ts";
import { isPostgresql } from "../analysis/dialect.ts";
import { migrationOf } from "../analysis/migration-context.ts";
import { tableName } from "../analysis/table-name.ts";
import { createSqlRule } from "../create-sql-rule.ts";

export default createSqlRule<[], "exclusionConstraint">({
  name: "no-add-exclusion-constraint",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow adding an exclusion constraint to an existing PostgreSQL table, which builds its index under an ACCESS EXCLUSIVE lock",
      recommended: "error",
    },
    schema: [],
    messages: {
      exclusionConstraint:
        'ADD CONSTRAINT … EXCLUDE builds its index over every row of "{{table}}" under an ACCESS EXCLUSIVE lock, so all reads and writes wait until it ends; an exclusion constraint has no NOT VALID or USING INDEX form. ' +
        "Declare it when the table is created, or create a new table with the constraint, copy the rows in batches and swap the names.",
    },
  },
  create(context) {
    if (!isPostgresql(context)) return {};
    const migration = migrationOf(context);
    return {
      alter_table_stmt(statement) {
        const table = tableName(statement.table);
        if (isRelationCreatedEarlierInFile(migration, table, statement.range?.[0] ?? 0)) return;
        for (const action of statement.actions.items) {
          if (action.type !== "alter_action_add_constraint" || action.constraint.type !== "constraint_exclude") continue;
          context.report({ node: action, messageId: "exclusionConstraint", data: { table: table ?? context.sourceCode.getText(statement.table) } });
        }
      },
    };
  },
});
