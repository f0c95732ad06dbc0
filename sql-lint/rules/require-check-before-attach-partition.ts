import { isRelationCreatedEarlierInFile } from "../analysis/created-in-file.ts";
import { isPostgresql } from "../analysis/dialect.ts";
import { keywordRange } from "../analysis/keyword-range.ts";
import { migrationOf } from "../analysis/migration-context.ts";
import { hasValidatedCheck } from "../analysis/not-null-checks.ts";
import { pgAlterTableCommands, pgRelationName } from "../analysis/pg-nodes.ts";
import { locOf } from "../analysis/source-range.ts";
import { createSqlRule } from "../create-sql-rule.ts";

export default createSqlRule<[], "attach">({
  name: "require-check-before-attach-partition",
  meta: {
    type: "problem",
    docs: {
      description: "Require a validated CHECK constraint matching the bounds before attaching an existing table as a PostgreSQL partition",
      recommended: "error",
    },
    schema: [],
    messages: {
      attach:
        'ATTACH PARTITION reads every row of "{{partition}}" to check that it fits the partition bounds, under an ACCESS EXCLUSIVE lock on it (and a SHARE UPDATE EXCLUSIVE lock on "{{table}}"): every query of "{{partition}}" waits for the whole scan. ' +
        "First add a CHECK constraint that matches the bounds with NOT VALID and VALIDATE it in a later statement (which lets reads and writes go on); PostgreSQL then skips the scan. Drop the CHECK after attaching.",
    },
  },
  create(context) {
    if (!isPostgresql(context)) return {};
    const { sourceCode } = context;
    const migration = migrationOf(context);
    return {
      pg_fallback_stmt(statement) {
        if (statement.kind !== "AlterTableStmt" || statement.pg.objtype !== "OBJECT_TABLE") return;
        const { pg, range } = statement;
        const table = pgRelationName(pg.relation);
        for (const command of pgAlterTableCommands(pg)) {
          if (command.subtype !== "AT_AttachPartition") continue;
          const partition = pgRelationName((command.def?.PartitionCmd as { name?: unknown } | undefined)?.name);
          if (partition === undefined) continue;
          // A table made by this migration holds only what it copied in, and nothing queries it yet.
          if (isRelationCreatedEarlierInFile(migration, partition, range[0]) || hasValidatedCheck(migration, partition, range[0])) continue;
          const keyword = keywordRange(sourceCode.text, range, ["ATTACH", "PARTITION"]);
          if (!keyword) continue;
          context.report({ loc: locOf(sourceCode, keyword), messageId: "attach", data: { table: table ?? "?", partition } });
        }
      },
    };
  },
});
