import type { SqlProgram } from "../language/parse-sql.ts";
import { DEFAULT_DIALECT, type SqlDialect, type SqlLanguageOptions } from "../language/sql-language.ts";

/** What a rule context offers to know its file's dialect. */
interface DialectContext {
  languageOptions: SqlLanguageOptions;
  sourceCode: { ast: SqlProgram };
}

/**
 * The dialect the file was parsed as: the configured `dialect`, else the one the project's
 * tooling names (Prisma, drizzle, knex), else PostgreSQL.
 */
export function sqlDialectOf(context: DialectContext): SqlDialect {
  return context.sourceCode.ast.dialect ?? context.languageOptions.dialect ?? DEFAULT_DIALECT;
}

/** True when the file is PostgreSQL (the default dialect): the PostgreSQL lock rules describe its behaviour only. */
export function isPostgresql(context: DialectContext): boolean {
  return sqlDialectOf(context) === "postgresql";
}

/** True for MySQL and MariaDB, which share their DDL and their online-DDL behaviour (InnoDB). */
export function isMysqlFamily(context: DialectContext): boolean {
  const dialect = sqlDialectOf(context);
  return dialect === "mysql" || dialect === "mariadb";
}

/** True when the file is SQLite. */
export function isSqlite(context: DialectContext): boolean {
  return sqlDialectOf(context) === "sqlite";
}
