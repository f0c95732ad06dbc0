import type { SqlStatementNode } from "../language/parse-sql.ts";
import { isCreatedEarlierInFile, type MigrationContext } from "./migration-context.ts";
import { mysqlAlterActions, mysqlTableName } from "./mysql-alter-actions.ts";
import { tableName } from "./table-name.ts";

/**
 * What InnoDB does for one operation of a MySQL 8 / MariaDB 10.4+ `ALTER TABLE` or `CREATE
 * INDEX` (MySQL's "Online DDL Operations" tables):
 * - `blocking`: the table is copied (ALGORITHM=COPY) or concurrent writes are not permitted, so
 *   every INSERT, UPDATE and DELETE on the table waits until the operation ends;
 * - `rebuild`: done in place with concurrent writes, but the whole table is rebuilt, which takes
 *   as long as a copy, doubles disk use, and holds up replicas that apply it after the primary.
 * Instant and in-place operations that do not rebuild the table are not listed.
 */
export interface OnlineDdlOperation {
  cost: "blocking" | "rebuild";
  /** What it is, for a message: `CONVERT TO CHARACTER SET`, `Adding a FULLTEXT index`, ... */
  what: string;
  /** For blocking operations, why writes wait: `copies the table` or `does not permit concurrent writes`. */
  how: string;
  range: [number, number];
}

/** An explicit `ALGORITHM=` or `LOCK=` clause. */
export interface AlgorithmOrLockClause {
  kind: "algorithm" | "lock";
  value: string;
  range: [number, number];
}

const FOREIGN_KEY_CHECKS_OFF = /^SET\s+(?:(?:SESSION|LOCAL)\s+|@@(?:SESSION\.|LOCAL\.)?)?foreign_key_checks\s*(?:=|:=)\s*(?:0|OFF|FALSE)\b/iu;

/** True when `SET foreign_key_checks = 0` runs before `offset`: MySQL then adds foreign keys in place. */
export function isForeignKeyChecksOffBefore(migration: MigrationContext, text: string, offset: number): boolean {
  let off = false;
  for (const statement of migration.statements) {
    const range = statement.range;
    if (!range || range[0] >= offset) break;
    const source = text.slice(range[0], range[1]);
    if (/^SET\b/iu.test(source) && /foreign_key_checks/iu.test(source)) off = FOREIGN_KEY_CHECKS_OFF.test(source);
  }
  return off;
}

/** The explicit `ALGORITHM=` and `LOCK=` clauses of an ALTER TABLE or CREATE INDEX statement. */
export function algorithmAndLockClauses(statement: SqlStatementNode, text: string): AlgorithmOrLockClause[] {
  if (statement.type !== "mysql_fallback_stmt") return [];
  const found: AlgorithmOrLockClause[] = [];
  for (const action of mysqlAlterActions(statement)) {
    if (action.kind === "algorithm" || action.kind === "lock") found.push({ kind: action.kind, value: action.value, range: action.range });
  }
  // CREATE INDEX … ALGORITHM=COPY LOCK=SHARED: node-sql-parser reads them, without positions.
  const { ast } = statement;
  for (const [key, kind] of [["algorithm_option", "algorithm"], ["lock_option", "lock"]] as const) {
    const option = ast[key] as Record<string, unknown> | null | undefined;
    const value = option && option[kind];
    if (typeof value !== "string") continue;
    const match = new RegExp(`\\b${kind}\\s*(?:=\\s*)?${value}\\b`, "iu").exec(text.slice(...statement.range));
    const start = statement.range[0] + (match?.index ?? 0);
    found.push({ kind, value: value.toUpperCase(), range: match ? [start, start + match[0].length] : statement.range });
  }
  return found;
}

/** True when an explicit clause makes MySQL refuse, rather than run, an operation that copies the table or blocks writes. */
export function refusesBlockingChange(clauses: readonly AlgorithmOrLockClause[]): boolean {
  return clauses.some(
    (clause) => (clause.kind === "algorithm" && ["INPLACE", "INSTANT", "NOCOPY"].includes(clause.value)) || (clause.kind === "lock" && clause.value === "NONE"),
  );
}

/** True when an explicit clause asks for a table copy or a lock that blocks writes. */
export function asksForBlockingChange(clauses: readonly AlgorithmOrLockClause[]): boolean {
  return clauses.some((clause) => isBlockingClause(clause));
}

export function isBlockingClause(clause: AlgorithmOrLockClause): boolean {
  return (clause.kind === "algorithm" && clause.value === "COPY") || (clause.kind === "lock" && (clause.value === "SHARED" || clause.value === "EXCLUSIVE"));
}

/** The table a MySQL statement changes (ALTER TABLE, CREATE INDEX), normalised. */
export function mysqlChangedTable(statement: SqlStatementNode): string | undefined {
  if (statement.type === "alter_table_stmt") return tableName(statement.table);
  if (statement.type === "create_index_stmt") return tableName(statement.table);
  if (statement.type === "mysql_fallback_stmt") return mysqlTableName(statement);
  return undefined;
}

