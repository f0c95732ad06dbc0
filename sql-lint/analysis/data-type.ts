import type { DataType } from "sql-parser-cst";
import { identifierName } from "./identifier-name.ts";

/** A column type as PostgreSQL sees it, enough to compare two types. */
export interface DataTypeDescription {
  /** PostgreSQL's internal name for built-in types (`varchar`, `bpchar`, `numeric`, `timestamptz`, `int4`); the folded name of any other type. */
  name: string;
  /** The type modifiers (`varchar(20)` → [20], `numeric(10,2)` → [10, 2]); empty when unbounded, undefined when one is not a plain number. */
  modifiers: number[] | undefined;
  /** Array dimensions: 0 for a scalar, 1 for `text[]`. */
  arrayDepth: number;
}

/** Spellings of built-in types, by PostgreSQL's internal name. */
const CANONICAL_NAMES: Record<string, string> = {
  "character varying": "varchar",
  "char varying": "varchar",
  character: "bpchar",
  char: "bpchar",
  decimal: "numeric",
  dec: "numeric",
  "bit varying": "varbit",
  int: "int4",
  integer: "int4",
  smallint: "int2",
  bigint: "int8",
  real: "float4",
  "double precision": "float8",
  float: "float8",
  boolean: "bool",
  serial: "serial4",
  smallserial: "serial2",
  bigserial: "serial8",
  "timestamp without time zone": "timestamp",
  "timestamp with time zone": "timestamptz",
  "time without time zone": "time",
  "time with time zone": "timetz",
};

/** PostgreSQL's internal name for a spelling of a built-in type (`integer` → `int4`); any other name as it is. */
export function canonicalTypeName(name: string): string {
  return CANONICAL_NAMES[name] ?? name;
}

/** Describes a data type node; undefined for forms that are not column types (`SETOF`, `TABLE (…)`). */
export function describeDataType(node: DataType): DataTypeDescription | undefined {
  switch (node.type) {
    case "identifier":
      return { name: canonicalTypeName(identifierName(node)), modifiers: [], arrayDepth: 0 };
    case "member_expr":
      // `pg_catalog.text`, `public."Status"`: the schema does not change what the type is.
      return node.property.type === "identifier" ? describeDataType(node.property) : undefined;
    case "data_type_name": {
      const keywords = Array.isArray(node.name) ? node.name : [node.name];
      return { name: canonicalTypeName(keywords.map((keyword) => keyword.name.toLowerCase()).join(" ")), modifiers: [], arrayDepth: 0 };
    }
    case "modified_data_type": {
      const base = describeDataType(node.dataType);
      if (!base) return undefined;
      const items = node.modifiers?.type === "paren_expr" && node.modifiers.expr.type === "list_expr" ? node.modifiers.expr.items : undefined;
      const modifiers = items?.every((item) => item.type === "number_literal") ? items.map((item) => item.value) : undefined;
      return { ...base, modifiers };
    }
    case "array_data_type": {
      const element = describeDataType(node.dataType);
      return element && { ...element, arrayDepth: element.arrayDepth + 1 };
    }
    case "time_data_type": {
      const zone = node.timeZoneKw?.[0].name === "WITH" ? "tz" : "";
      const precision = node.precision?.expr;
      const modifiers = !precision ? [] : precision.type === "number_literal" ? [precision.value] : undefined;
      return { name: `${node.timeKw.name.toLowerCase()}${zone}`, modifiers, arrayDepth: 0 };
    }
    case "interval_data_type":
      // A field restriction (`INTERVAL DAY`) is a modifier we do not model: only plain `interval` compares equal.
      return { name: "interval", modifiers: node.unit ? undefined : [], arrayDepth: 0 };
    default:
      return undefined;
  }
}

/** `serial`, `bigserial`, `smallserial`: an integer column filled from its own sequence. */
export function isSerialType(node: DataType): boolean {
  const name = describeDataType(node)?.name;
  return name === "serial2" || name === "serial4" || name === "serial8";
}
