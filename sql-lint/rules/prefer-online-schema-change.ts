import type { SqlStatementNode } from "../language/parse-sql.ts";
import { isMysqlFamily } from "../analysis/dialect.ts";
import { migrationOf } from "../analysis/migration-context.ts";
import { asksForBlockingChange, mysqlTableChange } from "../analysis/mysql-online-ddl.ts";
import { locOf } from "../analysis/source-range.ts";
import { createSqlRule } from "../create-sql-rule.ts";

export default createSqlRule<[], "rebuild">({
  name: "prefer-online-schema-change",
  meta: {
    type: "suggestion",
    docs: {
      description: "Suggest an online schema-change tool for MySQL and MariaDB changes that rebuild an existing table",
      recommended: "warn",
    },
    schema: [],
    messages: {
      rebuild:
        '{{what}} rebuilds "{{table}}" in place in MySQL: writes go on, but on a large table the rebuild runs for hours, needs room for a second copy, and replicas apply it only after the primary, lagging behind by as long. ' +
        "For a large table run it with gh-ost or pt-online-schema-change, which copy in small throttled chunks that replicate as they go.",
    },
  },
  create(context) {
    if (!isMysqlFamily(context)) return {};
    const { sourceCode } = context;
    const migration = migrationOf(context);

    function check(statement: SqlStatementNode): void {
      const change = mysqlTableChange(statement, migration, sourceCode.text);
      if (!change) return;
      const { table, operations } = change;
      // A statement no-blocking-alter-clause or no-write-blocking-alter reports already says to use such a tool.
      if (asksForBlockingChange(change.clauses)) return;
      // With a blocking change the statement is either reported already or, under LOCK=NONE / ALGORITHM=INPLACE, refused as a whole.
      if (operations.some((operation) => operation.cost === "blocking")) return;
      // One finding per statement: the first operation that rebuilds the table.
      const rebuild = operations.find((operation) => operation.cost === "rebuild");
      if (!rebuild) return;
      context.report({ loc: locOf(sourceCode, rebuild.range), messageId: "rebuild", data: { what: rebuild.what, table: table ?? "the table" } });
    }

    return { alter_table_stmt: check, create_index_stmt: check, mysql_fallback_stmt: check };
  },
});
