import type { CreateTableStmt, InsertStmt } from "sql-parser-cst";
import type { SqlStatementNode } from "../language/parse-sql.ts";
import { identifierName } from "./identifier-name.ts";
import type { MigrationContext } from "./migration-context.ts";
import { tableName } from "./table-name.ts";

/**
 * A table rebuilt the way SQLite changes a column (its ALTER TABLE can only add, drop or rename
 * one): a new table is created with the new definition, the rows are copied into it, the old
 * table is dropped and the new one takes its name. Both orders are recognised:
 * `CREATE new; INSERT INTO new SELECT … FROM t; DROP t; ALTER TABLE new RENAME TO t` (SQLite's
 * documented procedure, what Prisma and drizzle-kit generate) and
 * `ALTER TABLE t RENAME TO old; CREATE t; INSERT INTO t SELECT … FROM old; DROP old`.
 */
export interface TableRebuild {
  /** The table being rebuilt, by the name the running code uses. */
  table: string;
  /** The `CREATE TABLE` of the new definition: the one place a rebuild is reported. */
  create: CreateTableStmt;
  /** The name the new table is created under (`new_users`, or `users` in the second order). */
  createdAs: string;
  /** The copy, when the file has one. */
  copy: InsertStmt | undefined;
  /** Offset of the `DROP TABLE` that removes the old rows. */
  dropAt: number;
  /** Offset of the `RENAME TO` that moves the old table out of the way, in the second order. */
  renameAwayAt: number | undefined;
}

const cache = new WeakMap<MigrationContext, TableRebuild[]>();

/** The table an `INSERT … SELECT … FROM t` reads, and the table it writes. */
function copyTables(statement: InsertStmt): { into: string | undefined; from: string | undefined } {
  const [insert, select] = statement.clauses;
  if (insert?.type !== "insert_clause" || select?.type !== "select_stmt") return { into: undefined, from: undefined };
  const from = select.clauses.find((clause) => clause.type === "from_clause");
  return { into: tableName(insert.table), from: from?.type === "from_clause" ? tableName(from.expr) : undefined };
}

/**
 * Columns the copy gives a new name: `INSERT INTO new (a, b) SELECT a, c FROM t` copies `c`
 * into `b`. Only plain column references count; expressions compute a value, they do not rename.
 */
export function columnsRenamedByCopy(copy: InsertStmt): { from: string; to: string }[] {
  const [insert, select] = copy.clauses;
  if (insert?.type !== "insert_clause" || select?.type !== "select_stmt" || !insert.columns) return [];
  const selectClause = select.clauses.find((clause) => clause.type === "select_clause");
  if (selectClause?.type !== "select_clause") return [];
  const targets = insert.columns.expr.items;
  const sources = selectClause.columns?.items ?? [];
  if (targets.length !== sources.length) return [];
  return targets.flatMap((target, index) => {
    const source = sources[index];
    const sourceName = source?.type === "identifier" ? identifierName(source) : source?.type === "member_expr" ? tableName(source) : undefined;
    const targetName = target.type === "identifier" ? identifierName(target) : undefined;
    return sourceName !== undefined && targetName !== undefined && sourceName.toLowerCase() !== targetName.toLowerCase() ? [{ from: sourceName, to: targetName }] : [];
  });
}

function findRebuilds(statements: readonly SqlStatementNode[]): TableRebuild[] {
  const found: TableRebuild[] = [];
  const creates = new Map<string, CreateTableStmt>();
  const copies: InsertStmt[] = [];
  const drops = new Map<string, number>();
  /** old name → new name and offset, for renames away (the second order). */
  const renamedAway = new Map<string, { to: string; at: number }>();
  for (const statement of statements) {
    const at = statement.range?.[0] ?? 0;
    if (statement.type === "create_table_stmt") {
      const name = tableName(statement.name);
      if (name !== undefined) creates.set(name, statement);
      const away = name === undefined ? undefined : renamedAway.get(name);
      if (name !== undefined && away) {
        // Second order: `t` renamed to `old`, a new `t` created, filled from `old`, `old` dropped.
        found.push({ table: name, create: statement, createdAs: name, copy: undefined, dropAt: -1, renameAwayAt: away.at });
      }
    } else if (statement.type === "insert_stmt") {
      copies.push(statement);
    } else if (statement.type === "drop_table_stmt") {
      for (const table of statement.tables.items) {
        const name = tableName(table);
        if (name !== undefined) drops.set(name, table.range?.[0] ?? at);
      }
    } else if (statement.type === "alter_table_stmt") {
      const from = tableName(statement.table);
      for (const action of statement.actions.items) {
        if (action.type !== "alter_action_rename" || from === undefined) continue;
        const to = tableName(action.newName);
        if (to === undefined) continue;
        const create = creates.get(from);
        const dropAt = drops.get(to);
        // First order: `new` created, `t` dropped, `new` renamed to `t`.
        if (create && dropAt !== undefined && (create.range?.[0] ?? 0) < dropAt) {
          found.push({ table: to, create, createdAs: from, copy: undefined, dropAt, renameAwayAt: undefined });
        } else {
          renamedAway.set(from, { to, at: action.range?.[0] ?? at });
        }
      }
    }
  }
  // Attach the copies, and complete the second order with the drop of the renamed-away table.
  return found.flatMap((rebuild) => {
    const source = rebuild.createdAs === rebuild.table ? renamedAway.get(rebuild.table)?.to : rebuild.table;
    const copy = copies.find((statement) => {
      const tables = copyTables(statement);
      return tables.into === rebuild.createdAs && tables.from === source;
    });
    if (rebuild.dropAt >= 0) return [{ ...rebuild, copy }];
    const dropAt = source === undefined ? undefined : drops.get(source);
    return dropAt === undefined ? [] : [{ ...rebuild, copy, dropAt }];
  });
}

/** The table rebuilds of this migration, in order. */
export function tableRebuilds(migration: MigrationContext): TableRebuild[] {
  let rebuilds = cache.get(migration);
  if (!rebuilds) {
    rebuilds = findRebuilds(migration.statements);
    cache.set(migration, rebuilds);
  }
  return rebuilds;
}

/**
 * True when `offset` is where a rebuild of the second order renames the old table away or drops
 * it: steps of one change that no-unsafe-table-rebuild judges as a whole.
 */
export function isTableRebuildStep(migration: MigrationContext, offset: number): boolean {
  return tableRebuilds(migration).some((rebuild) => rebuild.renameAwayAt === offset || (rebuild.renameAwayAt !== undefined && rebuild.dropAt === offset));
}
