import type { SqlLanguageOptions } from "../language/sql-language.ts";

/** True when the file is PostgreSQL (the default dialect): the lock rules describe PostgreSQL's behaviour only. */
export function isPostgresql(languageOptions: SqlLanguageOptions): boolean {
  return (languageOptions.dialect ?? "postgresql") === "postgresql";
}
