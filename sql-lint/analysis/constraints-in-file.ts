import type { ColumnConstraint, Constraint, TableConstraint } from "sql-parser-cst";
import type { MigrationContext } from "./migration-context.ts";
import { identifierName } from "./identifier-name.ts";
import { tableName } from "./table-name.ts";

export type ConstraintKind = "foreign key" | "primary key" | "unique" | "check" | "exclusion" | "not null" | "other";

/** A named constraint this migration adds to a table. */
interface NamedConstraint {
  table: string;
  name: string;
  kind: ConstraintKind;
  offset: number;
}

const indexes = new WeakMap<MigrationContext, NamedConstraint[]>();

function kindOf(constraint: ColumnConstraint | TableConstraint): ConstraintKind {
  switch (constraint.type) {
    case "constraint_foreign_key":
    case "references_specification":
      return "foreign key";
    case "constraint_primary_key":
      return "primary key";
    case "constraint_unique":
      return "unique";
    case "constraint_check":
      return "check";
    case "constraint_exclude":
      return "exclusion";
    case "constraint_not_null":
      return "not null";
    default:
      return "other";
  }
}

type AnyConstraint = ColumnConstraint | TableConstraint | Constraint<ColumnConstraint | TableConstraint>;

/** Named constraints in `CREATE TABLE` and `ALTER TABLE … ADD`, in execution order. */
function namedConstraints(migration: MigrationContext): NamedConstraint[] {
  let found = indexes.get(migration);
  if (found) return found;
  found = [];
  const list = found;
  const add = (table: string | undefined, item: AnyConstraint | { type: string }, offset: number | undefined): void => {
    const named = item as AnyConstraint;
    if (table === undefined || offset === undefined || named.type !== "constraint" || !named.name?.name) return;
    list.push({ table, name: identifierName(named.name.name), kind: kindOf(named.constraint), offset });
  };
  for (const statement of migration.statements) {
    if (statement.type === "create_table_stmt") {
      const table = tableName(statement.name);
      const offset = statement.range?.[0];
      for (const item of statement.columns?.expr.items ?? []) {
        if (item.type === "column_definition") for (const constraint of item.constraints) add(table, constraint, offset);
        else add(table, item, offset);
      }
    } else if (statement.type === "alter_table_stmt") {
      const table = tableName(statement.table);
      for (const action of statement.actions.items) {
        const offset = action.range?.[0];
        if (action.type === "alter_action_add_constraint" && action.name && table !== undefined && offset !== undefined) {
          list.push({ table, name: identifierName(action.name.name), kind: kindOf(action.constraint), offset });
        } else if (action.type === "alter_action_add_column") {
          for (const constraint of action.column.constraints) add(table, constraint, offset);
        }
      }
    }
  }
  indexes.set(migration, found);
  return found;
}

/** What kind of constraint this migration last added to `table` under `name` before `offset`; undefined when it did not. */
export function constraintKindBefore(migration: MigrationContext, table: string | undefined, name: string, offset: number): ConstraintKind | undefined {
  let kind: ConstraintKind | undefined;
  for (const constraint of namedConstraints(migration)) {
    if (constraint.offset < offset && constraint.table === table && constraint.name === name) kind = constraint.kind;
  }
  return kind;
}

/** True when this migration adds a constraint of `kind` named `name` to `table` after `offset` (a drop and re-add replaces it). */
export function isConstraintAddedAfter(migration: MigrationContext, table: string | undefined, name: string, kind: ConstraintKind, offset: number): boolean {
  return namedConstraints(migration).some(
    (constraint) => constraint.offset > offset && constraint.table === table && constraint.name === name && constraint.kind === kind,
  );
}

/**
 * The columns of each foreign key this migration adds to `table` after `offset`, named or not:
 * `ADD [CONSTRAINT …] FOREIGN KEY (a, b) REFERENCES …` and `ADD COLUMN a … REFERENCES …`.
 */
export function foreignKeyColumnsAddedAfter(migration: MigrationContext, table: string | undefined, offset: number): string[][] {
  if (table === undefined) return [];
  const found: string[][] = [];
  for (const statement of migration.statements) {
    if (statement.type !== "alter_table_stmt" || (statement.range?.[1] ?? 0) <= offset || tableName(statement.table) !== table) continue;
    for (const action of statement.actions.items) {
      if ((action.range?.[0] ?? 0) <= offset) continue;
      if (action.type === "alter_action_add_constraint" && action.constraint.type === "constraint_foreign_key") {
        found.push(action.constraint.columns.expr.items.map((column) => identifierName(column)));
      } else if (action.type === "alter_action_add_column" && action.column.constraints.some((constraint) => kindOf(constraint.type === "constraint" ? constraint.constraint : constraint) === "foreign key")) {
        found.push([identifierName(action.column.name)]);
      }
    }
  }
  return found;
}
