import { isMysqlFamily, isPostgresql, isSqlite } from "../analysis/dialect.ts";
import { isCreatedEarlierInFile, isInTransaction, migrationOf, sameTransaction } from "../analysis/migration-context.ts";
import { tableLockOf } from "../analysis/locks.ts";
import { mysqlAlterActions, mysqlTableName } from "../analysis/mysql-alter-actions.ts";
import { nodesBelow } from "../analysis/nodes-below.ts";
import { locOf } from "../analysis/source-range.ts";
import { tableName, unaliased, updatedTable } from "../analysis/table-name.ts";
import type { MysqlFallbackStatement, SqlStatementNode } from "../language/parse-sql.ts";
import { createSqlRule } from "../create-sql-rule.ts";


/** The same for an UPDATE only node-sql-parser read: its WHERE or its joined tables hold a SELECT … HAVING. */
function isMysqlLimitedToDuplicates(statement: MysqlFallbackStatement): boolean {
  const { where, table = [] } = statement.ast as { where?: unknown; table?: unknown[] };
  return nodesBelow([where, table.slice(1)], (node) => node.type === ("select" as string) && (node as { having?: unknown }).having != null).length > 0;
}

/** The first table of an UPDATE only node-sql-parser read (MySQL's `UPDATE t JOIN (…) s ON … SET t.x = …`), and where it is. */
function mysqlUpdatedTable(statement: MysqlFallbackStatement): { name: string; range: [number, number] } | undefined {
  if (statement.kind !== "update") return undefined;
  const [first] = (statement.ast as { table?: { table?: unknown; range?: [number, number] }[] }).table ?? [];
  return typeof first?.table === "string" && first.range ? { name: first.table, range: first.range } : undefined;
}

/**
 * An UPDATE limited to duplicate rows (`WHERE url IN (SELECT url … GROUP BY url HAVING count(*) > 1)`,
 * or joined to such a query):
 * a data fix before a unique index, touching a handful of rows, not a backfill of the table.
 */
function isLimitedToDuplicates(statement: Extract<SqlStatementNode, { type: "update_stmt" }>): boolean {
  return statement.clauses.some((clause) => (clause.type === "where_clause" || clause.type === "from_clause") && nodesBelow(clause, (node) => node.type === "having_clause").length > 0);
}

/** The table an `INSERT … SELECT … FROM` copies rows into: rows of a table, not a constant row. */
function copiedIntoTable(statement: Extract<SqlStatementNode, { type: "insert_stmt" }>): string | undefined {
  const [insert, source] = statement.clauses;
  if (insert?.type !== "insert_clause" || source?.type !== "select_stmt") return undefined;
  if (!source.clauses.some((clause) => clause.type === "from_clause")) return undefined;
  return tableName(unaliased(insert.table));
}

/** The system catalogs (`UPDATE pg_index …`) are not rows of the application. */
const isCatalog = (table: string) => table.startsWith("pg_");

type MessageIds = "backfill" | "copy" | "backfillSqlite" | "copySqlite" | "backfillMysql" | "copyMysql";

