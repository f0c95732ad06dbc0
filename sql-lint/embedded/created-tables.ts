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
  return (table, offset) =>
    fromBuilders.some((created) => created.name === table && created.at < offset) ||
    parsedSqlSites(up, context).some((sql) => sql.node.range[0] < offset && isRelationCreatedEarlierInFile(sql.migration, table, Number.MAX_SAFE_INTEGER));
}

const parsedSites = new WeakMap<FunctionNode, { node: TSESTree.Node; migration: MigrationContext }[]>();

/** The SQL a migration function runs, each site rendered and read once as a PostgreSQL migration (sites that do not parse are left out). */
function parsedSqlSites(up: FunctionNode, context: SourceContext): { node: TSESTree.Node; migration: MigrationContext }[] {
  let parsed = parsedSites.get(up);
  if (!parsed) {
    parsed = sqlSites(up, context).flatMap((site) => {
      const { text } = renderSql(site.parts, site.placeholders);
      try {
        return [{ node: site.node, migration: migrationContext(parseSqlProgram(text, "postgresql"), text) }];
      } catch {
        return [];
      }
    });
    parsedSites.set(up, parsed);
  }
  return parsed;
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
      ...parsedSqlSites(up, context).flatMap((site) => [...createsPlainView(site.migration)].map((name) => ({ name, node: site.node }))),
    ];
    return views;
  };
  let wrapped: boolean | undefined;
  return (name, after) =>
    created().some((view) => {
      if (view.name !== name || view.node.range[0] <= after.range[1]) return false;
      wrapped ??= runsInTransaction(program, up);
      if (wrapped) return true;
      const transaction = explicitTransactionOf(after);
      return transaction !== undefined && transaction === explicitTransactionOf(view.node);
    });
}
