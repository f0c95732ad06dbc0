import { describe, expect, it } from "vitest";
import { parseSqlProgram, type MysqlFallbackStatement, type SqlStatementNode } from "../../../sql-lint/language/parse-sql.ts";
import { splitStatements } from "../../../sql-lint/language/split-statements.ts";

const statements = (text: string, dialect: "mysql" | "mariadb" = "mysql") => parseSqlProgram(text, dialect).statements as SqlStatementNode[];
const slice = (text: string, range: readonly [number, number] | undefined) => (range ? text.slice(range[0], range[1]) : undefined);

describe("MySQL and MariaDB statements sql-parser-cst rejects", () => {
  it("are read by node-sql-parser, ALTER TABLE clause by clause with the range of each clause", () => {
    const text = "-- widen\nALTER TABLE `shop`.`Users`\n  MODIFY email VARCHAR(320) NOT NULL,\n  ALGORITHM=INPLACE, LOCK=NONE;\n";
    const [statement] = statements(text) as MysqlFallbackStatement[];
    expect(statement).toMatchObject({ type: "mysql_fallback_stmt", kind: "alter" });
    expect(slice(text, statement!.range)).toBe("ALTER TABLE `shop`.`Users`\n  MODIFY email VARCHAR(320) NOT NULL,\n  ALGORITHM=INPLACE, LOCK=NONE");
    expect(statement!.table?.text).toBe("`shop`.`Users`");
    expect(statement!.clauses?.map((clause) => clause.text)).toEqual(["MODIFY email VARCHAR(320) NOT NULL", "ALGORITHM=INPLACE", "LOCK=NONE"]);
    expect(statement!.clauses?.[0]?.actions[0]).toMatchObject({ action: "modify", resource: "column" });
    // Column references carry their position in the file and how they were written.
    const column = (statement!.clauses?.[0]?.actions[0] as { column: { range: [number, number]; text: string } }).column;
    expect(column.text).toBe("email");
    expect(slice(text, column.range)).toBe("email");
  });

  it("keeps the clauses only their keywords identify, such as CONVERT TO CHARACTER SET", () => {
    const text = "ALTER TABLE users CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci, FORCE;";
    const [statement] = statements(text) as MysqlFallbackStatement[];
    expect(statement!.clauses?.map((clause) => [clause.keywords.slice(0, 2), clause.actions.length])).toEqual([
      [["CONVERT", "TO"], 0],
      [["FORCE"], 0],
    ]);
  });

  it("reads other statements whole, with the table they name", () => {
    const text = "CREATE TABLE `orders` (id BIGINT UNSIGNED NOT NULL, KEY orders_id (id)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;";
    const [statement] = statements(text, "mariadb") as MysqlFallbackStatement[];
    expect(statement).toMatchObject({ type: "mysql_fallback_stmt", kind: "create", table: { text: "`orders`" } });
    expect(statement!.clauses).toBeUndefined();
  });

  it("gives the names of a statement after blank lines and comments their own positions", () => {
    // node-sql-parser counts offsets after dropping leading whitespace: a statement handed over
    // with the blank lines before it had every name shifted (`signatu` for `signature`).
    const text = "CREATE TABLE a (id INT);\n\n  -- the sessions\n  CREATE TABLE IF NOT EXISTS s (\n    id INTEGER NOT NULL,\n    `signature` VARCHAR(255) NOT NULL\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n";
    const [, statement] = statements(text) as MysqlFallbackStatement[];
    const columns = (statement!.ast.create_definitions as { column: { text: string; range: [number, number] } }[]).map(({ column }) => [column.text, slice(text, column.range)]);
    expect(columns).toEqual([
      ["id", "id"],
      ["`signature`", "`signature`"],
    ]);
    expect(slice(text, statement!.range)).toMatch(/^CREATE TABLE IF NOT EXISTS s \(/u);
  });

  it("leaves statements sql-parser-cst reads to it, between fallback statements", () => {
    const types = statements("ALTER TABLE a MODIFY x INT;\nALTER TABLE a DROP COLUMN y;\nALTER TABLE a ADD INDEX i (x);").map((statement) => statement.type);
    expect(types).toEqual(["mysql_fallback_stmt", "alter_table_stmt", "mysql_fallback_stmt"]);
  });

  it("keeps stored programs, which neither parser reads, as statements of their kind", () => {
    const text = [
      "DROP PROCEDURE IF EXISTS drop_fk;",
      "CREATE DEFINER=`admin`@`%` PROCEDURE drop_fk(IN t VARCHAR(64))\nBEGIN\n  SET @q = CONCAT('ALTER TABLE ', t);\n  PREPARE s FROM @q;\n  EXECUTE s;\nEND;",
      "CREATE OR REPLACE AGGREGATE FUNCTION agg(x INT) RETURNS INT BEGIN DECLARE n INT DEFAULT 0; LOOP FETCH GROUP NEXT ROW; SET n = n + x; END LOOP; END;",
      "DROP EVENT IF EXISTS nightly;",
      "CREATE PROCEDURAL p;",
    ].join("\n");
    const found = statements(text, "mariadb").map((statement) =>
      statement.type === "mysql_fallback_stmt" ? [statement.kind, (statement as MysqlFallbackStatement).ast] : statement.type,
    );
    expect(found).toEqual([
      ["stored-program", { type: "drop", keyword: "procedure" }],
      ["stored-program", { type: "create", keyword: "procedure" }],
      ["stored-program", { type: "create", keyword: "function" }],
      ["stored-program", { type: "drop", keyword: "event" }],
      "unparsed_stmt",
    ]);
  });

  it("reports what neither parser reads as unparsed, at the clause neither understands", () => {
    const text = "ALTER TABLE users MODIFY a INT, FROBNICATE b;\nALTER TABLE users DROP COLUMN c;";
    const [unparsed, next] = statements(text);
    expect(unparsed).toMatchObject({ type: "unparsed_stmt", range: [0, 45] });
    expect(text.slice((unparsed as { errorOffset: number }).errorOffset).startsWith("FROBNICATE")).toBe(true);
    expect(next?.type).toBe("alter_table_stmt");
  });

  it("uses the position of the parser that read further", () => {
    const text = "CREATE TABLE t (id INT, KEY k (id)) ENGINE=InnoDB WIBBLE;";
    const [unparsed] = statements(text);
    expect(unparsed?.type).toBe("unparsed_stmt");
    expect(text.slice((unparsed as { errorOffset: number }).errorOffset).startsWith("WIBBLE")).toBe(true);
  });

  it("leaves PostgreSQL and SQLite files to their own parsers", () => {
    expect(parseSqlProgram("ALTER TABLE users MODIFY email text;", "postgresql").statements[0]?.type).toBe("unparsed_stmt");
    expect(parseSqlProgram("ALTER TABLE users MODIFY email text;", "sqlite").statements[0]?.type).toBe("unparsed_stmt");
  });
});

describe("splitting MariaDB", () => {
  it("treats # comments and backslash escapes as MySQL does", () => {
    const text = "# note; not a statement\nSELECT 'it\\'s; fine';\nSELECT 2;";
    expect(splitStatements(text, "mariadb").statements.map(({ start, end }) => text.slice(start, end).trim())).toEqual([
      "# note; not a statement\nSELECT 'it\\'s; fine';",
      "SELECT 2;",
    ]);
  });
});
