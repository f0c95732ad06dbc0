import type { AlterActionAddConstraint, ColumnDefinition } from "sql-parser-cst";
import { adviceMessage, ADD_CHECK, ADD_FOREIGN_KEY } from "../analysis/change-advice.ts";
import { columnConstraints } from "../analysis/column-constraints.ts";
import { isPostgresql } from "../analysis/dialect.ts";
import { identifierName } from "../analysis/identifier-name.ts";
import { implicitTransactionRunner } from "../analysis/implicit-transaction.ts";
import { migrationOf, type MigrationContext } from "../analysis/migration-context.ts";
import { isAddedNotValid } from "../analysis/not-valid.ts";
import { tableName } from "../analysis/table-name.ts";
import { createSqlRule } from "../create-sql-rule.ts";
import { isTableNew } from "../analysis/new-tables.ts";

type MessageIds = "foreignKey" | "check" | "columnForeignKey" | "columnCheck" | "validateInSameTransaction" | "addNotValid";

/** PostgreSQL validates a column's REFERENCES when the new column has a value: a DEFAULT or a generation expression. */
function hasValue(column: ColumnDefinition): boolean {
  return columnConstraints(column).some(
    ({ constraint }) => constraint.type === "constraint_default" || (constraint.type === "constraint_generated" && constraint.expr.type !== "identity_column"),
  );
}

/** The offset of the `ADD CONSTRAINT name … NOT VALID` on `table` that this file runs before `offset`, if any. */
function addedNotValidAt(migration: MigrationContext, table: string, name: string, offset: number): number | undefined {
  for (const statement of migration.statements) {
    const start = statement.range?.[0] ?? 0;
    if (start >= offset) break;
    if (statement.type !== "alter_table_stmt" || tableName(statement.table) !== table) continue;
    const added = statement.actions.items.some(
      (action) => action.type === "alter_action_add_constraint" && action.name && identifierName(action.name.name) === name && isAddedNotValid(action),
    );
    if (added) return start;
  }
  return undefined;
}

export default createSqlRule<[], MessageIds>({
  name: "require-not-valid-constraint",
  meta: {
    type: "problem",
    docs: {
      description: "Require NOT VALID, then a separate VALIDATE CONSTRAINT, when adding a foreign key or CHECK constraint to an existing PostgreSQL table",
      recommended: "error",
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      foreignKey: adviceMessage(ADD_FOREIGN_KEY),
      check: adviceMessage(ADD_CHECK),
      columnForeignKey:
        'A REFERENCES on a new column that has a value makes PostgreSQL check every row of "{{table}}" under the ACCESS EXCLUSIVE lock of ADD COLUMN, blocking all reads and writes, and blocks writes to "{{referenced}}" meanwhile. ' +
        "Add the column first, then ADD CONSTRAINT … FOREIGN KEY … NOT VALID and VALIDATE CONSTRAINT in a separate transaction.",
      columnCheck:
        'A CHECK on a new column makes PostgreSQL check every row of "{{table}}" under the ACCESS EXCLUSIVE lock of ADD COLUMN, blocking all reads and writes. ' +
        "Add the column first, then ADD CONSTRAINT … CHECK … NOT VALID and VALIDATE CONSTRAINT in a separate transaction.",
      validateInSameTransaction:
        'VALIDATE CONSTRAINT "{{name}}" runs in the same transaction that added it NOT VALID, so the strong lock taken by the ADD is still held during the whole scan and NOT VALID gains nothing. ' +
        "Validate in a separate migration, or after a COMMIT.",
      addNotValid: "Add NOT VALID, and validate the constraint in a later migration.",
    },
  },
  create(context) {
    if (!isPostgresql(context)) return {};
    const { sourceCode } = context;
    const migration = migrationOf(context);
    const fileIsOneTransaction = migration.wrappedInTransaction || implicitTransactionRunner(context) !== undefined;

    const nameOf = (node: Parameters<typeof tableName>[0]) => (node ? (tableName(node) ?? sourceCode.getText(node)) : "");

    function checkAddConstraint(action: AlterActionAddConstraint, table: string): void {
      const { constraint } = action;
      if ((constraint.type !== "constraint_foreign_key" && constraint.type !== "constraint_check") || isAddedNotValid(action)) return;
      const messageId = constraint.type === "constraint_foreign_key" ? "foreignKey" : "check";
      const referenced = constraint.type === "constraint_foreign_key" ? nameOf(constraint.references.table) : "";
      context.report({
        node: action,
        messageId,
        data: { table, referenced },
        suggest: [{ messageId: "addNotValid", fix: (fixer) => fixer.insertTextAfter(action, " NOT VALID") }],
      });
    }

    function checkAddColumn(column: ColumnDefinition, table: string): void {
      for (const { constraint, node } of columnConstraints(column)) {
        if (constraint.type === "references_specification" && hasValue(column)) {
          context.report({ node, messageId: "columnForeignKey", data: { table, referenced: nameOf(constraint.table) } });
        } else if (constraint.type === "constraint_check") {
          context.report({ node, messageId: "columnCheck", data: { table } });
        }
      }
    }

    /** Both statements in one transaction: an explicit block around both, or a file that runs as one. */
    function inSameTransaction(first: number, second: number): boolean {
      if (fileIsOneTransaction) return true;
      return migration.transactions.some((block) => block.start < first && second < block.end);
    }

    return {
      alter_table_stmt(statement) {
        const offset = statement.range?.[0] ?? 0;
        const table = tableName(statement.table);
        if (isTableNew(context, migration, table, offset)) return;
        const shownTable = table ?? sourceCode.getText(statement.table);
        for (const action of statement.actions.items) {
          // An earlier action of the statement, or the column being added, may say the table is empty by now (a NOT NULL
          // column added without a default).
          if (action.type === "alter_action_add_constraint") {
            if (!isTableNew(context, migration, table, action.range?.[0] ?? 0)) checkAddConstraint(action, shownTable);
          } else if (action.type === "alter_action_add_column") {
            if (!isTableNew(context, migration, table, action.range?.[1] ?? 0)) checkAddColumn(action.column, shownTable);
          } else if (action.type === "alter_action_validate_constraint" && table !== undefined) {
            const name = identifierName(action.constraint);
            const addedAt = addedNotValidAt(migration, table, name, offset);
            if (addedAt !== undefined && inSameTransaction(addedAt, offset)) {
              context.report({ node: action, messageId: "validateInSameTransaction", data: { name } });
            }
          }
        }
      },
    };
  },
});
