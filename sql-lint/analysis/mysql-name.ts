/**
 * The name a MySQL identifier as written refers to (`` `shop`.`Users` `` → `Users`, `Users` →
 * `users`), normalised like identifierName() and tableName() normalise sql-parser-cst's nodes:
 * a schema qualifier is dropped, quoted names keep their case, unquoted ones fold to lower case.
 */
export function mysqlName(written: string): string {
  const parts = written.trim().match(/`(?:[^`]|``)*`|"(?:[^"]|"")*"|[^.\s]+/gu) ?? [written];
  const last = parts.at(-1)!;
  if (last.startsWith("`")) return last.slice(1, -1).replaceAll("``", "`");
  if (last.startsWith('"')) return last.slice(1, -1).replaceAll('""', '"');
  return last.toLowerCase();
}
