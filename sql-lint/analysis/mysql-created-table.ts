import type { MysqlAst, MysqlFallbackStatement } from "../language/parse-sql.ts";
import { mysqlColumnDefinition, type MysqlColumnDefinition } from "./mysql-column-type.ts";
import { mysqlName } from "./mysql-name.ts";

/** The table a `CREATE TABLE` that only node-sql-parser read creates (normalised); undefined for any other statement. */
export function createdMysqlTable(statement: MysqlFallbackStatement): string | undefined {
  const { ast } = statement;
  if (statement.kind !== "create" || String(ast.keyword).toLowerCase() !== "table") return undefined;
  return statement.table ? mysqlName(statement.table.text) : undefined;
}

/** The columns of a `CREATE TABLE` that only node-sql-parser read, with their definitions. */
export function mysqlCreatedColumns(statement: MysqlFallbackStatement): { name: string; definition: MysqlColumnDefinition; range: [number, number] }[] {
  const definitions = Array.isArray(statement.ast.create_definitions) ? (statement.ast.create_definitions as MysqlAst[]) : [];
  return definitions.flatMap((definition) => {
    if (String(definition.resource) !== "column") return [];
    const column = definition.column as { text?: unknown; column?: unknown; range?: [number, number] } | undefined;
    const written = typeof column?.text === "string" ? column.text : typeof column?.column === "string" ? column.column : undefined;
    if (written === undefined) return [];
    return [{ name: mysqlName(written), definition: mysqlColumnDefinition(definition), range: column?.range ?? statement.range }];
  });
}
