import type { ColumnDefinition } from "sql-parser-cst";
import { adviceMessage, ADD_REQUIRED_COLUMN } from "../analysis/change-advice.ts";
import { isSerialType } from "../analysis/data-type.ts";
import { identifierName } from "../analysis/identifier-name.ts";
import { isMysqlFamily } from "../analysis/dialect.ts";
import { keywordRange } from "../analysis/keyword-range.ts";
import { isCreatedEarlierInFile, migrationOf } from "../analysis/migration-context.ts";
import { mysqlAlterActions, mysqlTableName } from "../analysis/mysql-alter-actions.ts";
import { locOf } from "../analysis/source-range.ts";
import { tableName } from "../analysis/table-name.ts";
import { createSqlRule } from "../create-sql-rule.ts";

type ColumnConstraintNode = ColumnDefinition["constraints"][number];

/** The constraint itself, whether or not it is named (`CONSTRAINT name NOT NULL`). */
function unwrap(constraint: ColumnConstraintNode) {
  return constraint.type === "constraint" ? constraint.constraint : constraint;
}

/** The clause that makes the column reject NULL: NOT NULL, or PRIMARY KEY, which implies it. */
function requiredClause(column: ColumnDefinition): ColumnConstraintNode | undefined {
  return column.constraints.find((constraint) => {
    const type = unwrap(constraint).type;
    return type === "constraint_not_null" || type === "constraint_primary_key";
  });
}

/** True when every existing and future row gets a value without the INSERT naming the column. */
function fillsItself(column: ColumnDefinition): boolean {
  if (column.dataType && isSerialType(column.dataType)) return true;
  return column.constraints.some((constraint) => {
    const inner = unwrap(constraint);
    // DEFAULT NULL is no default at all; identity, generated and AUTO_INCREMENT columns fill themselves.
    if (inner.type === "constraint_default") return inner.expr.type !== "null_literal";
    return inner.type === "constraint_generated" || inner.type === "constraint_auto_increment";
  });
}

export default createSqlRule<[], "requiredColumn" | "requiredColumnMysql">({
  name: "no-add-required-column",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow adding a NOT NULL column without a default to an existing table",
      recommended: "error",
    },
    schema: [],
    messages: {
      requiredColumn: adviceMessage(ADD_REQUIRED_COLUMN),
      requiredColumnMysql:
        'Adding NOT NULL column "{{column}}" to "{{table}}" without a default fills existing rows with 0 or an empty string, and every INSERT from the code still running during the deploy, which does not set it, fails in strict mode. ' +
        "Add it with a DEFAULT, or add it nullable, backfill it, and make it NOT NULL once every running version writes it.",
    },
  },
  create(context) {
    const migration = migrationOf(context);
    const messageId = isMysqlFamily(context) ? "requiredColumnMysql" : "requiredColumn";
    return {
      alter_table_stmt(statement) {
        const table = tableName(statement.table);
        for (const action of statement.actions.items) {
          if (action.type !== "alter_action_add_column") continue;
          const clause = requiredClause(action.column);
          if (!clause || fillsItself(action.column)) continue;
          if (isCreatedEarlierInFile(migration, table, action.range?.[0] ?? 0)) continue;
          context.report({
            node: unwrap(clause),
            messageId,
            data: { column: identifierName(action.column.name), table: table ?? context.sourceCode.getText(statement.table) },
          });
        }
      },
      // MySQL and MariaDB statements only node-sql-parser read (`ADD COLUMN … AFTER x`, `ADD … , ALGORITHM=INSTANT`).
      mysql_fallback_stmt(statement) {
        const table = mysqlTableName(statement);
        for (const action of mysqlAlterActions(statement)) {
          if (action.kind !== "add-column") continue;
          const { definition } = action;
          if (!definition.notNull && !definition.primaryKey) continue;
          const fills = definition.defaultValue === "value" || definition.autoIncrement || definition.generated !== undefined || definition.type?.name === "serial";
          if (fills || isCreatedEarlierInFile(migration, table, action.range[0])) continue;
          const words = definition.notNull ? ["NOT", "NULL"] : ["PRIMARY", "KEY"];
          const range = keywordRange(context.sourceCode.text, action.range, words) ?? action.range;
          context.report({ loc: locOf(context.sourceCode, range), messageId, data: { column: action.column, table: table ?? "?" } });
        }
      },
    };
  },
});
