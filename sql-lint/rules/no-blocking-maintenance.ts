import { isRelationCreatedEarlierInFile } from "../analysis/created-in-file.ts";
import { isPostgresql } from "../analysis/dialect.ts";
import { keywordRange } from "../analysis/keyword-range.ts";
import { migrationOf } from "../analysis/migration-context.ts";
import { pgOptionIsOn, pgRelationName } from "../analysis/pg-nodes.ts";
import { locOf } from "../analysis/source-range.ts";
import { tableName } from "../analysis/table-name.ts";
import { createSqlRule } from "../create-sql-rule.ts";

type MessageIds = "vacuumFull" | "cluster" | "setPersistence";

interface DefElem {
  DefElem?: { defname?: string; arg?: unknown };
}

export default createSqlRule<[], MessageIds>({
  name: "no-blocking-maintenance",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow VACUUM FULL, CLUSTER and SET LOGGED/UNLOGGED on existing PostgreSQL tables: each rewrites the table while blocking reads and writes",
      recommended: "error",
    },
    schema: [],
    messages: {
      vacuumFull:
        "VACUUM FULL rewrites {{what}} under an ACCESS EXCLUSIVE lock, so all reads and writes wait until it ends. " +
        "Leave space reclaiming to (auto)VACUUM, which does not block; to shrink a bloated table online use pg_repack or pg_squeeze outside the migration.",
      cluster:
        "CLUSTER rewrites {{what}} under an ACCESS EXCLUSIVE lock, so all reads and writes wait until it ends. " +
        "Reorder the table online with pg_repack outside the migration, or in a maintenance window.",
      setPersistence:
        'SET {{persistence}} rewrites all of "{{table}}" under an ACCESS EXCLUSIVE lock, so all reads and writes wait until it ends. ' +
        "Create a new table with the persistence you want, copy the rows in batches and swap the names, or change it in a maintenance window.",
    },
  },
  create(context) {
    if (!isPostgresql(context)) return {};
    const { sourceCode } = context;
    const migration = migrationOf(context);

    /** The existing tables among `names` (`"orders", "items"`), `everything` when none is named; undefined when all are new in this file. */
    function describeTables(names: (string | undefined)[], offset: number, everything: string): string | undefined {
      if (names.length === 0) return everything;
      const existing = names.filter((name) => !isRelationCreatedEarlierInFile(migration, name, offset));
      return existing.length > 0 ? existing.map((name) => `"${name ?? "?"}"`).join(", ") : undefined;
    }

    return {
      alter_table_stmt(statement) {
        const table = tableName(statement.table);
        if (isRelationCreatedEarlierInFile(migration, table, statement.range?.[0] ?? 0)) return;
        for (const action of statement.actions.items) {
          if (action.type !== "alter_action_set_logged" && action.type !== "alter_action_set_unlogged") continue;
          const persistence = action.type === "alter_action_set_logged" ? "LOGGED" : "UNLOGGED";
          context.report({ node: action, messageId: "setPersistence", data: { persistence, table: table ?? sourceCode.getText(statement.table) } });
        }
      },

      pg_fallback_stmt(statement) {
        const { pg, range } = statement;
        const offset = range[0];
        if (statement.kind === "VacuumStmt") {
          const options = (Array.isArray(pg.options) ? pg.options : []) as DefElem[];
          const full = options.find((option) => option.DefElem?.defname === "full")?.DefElem;
          if (!full || !pgOptionIsOn(full)) return;
          const relations = (Array.isArray(pg.rels) ? pg.rels : []) as { VacuumRelation?: { relation?: unknown } }[];
          const what = describeTables(relations.map((relation) => pgRelationName(relation.VacuumRelation?.relation)), offset, "every table of the database");
          const keyword = keywordRange(sourceCode.text, range, ["FULL"]);
          if (what && keyword) context.report({ loc: locOf(sourceCode, keyword), messageId: "vacuumFull", data: { what } });
        } else if (statement.kind === "ClusterStmt") {
          const relation = pgRelationName(pg.relation);
          const what = describeTables(relation === undefined ? [] : [relation], offset, "every table that was clustered before");
          const keyword = keywordRange(sourceCode.text, range, ["CLUSTER"]);
          if (what && keyword) context.report({ loc: locOf(sourceCode, keyword), messageId: "cluster", data: { what } });
        }
      },
    };
  },
});
