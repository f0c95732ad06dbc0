import type { SqlStatementNode } from "../language/parse-sql.ts";
import { isMysqlFamily } from "../analysis/dialect.ts";
import { migrationOf } from "../analysis/migration-context.ts";
import { isRunnerTable } from "../analysis/locks.ts";
import { asksForBlockingChange, mysqlTableChange, refusesBlockingChange } from "../analysis/mysql-online-ddl.ts";
import { locOf } from "../analysis/source-range.ts";
import { createSqlRule } from "../create-sql-rule.ts";

export default createSqlRule<[], "blocking">({
  name: "no-write-blocking-alter",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow MySQL and MariaDB schema changes that copy an existing table or block writes to it while they run",
      recommended: "error",
    },
    schema: [],
    messages: {
      blocking:
        '{{what}} {{how}} in MySQL, so every INSERT, UPDATE and DELETE on "{{table}}" waits until it has gone through the whole table, minutes to hours on a large one. ' +
        "Run it with gh-ost or pt-online-schema-change, which copy the table in the background and swap it in, or add ALGORITHM=INPLACE, LOCK=NONE so MySQL refuses instead of blocking.",
    },
  },
  create(context) {
    if (!isMysqlFamily(context)) return {};
    const { sourceCode } = context;
    const migration = migrationOf(context);

    function check(statement: SqlStatementNode): void {
      const change = mysqlTableChange(statement, migration, sourceCode.text);
      // The runner's own bookkeeping table: only the runner writes it, and it is the one running this migration.
      if (!change || isRunnerTable(change.table)) return;
      // With LOCK=NONE or ALGORITHM=INPLACE MySQL rejects the statement instead; an explicit COPY or SHARED is no-blocking-alter-clause's.
      if (refusesBlockingChange(change.clauses) || asksForBlockingChange(change.clauses)) return;
      for (const operation of change.operations) {
        if (operation.cost !== "blocking") continue;
        context.report({ loc: locOf(sourceCode, operation.range), messageId: "blocking", data: { what: operation.what, how: operation.how, table: change.table ?? "the table" } });
      }
    }

    return { alter_table_stmt: check, create_index_stmt: check, mysql_fallback_stmt: check };
  },
});
