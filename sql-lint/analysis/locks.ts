import type { SqlNode, SqlStatementNode } from "../language/parse-sql.ts";
import { tableName } from "./table-name.ts";

/**
 * PostgreSQL's table lock modes, weakest first. Everything from SHARE up blocks writes; ACCESS
 * EXCLUSIVE blocks reads too. While a strong lock waits for a long transaction, every query that
 * arrives after it queues behind it, so even a brief strong lock can stall production traffic.
 */
export const LOCK_MODES = [
  "ACCESS SHARE",
  "ROW SHARE",
  "ROW EXCLUSIVE",
  "SHARE UPDATE EXCLUSIVE",
  "SHARE",
  "SHARE ROW EXCLUSIVE",
  "EXCLUSIVE",
  "ACCESS EXCLUSIVE",
] as const;
export type LockMode = (typeof LOCK_MODES)[number];

export interface TableLock {
  /** The locked table's normalised name, when the statement names it. */
  table: string | undefined;
  mode: LockMode;
  /** The node to point at: the statement, or the action that needs the strongest lock. */
  node: SqlNode;
}

function stronger(a: LockMode, b: LockMode): LockMode {
  return LOCK_MODES.indexOf(a) >= LOCK_MODES.indexOf(b) ? a : b;
}

/** A lock that blocks writes (SHARE and up), and so queues the application behind it. */
export function isStrongLock(mode: LockMode): boolean {
  return LOCK_MODES.indexOf(mode) >= LOCK_MODES.indexOf("SHARE");
}

const LOCK_STMT_MODES: Record<number, LockMode> = {
  1: "ACCESS SHARE",
  2: "ROW SHARE",
  3: "ROW EXCLUSIVE",
  4: "SHARE UPDATE EXCLUSIVE",
  5: "SHARE",
  6: "SHARE ROW EXCLUSIVE",
  7: "EXCLUSIVE",
  8: "ACCESS EXCLUSIVE",
};

function pgRelationName(relation: unknown): string | undefined {
  const name = (relation as { RangeVar?: { relname?: unknown }; relname?: unknown } | undefined);
  const relname = name?.RangeVar?.relname ?? name?.relname;
  return typeof relname === "string" ? relname.toLowerCase() : undefined;
}

/** The table lock a statement needs on an existing table, for the statements migrations use; undefined for none or unknown. */
/**
 * The lock an ALTER TABLE action takes, as PostgreSQL's ALTER TABLE page lists them: most take
 * ACCESS EXCLUSIVE; VALIDATE CONSTRAINT, SET STATISTICS, CLUSTER ON and SET WITHOUT CLUSTER
 * take SHARE UPDATE EXCLUSIVE (ATTACH PARTITION is only PostgreSQL's parser's to read); a foreign key and ENABLE/DISABLE
 * TRIGGER take SHARE ROW EXCLUSIVE, which blocks writes but not reads.
 */
function alterActionLock(action: Extract<SqlStatementNode, { type: "alter_table_stmt" }>["actions"]["items"][number]): LockMode {
  switch (action.type) {
    case "alter_action_validate_constraint":
    case "alter_action_cluster_on":
    case "alter_action_set_without_cluster":
      return "SHARE UPDATE EXCLUSIVE";
    case "alter_action_alter_column":
      return action.action.type === "alter_action_set_statistics" ? "SHARE UPDATE EXCLUSIVE" : "ACCESS EXCLUSIVE";
    case "alter_action_add_constraint":
      return action.constraint.type === "constraint_foreign_key" ? "SHARE ROW EXCLUSIVE" : "ACCESS EXCLUSIVE";
    case "alter_action_enable":
    case "alter_action_disable":
      return action.item.type === "toggle_trigger" ? "SHARE ROW EXCLUSIVE" : "ACCESS EXCLUSIVE";
    default:
      return "ACCESS EXCLUSIVE";
  }
}

