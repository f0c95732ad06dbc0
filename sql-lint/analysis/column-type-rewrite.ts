import type { AlterTableStmt } from "sql-parser-cst";
import { columnTypeBefore, columnTypeRestoredByDown } from "./column-type-in-file.ts";
import { describeDataType } from "./data-type.ts";
import { identifierName } from "./identifier-name.ts";
import { isTimeZoneUtcAt, type MigrationContext } from "./migration-context.ts";
import { changesBefore, columnTypeFromHistory, isColumnIndexedInHistory } from "./migration-history.ts";
import { isRestatementWithoutUsing, isTypeChangeWithoutRewrite, isWideningFromAnyString } from "./type-change-without-rewrite.ts";
import type { SqlStatementNode } from "../language/parse-sql.ts";
import type { SqlDialect } from "../language/sql-language.ts";

type AlterAction = AlterTableStmt["actions"]["items"][number];

const TIMESTAMPS = new Set(["timestamp", "timestamptz"]);

export interface ColumnTypeChange {
  column: string;
  /** Whether PostgreSQL rewrites the table (and rebuilds its indexes) for it. */
  rewrites: boolean;
  /** Without a rewrite, whether it still rebuilds indexes on the column (timestamp ↔ timestamptz under UTC): work in proportion to the rows. */
  rebuildsIndexes: boolean;
  /** The type the column had, as written where it was set, when this file or the history says. */
  oldText: string | undefined;
}

/**
 * What `ALTER COLUMN … TYPE` on `table` does, in PostgreSQL: whether it rewrites the table, judged
 * from the column's old type (set earlier in this file, else by the migrations before it, following
 * renames, else restored by the migration's down half) and the new one. No rewrite: the same type, a widening PostgreSQL does in the catalog
 * only, a change to `text` or unbounded `varchar` from an unknown (assumed string) type, a change
 * to a type nothing else converts to without `USING`, and timestamp ↔ timestamptz on PostgreSQL
 * 12+ with the session time zone set to UTC (indexes on the column are still rebuilt). `USING`
 * (other than the column itself, for the time zone case) and `COLLATE` always rewrite.
 */
export function columnTypeChange(
  migration: MigrationContext,
  action: AlterAction,
  table: string | undefined,
  source: { text: string; file: string; dialect: SqlDialect; down?: () => readonly SqlStatementNode[] },
): ColumnTypeChange | undefined {
  if (action.type !== "alter_action_alter_column" || action.action.type !== "alter_action_set_data_type") return undefined;
  const offset = action.range?.[0] ?? 0;
  const { dataType, clauses } = action.action;
  const column = action.column.type === "identifier" ? identifierName(action.column) : source.text.slice(action.column.range?.[0], action.column.range?.[1]);
  const inFile = columnTypeBefore(migration, table, column, offset);
  // The file's statements before this one rename what the history knows by another name.
  const before = changesBefore(migration.statements, offset, source.text, source.file);
  const historical = inFile || table === undefined ? undefined : columnTypeFromHistory(source.file, source.dialect, table, column, before);
  const restored = inFile || historical ? undefined : source.down && columnTypeRestoredByDown(source.down(), table, column);
  const oldText = inFile?.range ? source.text.slice(inFile.range[0], inFile.range[1]).replace(/\s+/gu, " ") : historical?.text;
  const to = describeDataType(dataType);
  const oldType = inFile ?? restored;
  const from = oldType ? describeDataType(oldType) : historical?.description;
  if (clauses.length === 0 && to && (from ? isTypeChangeWithoutRewrite(from, to) : isWideningFromAnyString(to) || isRestatementWithoutUsing(to))) {
    return { column, rewrites: false, rebuildsIndexes: false, oldText };
  }
  const usingColumnItself = clauses.every(
    (clause) => clause.type === "set_data_type_using_clause" && clause.expr.type === "identifier" && identifierName(clause.expr) === column,
  );
  const utcTimestamps =
    migration.pgVersion >= 12 &&
    usingColumnItself &&
    isTimeZoneUtcAt(migration, offset) &&
    to !== undefined &&
    TIMESTAMPS.has(to.name) &&
    to.arrayDepth === 0 &&
    (!from || (TIMESTAMPS.has(from.name) && from.arrayDepth === 0 && (to.modifiers?.[0] ?? 6) >= (from.modifiers?.[0] ?? 6)));
  const rebuildsIndexes = utcTimestamps && table !== undefined && isColumnIndexedInHistory(source.file, source.dialect, table, column, before);
  return { column, rewrites: !utcTimestamps, rebuildsIndexes, oldText };
}
