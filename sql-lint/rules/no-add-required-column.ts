import { adviceMessage, ADD_REQUIRED_COLUMN } from "../analysis/change-advice.ts";
import { fillsItself, requiredClause } from "../analysis/column-constraints.ts";
import { identifierName } from "../analysis/identifier-name.ts";
import { isMysqlFamily, sqlDialectOf } from "../analysis/dialect.ts";
import { keywordRange } from "../analysis/keyword-range.ts";
import { isCreatedEarlierInFile, migrationOf } from "../analysis/migration-context.ts";
import { columnAddedEarlierAt, isAlterActionBefore, isAlterActionLater, isAlterActionLaterInTransaction, type AlterAction } from "../analysis/created-in-file.ts";
import { changesBefore, isColumnNotNullInHistory } from "../analysis/migration-history.ts";
import { mysqlAlterActions, mysqlTableName } from "../analysis/mysql-alter-actions.ts";
import { locOf } from "../analysis/source-range.ts";
import { tableName } from "../analysis/table-name.ts";
import { createSqlRule } from "../create-sql-rule.ts";
import { escapeRegExp } from "../../rules/utils/regexp.ts";

/** `INSERT INTO [schema.]table (columns…)` in a function body: the column list. */
function insertedColumns(body: string, table: string): string[][] {
  const name = escapeRegExp(table);
  const pattern = new RegExp(`insert\\s+into\\s+(?:"?\\w+"?\\.)?"?${name}"?\\s*\\(([^)]*)\\)`, "giu");
  return [...body.matchAll(pattern)].map((match) => match[1]!.split(",").map((column) => column.trim().replace(/^"|"$/gu, "")));
}

type ColumnAction = Extract<AlterAction, { type: "alter_action_alter_column" }>["action"];

/** `ALTER COLUMN <column> <action>` where the action `matches`: the test the walks over a file's ALTER actions share. */
function altersColumn(column: string, matches: (action: ColumnAction) => boolean): (action: AlterAction) => boolean {
  return (action) => action.type === "alter_action_alter_column" && action.column.type === "identifier" && identifierName(action.column) === column && matches(action.action);
}

/** A row trigger run before INSERT: the table it is on and the function it runs. */
const BEFORE_INSERT_TRIGGER = /\bbefore\s+insert\b[^;]*?\bon\s+((?:"?[\w$]+"?\.)?"?[\w$]+"?)[^;]*?\bexecute\s+(?:procedure|function)\s+(?:"?[\w$]+"?\.)?"?([\w$]+)"?/iu;

type MessageIds =
  | "requiredColumn"
  | "requiredColumnMysql"
  | "requiredLater"
  | "requiredLaterMysql"
  | "defaultDropped"
  | "defaultDroppedMysql"
  | "requiredDefaultDropped"
  | "requiredDefaultDroppedMysql";

