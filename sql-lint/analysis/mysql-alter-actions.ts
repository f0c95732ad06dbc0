import type { MysqlAlterClause, MysqlAst, MysqlFallbackStatement } from "../language/parse-sql.ts";
import { mysqlColumnDefinition, type MysqlColumnDefinition } from "./mysql-column-type.ts";
import { mysqlName } from "./mysql-name.ts";

/**
 * What one clause of a MySQL `ALTER TABLE` read by node-sql-parser does, with names normalised
 * (mysqlName) and the clause's range to report. Clauses node-sql-parser does not read are
 * classified by their keywords.
 */
export type MysqlAlterAction = { range: [number, number]; clause: MysqlAlterClause } & (
  | { kind: "add-column"; column: string; definition: MysqlColumnDefinition }
  | { kind: "drop-column"; column: string }
  /** `MODIFY col …` (newName = column) and `CHANGE old new …`: the column's whole definition restated. */
  | { kind: "change-column"; keyword: "MODIFY" | "CHANGE"; column: string; newName: string; definition: MysqlColumnDefinition }
  | { kind: "rename-column"; column: string; newName: string }
  | { kind: "rename-table"; newName: string }
  | { kind: "add-index"; index: "plain" | "unique" | "fulltext" | "spatial" }
  | { kind: "drop-index" }
  | { kind: "add-primary-key" }
  | { kind: "drop-primary-key" }
  | { kind: "add-foreign-key" }
  | { kind: "drop-foreign-key"; name: string }
  | { kind: "algorithm"; value: string }
  | { kind: "lock"; value: string }
  /** `CONVERT TO CHARACTER SET`: re-encodes every string column. */
  | { kind: "convert-charset" }
  /** `FORCE`, `ENGINE=`, `ROW_FORMAT=`, `KEY_BLOCK_SIZE=`: rebuild the table in place. */
  | { kind: "rebuild"; keyword: string }
  /** `PARTITION BY`, `REMOVE PARTITIONING`: copy the table into the new layout. */
  | { kind: "repartition"; keyword: string }
  | { kind: "other" }
);

type ColumnRef = { column?: unknown; text?: unknown } | undefined;

function columnName(ref: unknown): string {
  const column = ref as ColumnRef;
  if (typeof column?.text === "string") return mysqlName(column.text);
  const name = column?.column;
  if (typeof name === "string") return name.toLowerCase();
  // Some versions wrap the name: { expr: { type: "backticks_quote_string", value } }.
  const value = (name as { expr?: { value?: unknown } } | undefined)?.expr?.value;
  return typeof value === "string" ? value : "?";
}

function actionOf(ast: MysqlAst, clause: MysqlAlterClause): MysqlAlterAction {
  const base = { range: clause.range, clause };
  const action = String(ast.action ?? "").toLowerCase();
  const resource = String(ast.resource ?? "").toLowerCase();
  const keyword = String(ast.keyword ?? "").toLowerCase();
  if (resource === "column") {
    if (action === "add") return { ...base, kind: "add-column", column: columnName(ast.column), definition: mysqlColumnDefinition(ast) };
    if (action === "drop") return { ...base, kind: "drop-column", column: columnName(ast.column) };
    if (action === "modify" || action === "change") {
      const column = columnName(action === "change" ? ast.old_column : ast.column);
      const keywordText = action === "change" ? "CHANGE" : "MODIFY";
      return { ...base, kind: "change-column", keyword: keywordText, column, newName: columnName(ast.column), definition: mysqlColumnDefinition(ast) };
    }
    if (action === "rename") return { ...base, kind: "rename-column", column: columnName(ast.old_column), newName: columnName(ast.column) };
  }
  if (resource === "table" && action === "rename" && typeof ast.table === "string") {
    // node-sql-parser drops the quotes; the clause still has the name as written.
    const written = /^RENAME\s+(?:(?:TO|AS)\s+)?(.+)$/isu.exec(clause.text)?.[1];
    return { ...base, kind: "rename-table", newName: mysqlName(written ?? ast.table) };
  }
  if (resource === "index" && action === "add") {
    const index = keyword.includes("fulltext") ? "fulltext" : keyword.includes("spatial") ? "spatial" : "plain";
    return { ...base, kind: "add-index", index };
  }
  if (resource === "constraint" && action === "add") {
    const definition = ast.create_definitions as { constraint_type?: unknown } | undefined;
    const type = String(definition?.constraint_type ?? "").toLowerCase();
    if (type === "primary key") return { ...base, kind: "add-primary-key" };
    if (type === "foreign key") return { ...base, kind: "add-foreign-key" };
    if (type.startsWith("unique")) return { ...base, kind: "add-index", index: "unique" };
    if (type.startsWith("fulltext")) return { ...base, kind: "add-index", index: "fulltext" };
    if (type.startsWith("spatial")) return { ...base, kind: "add-index", index: "spatial" };
    return { ...base, kind: "other" };
  }
  if (action === "drop" && (resource === "key" || resource === "index")) {
    if (keyword === "primary key") return { ...base, kind: "drop-primary-key" };
    if (keyword === "foreign key") return { ...base, kind: "drop-foreign-key", name: String(ast.key ?? "") };
    return { ...base, kind: "drop-index" };
  }
  if (resource === "algorithm") return { ...base, kind: "algorithm", value: String(ast.algorithm ?? "").toUpperCase() };
  if (resource === "lock") return { ...base, kind: "lock", value: String(ast.lock ?? "").toUpperCase() };
  if (resource === "engine" || resource === "row_format" || resource === "key_block_size") return { ...base, kind: "rebuild", keyword: resource.toUpperCase() };
  return { ...base, kind: "other" };
}

/** A clause node-sql-parser did not read, by its keywords. */
function keywordAction(clause: MysqlAlterClause): MysqlAlterAction {
  const base = { range: clause.range, clause };
  const words = clause.keywords.filter((word) => word !== "");
  const [first = "", second = ""] = words;
  if (first === "CONVERT" && second === "TO") return { ...base, kind: "convert-charset" };
  if (first === "FORCE" || first === "ENGINE" || first === "ROW_FORMAT" || first === "KEY_BLOCK_SIZE") return { ...base, kind: "rebuild", keyword: first };
  if ((first === "PARTITION" && second === "BY") || (first === "REMOVE" && second === "PARTITIONING")) return { ...base, kind: "repartition", keyword: `${first} ${second}` };
  if (first === "ALGORITHM") return { ...base, kind: "algorithm", value: second };
  if (first === "LOCK") return { ...base, kind: "lock", value: second };
  return { ...base, kind: "other" };
}

const cache = new WeakMap<MysqlFallbackStatement, MysqlAlterAction[]>();

/** The actions of a MySQL `ALTER TABLE` node-sql-parser read, in order; empty for any other statement. */
export function mysqlAlterActions(statement: MysqlFallbackStatement): MysqlAlterAction[] {
  let actions = cache.get(statement);
  if (!actions) {
    actions = (statement.clauses ?? []).flatMap((clause) =>
      clause.actions.length > 0 ? clause.actions.map((ast) => actionOf(ast, clause)) : [keywordAction(clause)],
    );
    cache.set(statement, actions);
  }
  return actions;
}

/** The table a MySQL statement read by node-sql-parser names (ALTER TABLE, CREATE TABLE, CREATE INDEX), normalised. */
export function mysqlTableName(statement: MysqlFallbackStatement): string | undefined {
  return statement.table ? mysqlName(statement.table.text) : undefined;
}
