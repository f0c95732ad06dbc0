import type { ColumnConstraint, ColumnDefinition, Constraint } from "sql-parser-cst";
import { isSerialType } from "./data-type.ts";

/** A constraint of a column definition, and the node to report: with its `CONSTRAINT name` when it has one. */
export interface ColumnConstraintEntry {
  constraint: ColumnConstraint;
  node: ColumnConstraint | Constraint<ColumnConstraint>;
}

/** The constraints of a column definition (`DEFAULT`, `REFERENCES`, `CHECK`, `GENERATED`, ...), named or not. */
export function columnConstraints(column: ColumnDefinition): ColumnConstraintEntry[] {
  return column.constraints.map((node) => ({ constraint: node.type === "constraint" ? node.constraint : node, node }));
}

/** The clause that makes a column reject NULL: NOT NULL, or PRIMARY KEY, which implies it. */
export function requiredClause(column: ColumnDefinition): ColumnConstraint | undefined {
  return columnConstraints(column).find(({ constraint }) => constraint.type === "constraint_not_null" || constraint.type === "constraint_primary_key")?.constraint;
}

/** True when every existing and future row gets a value without the INSERT naming the column. */
export function fillsItself(column: ColumnDefinition): boolean {
  if (column.dataType && isSerialType(column.dataType)) return true;
  return columnConstraints(column).some(({ constraint }) => {
    // DEFAULT NULL is no default at all; identity, generated and AUTO_INCREMENT columns fill themselves.
    if (constraint.type === "constraint_default") return constraint.expr.type !== "null_literal";
    return constraint.type === "constraint_generated" || constraint.type === "constraint_auto_increment";
  });
}
