import type { AlterTableStmt, AlterViewStmt } from "sql-parser-cst";
import {
  isColumnAddedEarlierInFile,
  isColumnRestoredLaterInFile,
  isEnumValueAddedEarlierInFile,
  isReplacedByViewLaterInTransaction,
  isSchemaCreatedEarlierInFile,
  isTypeCreatedEarlierInFile,
  isViewCreatedEarlierInFile,
} from "../analysis/created-in-file.ts";
import { adviceMessage, RENAME_COLUMN, RENAME_TABLE } from "../analysis/change-advice.ts";
import { identifierName } from "../analysis/identifier-name.ts";
import { isCreatedEarlierInFile, migrationOf, sameTransaction } from "../analysis/migration-context.ts";
import { mysqlAlterActions, mysqlTableName } from "../analysis/mysql-alter-actions.ts";
import { locOf } from "../analysis/source-range.ts";
import { tableName } from "../analysis/table-name.ts";
import { isSqlite, sqlDialectOf } from "../analysis/dialect.ts";
import { isMadeBeforeDeploy } from "../analysis/migration-history.ts";
import { isTableRebuildStep } from "../analysis/table-rebuilds.ts";
import { isTableReplacedLaterInFile } from "../analysis/table-swaps.ts";
import { createSqlRule } from "../create-sql-rule.ts";

type MessageId = "renameColumn" | "renameTable" | "renameView" | "renameSchema" | "renameEnumValue" | "renameTypeForPrisma";

/** Prisma Migrate's layout: `<14-digit timestamp>_<name>/migration.sql`. */
const PRISMA_MIGRATION = /(?:^|[\\/])\d{14}_[^\\/]+[\\/]migration\.sql$/u;