export default createSqlRule<[], MessageIds>({
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
      requiredLater:
        'Column "{{column}}" of "{{table}}" is added by this migration and made NOT NULL without a default, so every INSERT from the code still running during the deploy, which does not set it, fails. ' +
        "Give it a default, or leave it nullable and make it NOT NULL in a later release, once every running version writes it.",
      defaultDropped:
        'Column "{{column}}" of "{{table}}" is added NOT NULL with a default that this migration then drops, so once it runs every INSERT from the code still running during the deploy, which does not set it, fails. ' +
        "Keep the default until every running version writes the column, and drop it in a later release.",
      defaultDroppedMysql:
        'Column "{{column}}" of "{{table}}" is added NOT NULL with a default that this migration then drops, so once it runs every INSERT from the code still running during the deploy, which does not set it, fails in strict mode. ' +
        "Keep the default until every running version writes the column, and drop it in a later release.",
      requiredDefaultDropped:
        'Column "{{column}}" of "{{table}}" is NOT NULL and this migration drops its default, so once it runs every INSERT from the code still running during the deploy that leaves the column to its default fails. ' +
        "Keep the default until every running version writes the column, and drop it in a later release.",
      requiredDefaultDroppedMysql:
        'Column "{{column}}" of "{{table}}" is NOT NULL and this migration drops its default, so once it runs every INSERT from the code still running during the deploy that leaves the column to its default fails in strict mode. ' +
        "Keep the default until every running version writes the column, and drop it in a later release.",
      requiredLaterMysql:
        'Column "{{column}}" of "{{table}}" is added by this migration and made NOT NULL without a default, so every INSERT from the code still running during the deploy, which does not set it, fails in strict mode. ' +
        "Give it a DEFAULT, or leave it nullable and make it NOT NULL in a later release, once every running version writes it.",
    },
  },
  create(context) {
    const migration = migrationOf(context);
    const mysql = isMysqlFamily(context);
    const messageId = mysql ? "requiredColumnMysql" : "requiredColumn";
    const laterMessageId = mysql ? "requiredLaterMysql" : "requiredLater";
    /**
     * Columns this migration added to existing tables as nullable, by `table \0 column`, and
     * whether they have a default by now: made NOT NULL later in the file without one, they are
     * required columns all the same, and the code still running inserts rows without them.
     */
    const addedNullable = new Map<string, { hasDefault: boolean }>();
    // MySQL column names are case-insensitive.
    /**
     * Whether a function this migration (re)defines inserts rows into `table` setting `column`: a
     * table its triggers fill (an aggregates table), which the code still running never inserts into.
     */
    const filledByTrigger = (table: string | undefined, column: string): boolean => {
      if (table === undefined) return false;
      return migration.statements.some((statement) => {
        // `CREATE TRIGGER set_tenant_id BEFORE INSERT ON hooks … EXECUTE PROCEDURE set_tenant_id()`: a trigger named
        // for the column fills it in every row inserted, whatever the code inserting it sends.
        const isTrigger = statement.type === "create_trigger_stmt" || (statement.type === "pg_fallback_stmt" && statement.kind === "CreateTrigStmt");
        if (isTrigger && statement.range) {
          const trigger = BEFORE_INSERT_TRIGGER.exec(context.sourceCode.text.slice(statement.range[0], statement.range[1]));
          const target = trigger?.[1]?.split(".").at(-1)?.replaceAll('"', "");
          if (target === table && trigger![2]!.toLowerCase().includes(column.toLowerCase())) return true;
        }
        const isFunction = statement.type === "create_function_stmt" || (statement.type === "pg_fallback_stmt" && statement.kind === "CreateFunctionStmt");
        if (!isFunction || !statement.range) return false;
        const body = context.sourceCode.text.slice(statement.range[0], statement.range[1]);
        return insertedColumns(body, table).some((columns) => columns.includes(column));
      });
    };
    /**
     * Whether a later statement of the same transaction gives `table`.`column` a default: no other
     * session inserts into the table until the transaction commits (SET NOT NULL locked it), and by
     * then the column fills itself.
     */
    const isDefaultSetLaterInTransaction = (table: string | undefined, column: string, offset: number): boolean =>
      // MySQL commits each DDL statement on its own, whatever transaction surrounds it.
      !mysql &&
      isAlterActionLaterInTransaction(
        migration,
        table,
        offset,
        altersColumn(column, (change) => change.type === "alter_action_set_default" && change.expr.type !== "null_literal"),
      );
    /**
     * Columns this migration added to existing tables NOT NULL with a default that fills them
     * (Prisma adds a required column this way and drops the default right after): once the default
     * is dropped, the column is required.
     */
    const addedRequiredWithDefault = new Set<string>();
    /** Whether a later statement of the file makes the column optional again or gives it a default back. */
    const isRelaxedLater = (table: string | undefined, column: string, offset: number): boolean =>
      isAlterActionLater(
        migration,
        table,
        offset,
        altersColumn(column, (change) => change.type === "alter_action_drop_not_null" || (change.type === "alter_action_set_default" && change.expr.type !== "null_literal")),
      );
    /**
     * Whether `table`.`column` existed before this migration and is NOT NULL, as the earlier
     * migrations of the folder, then this file before `offset`, leave it: a column this file
     * added is judged by what the file does with it.
     */
    const isRequiredBefore = (table: string | undefined, column: string, offset: number): table is string => {
      if (table === undefined || isCreatedEarlierInFile(migration, table, offset) || columnAddedEarlierAt(migration, table, column, offset) !== undefined) return false;
      const before = changesBefore(migration.statements, offset, context.sourceCode.text, context.physicalFilename);
      return isColumnNotNullInHistory(context.physicalFilename, sqlDialectOf(context), table, column, before) === true;
    };
    const key = (table: string | undefined, column: string) => `${table ?? "?"}\u0000${mysql ? column.toLowerCase() : column}`;
    return {
      alter_table_stmt(statement) {
        const table = tableName(statement.table);
        for (const action of statement.actions.items) {
          if (action.type === "alter_action_alter_column" && action.column.type === "identifier") {
            const added = addedNullable.get(key(table, identifierName(action.column)));
            const change = action.action.type;
            const dropsDefault = change === "alter_action_drop_default" || (change === "alter_action_set_default" && action.action.expr.type === "null_literal");
            if (dropsDefault && addedRequiredWithDefault.has(key(table, identifierName(action.column)))) {
              const column = identifierName(action.column);
              const offset = action.range?.[0] ?? 0;
              if (!isRelaxedLater(table, column, offset) && !filledByTrigger(table, column)) {
                context.report({ node: action.action, messageId: mysql ? "defaultDroppedMysql" : "defaultDropped", data: { column, table: table ?? context.sourceCode.getText(statement.table) } });
              }
              continue;
            }
            if (dropsDefault && !added && isRequiredBefore(table, identifierName(action.column), action.range?.[0] ?? 0)) {
              const column = identifierName(action.column);
              const offset = action.range?.[0] ?? 0;
              // Made optional by this migration (`DROP NOT NULL, DROP DEFAULT`, Prisma's pair), or a default this migration set itself.
              const ownDefault = isAlterActionBefore(migration, table, offset, altersColumn(column, (change) => change.type === "alter_action_set_default"));
              const relaxed = isAlterActionBefore(migration, table, offset, altersColumn(column, (change) => change.type === "alter_action_drop_not_null")) || isRelaxedLater(table, column, offset);
              if (!ownDefault && !relaxed && !filledByTrigger(table, column)) {
                context.report({ node: action.action, messageId: mysql ? "requiredDefaultDroppedMysql" : "requiredDefaultDropped", data: { column, table: table! } });
              }
              continue;
            }
            if (added && change === "alter_action_set_default") added.hasDefault = action.action.expr.type !== "null_literal";
            else if (added && change === "alter_action_drop_default") added.hasDefault = false;
            else if (
              added &&
              change === "alter_action_set_not_null" &&
              !added.hasDefault &&
              !filledByTrigger(table, identifierName(action.column)) &&
              !isDefaultSetLaterInTransaction(table, identifierName(action.column), action.range?.[0] ?? 0)
            ) {
              context.report({ node: action.action, messageId: laterMessageId, data: { column: identifierName(action.column), table: table ?? context.sourceCode.getText(statement.table) } });
            }
            continue;
          }
          if (action.type !== "alter_action_add_column") continue;
          if (isCreatedEarlierInFile(migration, table, action.range?.[0] ?? 0)) continue;
          const clause = requiredClause(action.column);
          if (!clause) {
            addedNullable.set(key(table, identifierName(action.column.name)), { hasDefault: fillsItself(action.column) });
            continue;
          }
          if (fillsItself(action.column)) {
            addedRequiredWithDefault.add(key(table, identifierName(action.column.name)));
            continue;
          }
          context.report({
            node: clause,
            messageId,
            data: { column: identifierName(action.column.name), table: table ?? context.sourceCode.getText(statement.table) },
          });
        }
      },
      // MySQL and MariaDB statements only node-sql-parser read (`ADD COLUMN … AFTER x`, `ADD … , ALGORITHM=INSTANT`).
      mysql_fallback_stmt(statement) {
        const table = mysqlTableName(statement);
        for (const action of mysqlAlterActions(statement)) {
          if (action.kind !== "add-column" && action.kind !== "change-column") continue;
          const { definition } = action;
          const fills = definition.defaultValue === "value" || definition.autoIncrement || definition.generated !== undefined || definition.type?.name === "serial";
          if (action.kind === "change-column") {
            // MODIFY restates the whole column: NOT NULL without DEFAULT on a column added above.
            const added = addedNullable.get(key(table, action.column));
            if (added && definition.notNull && !fills) {
              const range = keywordRange(context.sourceCode.text, action.range, ["NOT", "NULL"]) ?? action.range;
              context.report({ loc: locOf(context.sourceCode, range), messageId: laterMessageId, data: { column: action.column, table: table ?? "?" } });
            }
            continue;
          }
          if (isCreatedEarlierInFile(migration, table, action.range[0])) continue;
          if (!definition.notNull && !definition.primaryKey) {
            addedNullable.set(key(table, action.column), { hasDefault: fills });
            continue;
          }
          if (fills) continue;
          const words = definition.notNull ? ["NOT", "NULL"] : ["PRIMARY", "KEY"];
          const range = keywordRange(context.sourceCode.text, action.range, words) ?? action.range;
          context.report({ loc: locOf(context.sourceCode, range), messageId, data: { column: action.column, table: table ?? "?" } });
        }
      },
    };
  },
});
