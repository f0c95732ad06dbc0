import { isPostgresql } from "../analysis/dialect.ts";
import { hasLockTimeoutBefore, isCreatedEarlierInFile, migrationOf } from "../analysis/migration-context.ts";
import { isRunnerTable, isStrongLock, tableLockOf } from "../analysis/locks.ts";
import { createSqlRule } from "../create-sql-rule.ts";

export default createSqlRule<[], "missingLockTimeout">({
  name: "require-lock-timeout",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require `SET lock_timeout` before the first statement that takes a lock blocking writes on an existing table",
      recommended: "warn",
    },
    schema: [],
    messages: {
      missingLockTimeout:
        'This statement waits to lock {{table}} in {{mode}} mode with no lock_timeout set; while it waits behind a long-running query, every read and write that arrives after it queues too. ' +
        "Start the migration with `SET lock_timeout = '5s';` (and retry on timeout) so it fails fast instead of stalling traffic.",
    },
  },
  create(context) {
    // PostgreSQL's lock modes and transactional DDL; MySQL commits each DDL statement on its own.
    if (!isPostgresql(context)) return {};
    const migration = migrationOf(context);
    return {
      "program:exit"(program) {
        if (program !== context.sourceCode.ast) return;
        for (const statement of migration.statements) {
          const lock = tableLockOf(statement);
          const start = statement.range?.[0] ?? 0;
          if (!lock || !isStrongLock(lock.mode) || isCreatedEarlierInFile(migration, lock.table, start) || isRunnerTable(lock.table)) continue;
          if (!hasLockTimeoutBefore(migration, start)) {
            context.report({
              node: lock.node,
              messageId: "missingLockTimeout",
              data: { mode: lock.mode, table: lock.table ? `"${lock.table}"` : "its table" },
            });
          }
          // One finding per file: the first statement is where the setting belongs.
          return;
        }
      },
    };
  },
});