export default createSqlRule<[], MessageId>({
  name: "no-rename",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow renaming a column, table, view, schema, enum value or Prisma enum type that the code still running during a deploy uses by its old name",
      recommended: "error",
    },
    schema: [],
    messages: {
      renameColumn: adviceMessage(RENAME_COLUMN),
      renameTable: adviceMessage(RENAME_TABLE),
      renameView:
        'Renaming {{kind}} "{{from}}" to "{{to}}" breaks the code still running during the deploy, which queries "{{from}}". ' +
        "Create the new view beside the old one, switch the code to it, then drop the old view in a later release.",
      renameSchema:
        'Renaming schema "{{from}}" to "{{to}}" breaks the code still running during the deploy, whose queries and search_path still name "{{from}}". ' +
        "Create the new schema and move the code to it first (a search_path listing both helps), then move or drop the old schema in a later release.",
      renameEnumValue:
        'Renaming value "{{from}}" of enum "{{type}}" to "{{to}}" breaks the code still running during the deploy, which writes and compares "{{from}}". ' +
        "Add the new value, ship code that accepts both and writes the new one, update the rows, and leave the old value unused.",
      renameTypeForPrisma:
        'Renaming type "{{from}}" to "{{to}}" breaks the code still running during the deploy: Prisma\'s client casts values to enum types by name ($1::"{{from}}"), so its queries on columns of this type fail. ' +
        'Keep the database name: rename only the enum in schema.prisma and map it to the old name with @@map("{{from}}").',
    },
  },
  create(context) {
    const migration = migrationOf(context);
    const { sourceCode } = context;
    /** Made by an earlier migration of the same deploy (release, or after the deployed baseline): the code running during it never used it. */
    const isMadeBeforeThisDeploy = (table: string | undefined, column?: string) =>
      table !== undefined && isMadeBeforeDeploy(context.physicalFilename, sqlDialectOf(context), table, column, context.languageOptions.startAfter);

    function checkColumnRenames(statement: AlterTableStmt | AlterViewStmt, relation: string | undefined): void {
      for (const action of statement.actions.items) {
        if (action.type !== "alter_action_rename_column") continue;
        const offset = action.range?.[0] ?? 0;
        const column = identifierName(action.oldName);
        if (isCreatedEarlierInFile(migration, relation, offset) || isViewCreatedEarlierInFile(migration, relation, offset)) continue;
        if (isColumnAddedEarlierInFile(migration, relation, column, offset)) continue;
        // Renamed aside and replaced in one transaction by a column of the same name that holds what the code reads there
        // (filled from the old one), or that replaces it (the renamed-aside column is then dropped): the name never goes away.
        if (isColumnRestoredLaterInFile(migration, relation, column, offset, identifierName(action.newName))) continue;
        if (isMadeBeforeThisDeploy(relation, column)) continue;
        context.report({
          node: action,
          messageId: "renameColumn",
          data: { from: column, to: identifierName(action.newName), table: relation ?? "?" },
        });
      }
    }

    /**
     * Prisma's enum swap: `ALTER TYPE "Kind" RENAME TO "Kind_old"`, then `ALTER TYPE "Kind_new" RENAME
     * TO "Kind"` (or a new `CREATE TYPE "Kind"`) in the same transaction. The running code finds a
     * type of the name whenever it can look; the values it loses are the column change's to judge.
     */
    const isTypeReplacedLaterInTransaction = (type: string | undefined, offset: number): boolean =>
      type !== undefined &&
      migration.statements.some((statement) => {
        const start = statement.range?.[0] ?? 0;
        if (start <= offset || !sameTransaction(migration, offset, start)) return false;
        if (statement.type === "create_type_stmt") return tableName(statement.name) === type;
        return statement.type === "alter_type_stmt" && statement.actions.items.some((other) => other.type === "alter_action_rename" && tableName(other.newName) === type);
      });
    return {
      alter_table_stmt(statement) {
        const table = tableName(statement.table);
        checkColumnRenames(statement, table);
        for (const action of statement.actions.items) {
          if (action.type !== "alter_action_rename") continue;
          const offset = action.range?.[0] ?? 0;
          const to = tableName(action.newName);
          // Renamed away while another table takes the name over later: the first half of a table swap.
          if (isCreatedEarlierInFile(migration, table, offset) || isTableReplacedLaterInFile(migration, table, offset)) continue;
          // Renamed with a view under the old name in the same transaction: the fix this rule advises.
          if (isReplacedByViewLaterInTransaction(migration, table, offset)) continue;
          // Renamed away to be rebuilt under its own name: no-unsafe-table-rebuild judges the rebuild as a whole.
          if (isSqlite(context) && isTableRebuildStep(migration, offset)) continue;
          if (isMadeBeforeThisDeploy(table)) continue;
          context.report({
            node: action,
            messageId: "renameTable",
            data: { from: table ?? sourceCode.getText(statement.table), to: to ?? sourceCode.getText(action.newName) },
          });
        }
      },
      rename_table_stmt(statement) {
        // MySQL's atomic swap, `RENAME TABLE users TO users_old, users_new TO users`: no moment without a `users` table.
        const vacated = new Set<string | undefined>();
        for (const action of statement.actions.items) {
          const from = tableName(action.from);
          const to = tableName(action.to);
          const offset = action.range?.[0] ?? 0;
          vacated.add(from);
          if (isCreatedEarlierInFile(migration, from, offset) || isTableReplacedLaterInFile(migration, from, offset) || vacated.has(to)) continue;
          if (isReplacedByViewLaterInTransaction(migration, from, offset)) continue;
          context.report({
            node: action,
            messageId: "renameTable",
            data: { from: from ?? sourceCode.getText(action.from), to: to ?? sourceCode.getText(action.to) },
          });
        }
      },
      // MySQL and MariaDB statements only node-sql-parser read: `CHANGE old new …`, `RENAME COLUMN`, `RENAME TO`.
      mysql_fallback_stmt(statement) {
        const table = mysqlTableName(statement);
        for (const action of mysqlAlterActions(statement)) {
          const offset = action.range[0];
          const loc = locOf(sourceCode, action.range);
          // MySQL column names are case-insensitive: `CHANGE email Email` renames nothing the code notices.
          if ((action.kind === "rename-column" || action.kind === "change-column") && action.newName.toLowerCase() !== action.column.toLowerCase()) {
            if (isCreatedEarlierInFile(migration, table, offset) || isColumnAddedEarlierInFile(migration, table, action.column, offset)) continue;
            context.report({ loc, messageId: "renameColumn", data: { from: action.column, to: action.newName, table: table ?? "?" } });
          } else if (action.kind === "rename-table") {
            if (isCreatedEarlierInFile(migration, table, offset) || isTableReplacedLaterInFile(migration, table, offset)) continue;
            if (isReplacedByViewLaterInTransaction(migration, table, offset)) continue;
            context.report({ loc, messageId: "renameTable", data: { from: table ?? "?", to: action.newName } });
          }
        }
      },
      alter_view_stmt(statement) {
        const view = tableName(statement.name);
        checkColumnRenames(statement, view);
        for (const action of statement.actions.items) {
          if (action.type !== "alter_action_rename") continue;
          const offset = action.range?.[0] ?? 0;
          if (isViewCreatedEarlierInFile(migration, view, offset)) continue;
          context.report({
            node: action,
            messageId: "renameView",
            data: {
              kind: statement.kind ? "materialized view" : "view",
              from: view ?? sourceCode.getText(statement.name),
              to: tableName(action.newName) ?? sourceCode.getText(action.newName),
            },
          });
        }
      },
      alter_schema_stmt(statement) {
        if (statement.alterSchemaKw[1].name !== "SCHEMA") return;
        const schema = tableName(statement.name);
        for (const action of statement.actions) {
          if (action.type !== "alter_action_rename") continue;
          if (isSchemaCreatedEarlierInFile(migration, schema, action.range?.[0] ?? 0)) continue;
          context.report({
            node: action,
            messageId: "renameSchema",
            data: { from: schema ?? sourceCode.getText(statement.name), to: tableName(action.newName) ?? sourceCode.getText(action.newName) },
          });
        }
      },
      alter_type_stmt(statement) {
        const type = tableName(statement.name);
        for (const action of statement.actions.items) {
          const offset = action.range?.[0] ?? 0;
          // Only Prisma's queries are known to name a type (its enum casts); plain SQL rarely does.
          if (
            action.type === "alter_action_rename" &&
            PRISMA_MIGRATION.test(context.physicalFilename) &&
            !isTypeCreatedEarlierInFile(migration, type, offset) &&
            !isTypeReplacedLaterInTransaction(type, offset)
          ) {
            context.report({
              node: action,
              messageId: "renameTypeForPrisma",
              data: { from: type ?? sourceCode.getText(statement.name), to: tableName(action.newName) ?? sourceCode.getText(action.newName) },
            });
          }
          if (action.type !== "alter_action_rename_enum_value") continue;
          if (isTypeCreatedEarlierInFile(migration, type, offset) || isEnumValueAddedEarlierInFile(migration, type, action.oldValue.value, offset)) continue;
          context.report({
            node: action,
            messageId: "renameEnumValue",
            data: { from: action.oldValue.value, to: action.newValue.value, type: type ?? sourceCode.getText(statement.name) },
          });
        }
      },
    };
  },
});
