/**
 * The lock each statement takes, as PostgreSQL's documentation lists them: the rules that say
 * "nothing can read or write" rely on ACCESS EXCLUSIVE being named only where it is taken.
 */
import { describe, expect, it } from "vitest";
import { isRunnerTable, tableLockOf } from "../../../sql-lint/analysis/locks.ts";
import { parseSqlProgram, type SqlStatementNode } from "../../../sql-lint/language/parse-sql.ts";

const lockOf = (sql: string) => {
  const [statement] = parseSqlProgram(sql, "postgresql").statements as SqlStatementNode[];
  const lock = tableLockOf(statement!);
  return lock && { table: lock.table, mode: lock.mode };
};

describe("tableLockOf", () => {
  it("names the weaker locks of the ALTER TABLE forms that take them", () => {
    expect(lockOf("ALTER TABLE comment DISABLE TRIGGER ALL;")).toEqual({ table: "comment", mode: "SHARE ROW EXCLUSIVE" });
    expect(lockOf("ALTER TABLE comment ENABLE TRIGGER comment_aggregates;")).toEqual({ table: "comment", mode: "SHARE ROW EXCLUSIVE" });
    expect(lockOf("ALTER TABLE post ALTER COLUMN url SET STATISTICS 1000;")).toEqual({ table: "post", mode: "SHARE UPDATE EXCLUSIVE" });
    expect(lockOf("ALTER TABLE post VALIDATE CONSTRAINT post_url_check;")).toEqual({ table: "post", mode: "SHARE UPDATE EXCLUSIVE" });
    expect(lockOf("ALTER TABLE post ADD CONSTRAINT post_fk FOREIGN KEY (creator_id) REFERENCES person (id);")).toEqual({ table: "post", mode: "SHARE ROW EXCLUSIVE" });
  });

  it("takes the strongest lock of an ALTER TABLE's actions, and ACCESS EXCLUSIVE for the rest", () => {
    expect(lockOf("ALTER TABLE comment DISABLE TRIGGER ALL, ADD COLUMN x int;")).toEqual({ table: "comment", mode: "ACCESS EXCLUSIVE" });
    expect(lockOf("ALTER TABLE site ENABLE ROW LEVEL SECURITY;")).toEqual({ table: "site", mode: "ACCESS EXCLUSIVE" });
  });
});

describe("isRunnerTable", () => {
  it("knows the runners' bookkeeping tables, whatever their case", () => {
    expect(isRunnerTable("schema_migrations")).toBe(true);
    expect(isRunnerTable("SequelizeMeta")).toBe(true);
    expect(isRunnerTable("users")).toBe(false);
    expect(isRunnerTable(undefined)).toBe(false);
  });
});
