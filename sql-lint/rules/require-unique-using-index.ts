import { columnConstraints } from "../analysis/column-constraints.ts";
import { isPostgresql } from "../analysis/dialect.ts";
import { migrationOf } from "../analysis/migration-context.ts";
import { tableName } from "../analysis/table-name.ts";
import { createSqlRule } from "../create-sql-rule.ts";
import { isTableNew } from "../analysis/new-tables.ts";

const KINDS = { constraint_unique: "UNIQUE", constraint_primary_key: "PRIMARY KEY" } as const;

export default createSqlRule<[], "tableConstraint" | "columnConstraint">({
  name: "require-unique-using-index",
  meta: {
    type: "problem",
    docs: {
      description:
        "Require UNIQUE and PRIMARY KEY constraints on an existing PostgreSQL table to use an index built concurrently (USING INDEX) instead of building one under lock",
      recommended: "error",
    },
    schema: [],
    messages: {
      tableConstraint:
        'ADD CONSTRAINT … {{kind}} builds its index over every row of "{{table}}" while holding an ACCESS EXCLUSIVE lock, so all reads and writes wait until the build ends. ' +
        "Build the index first with CREATE UNIQUE INDEX CONCURRENTLY, then add the constraint with {{kind}} USING INDEX.",
      columnConstraint:
        'A {{kind}} on a new column builds an index over every row of "{{table}}" under the ACCESS EXCLUSIVE lock of ADD COLUMN, so all reads and writes wait until the build ends. ' +
        "Add the column alone, build the index with CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT … {{kind}} USING INDEX.",
    },
  },
  create(context) {
    if (!isPostgresql(context)) return {};
    const migration = migrationOf(context);
    return {
      alter_table_stmt(statement) {
        const table = tableName(statement.table);
        if (isTableNew(context, migration, table, statement.range?.[0] ?? 0)) return;
        const data = { table: table ?? context.sourceCode.getText(statement.table) };
        for (const action of statement.actions.items) {
          // An earlier action of the statement may say the table is empty by now (a NOT NULL column added without a default).
          if (action.type === "alter_action_add_constraint") {
            const { constraint } = action;
            if (constraint.type !== "constraint_unique" && constraint.type !== "constraint_primary_key") continue;
            if (constraint.columns?.type === "existing_index") continue;
            if (isTableNew(context, migration, table, action.range?.[0] ?? 0)) continue;
            context.report({ node: action, messageId: "tableConstraint", data: { ...data, kind: KINDS[constraint.type] } });
          } else if (action.type === "alter_action_add_column") {
            for (const { constraint, node } of columnConstraints(action.column)) {
              if (constraint.type !== "constraint_unique" && constraint.type !== "constraint_primary_key") continue;
              if (isTableNew(context, migration, table, node.range?.[0] ?? 0)) continue;
              context.report({ node, messageId: "columnConstraint", data: { ...data, kind: KINDS[constraint.type] } });
            }
          }
        }
      },
    };
  },
});
