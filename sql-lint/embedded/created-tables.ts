import { createsPlainView, isRelationCreatedEarlierInFile } from "../analysis/created-in-file.ts";
import { migrationContext, type MigrationContext } from "../analysis/migration-context.ts";
import { parseSqlProgram } from "../language/parse-sql.ts";
import type { TSESTree } from "@typescript-eslint/utils";
import { builderCreatedTables, explicitTransactionOf, runsInTransaction, sqlSites, type FunctionNode } from "./migration-code.ts";
import { renderSql } from "./render-sql.ts";
import type { SourceContext } from "./sql-text.ts";

/**
 * Which tables a migration function creates before a given point: by a schema-builder call
 * (`knex.schema.createTable("users", …)`) or by SQL it runs (`CREATE TABLE users …`, read with
 * the SQL language's parser and migration context). A table created in the same migration has
 * no rows and no running code depending on it, so changing it is safe, as in a `.sql` migration.
 */
export function tablesCreatedIn(up: FunctionNode, context: SourceContext): (table: string, offset: number) => boolean {
  const fromBuilders = builderCreatedTables(up, context).map((created) => ({ name: created.name, at: created.node.range[0] }));
  let fromSql: { at: number; migration: MigrationContext }[] | undefined;
  const sqlMigrations = (): { at: number; migration: MigrationContext }[] => {
    fromSql ??= sqlSites(up, context).flatMap((site) => {
      const { text } = renderSql(site.parts, site.placeholders);
      try {
        return [{ at: site.node.range[0], migration: migrationContext(parseSqlProgram(text, "postgresql"), text) }];
      } catch {
        return [];
      }
    });
    return fromSql;
  };
  return (table, offset) =>
    fromBuilders.some((created) => created.name === table && created.at < offset) ||
    sqlMigrations().some((sql) => sql.at < offset && isRelationCreatedEarlierInFile(sql.migration, table, Number.MAX_SAFE_INTEGER));
}

/**
 * Whether a plain view named like a table is created after a given call in the same transaction
 * of a migration function, by a schema-builder call or by SQL it runs: the view that keeps the
 * old name working after `renameTable`, as for `ALTER TABLE … RENAME TO` in SQL.
 */
export function viewReplacesLater(program: TSESTree.Program, up: FunctionNode, context: SourceContext): (name: string, after: TSESTree.Node) => boolean {
  let views: { name: string; node: TSESTree.Node }[] | undefined;
  const created = (): { name: string; node: TSESTree.Node }[] => {
    views ??= [
      ...builderCreatedTables(up, context).filter((table) => table.kind === "view").map((table) => ({ name: table.name, node: table.node as TSESTree.Node })),
      ...sqlSites(up, context).flatMap((site) => {
        const { text } = renderSql(site.parts, site.placeholders);
        try {
          const migration = migrationContext(parseSqlProgram(text, "postgresql"), text);
          return [...createsPlainView(migration)].map((name) => ({ name, node: site.node }));
        } catch {
          return [];
        }
      }),
    ];
    return views;
  };
  const wrapped = runsInTransaction(program, up);
  return (name, after) =>
    created().some((view) => {
      if (view.name !== name || view.node.range[0] <= after.range[1]) return false;
      if (wrapped) return true;
      const transaction = explicitTransactionOf(after);
      return transaction !== undefined && transaction === explicitTransactionOf(view.node);
    });
}
