import { isSchemaCreatedEarlierInFile } from "../analysis/created-in-file.ts";
import { isMysqlFamily } from "../analysis/dialect.ts";
import { migrationOf } from "../analysis/migration-context.ts";
import { tableName } from "../analysis/table-name.ts";
import { createSqlRule } from "../create-sql-rule.ts";

export default createSqlRule<[], "dropSchema" | "dropDatabase">({
  name: "no-drop-schema",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow dropping a schema or a database, with every table and row in it, from a migration",
      recommended: "error",
    },
    schema: [],
    messages: {
      dropSchema:
        'Dropping schema "{{name}}" deletes its tables, views and functions with their data (CASCADE), or fails the migration because they exist, and the code still running during the deploy fails on every query that uses them. ' +
        "Move or retire what it holds in earlier releases, then drop the empty schema by hand or in a later migration once nothing uses it.",
      dropDatabase:
        'Dropping database "{{name}}" deletes all of its data, and every application still connected to it fails. ' +
        "Retire a database by hand, after a backup and once no running code connects to it, not in a migration.",
    },
  },
  create(context) {
    const migration = migrationOf(context);
    // In MySQL a schema is a database: DROP SCHEMA and DROP DATABASE are the same statement.
    const schemaIsDatabase = isMysqlFamily(context);
    return {
      drop_schema_stmt(statement) {
        const messageId = schemaIsDatabase || statement.dropSchemaKw[1].name === "DATABASE" ? "dropDatabase" : "dropSchema";
        for (const schema of statement.schemas.items) {
          const name = tableName(schema);
          if (isSchemaCreatedEarlierInFile(migration, name, schema.range?.[0] ?? 0)) continue;
          context.report({ node: schema, messageId, data: { name: name ?? context.sourceCode.getText(schema) } });
        }
      },
      pg_fallback_stmt(statement) {
        // sql-parser-cst does not read PostgreSQL's DROP DATABASE; PostgreSQL's own parser does.
        if (statement.kind !== "DropdbStmt") return;
        const name = typeof statement.pg.dbname === "string" ? statement.pg.dbname : "?";
        context.report({ node: statement, messageId: "dropDatabase", data: { name } });
      },
    };
  },
});
