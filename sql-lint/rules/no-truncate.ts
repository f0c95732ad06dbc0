import { isCreatedEarlierInFile, migrationOf } from "../analysis/migration-context.ts";
import { tableName } from "../analysis/table-name.ts";
import { createSqlRule } from "../create-sql-rule.ts";

export default createSqlRule<[], "truncate" | "truncateCascade">({
  name: "no-truncate",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow TRUNCATE in a migration, which deletes every row of a table the running code is using",
      recommended: "error",
    },
    schema: [],
    messages: {
      truncate:
        'Truncating "{{table}}" deletes every row for good while the code still running during the deploy reads and writes them, and blocks every query on the table until it commits. ' +
        "Delete the rows you mean to remove with a batched DELETE … WHERE, or clean the table up by hand after a backup, outside the schema migration.",
      truncateCascade:
        'Truncating "{{table}}" with CASCADE deletes every row of it and of every table with a foreign key to it, and to those in turn, far more data than the statement names. ' +
        "Delete the rows you mean to remove with a batched DELETE … WHERE, or clean the tables up by hand after a backup, outside the schema migration.",
    },
  },
  create(context) {
    const migration = migrationOf(context);
    return {
      truncate_stmt(statement) {
        const messageId = statement.behaviorKw?.name === "CASCADE" ? "truncateCascade" : "truncate";
        for (const table of statement.tables.items) {
          const name = tableName(table);
          if (isCreatedEarlierInFile(migration, name, table.range?.[0] ?? 0)) continue;
          context.report({ node: table, messageId, data: { table: name ?? context.sourceCode.getText(table) } });
        }
      },
    };
  },
});
