import { isRelationCreatedEarlierInFile } from "../analysis/created-in-file.ts";
import { migrationContext, type MigrationContext } from "../analysis/migration-context.ts";
import { parseSqlProgram } from "../language/parse-sql.ts";
import { builderCreatedTables, sqlSites, type FunctionNode } from "./migration-code.ts";
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
