import { isPostgresql } from "../analysis/dialect.ts";
import { isCreatedEarlierInFile, isInTransaction, migrationOf } from "../analysis/migration-context.ts";
import { tableLockOf } from "../analysis/locks.ts";
import { createSqlRule } from "../create-sql-rule.ts";

/** Statements that end a transaction or only change the session or catalog comments take no time under the lock. */
const INSTANT = new Set(["commit_transaction_stmt", "rollback_transaction_stmt", "start_transaction_stmt", "set_parameter_stmt", "comment_stmt", "empty"]);

export default createSqlRule<[], "workAfterLock">({
  name: "no-work-after-exclusive-lock",
  meta: {
    type: "suggestion",
    docs: {
      description: "Disallow further statements in a transaction after one has taken an ACCESS EXCLUSIVE lock on an existing table",
      recommended: "warn",
    },
    schema: [],
    messages: {
      workAfterLock:
        'This statement runs while the ACCESS EXCLUSIVE lock on "{{table}}" taken on line {{line}} is still held, so nothing can read or write "{{table}}" until the whole transaction commits. ' +
        "Commit right after the locking statement (or combine the changes to that table into one ALTER TABLE), and do other work in its own transaction.",
    },
  },
  create(context) {
    // PostgreSQL's lock modes and transactional DDL; MySQL commits each DDL statement on its own.
    if (!isPostgresql(context)) return {};
    const migration = migrationOf(context);
    const { sourceCode } = context;
    return {
      "program:exit"(program) {
        if (program !== sourceCode.ast) return;
        let held: { table: string; line: number } | undefined;
        for (const statement of migration.statements) {
          const start = statement.range?.[0] ?? 0;
          if (statement.type === "commit_transaction_stmt" || statement.type === "rollback_transaction_stmt" || statement.type === "start_transaction_stmt") {
            held = undefined;
            continue;
          }
          if (!isInTransaction(migration, start)) {
            held = undefined;
            continue;
          }
          if (held && !INSTANT.has(statement.type)) {
            const lock = tableLockOf(statement);
            const onNewTable = lock !== undefined && isCreatedEarlierInFile(migration, lock.table, start);
            if (!onNewTable) {
              context.report({ node: statement, messageId: "workAfterLock", data: { table: held.table, line: String(held.line) } });
              held = undefined;
              continue;
            }
          }
          const lock = tableLockOf(statement);
          if (!held && lock?.mode === "ACCESS EXCLUSIVE" && lock.table !== undefined && !isCreatedEarlierInFile(migration, lock.table, start)) {
            held = { table: lock.table, line: sourceCode.getLoc(statement).start.line };
          }
        }
      },
    };
  },
});
