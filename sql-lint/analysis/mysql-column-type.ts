import type { DataType } from "sql-parser-cst";
import type { MysqlAst } from "../language/parse-sql.ts";

/** A MySQL column type, enough to tell what changing it does. */
export interface MysqlColumnType {
  /** Lower case, aliases resolved (`integer` → `int`, `numeric` → `decimal`, `bool` → `tinyint`). */
  name: string;
  /** Length, precision and scale (`varchar(255)` → [255]), or the values of an ENUM or SET. */
  params: (number | string)[];
  unsigned: boolean;
}

const ALIASES: Record<string, string> = {
  integer: "int",
  numeric: "decimal",
  dec: "decimal",
  fixed: "decimal",
  bool: "tinyint",
  boolean: "tinyint",
  "double precision": "double",
  real: "double",
  "character varying": "varchar",
  character: "char",
};
const INTEGER_TYPES = new Set(["tinyint", "smallint", "mediumint", "int", "bigint"]);
const LIST_TYPES = new Set(["enum", "set"]);

function typeOf(written: string, params: (number | string)[], unsigned: boolean): MysqlColumnType {
  const lower = written.toLowerCase().replace(/\s+/gu, " ");
  const name = ALIASES[lower] ?? lower;
  return { name, params: lower === "bool" || lower === "boolean" ? [1] : params, unsigned };
}

/** The type of a column definition as node-sql-parser returns it (`definition: { dataType, length, scale, suffix, expr }`). */
export function mysqlTypeFromAst(definition: unknown): MysqlColumnType | undefined {
  const node = definition as { dataType?: unknown; length?: unknown; scale?: unknown; suffix?: unknown; expr?: { value?: unknown } } | undefined;
  if (typeof node?.dataType !== "string") return undefined;
  const values = Array.isArray(node.expr?.value) ? (node.expr.value as { value?: unknown }[]).map((item) => String(item.value)) : undefined;
  const params = values ?? [node.length, node.scale].filter((value): value is number => typeof value === "number");
  const suffix = Array.isArray(node.suffix) ? (node.suffix as unknown[]).map((word) => String(word).toUpperCase()) : [];
  return typeOf(node.dataType, params, suffix.includes("UNSIGNED"));
}

/** The type of a column definition sql-parser-cst read (a MySQL file it could parse). */
export function mysqlTypeFromCst(dataType: DataType): MysqlColumnType | undefined {
  switch (dataType.type) {
    case "data_type_name": {
      const keywords = Array.isArray(dataType.name) ? dataType.name : [dataType.name];
      return typeOf(keywords.map((keyword) => keyword.name).join(" "), [], false);
    }
    case "identifier":
      return typeOf(dataType.name, [], false);
    case "modified_data_type": {
      const base = mysqlTypeFromCst(dataType.dataType);
      const items = dataType.modifiers?.type === "paren_expr" && dataType.modifiers.expr.type === "list_expr" ? dataType.modifiers.expr.items : [];
      const params = items.flatMap((item): (number | string)[] => {
        if (item.type === "number_literal") return [item.value];
        return item.type === "string_literal" ? [item.value] : [];
      });
      return base && { ...base, params };
    }
    default:
      return undefined;
  }
}

/** How MySQL writes the type in a message: `varchar(255)`, `enum('a','b')`, `int unsigned`. */
export function mysqlTypeText(type: MysqlColumnType): string {
  const params = type.params.map((param) => (typeof param === "number" ? String(param) : `'${param.replaceAll("'", "''")}'`));
  return `${type.name}${params.length > 0 ? `(${params.join(",")})` : ""}${type.unsigned ? " unsigned" : ""}`;
}

/**
 * What changing a column from `from` to `to` means in MySQL 8 (InnoDB):
 * - `same`: the type does not change (integer display widths do not count);
 * - `widen-in-place`: a longer VARCHAR whose length prefix keeps its size, done in place without
 *   copying the table; assuming utf8mb4 (MySQL 8's default), up to 63 characters the prefix is one
 *   byte and from 64 on two, so crossing that boundary copies the table;
 * - `append-values`: ENUM or SET values added at the end only, an instant change while the
 *   storage size stays the same (up to 255 ENUM values, SET members within the same 8);
 * - `remove-values`: ENUM or SET values dropped, which empties or rejects the rows holding them;
 * - `reorder-values`: the same values in another order or new ones inserted before the end, which
 *   renumbers the stored values and copies the table;
 * - `change`: any other change, which copies the table.
 */
export type MysqlTypeChange = "same" | "widen-in-place" | "append-values" | "remove-values" | "reorder-values" | "change";

const UTF8MB4_ONE_BYTE_PREFIX_MAX = 63;

export function mysqlTypeChange(from: MysqlColumnType, to: MysqlColumnType): MysqlTypeChange {
  if (from.name !== to.name || from.unsigned !== to.unsigned) return "change";
  if (INTEGER_TYPES.has(from.name)) return "same";
  if (LIST_TYPES.has(from.name)) {
    const old = from.params.map(String);
    const now = to.params.map(String);
    if (old.length === now.length && old.every((value, index) => value === now[index])) return "same";
    if (old.some((value) => !now.includes(value))) return "remove-values";
    if (!old.every((value, index) => value === now[index])) return "reorder-values";
    const sameStorage = from.name === "enum" ? (old.length <= 255) === (now.length <= 255) : Math.ceil(old.length / 8) === Math.ceil(now.length / 8);
    return sameStorage ? "append-values" : "change";
  }
  const sameParams = from.params.length === to.params.length && from.params.every((param, index) => param === to.params[index]);
  if (sameParams) return "same";
  if (from.name === "varchar") {
    const [oldLength] = from.params;
    const [newLength] = to.params;
    if (typeof oldLength === "number" && typeof newLength === "number" && newLength >= oldLength) {
      const samePrefix = newLength <= UTF8MB4_ONE_BYTE_PREFIX_MAX || oldLength > UTF8MB4_ONE_BYTE_PREFIX_MAX;
      if (samePrefix) return "widen-in-place";
    }
  }
  return "change";
}

/** A column definition as node-sql-parser returns it (an ADD, MODIFY or CHANGE action, or a CREATE TABLE column). */
export interface MysqlColumnDefinition {
  type: MysqlColumnType | undefined;
  notNull: boolean;
  primaryKey: boolean;
  /** `none` when there is no DEFAULT clause. */
  defaultValue: "none" | "null" | "value";
  autoIncrement: boolean;
  /** A generated column's storage; undefined for a plain column. */
  generated: "stored" | "virtual" | undefined;
  /** `FIRST` or `AFTER col`, which moves the column. */
  moves: boolean;
}

export function mysqlColumnDefinition(node: MysqlAst): MysqlColumnDefinition {
  const nullable = node.nullable as { type?: string } | undefined;
  const defaultValue = node.default_val as { value?: { type?: string } } | undefined;
  const generated = node.generated as { storage_type?: string } | undefined;
  const suffix = node.suffix as { keyword?: string } | null | undefined;
  return {
    type: mysqlTypeFromAst(node.definition),
    notNull: nullable?.type === "not null",
    primaryKey: Boolean(node.primary_key),
    defaultValue: !defaultValue ? "none" : defaultValue.value?.type === "null" ? "null" : "value",
    autoIncrement: Boolean(node.auto_increment),
    generated: generated ? (generated.storage_type?.toLowerCase() === "stored" ? "stored" : "virtual") : undefined,
    moves: typeof suffix?.keyword === "string" && /^(?:FIRST|AFTER)$/iu.test(suffix.keyword),
  };
}
