import type { ColumnConstraint, ColumnDefinition, Constraint } from "sql-parser-cst";

/** A constraint of a column definition, and the node to report: with its `CONSTRAINT name` when it has one. */
export interface ColumnConstraintEntry {
  constraint: ColumnConstraint;
  node: ColumnConstraint | Constraint<ColumnConstraint>;
}

/** The constraints of a column definition (`DEFAULT`, `REFERENCES`, `CHECK`, `GENERATED`, ...), named or not. */
export function columnConstraints(column: ColumnDefinition): ColumnConstraintEntry[] {
  return column.constraints.map((node) => ({ constraint: node.type === "constraint" ? node.constraint : node, node }));
}
