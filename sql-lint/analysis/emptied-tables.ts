import type { DeleteStmt, Expr, Node } from "sql-parser-cst";
import { fillsItself, requiredClause } from "./column-constraints.ts";
import type { MigrationContext } from "./migration-context.ts";
import { nodesBelow } from "./nodes-below.ts";
import { tableName } from "./table-name.ts";

type Literal = { type: string; value?: unknown; text?: string };

const LITERALS = new Set(["number_literal", "string_literal", "boolean_literal"]);

function unwrap(expr: Expr): Expr {
  let inner = expr;
  while (inner.type === "paren_expr") inner = inner.expr as Expr;
  return inner;
}

function operatorName(operator: unknown): string {
  return typeof operator === "string" ? operator : ((operator as { name?: string } | undefined)?.name ?? "");
}

/** A condition true for every row whatever it holds: `TRUE`, `1 = 1`, `'a' = 'a'`, or one of them ORed with anything. */
function isTautology(expr: Expr): boolean {
  const inner = unwrap(expr);
  if (inner.type === "boolean_literal") return inner.value;
  // MySQL and SQLite read a non-zero number as true.
  if (inner.type === "number_literal") return inner.value !== 0;
  if (inner.type !== "binary_expr") return false;
  const operator = operatorName(inner.operator).toUpperCase();
  if (operator === "OR") return isTautology(inner.left as Expr) || isTautology(inner.right as Expr);
  if (operator === "AND") return isTautology(inner.left as Expr) && isTautology(inner.right as Expr);
  if (operator !== "=") return false;
  const [left, right] = [unwrap(inner.left as Expr) as Literal, unwrap(inner.right as Expr) as Literal];
  return LITERALS.has(left.type) && left.type === right.type && left.value === right.value;
}

/** Whether anything below `node` is a join condition (`JOIN … ON`, `JOIN … USING`). */
function hasJoinCondition(node: unknown): boolean {
  return nodesBelow(node, (child) => child.type === "join_on_specification" || child.type === "join_using_specification").length > 0;
}

/**
 * Whether a DELETE removes every row of its tables: no WHERE, or one always true. A WHERE that
 * is not always true, `WHERE CURRENT OF`, a LIMIT (one batch of a batched delete), or MySQL's
 * multi-table form joined on a condition keeps some.
 */
export function deletesEveryRow(statement: DeleteStmt): boolean {
  return !statement.clauses.some((clause) => {
    switch (clause.type) {
      case "where_clause":
        return !isTautology(clause.expr);
      case "where_current_of_clause":
      case "limit_clause":
        return true;
      case "from_clause":
        return hasJoinCondition(clause.expr);
      default:
        return false;
    }
  });
}

/** The table a `DELETE` target names, through its alias and `ONLY`. */
export function targetTable(target: Node): string | undefined {
  return tableName(target.type === "alias" ? target.expr : target);
}

/** A statement that empties a table (or, `emptied: false`, writes rows into it again), in execution order. */
interface EmptyingEvent {
  /** Where the statement starts, and the action within it that empties the table (an ALTER's action). */
  statementStart: number;
  actionStart?: number;
  emptied: boolean;
  /** Says so only on PostgreSQL: a NOT NULL column added without a default. */
  postgresqlOnly: boolean;
}

/** Each table's emptying events, read once per migration: asking about every statement of a long file stays linear. */
const eventsByMigration = new WeakMap<MigrationContext, Map<string, EmptyingEvent[]>>();

function emptyingEvents(migration: MigrationContext): Map<string, EmptyingEvent[]> {
  let events = eventsByMigration.get(migration);
  if (events) return events;
  events = new Map();
  const add = (table: string | undefined, event: EmptyingEvent): void => {
    if (table === undefined) return;
    const list = events!.get(table);
    if (list) list.push(event);
    else events!.set(table, [event]);
  };
  for (const statement of migration.statements) {
    const statementStart = statement.range?.[0] ?? 0;
    if (statement.type === "alter_table_stmt") {
      const table = tableName(statement.table);
      for (const action of statement.actions.items) {
        if (action.type === "alter_action_add_column" && !action.ifNotExistsKw && requiredClause(action.column) !== undefined && !fillsItself(action.column)) {
          add(table, { statementStart, actionStart: action.range?.[0] ?? 0, emptied: true, postgresqlOnly: true });
        }
      }
    } else if (statement.type === "delete_stmt") {
      const clause = statement.clauses.find((candidate) => candidate.type === "delete_clause");
      if (clause?.type !== "delete_clause" || !deletesEveryRow(statement)) continue;
      for (const table of new Set(clause.tables.items.map((target) => targetTable(target)))) add(table, { statementStart, emptied: true, postgresqlOnly: false });
    } else if (statement.type === "truncate_stmt") {
      for (const table of new Set(statement.tables.items.map((target) => tableName(target)))) add(table, { statementStart, emptied: true, postgresqlOnly: false });
    } else if (statement.type === "insert_stmt") {
      const into = statement.clauses.find((clause) => clause.type === "insert_clause");
      if (into?.type === "insert_clause") add(targetTable(into.table), { statementStart, emptied: false, postgresqlOnly: false });
    }
  }
  eventsByMigration.set(migration, events);
  return events;
}

/**
 * Whether this migration empties `table` before `offset` (a DELETE of every row, a TRUNCATE)
 * without writing rows into it again before that point: whatever it then locks or scans holds
 * no rows. On PostgreSQL, a NOT NULL column added without a default says the same: the ALTER
 * fails on a table with rows, so past it the table is empty (generated migrations do this, and
 * no-add-required-column reports the ALTER itself); not with IF NOT EXISTS, a no-op when the
 * column is there already. Statements come in execution order, each starting after the one
 * before (a DO block's statements inside its own span), so the events before `offset` are those
 * of the statements that start before it.
 */
export function isEmptiedEarlierInFile(migration: MigrationContext, table: string | undefined, offset: number, postgresql = false): boolean {
  if (table === undefined) return false;
  let emptied = false;
  for (const event of emptyingEvents(migration).get(table) ?? []) {
    if (event.statementStart >= offset) break;
    if (event.postgresqlOnly && !postgresql) continue;
    if (event.actionStart !== undefined && event.actionStart >= offset) continue;
    emptied = event.emptied;
  }
  return emptied;
}
