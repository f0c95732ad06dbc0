/**
 * PostgreSQL's own parser (libpg-query, compiled to WebAssembly), for the statements
 * sql-parser-cst does not support (`VACUUM`, `CLUSTER`, `LOCK`, `DETACH PARTITION`, ...), so
 * the rules still see them. Loaded once when the plugin is imported: ESLint's `parse` is
 * synchronous, and the module's synchronous API needs the WebAssembly compiled first.
 */
import { loadModule, parseSync } from "libpg-query";

await loadModule();

/** A statement as PostgreSQL parsed it: its node kind (`VacuumStmt`) and that node. */
export interface PgParsedStatement {
  kind: string;
  node: Record<string, unknown>;
  /** Start offset within the text given, and length. */
  location: number;
  length: number;
}

/** Parses text with PostgreSQL's parser; undefined when PostgreSQL would reject it. */
export function parseWithPostgres(text: string): PgParsedStatement[] | undefined {
  let result: ReturnType<typeof parseSync>;
  try {
    result = parseSync(text);
  } catch {
    return undefined;
  }
  return (result.stmts ?? []).flatMap((raw) => {
    const statement = raw.stmt as Record<string, Record<string, unknown>> | undefined;
    if (!statement) return [];
    const [kind] = Object.keys(statement);
    if (!kind) return [];
    const location = raw.stmt_location ?? 0;
    return [{ kind, node: statement[kind]!, location, length: raw.stmt_len || text.length - location }];
  });
}
