/**
 * How a PostgreSQL file reads with the statement builder (sql-lint/language/pg-cst.ts) against
 * how it reads with sql-parser-cst alone: the check behind scripts/pg-cst-diff.ts and
 * test/sql-lint/language/pg-cst.test.ts.
 */
import { isDeepStrictEqual } from "node:util";
import { parseSqlProgram, type SqlProgram } from "../sql-lint/language/parse-sql.ts";
import { isBuiltByTokens } from "../sql-lint/language/pg-cst.ts";
import { SqlSourceCode } from "../sql-lint/language/sql-source-code.ts";

export interface Comparison {
  /** Statements read, and how many of them the builder made. */
  statements: number;
  built: number;
  /** Where the two readings first differ (`statement 3 at 120`, `comments`), with both trees; undefined when they agree. */
  difference?: { at: string; builder?: unknown; reference?: unknown };
}

/**
 * The tree without the comments sql-parser-cst attaches to nodes (read from the file's comment
 * list instead), and without the offsets inside PostgreSQL's own nodes of statements only it
 * reads, which count from wherever the statement's text was cut (no rule reads them).
 */
function comparable(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, inner: unknown) => (key === "leading" || key === "trailing" || key === "location" ? undefined : inner)));
}

function comments(text: string, program: SqlProgram): string[] {
  return new SqlSourceCode({ text, ast: program }).comments.map(({ type, range, value }) => JSON.stringify({ type, range, value }));
}

export function compareWithSqlParserCst(text: string): Comparison {
  const fresh = parseSqlProgram(text, "postgresql");
  const reference = parseSqlProgram(text, "postgresql", { postgresParser: false });
  // A file parsed whole by sql-parser-cst ends in an `empty` statement after the last `;`, which no rule reads.
  const freshStatements = fresh.statements.filter((statement) => statement.type !== "empty");
  const statements = freshStatements.length;
  const built = freshStatements.filter((statement) => isBuiltByTokens(statement)).length;
  const a = comparable(freshStatements) as unknown[];
  const b = comparable(reference.statements.filter((statement) => statement.type !== "empty")) as unknown[];
  const index = a.length === b.length ? a.findIndex((statement, i) => !isDeepStrictEqual(statement, b[i])) : Math.min(a.length, b.length);
  if (index !== -1) {
    return { statements, built, difference: { at: `statement ${index + 1} at ${freshStatements[index]?.range?.[0] ?? "end"}`, builder: a[index], reference: b[index] } };
  }
  // sql-parser-cst drops the comments it attached to a down section's first statement (`-- +goose StatementEnd` closing the up
  // section); PostgreSQL's scanner keeps them. Only a missing comment, or an extra one that configures ESLint, changes a lint.
  const freshComments = comments(text, fresh);
  const referenceComments = comments(text, reference);
  const sameComments =
    referenceComments.every((comment) => freshComments.includes(comment)) &&
    freshComments.every((comment) => referenceComments.includes(comment) || !/eslint|global/u.test(comment));
  return sameComments ? { statements, built } : { statements, built, difference: { at: "comments", builder: freshComments, reference: referenceComments } };
}
