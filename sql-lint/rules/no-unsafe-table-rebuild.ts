import { isSqlite } from "../analysis/dialect.ts";
import { isCreatedEarlierInFile, isInTransaction, migrationOf, type MigrationContext } from "../analysis/migration-context.ts";
import { changesBefore, foreignKeysToTable, type ForeignKeyToTable } from "../analysis/migration-history.ts";
import { runnerDisablingForeignKeys } from "../analysis/migration-runner.ts";
import { columnsRenamedByCopy, tableRebuilds, type TableRebuild } from "../analysis/table-rebuilds.ts";
import type { SqlStatementNode } from "../language/parse-sql.ts";
import { createSqlRule } from "../create-sql-rule.ts";

type MessageIds = "noCopy" | "foreignKeysOn" | "renameAway" | "renamedColumn";

/** Migration runners known to run each SQLite migration file inside one transaction, recognised by the file. */
function wrappingRunner(text: string): string | undefined {
  // drizzle-kit separates statements with this marker; drizzle's migrator runs all pending files in one BEGIN … COMMIT.
  if (/--> statement-breakpoint\b/u.test(text)) return "drizzle's migrator";
  return undefined;
}

/** `PRAGMA foreign_keys = …`: false for OFF, true for ON, undefined for any other statement. */
function foreignKeysPragma(statement: SqlStatementNode): boolean | undefined {
  if (statement.type !== "pragma_stmt" || statement.pragma.type !== "pragma_assignment") return undefined;
  const { name, value } = statement.pragma;
  if (name.type !== "identifier" || name.name.toLowerCase() !== "foreign_keys") return undefined;
  let text = "";
  if (value.type === "keyword") text = value.name;
  else if (value.type === "number_literal" || value.type === "string_literal") text = String(value.value);
  else if (value.type === "boolean_literal") text = String(value.value);
  return !/^(?:off|0|false|no)$/iu.test(text);
}

/**
 * Why foreign keys are still enforced when the old table is dropped; undefined when they are not.
 * They start off when the project's migration runner switches them off before migrating; a
 * pragma in the file changes that only outside a transaction (inside one, SQLite ignores it).
 */
function whyForeignKeysOn(migration: MigrationContext, rebuild: TableRebuild, wrapper: string | undefined, filename: string): string | undefined {
  let enforced = runnerDisablingForeignKeys(filename) === undefined;
  let ignoredOff = false;
  for (const statement of migration.statements) {
    const at = statement.range?.[0] ?? 0;
    if (at >= rebuild.dropAt) break;
    const on = foreignKeysPragma(statement);
    if (on === undefined) continue;
    const ignored = wrapper !== undefined || isInTransaction(migration, at);
    if (!ignored) enforced = on;
    ignoredOff = ignored && !on;
  }
  if (!enforced) return undefined;
  if (!ignoredOff) return "with foreign keys enforced";
  if (wrapper) return `with foreign keys still enforced: PRAGMA foreign_keys = OFF does nothing inside a transaction, and ${wrapper} runs each migration in one`;
  return "with foreign keys still enforced: PRAGMA foreign_keys = OFF does nothing inside a transaction";
}

export default createSqlRule<[], MessageIds>({
  name: "no-unsafe-table-rebuild",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow SQLite table rebuilds that delete the rows of referencing tables or rename what running code uses",
      recommended: "error",
    },
    schema: [],
    messages: {
      noCopy:
        'This replaces "{{table}}" with the new, empty "{{newTable}}": nothing copies the rows before DROP TABLE "{{table}}" deletes them, and the code still running during the deploy finds the table empty. ' +
        'Copy the rows with INSERT INTO "{{newTable}}" (…) SELECT … FROM "{{table}}" before the drop.',
      foreignKeysOn:
        'This rebuilds "{{table}}" (create "{{newTable}}", copy the rows, drop "{{table}}", rename) {{why}}, so DROP TABLE "{{table}}" first deletes its rows, which deletes or empties the rows of every table referencing it with ON DELETE CASCADE or SET NULL (PRAGMA defer_foreign_keys does not stop that), while the copy holds the database\'s write lock. ' +
        'Run the rebuild with PRAGMA foreign_keys = OFF set before any transaction begins and PRAGMA foreign_key_check before it commits, or make sure no table references "{{table}}".',
      renameAway:
        'This rebuilds "{{table}}" by renaming it away first: SQLite then points every foreign key that references "{{table}}" at the renamed copy, which is dropped at the end, leaving them dangling, or deleting the referencing rows when foreign keys are enforced. ' +
        'Create the new table under another name, copy the rows, drop "{{table}}" and rename the new table to "{{table}}", with foreign keys off.',
      renamedColumn:
        'This rebuilds "{{table}}" and copies its column "{{from}}" into "{{to}}", which renames it: the code still running during the deploy reads and writes "{{from}}" and fails. ' +
        'Keep "{{from}}" in the rebuilt table; add "{{to}}" beside it, write both, switch reads, and drop "{{from}}" in a later release.',
    },
  },
  create(context) {
    if (!isSqlite(context)) return {};
    const migration = migrationOf(context);
    const wrapper = wrappingRunner(context.sourceCode.text);
    const text = context.sourceCode.text;

    /** Foreign keys of other tables to the rebuilt one, before the rebuild starts at `start`. */
    const referencesTo = (rebuild: TableRebuild, start: number): ForeignKeyToTable[] | undefined => {
      const found = foreignKeysToTable(context.filename, "sqlite", rebuild.table, changesBefore(migration.statements, start, text, context.filename));
      // The table's references to itself go with it.
      return found?.filter((reference) => reference.table !== rebuild.table && reference.table !== rebuild.createdAs);
    };

    return {
      "program:exit"(program) {
        if (program !== context.sourceCode.ast) return;
        for (const rebuild of tableRebuilds(migration)) {
          const start = rebuild.renameAwayAt ?? rebuild.create.range?.[0] ?? 0;
          if (isCreatedEarlierInFile(migration, rebuild.table, start)) continue;
          const node = rebuild.create.name;
          const data = { table: rebuild.table, newTable: rebuild.createdAs };
          // One finding per rebuild: the worst of what it does.
          if (!rebuild.copy) {
            context.report({ node, messageId: "noCopy", data });
            continue;
          }
          // What references the table, from the migration history and this file before the rebuild; undefined when unknown.
          const references = referencesTo(rebuild, start);
          if (rebuild.renameAwayAt !== undefined) {
            if (references === undefined || references.length > 0) context.report({ node, messageId: "renameAway", data });
            continue;
          }
          const why = whyForeignKeysOn(migration, rebuild, wrapper, context.filename);
          if (why && (references === undefined || references.some((reference) => reference.cascades))) {
            context.report({ node, messageId: "foreignKeysOn", data: { ...data, why } });
            continue;
          }
          const [renamed] = rebuild.copy ? columnsRenamedByCopy(rebuild.copy) : [];
          if (renamed) context.report({ node, messageId: "renamedColumn", data: { ...data, ...renamed } });
        }
      },
    };
  },
});
