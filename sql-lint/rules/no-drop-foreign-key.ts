import { constraintKindBefore, foreignKeyColumnsAddedAfter, isConstraintAddedAfter } from "../analysis/constraints-in-file.ts";
import { columnsDroppedLaterInFile, isTableDroppedLaterInFile } from "../analysis/drops-in-file.ts";
import { identifierName } from "../analysis/identifier-name.ts";
import { isCreatedEarlierInFile, migrationOf } from "../analysis/migration-context.ts";
import { tableName } from "../analysis/table-name.ts";
import { createSqlRule } from "../create-sql-rule.ts";

/**
 * Foreign key names as PostgreSQL (`orders_user_id_fkey`), Prisma (`Order_userId_fkey`), Rails
 * (`fk_rails_…`), TypeORM (`FK_…`), Laravel (`orders_user_id_foreign`) and hand-written
 * migrations (`fk_orders_user`, `orders_user_fk`) name them. A DROP CONSTRAINT names nothing but
 * the constraint, so the name is the only evidence of what it was.
 */
const FOREIGN_KEY_NAME = /(?:^fk_|_fkey$|_fk$|_foreign$)/iu;

/**
 * True when the name is PostgreSQL's (and Prisma's) default for a foreign key over `column`:
 * `<table>_<columns joined by _>_fkey`.
 */
function isDefaultNameOver(name: string, table: string, column: string): boolean {
  const prefix = `${table}_`;
  if (!name.startsWith(prefix) || !name.endsWith("_fkey")) return false;
  const columns = `_${name.slice(prefix.length, -"_fkey".length)}_`;
  return columns.includes(`_${column}_`);
}

/**
 * True when a foreign key's name (`<table>_<columns>_fkey`) names only columns of `columns`: taking
 * them off the end of the name leaves a table's name, with as many underscores as `table`'s (the
 * table may have been renamed since: `ApiKeyNew_organizationId_fkey` on `ApiKey`).
 */
function namesOnlyColumnsOf(name: string, table: string, columns: readonly string[]): boolean {
  let rest = name.toLowerCase().replace(/_(?:fkey|fk|foreign)$/u, "");
  const suffixes = columns.map((column) => `_${column.toLowerCase()}`);
  let taken = 0;
  for (let suffix = suffixes.find((one) => rest.endsWith(one)); suffix; suffix = suffixes.find((one) => rest.endsWith(one))) {
    rest = rest.slice(0, -suffix.length);
    taken++;
  }
  return taken > 0 && rest.split("_").length === table.split("_").length;
}

export default createSqlRule<[], "dropForeignKey">({
  name: "no-drop-foreign-key",
  meta: {
    type: "problem",
    docs: {
      description: "Warn when a migration drops a foreign key constraint, which stops the database from protecting the relationship",
      recommended: false,
    },
    schema: [],
    messages: {
      dropForeignKey:
        'Dropping foreign key "{{constraint}}" from "{{table}}" lets rows that point at missing rows in, and code that relies on its ON DELETE action leaves orphans behind. ' +
        "Drop it only once no code relies on it; to change it, add the new constraint NOT VALID and VALIDATE it before dropping the old one.",
    },
  },
  create(context) {
    const migration = migrationOf(context);
    return {
      alter_table_stmt(statement) {
        const table = tableName(statement.table);
        for (const action of statement.actions.items) {
          if (action.type !== "alter_action_drop_constraint") continue;
          const name = identifierName(action.constraint);
          const offset = action.range?.[0] ?? 0;
          if (!FOREIGN_KEY_NAME.test(name)) continue;
          // Constraints this migration added (of whatever kind) and tables it created have nothing relying on them yet.
          if (constraintKindBefore(migration, table, name, offset) !== undefined) continue;
          if (isCreatedEarlierInFile(migration, table, offset)) continue;
          // When the table or the key's column goes later in this file, that drop is the finding (PostgreSQL would drop the key with it).
          if (isTableDroppedLaterInFile(migration, table, offset)) continue;
          if (table !== undefined && columnsDroppedLaterInFile(migration, table, offset).some((column) => isDefaultNameOver(name, table, column))) continue;
          // Dropped and added again under the same name (an ON DELETE change), or a foreign key over the columns its name
          // says it covered added after it under another name (a renamed table's key, one widened by a column): replaced, not removed.
          if (isConstraintAddedAfter(migration, table, name, "foreign key", offset)) continue;
          if (table !== undefined && foreignKeyColumnsAddedAfter(migration, table, offset).some((columns) => namesOnlyColumnsOf(name, table, columns))) continue;
          context.report({
            node: action,
            messageId: "dropForeignKey",
            data: { constraint: name, table: table ?? context.sourceCode.getText(statement.table) },
          });
        }
      },
    };
  },
});