/**
 * The operations of a MySQL statement that block writes or rebuild the table. Column type
 * changes (`MODIFY`, `CHANGE`) are left to no-column-type-change, which judges them as a whole.
 * `foreignKeyChecksOff`: whether `SET foreign_key_checks = 0` ran before (foreign keys are then
 * added in place).
 */
export function onlineDdlOperations(statement: SqlStatementNode, foreignKeyChecksOff: boolean): OnlineDdlOperation[] {
  const found: OnlineDdlOperation[] = [];
  const COPIES = "copies the table";
  const NO_WRITES = "does not permit concurrent writes";
  const add = (cost: OnlineDdlOperation["cost"], what: string, range: [number, number] | undefined, how = ""): void => {
    if (range) found.push({ cost, what, how, range });
  };
  const addForeignKey = (range: [number, number] | undefined): void => {
    if (!foreignKeyChecksOff) add("blocking", "Adding a foreign key while foreign_key_checks is on", range, COPIES);
  };
  const addIndex = (index: string, range: [number, number] | undefined): void => {
    if (index === "fulltext") add("blocking", "Adding a FULLTEXT index", range, NO_WRITES);
    if (index === "spatial") add("blocking", "Adding a SPATIAL index", range, NO_WRITES);
  };

  switch (statement.type) {
    case "alter_table_stmt":
      for (const action of statement.actions.items) {
        if (action.type === "alter_action_add_constraint") {
          if (action.constraint.type === "constraint_foreign_key") addForeignKey(action.range);
          if (action.constraint.type === "constraint_primary_key") add("rebuild", "Adding a primary key", action.range);
        } else if (action.type === "alter_action_add_column") {
          for (const constraint of action.column.constraints) {
            const inner = constraint.type === "constraint" ? constraint.constraint : constraint;
            if (inner.type === "constraint_generated" && inner.storageKw?.name === "STORED") add("blocking", "Adding a STORED generated column", action.range, COPIES);
            if (inner.type === "constraint_auto_increment") add("blocking", "Adding an AUTO_INCREMENT column", action.range, NO_WRITES);
            if (inner.type === "references_specification") addForeignKey(action.range);
          }
        }
      }
      break;
    case "create_index_stmt":
      addIndex(statement.indexTypeKw?.name.toLowerCase() ?? "plain", statement.range);
      break;
    case "mysql_fallback_stmt": {
      const actions = mysqlAlterActions(statement);
      const addsPrimaryKey = actions.some((action) => action.kind === "add-primary-key");
      for (const action of actions) {
        switch (action.kind) {
          case "add-column":
            if (action.definition.generated === "stored") add("blocking", "Adding a STORED generated column", action.range, COPIES);
            else if (action.definition.autoIncrement) add("blocking", "Adding an AUTO_INCREMENT column", action.range, NO_WRITES);
            else if (action.clause.actions.some((ast) => ast.reference_definition)) addForeignKey(action.range);
            break;
          case "add-index":
            addIndex(action.index, action.range);
            break;
          case "add-foreign-key":
            addForeignKey(action.range);
            break;
          case "drop-primary-key":
            // Dropping a primary key without adding another in the same statement can only copy.
            if (addsPrimaryKey) add("rebuild", "Replacing the primary key", action.range);
            else add("blocking", "Dropping the primary key without adding another", action.range, COPIES);
            break;
          case "add-primary-key":
            if (!actions.some((other) => other.kind === "drop-primary-key")) add("rebuild", "Adding a primary key", action.range);
            break;
          case "convert-charset":
            add("blocking", "CONVERT TO CHARACTER SET", action.range, COPIES);
            break;
          case "repartition":
            add("blocking", action.keyword, action.range, COPIES);
            break;
          case "rebuild":
            add("rebuild", action.keyword === "FORCE" ? "FORCE" : `${action.keyword}=`, action.range);
            break;
          default:
            break;
        }
      }
      if (statement.kind === "create" && !statement.clauses) {
        const indexType = statement.ast.index_type;
        if (String(statement.ast.keyword).toLowerCase() === "index" && typeof indexType === "string") addIndex(indexType.toLowerCase(), statement.range);
      }
      break;
    }
    default:
      break;
  }
  return found;
}

/** How MySQL would carry out an ALTER TABLE or CREATE INDEX on a table that existed before this migration. */
export interface MysqlTableChange {
  table: string | undefined;
  clauses: AlgorithmOrLockClause[];
  operations: OnlineDdlOperation[];
}

/**
 * The change a statement makes to an existing table, for the MySQL locking rules; undefined
 * for a table this migration created, which no traffic uses yet.
 */
export function mysqlTableChange(statement: SqlStatementNode, migration: MigrationContext, text: string): MysqlTableChange | undefined {
  const start = statement.range?.[0] ?? 0;
  const table = mysqlChangedTable(statement);
  if (isCreatedEarlierInFile(migration, table, start)) return undefined;
  return {
    table,
    clauses: algorithmAndLockClauses(statement, text),
    operations: onlineDdlOperations(statement, isForeignKeyChecksOffBefore(migration, text, start)),
  };
}
