import type { DataTypeDescription } from "./data-type.ts";

/** Types whose only modifier is a maximum length (or precision) that PostgreSQL can raise or drop without touching the rows. */
const WIDENABLE_LENGTH = new Set(["varchar", "varbit"]);
/** Date/time types whose modifier is the fractional-second precision; unbounded means the maximum (6). */
const WIDENABLE_PRECISION = new Set(["timestamp", "timestamptz", "time", "timetz"]);
const MAX_TIME_PRECISION = 6;
/** Unbounded string types every varchar and text value fits in, byte for byte. */
const UNBOUNDED_STRING = (type: DataTypeDescription): boolean =>
  type.arrayDepth === 0 && (type.name === "text" || (type.name === "varchar" && type.modifiers?.length === 0));

function sameModifiers(from: number[] | undefined, to: number[] | undefined): boolean {
  return from !== undefined && to !== undefined && from.length === to.length && from.every((value, index) => value === to[index]);
}

/**
 * True when PostgreSQL changes a column from `from` to `to` without rewriting the table or
 * rebuilding its indexes, and every value the old code reads or writes stays valid: the cases
 * where the conversion is binary compatible and the new type accepts everything the old one did
 * (PostgreSQL's `ATColumnChangeRequiresRewrite` and the length-coercion support functions).
 * A conversion written with `USING` is never one of them, so callers check that first.
 */
export function isTypeChangeWithoutRewrite(from: DataTypeDescription, to: DataTypeDescription): boolean {
  const fromModifiers = from.modifiers;
  const toModifiers = to.modifiers;
  if (fromModifiers === undefined || toModifiers === undefined) return false;
  if (from.arrayDepth !== to.arrayDepth) return false;
  if (from.name === to.name && sameModifiers(fromModifiers, toModifiers)) return true;
  // Element coercions of arrays are not simplified: any other array change rewrites.
  if (from.arrayDepth > 0) return false;

  if (from.name === to.name) {
    const [fromLength] = fromModifiers;
    const [toLength] = toModifiers;
    if (WIDENABLE_LENGTH.has(from.name)) {
      return toLength === undefined || (fromLength !== undefined && toLength >= fromLength);
    }
    if (WIDENABLE_PRECISION.has(from.name)) {
      return (toLength ?? MAX_TIME_PRECISION) >= (fromLength ?? MAX_TIME_PRECISION);
    }
    if (from.name === "numeric") {
      // numeric(p) means numeric(p, 0); only the precision may grow, the scale must stay.
      if (toModifiers.length === 0) return true;
      const [fromPrecision, fromScale = 0] = fromModifiers;
      const [toPrecision = 0, toScale = 0] = toModifiers;
      return fromPrecision !== undefined && toScale === fromScale && toPrecision >= fromPrecision;
    }
    return false;
  }
  if (from.name === "varchar" && UNBOUNDED_STRING(to)) return true;
  if (from.name === "text" && UNBOUNDED_STRING(to)) return true;
  // cidr is binary compatible with inet, and every cidr value is a valid inet.
  if (from.name === "cidr" && to.name === "inet" && toModifiers.length === 0) return true;
  // timestamp → timestamptz skips the rewrite only on PostgreSQL 12+ with the session TimeZone set
  // to UTC, and the old code then reads values shifted to its own time zone: always reported.
  return false;
}

/**
 * True when a change to `to` is safe from any string column (`varchar(n)`, `varchar`, `text`):
 * the judgement when the column's current type is not known from the migration itself.
 */
export function isWideningFromAnyString(to: DataTypeDescription): boolean {
  return UNBOUNDED_STRING(to);
}

/**
 * Types no other built-in type converts to by an assignment cast (PostgreSQL's `pg_cast`): `uuid`,
 * `bool` (integers cast to it only explicitly), `bytea`. Without `USING`, ALTER COLUMN … TYPE
 * converts by assignment cast only, so a change to one of them either restates the column's
 * current type, which touches no row, or fails before it locks anything. ORMs whose change-column
 * call must restate the whole column (Sequelize's `changeColumn` to make a column nullable) emit
 * exactly that.
 */
const ASSIGNABLE_ONLY_FROM_ITSELF = new Set(["uuid", "bool", "bytea"]);

/** True when a change to `to` without `USING` cannot convert from another type: it restates the current type or fails. */
export function isRestatementWithoutUsing(to: DataTypeDescription): boolean {
  return to.arrayDepth === 0 && ASSIGNABLE_ONLY_FROM_ITSELF.has(to.name) && (to.modifiers?.length ?? 0) === 0;
}
