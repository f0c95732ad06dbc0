import { describe, expect, it } from "vitest";
import { keywordRange } from "../../../sql-lint/analysis/keyword-range.ts";

const find = (text: string, keywords: string[]) => {
  const range = keywordRange(text, [0, text.length], keywords);
  return range && text.slice(range[0], range[1]);
};

describe("keywordRange", () => {
  it("finds consecutive keywords in any case, across whitespace and comments", () => {
    expect(find("alter table p detach\n  partition c", ["DETACH", "PARTITION"])).toBe("detach\n  partition");
    expect(find("VACUUM (VERBOSE, FULL) t", ["FULL"])).toBe("FULL");
    expect(find("ALTER TABLE p DETACH /* why */ PARTITION c", ["DETACH", "PARTITION"])).toBe("DETACH /* why */ PARTITION");
  });

  it("skips comments, strings, quoted names and dollar-quoted bodies", () => {
    expect(find("-- VACUUM FULL\nVACUUM t", ["FULL"])).toBeUndefined();
    expect(find("SELECT 'FULL', \"FULL\", $$FULL$$, $x$FULL$x$", ["FULL"])).toBeUndefined();
    expect(find("SELECT 'it''s FULL' FROM t FULL JOIN u ON true", ["FULL"])).toBe("FULL");
  });

  it("needs the keywords next to each other and whole", () => {
    expect(find("ALTER TABLE p DETACH 'x' PARTITION c", ["DETACH", "PARTITION"])).toBeUndefined();
    expect(find("SELECT fullname FROM t", ["FULL"])).toBeUndefined();
    expect(keywordRange("xx FULL", [3, 7], ["FULL"])).toEqual([3, 7]);
    expect(keywordRange("FULL xx", [2, 7], ["FULL"])).toBeUndefined();
  });

  it("stops at unterminated quotes and comments", () => {
    expect(find("SELECT 'FULL", ["FULL"])).toBeUndefined();
    expect(find("SELECT /* FULL", ["FULL"])).toBeUndefined();
    expect(find("SELECT $$ FULL", ["FULL"])).toBeUndefined();
  });
});
