import type { Expr, Node } from "sql-parser-cst";
import type { SqlStatementNode } from "../language/parse-sql.ts";
import { columnConstraints } from "./column-constraints.ts";
import type { MigrationContext } from "./migration-context.ts";
import { isAddedNotValid } from "./not-valid.ts";
import { identifierName } from "./identifier-name.ts";
import { tableName } from "./table-name.ts";

/** What a statement does to the CHECK constraints of a table, in execution order. */
type CheckEvent =
  | { kind: "add"; table: string; name: string | undefined; notNullColumns: string[]; valid: boolean; at: number }
  | { kind: "validate" | "drop"; table: string; name: string; at: number };

const cache = new WeakMap<MigrationContext, CheckEvent[]>();

function keywordNames(operator: unknown): string[] {
  const keywords = Array.isArray(operator) ? operator : [operator];
  return keywords.map((keyword: { type?: string; name?: string }) => (keyword?.type === "keyword" ? (keyword.name ?? "") : ""));
}

/**
 * The columns a CHECK expression proves not null the way PostgreSQL's SET NOT NULL sees it:
 * `col IS NOT NULL`, `col NOTNULL`, and conjunctions of those with anything else.
 * (A strict comparison such as `col > 0` does not count: a CHECK passes when it is null.)
 */
export function columnsProvedNotNull(expr: Expr | Node): string[] {
  switch (expr.type) {
    case "paren_expr":
      return columnsProvedNotNull(expr.expr);
    case "binary_expr": {
      const operator = keywordNames(expr.operator).join(" ");
      if (operator === "AND") return [...columnsProvedNotNull(expr.left), ...columnsProvedNotNull(expr.right)];
      if (operator === "IS NOT" && expr.right.type === "null_literal") return [tableName(expr.left)].filter((name) => name !== undefined);
      return [];
    }
    case "postfix_op_expr": {
      const operator = keywordNames(expr.operator).join(" ");
      return operator === "NOTNULL" || operator === "NOT NULL" ? [tableName(expr.expr)].filter((name) => name !== undefined) : [];
    }
    default:
      return [];
  }
}

/** A constraint named for the column and for NOT NULL, such as `orders_customer_id_not_null` or `customer_id_notnull`. */
function namesNotNullCheckOf(constraint: string, column: string): boolean {
  const name = constraint.toLowerCase();
  return name.includes(column.toLowerCase()) && /not_?null/u.test(name);
}

function checkEvents(statement: SqlStatementNode): CheckEvent[] {
  if (statement.type !== "alter_table_stmt") return [];
  const table = tableName(statement.table);
  if (table === undefined) return [];
  const at = statement.range?.[0] ?? 0;
  const events: CheckEvent[] = [];
  for (const action of statement.actions.items) {
    if (action.type === "alter_action_add_constraint" && action.constraint.type === "constraint_check") {
      const name = action.name ? identifierName(action.name.name) : undefined;
      events.push({ kind: "add", table, name, notNullColumns: columnsProvedNotNull(action.constraint.expr), valid: !isAddedNotValid(action), at });
    } else if (action.type === "alter_action_add_column") {
      for (const { constraint } of columnConstraints(action.column)) {
        if (constraint.type !== "constraint_check") continue;
        events.push({ kind: "add", table, name: undefined, notNullColumns: columnsProvedNotNull(constraint.expr), valid: true, at });
      }
    } else if (action.type === "alter_action_validate_constraint" || action.type === "alter_action_drop_constraint") {
      const name = identifierName(action.constraint);
      events.push({ kind: action.type === "alter_action_validate_constraint" ? "validate" : "drop", table, name, at });
    }
  }
  return events;
}

function eventsOf(migration: MigrationContext): CheckEvent[] {
  let events = cache.get(migration);
  if (!events) {
    events = migration.statements.flatMap(checkEvents);
    cache.set(migration, events);
  }
  return events;
}

/**
 * True when, before `offset`, this migration gave `table` a validated CHECK constraint that
 * proves `column` is not null, so that PostgreSQL 12+ can SET NOT NULL without scanning the
 * table. A constraint counts once it was added without NOT VALID or validated after, and
 * until it is dropped. A constraint this file validates but defined in an earlier migration
 * counts when its name says so (`orders_customer_id_not_null`), the usual way to split the
 * sequence over several migrations.
 */
export function hasValidatedNotNullCheck(migration: MigrationContext, table: string, column: string, offset: number): boolean {
  const checks = new Map<string | undefined, { notNullColumns: string[] | undefined; valid: boolean }>();
  let unnamed = 0;
  for (const event of eventsOf(migration)) {
    if (event.at >= offset) break;
    if (event.table !== table) continue;
    if (event.kind === "add") {
      checks.set(event.name ?? `\u0000${unnamed++}`, { notNullColumns: event.notNullColumns, valid: event.valid });
    } else if (event.kind === "validate") {
      const check = checks.get(event.name);
      if (check) check.valid = true;
      else checks.set(event.name, { notNullColumns: namesNotNullCheckOf(event.name, column) ? [column] : [], valid: true });
    } else {
      checks.delete(event.name);
    }
  }
  return [...checks.values()].some((check) => check.valid && check.notNullColumns?.includes(column));
}

/**
 * True when, before `offset`, this migration gave `table` a CHECK constraint that is validated
 * there (added without NOT VALID, or validated after) and not dropped since, or validated a
 * constraint an earlier migration added: what lets PostgreSQL skip the scan of ATTACH PARTITION
 * when the check implies the partition's bounds (which only the database can tell).
 */
export function hasValidatedCheck(migration: MigrationContext, table: string, offset: number): boolean {
  const valid = new Map<string, boolean>();
  let unnamed = 0;
  for (const event of eventsOf(migration)) {
    if (event.at >= offset) break;
    if (event.table !== table) continue;
    if (event.kind === "add") valid.set(event.name ?? `\u0000${unnamed++}`, event.valid);
    else if (event.kind === "validate") valid.set(event.name, true);
    else valid.delete(event.name);
  }
  return [...valid.values()].some(Boolean);
}
