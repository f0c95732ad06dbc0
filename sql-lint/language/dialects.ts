/** The SQL dialects the language reads. Its own module: the command checks `--dialect` without loading the language. */
export const SQL_DIALECTS = ["postgresql", "mysql", "mariadb", "sqlite"] as const;
export type SqlDialect = (typeof SQL_DIALECTS)[number];
