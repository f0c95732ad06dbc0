import type { RuleFixer } from "@eslint/core";
import { isRelationCreatedEarlierInFile } from "../analysis/created-in-file.ts";
import { isPostgresql } from "../analysis/dialect.ts";
import { keywordRange } from "../analysis/keyword-range.ts";
import { isInTransaction, migrationOf } from "../analysis/migration-context.ts";
import { pgAlterTableCommands, pgRelationName } from "../analysis/pg-nodes.ts";
import { locOf } from "../analysis/source-range.ts";
import { createSqlRule } from "../create-sql-rule.ts";

type MessageIds = "detach" | "detachBeforePg14" | "addConcurrently";

/** A possibly schema-qualified, possibly quoted name right after `DETACH PARTITION`. */
const PARTITION_NAME = /^\s+(?:"(?:[^"]|"")*"|[A-Za-z_][\w$]*)(?:\s*\.\s*(?:"(?:[^"]|"")*"|[A-Za-z_][\w$]*))*/u;

export default createSqlRule<[], MessageIds>({
  name: "require-concurrent-detach-partition",
  meta: {
    type: "problem",
    docs: {
      description: "Require CONCURRENTLY when detaching a partition from an existing PostgreSQL partitioned table",
      recommended: "error",
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      detach:
        'DETACH PARTITION needs an ACCESS EXCLUSIVE lock on "{{table}}": while it waits for the queries running on the partitioned table, every new read and write of it queues behind, and it holds the lock until its transaction ends. ' +
        "Use DETACH PARTITION … CONCURRENTLY, outside a transaction block.",
      detachBeforePg14:
        'DETACH PARTITION needs an ACCESS EXCLUSIVE lock on "{{table}}": while it waits for the queries running on the partitioned table, every new read and write of it queues behind, and PostgreSQL {{pgVersion}} has no concurrent form. ' +
        "Detach with a short lock_timeout and retry, or in a maintenance window.",
      addConcurrently: "Add CONCURRENTLY; the statement must then run outside any transaction block, and the table must have no default partition.",
    },
  },
  create(context) {
    if (!isPostgresql(context)) return {};
    const { sourceCode } = context;
    const migration = migrationOf(context);
    return {
      pg_fallback_stmt(statement) {
        if (statement.kind !== "AlterTableStmt") return;
        const { pg, range } = statement;
        const table = pgRelationName(pg.relation);
        if (table === undefined || isRelationCreatedEarlierInFile(migration, table, range[0])) return;
        const commands = pgAlterTableCommands(pg);
        const detach = commands.find((command) => command.subtype === "AT_DetachPartition");
        if (!detach || (detach.def?.PartitionCmd as { concurrent?: boolean } | undefined)?.concurrent) return;
        const keyword = keywordRange(sourceCode.text, range, ["DETACH", "PARTITION"]);
        if (!keyword) return;
        const data = { table, pgVersion: String(migration.pgVersion) };
        if (migration.pgVersion < 14) {
          context.report({ loc: locOf(sourceCode, keyword), messageId: "detachBeforePg14", data });
          return;
        }
        // CONCURRENTLY must be the only subcommand and cannot run in a transaction block.
        const nameEnd = keyword[1] + (PARTITION_NAME.exec(sourceCode.text.slice(keyword[1], range[1]))?.[0].length ?? 0);
        const canAdd = commands.length === 1 && nameEnd > keyword[1] && !isInTransaction(migration, range[0]);
        const add: RuleFixer = (fixer) => fixer.insertTextAfterRange([nameEnd, nameEnd], " CONCURRENTLY");
        context.report({
          loc: locOf(sourceCode, keyword),
          messageId: "detach",
          data,
          suggest: canAdd ? [{ messageId: "addConcurrently", fix: add }] : [],
        });
      },
    };
  },
});
