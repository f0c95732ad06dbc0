import { isRelationCreatedEarlierInFile } from "../analysis/created-in-file.ts";
import { isPostgresql } from "../analysis/dialect.ts";
import { migrationOf } from "../analysis/migration-context.ts";
import { spanOf } from "../analysis/source-range.ts";
import { tableName } from "../analysis/table-name.ts";
import { createSqlRule } from "../create-sql-rule.ts";

export default createSqlRule<[], "refresh" | "refreshWithNoData" | "addConcurrently">({
  name: "require-concurrent-refresh",
  meta: {
    type: "problem",
    docs: {
      description: "Require CONCURRENTLY when refreshing a PostgreSQL materialized view that the running code queries",
      recommended: "error",
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      refresh:
        'REFRESH MATERIALIZED VIEW holds an ACCESS EXCLUSIVE lock on "{{view}}" for the whole refresh, and until its transaction ends: every query of the view by the code still running waits, for as long as the view\'s query takes. ' +
        "Use REFRESH MATERIALIZED VIEW CONCURRENTLY, which lets reads go on; it needs a unique index on the view that covers every row (create one first, with CREATE UNIQUE INDEX).",
      refreshWithNoData:
        'REFRESH MATERIALIZED VIEW … WITH NO DATA empties "{{view}}" and leaves it unscannable: every query of the view by the code still running fails until it is refreshed again. ' +
        "Keep the view populated: refresh it with data (CONCURRENTLY, with a unique index on the view), or drop it once no running code queries it.",
      addConcurrently: "Add CONCURRENTLY (the view needs a unique index that covers every row, or PostgreSQL rejects it).",
    },
  },
  create(context) {
    if (!isPostgresql(context)) return {};
    const migration = migrationOf(context);
    return {
      refresh_materialized_view_stmt(statement) {
        if (statement.concurrentlyKw) return;
        const view = tableName(statement.name);
        // A view this migration created has no readers yet (and one created WITH NO DATA cannot be refreshed concurrently).
        if (isRelationCreatedEarlierInFile(migration, view, statement.range?.[0] ?? 0)) return;
        const data = { view: view ?? context.sourceCode.getText(statement.name) };
        const withNoData = statement.clauses.some((clause) => clause.withDataKw.length === 3);
        if (withNoData) {
          context.report({ node: statement.name, messageId: "refreshWithNoData", data });
          return;
        }
        const viewKw = statement.refreshMaterializedViewKw[2];
        const at = spanOf(viewKw)[1];
        context.report({
          node: statement.name,
          messageId: "refresh",
          data,
          suggest: [{ messageId: "addConcurrently", fix: (fixer) => fixer.insertTextAfterRange([at, at], " CONCURRENTLY") }],
        });
      },
    };
  },
});
