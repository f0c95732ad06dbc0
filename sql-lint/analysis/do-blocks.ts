import type { MigrationContext } from "./migration-context.ts";

/**
 * True when the statement at `offset` is inside the body of a `DO` block: PostgreSQL runs it
 * from a function, where statements that manage their own transactions (`CONCURRENTLY`) fail.
 */
export function isInsideDoBlock(migration: MigrationContext, offset: number): boolean {
  return migration.statements.some(
    (statement) => statement.type === "do_stmt" && statement.range !== undefined && statement.range[0] < offset && offset < statement.range[1],
  );
}
