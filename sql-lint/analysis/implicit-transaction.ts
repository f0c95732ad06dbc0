import type { SqlProgram } from "../language/parse-sql.ts";

type Runner = "Prisma Migrate" | "golang-migrate";

/**
 * Migration runners that send a whole migration file to PostgreSQL as one query string, by the
 * file's path: Prisma Migrate (`migrations/<name>/migration.sql`) and golang-migrate
 * (`<version>_<title>.up.sql`).
 */
function runnerSendingFileAsOneQuery(filename: string): Runner | undefined {
  const path = filename.replaceAll("\\", "/");
  // Prisma's folder per migration, `<14-digit timestamp>_<name>/migration.sql`, wherever the project keeps them.
  if (/(?:^|\/)(?:migrations\/[^/]+|\d{14}_[^/]+)\/migration\.sql$/u.test(path)) return "Prisma Migrate";
  if (/(?:^|\/)\d+_[^/]*\.up\.sql$/u.test(path)) return "golang-migrate";
  return undefined;
}

/** The number of top-level statements of a file. */
export function statementCount(program: SqlProgram): number {
  return program.statements.filter((statement) => statement.type !== "empty").length;
}

/**
 * The runner that will execute this file as one implicit transaction block, if any: PostgreSQL
 * runs a query string that holds several statements as one transaction, so statements that
 * refuse to run in a transaction (`CREATE INDEX CONCURRENTLY`, ...) fail unless they are
 * alone in their file, and locks taken early in the file are held until its end.
 */
export function implicitTransactionRunner(context: { filename: string; sourceCode: { ast: SqlProgram } }): Runner | undefined {
  return statementCount(context.sourceCode.ast) > 1 ? runnerSendingFileAsOneQuery(context.filename) : undefined;
}