export function tableLockOf(statement: SqlStatementNode): TableLock | undefined {
  switch (statement.type) {
    case "alter_table_stmt": {
      let mode: LockMode = "SHARE UPDATE EXCLUSIVE";
      let node: SqlNode = statement;
      for (const action of statement.actions.items) {
        const actionMode = alterActionLock(action);
        if (stronger(actionMode, mode) === actionMode && actionMode !== mode) node = action;
        mode = stronger(mode, actionMode);
      }
      return { table: tableName(statement.table), mode, node };
    }
    case "create_index_stmt":
      return statement.concurrentlyKw ? undefined : { table: tableName(statement.table), mode: "SHARE", node: statement };
    case "drop_index_stmt":
      return statement.concurrentlyKw ? undefined : { table: undefined, mode: "ACCESS EXCLUSIVE", node: statement };
    case "drop_table_stmt":
      return { table: tableName(statement.tables.items[0]), mode: "ACCESS EXCLUSIVE", node: statement };
    case "truncate_stmt":
      return { table: tableName(statement.tables.items[0]), mode: "ACCESS EXCLUSIVE", node: statement };
    case "reindex_stmt":
      if (statement.concurrentlyKw) return undefined;
      return { table: statement.targetKw?.name === "TABLE" ? tableName(statement.name) : undefined, mode: "SHARE", node: statement };
    case "create_trigger_stmt":
      return { table: tableName(statement.target.table), mode: "SHARE ROW EXCLUSIVE", node: statement };
    case "pg_fallback_stmt":
      return pgTableLock(statement);
    default:
      return undefined;
  }
}

function pgTableLock(statement: Extract<SqlStatementNode, { type: "pg_fallback_stmt" }>): TableLock | undefined {
  const { kind, pg } = statement;
  if (kind === "VacuumStmt") {
    const full = ((pg.options as { DefElem?: { defname?: string } }[] | undefined) ?? []).some((option) => option.DefElem?.defname === "full");
    if (!full) return undefined;
    const relation = (pg.rels as { VacuumRelation?: { relation?: unknown } }[] | undefined)?.[0]?.VacuumRelation?.relation;
    return { table: pgRelationName(relation), mode: "ACCESS EXCLUSIVE", node: statement };
  }
  if (kind === "ClusterStmt") return { table: pgRelationName(pg.relation), mode: "ACCESS EXCLUSIVE", node: statement };
  if (kind === "LockStmt") {
    const mode = LOCK_STMT_MODES[Number(pg.mode ?? 8)] ?? "ACCESS EXCLUSIVE";
    const relation = (pg.relations as unknown[] | undefined)?.[0];
    return { table: pgRelationName(relation), mode, node: statement };
  }
  if (kind === "AlterTableStmt") {
    const commands = (pg.cmds as { AlterTableCmd?: { subtype?: string } }[] | undefined) ?? [];
    const weak = commands.every((command) =>
      ["AT_ValidateConstraint", "AT_SetStatistics", "AT_ClusterOn", "AT_DropCluster", "AT_AttachPartition"].includes(command.AlterTableCmd?.subtype ?? ""),
    );
    const concurrentDetach = commands.every((command) => {
      const cmd = command.AlterTableCmd as { subtype?: string; def?: { PartitionCmd?: { concurrent?: boolean } } } | undefined;
      return cmd?.subtype === "AT_DetachPartition" && cmd.def?.PartitionCmd?.concurrent === true;
    });
    if (weak || (commands.length > 0 && concurrentDetach)) return undefined;
    return { table: pgRelationName(pg.relation), mode: "ACCESS EXCLUSIVE", node: statement };
  }
  if (kind === "RefreshMatViewStmt" && !pg.concurrent) return { table: pgRelationName(pg.relation), mode: "ACCESS EXCLUSIVE", node: statement };
  return undefined;
}

/**
 * The tables migration runners keep their own records in: golang-migrate's `schema_migrations`,
 * goose's `goose_db_version`, diesel's `__diesel_schema_migrations`, Flyway's
 * `flyway_schema_history`, Knex's `knex_migrations` and `knex_migrations_lock`, Sequelize's
 * `SequelizeMeta`, Prisma's `_prisma_migrations`, TypeORM's and harness's `migrations`. Only the runner
 * uses them, and it is the one running this migration: locking them blocks no one.
 */
const RUNNER_TABLES = new Set([
  "schema_migrations",
  "goose_db_version",
  "__diesel_schema_migrations",
  "flyway_schema_history",
  "knex_migrations",
  "knex_migrations_lock",
  "sequelizemeta",
  "_prisma_migrations",
  "migrations",
  "typeorm_metadata",
  "pgmigrations",
  "kysely_migration",
  "kysely_migration_lock",
  "__drizzle_migrations",
]);

export function isRunnerTable(table: string | undefined): boolean {
  return table !== undefined && RUNNER_TABLES.has(table.toLowerCase());
}