export default createSqlRule<[], MessageIds>({
  name: "no-backfill-with-schema-change",
  meta: {
    type: "suggestion",
    docs: {
      description: "Disallow backfilling rows (`UPDATE`, `INSERT … SELECT`) in the same migration as a schema change",
      // Opt-in: what the finding costs depends on the size of the table, which the migration does not say (see the doc page).
      recommended: false,
    },
    schema: [],
    messages: {
      backfill:
        'This UPDATE backfills "{{table}}" in the same migration as a schema change: in one transaction it keeps the schema change\'s lock for as long as it rewrites rows, and on a large table it can run for minutes, bloat the table and time out the deploy. ' +
        "Ship the schema change first, then backfill in batches (a separate migration, job or script) that commit as they go.",
      copy:
        'This INSERT … SELECT copies rows into "{{table}}" in the same migration as a schema change: in one transaction it keeps the schema change\'s lock for as long as the copy runs, and a large copy can run for minutes and time out the deploy. ' +
        "Ship the schema change first, then copy in batches (a separate migration, job or script) that commit as they go.",
      backfillSqlite:
        'This UPDATE rewrites "{{table}}" in a migration that also changes the schema: SQLite holds the database\'s write lock while it runs, and until the migration commits when the runner wraps it in a transaction, so every other writer waits or fails with SQLITE_BUSY for as long as the whole table is rewritten. ' +
        "Ship the schema change first, then backfill in batches (a separate migration, job or script) that commit as they go.",
      copySqlite:
        'This INSERT … SELECT copies rows into "{{table}}" in a migration that also changes the schema: SQLite holds the database\'s write lock while it runs, and until the migration commits when the runner wraps it in a transaction, so every other writer waits or fails with SQLITE_BUSY for as long as the copy runs. ' +
        "Ship the schema change first, then copy in batches (a separate migration, job or script) that commit as they go.",
      backfillMysql:
        'This UPDATE rewrites "{{table}}" in one statement, in the same migration as a schema change: InnoDB locks every row it touches until the statement commits, so the code still running waits on its writes to "{{table}}", and replicas fall behind for as long as it runs. ' +
        "Ship the schema change first, then backfill in batches (a separate migration, job or script) that commit as they go.",
      copyMysql:
        'This INSERT … SELECT copies rows into "{{table}}" in one statement, in the same migration as a schema change: InnoDB locks the rows it reads and writes until the statement commits, and replicas fall behind for as long as it runs. ' +
        "Ship the schema change first, then copy in batches (a separate migration, job or script) that commit as they go.",
    },
  },
  create(context) {
    // Each dialect holds a different lock for the backfill: PostgreSQL the schema change's (its DDL
    // is transactional), SQLite the database's write lock, MySQL the row locks of the statement.
    const dialect = isPostgresql(context) ? "" : isSqlite(context) ? "Sqlite" : isMysqlFamily(context) ? "Mysql" : undefined;
    if (dialect === undefined) return {};
    const migration = migrationOf(context);
    const existing = (table: string | undefined, offset: number) => !isCreatedEarlierInFile(migration, table, offset);
    const schemaChanges = migration.statements.filter((statement) => {
      const offset = statement.range?.[0] ?? 0;
      const lock = tableLockOf(statement);
      if (lock !== undefined) return existing(lock.table, offset);
      // MySQL and MariaDB ALTERs only node-sql-parser read.
      return statement.type === "mysql_fallback_stmt" && mysqlAlterActions(statement).length > 0 && existing(mysqlTableName(statement), offset);
    });
    /**
     * Whether a write at `offset` runs beside a schema change: in the same transaction as one, or
     * outside any (a runner's or an explicit block). A write in a block of its own, after the
     * schema change's block committed, holds none of its locks; on PostgreSQL, neither does a write
     * before the schema change, whose lock is taken only once the write is done.
     */
    const besideSchemaChange = (offset: number): boolean =>
      schemaChanges.some((statement) => {
        const at = statement.range?.[0] ?? 0;
        // On PostgreSQL the claim is that the write keeps the schema change's lock: it must come after it.
        if (dialect === "" && at > offset) return false;
        return !isInTransaction(migration, offset) || sameTransaction(migration, at, offset);
      });
    return {
      update_stmt(statement) {
        if (isLimitedToDuplicates(statement) || !besideSchemaChange(statement.range?.[0] ?? 0)) return;
        const table = updatedTable(statement);
        // Filling a table this migration created cannot block anyone.
        if (table === undefined || isCatalog(table) || !existing(table, statement.range?.[0] ?? 0)) return;
        const clause = statement.clauses.find((c) => c.type === "update_clause") ?? statement;
        context.report({ node: clause, messageId: `backfill${dialect}`, data: { table } });
      },
      mysql_fallback_stmt(statement) {
        if (!besideSchemaChange(statement.range[0])) return;
        const table = mysqlUpdatedTable(statement);
        if (table === undefined || !existing(table.name, statement.range[0]) || isMysqlLimitedToDuplicates(statement)) return;
        context.report({ loc: locOf(context.sourceCode, [statement.range[0], table.range[1]]), messageId: "backfillMysql", data: { table: table.name } });
      },
      insert_stmt(statement) {
        if (!besideSchemaChange(statement.range?.[0] ?? 0)) return;
        const table = copiedIntoTable(statement);
        if (table === undefined || isCatalog(table) || !existing(table, statement.range?.[0] ?? 0)) return;
        context.report({ node: statement.clauses[0]!, messageId: `copy${dialect}`, data: { table } });
      },
    };
  },
});
