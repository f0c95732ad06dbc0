import { isRelationCreatedEarlierInFile, isRelationRecreatedLaterInFile } from "../analysis/created-in-file.ts";
import { migrationOf } from "../analysis/migration-context.ts";
import { viewExistsInHistory } from "../analysis/migration-history.ts";
import { tableName } from "../analysis/table-name.ts";
import { createSqlRule } from "../create-sql-rule.ts";

export default createSqlRule<[], "dropView">({
  name: "no-drop-view",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow dropping a view or materialized view that the code still running during a deploy queries, unless the migration creates it again",
      recommended: "error",
    },
    schema: [],
    messages: {
      dropView:
        'Dropping {{kind}} "{{view}}" breaks the code still running during the deploy, which fails on every query that reads it. ' +
        "To change its definition, create it again under the same name in the same transaction; to remove it, first ship code that no longer queries it, then drop it in a later migration.",
    },
  },
  create(context) {
    const migration = migrationOf(context);
    return {
      drop_view_stmt(statement) {
        const kindKw = statement.kind?.kindKw;
        const kind = kindKw && !Array.isArray(kindKw) && kindKw.name === "MATERIALIZED" ? "materialized view" : "view";
        // DROP TEMPORARY VIEW (SQLite, MySQL) drops the session's own view.
        if (statement.kind && kind === "view") return;
        for (const view of statement.views.items) {
          const name = tableName(view);
          const offset = view.range?.[0] ?? 0;
          // Made by this migration: nothing running reads it yet.
          if (isRelationCreatedEarlierInFile(migration, name, offset)) continue;
          // Dropped to be defined anew: the running code finds it again once the transaction commits.
          if (isRelationRecreatedLaterInFile(migration, name, offset)) continue;
          // IF EXISTS for a view no earlier migration of the folder created: a guard that drops nothing.
          if (statement.ifExistsKw && name !== undefined && viewExistsInHistory(context.physicalFilename, context.sourceCode.ast.dialect ?? "postgresql", name) === false) continue;
          context.report({ node: view, messageId: "dropView", data: { kind, view: name ?? context.sourceCode.getText(view) } });
        }
      },
    };
  },
});
