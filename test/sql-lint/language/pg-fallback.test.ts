import { loadModule, parseSync } from "libpg-query";
import { describe, expect, it } from "vitest";
import { parsePostgres, parseWithPostgres } from "../../../sql-lint/language/pg-fallback.ts";

/** libpg-query's own synchronous parse, as the language used it before loading it lazily: undefined where it throws. */
async function libraryParse(text: string) {
  await loadModule();
  try {
    return parseSync(text);
  } catch {
    return undefined;
  }
}

describe("parsePostgres (libpg-query loaded synchronously on first use)", () => {
  const texts = [
    "VACUUM FULL orders",
    "-- maintenance\nVACUUM FULL orders;\nLOCK TABLE orders IN ACCESS EXCLUSIVE MODE;",
    "ALTER TABLE events DETACH PARTITION events_2023 CONCURRENTLY",
    "CREATE TABLE café (naïve text DEFAULT '日本語');",
    "SELECT 1; SELECT",
    "ALTER TABLE users DROP COLUMN;",
    "",
    " ",
    "-- only a comment",
  ];

  it.each(texts)("returns what libpg-query's parseSync returns for %j", async (text) => {
    const expected = await libraryParse(text);
    expect(parsePostgres(text)).toEqual(expected);
  });

  it("parses again after a syntax error", () => {
    expect(parsePostgres("SELEC 1")).toBeUndefined();
    expect(parseWithPostgres("CLUSTER orders USING orders_pkey")).toMatchObject([{ kind: "ClusterStmt", location: 0 }]);
  });
});
