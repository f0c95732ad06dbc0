/**
 * The model of schema changes: what a migration does to the schema, independent of the parser
 * that read it. Front ends turn statements into these changes (`cst-schema-changes.ts` for
 * sql-parser-cst's and node-sql-parser's trees, `pg-schema-changes.ts` for PostgreSQL's own
 * parser); the migration history (`migration-history.ts`) replays them in version order.
 */
import type { DataType } from "sql-parser-cst";
import type { DataTypeDescription } from "./data-type.ts";
import type { MysqlColumnType } from "./mysql-column-type.ts";

/** A column type as a migration wrote it: what it is, and its text in that file. */
export interface HistoricalType {
  /** The type as PostgreSQL sees it; undefined for forms the model does not compare (`SETOF`, `%TYPE`). */
  description?: DataTypeDescription;
  /** sql-parser-cst's node, when that front end read the statement (MySQL's type is computed from it). */
  dataType?: DataType;
  /** The MySQL type, for a MySQL statement only node-sql-parser read. */
  mysql?: MysqlColumnType;
  /** As written, whitespace collapsed. */
  text: string;
  /** The migration that set it. */
  file: string;
}

export type SchemaChange =
  /** A column's type set; `added` when the column is made (`CREATE TABLE`, `ADD COLUMN`). */
  | { kind: "type"; table: string; column: string; type: HistoricalType; added?: true }
  | { kind: "rename-column"; table: string; from: string; to: string }
  /** Whether a column rejects NULL, as a definition (`NOT NULL`, `PRIMARY KEY`, a serial or identity) or `SET`/`DROP NOT NULL` leaves it. */
  | { kind: "not-null"; table: string; column: string; notNull: boolean }
  | { kind: "rename-table"; from: string; to: string }
  | { kind: "drop-column"; table: string; column: string }
  /** A table dropped, or made anew (`created`), which forgets what an earlier table of the name had. */
  | { kind: "drop-table"; table: string; created?: true }
  /** Rows copied into a table from a query (`INSERT … SELECT`, `CREATE TABLE … AS SELECT`): it is as big as what it was filled from. */
  | { kind: "fill"; table: string }
  | { kind: "function"; name: string; volatile: boolean }
  /** A view or materialized view created (or renamed to the name), or dropped (or renamed away). */
  | { kind: "view"; name: string; exists: boolean }
  | { kind: "references"; table: string; target: string; cascades: boolean }
  | { kind: "index"; name: string; table: string; columns: string[] }
  | { kind: "drop-index"; name: string }
  /** `ALTER INDEX … RENAME TO …`: the index keeps its table and columns under the new name. */
  | { kind: "rename-index"; from: string; to: string };
