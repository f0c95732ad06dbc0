import type { AlterActionAddConstraint } from "sql-parser-cst";

/** True when an `ADD CONSTRAINT` action ends in `NOT VALID`: existing rows are not checked. */
export function isAddedNotValid(action: Pick<AlterActionAddConstraint, "modifiers">): boolean {
  return action.modifiers.some((modifier) => Array.isArray(modifier.kw) && modifier.kw[1]?.name === "VALID");
}
