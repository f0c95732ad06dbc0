import { isMysqlFamily } from "../analysis/dialect.ts";
import { isCreatedEarlierInFile, migrationOf } from "../analysis/migration-context.ts";
import { algorithmAndLockClauses, isBlockingClause, mysqlChangedTable } from "../analysis/mysql-online-ddl.ts";
import { locOf } from "../analysis/source-range.ts";
import { createSqlRule } from "../create-sql-rule.ts";

type MessageIds = "copy" | "sharedLock" | "exclusiveLock";

export default createSqlRule<[], MessageIds>({
  name: "no-blocking-alter-clause",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow `ALGORITHM=COPY`, `LOCK=SHARED` and `LOCK=EXCLUSIVE` on an existing MySQL or MariaDB table",
      recommended: "error",
    },
    schema: [],
    messages: {
      copy:
        'ALGORITHM=COPY makes MySQL copy "{{table}}" row by row while every INSERT, UPDATE and DELETE on it waits, for as long as the copy takes. ' +
        "Remove it (MySQL picks INSTANT or INPLACE when it can), or state ALGORITHM=INPLACE, LOCK=NONE so MySQL refuses instead of blocking, and run changes that need a copy with gh-ost or pt-online-schema-change.",
      sharedLock:
        'LOCK=SHARED blocks every INSERT, UPDATE and DELETE on "{{table}}" until the ALTER finishes. ' +
        "Use LOCK=NONE so MySQL keeps the table writable or refuses the change, and run changes that cannot be done that way with gh-ost or pt-online-schema-change.",
      exclusiveLock:
        'LOCK=EXCLUSIVE blocks every read and write of "{{table}}" until the ALTER finishes. ' +
        "Use LOCK=NONE so MySQL keeps the table available or refuses the change, and run changes that cannot be done that way with gh-ost or pt-online-schema-change.",
    },
  },
  create(context) {
    if (!isMysqlFamily(context)) return {};
    const { sourceCode } = context;
    const migration = migrationOf(context);
    return {
      mysql_fallback_stmt(statement) {
        const table = mysqlChangedTable(statement);
        if (isCreatedEarlierInFile(migration, table, statement.range[0])) return;
        for (const clause of algorithmAndLockClauses(statement, sourceCode.text)) {
          if (!isBlockingClause(clause)) continue;
          const messageId = clause.kind === "algorithm" ? "copy" : clause.value === "SHARED" ? "sharedLock" : "exclusiveLock";
          context.report({ loc: locOf(sourceCode, clause.range), messageId, data: { table: table ?? "the table" } });
        }
      },
    };
  },
});
