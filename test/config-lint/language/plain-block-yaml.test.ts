/**
 * The quick proof that a file is within the YAML parser's limits (plain-block-yaml.ts) must never
 * vouch for a file that the exact check (`yaml`'s CST parser) finds past them. Checked on every
 * YAML fixture under limits tight enough that real files go past them, and on hostile shapes.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { exactParserOverload, findParserOverload, type ParserLimits } from "../../../config-lint/language/nesting-depth.ts";
import { provablyWithinLimits } from "../../../config-lint/language/plain-block-yaml.ts";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const fixtures = fs
  .readdirSync(path.join(ROOT, "fixtures"), { recursive: true })
  .map(String)
  .filter((file) => /\.ya?ml$/u.test(file))
  .map((file) => fs.readFileSync(path.join(ROOT, "fixtures", file), "utf8"));

const DEFAULT: ParserLimits = { depth: 200, mappingKeys: 10_000, sequenceEntries: 50_000 };
const TIGHT: ParserLimits[] = [
  { depth: 6, mappingKeys: 8, sequenceEntries: 8 },
  { depth: 10, mappingKeys: 20, sequenceEntries: 6 },
  { depth: 16, mappingKeys: 40, sequenceEntries: 40 },
];

const N = 3_000;
const hostile: Record<string, string> = {
  "flow sequences": `a: ${"[".repeat(N)}${"]".repeat(N)}\n`,
  "flow mappings": `${"{a: ".repeat(N)}1${"}".repeat(N)}\n`,
  "unclosed flow": `key: value\nlist: ${"[".repeat(N)}`,
  "block sequences": `${"- ".repeat(N)}x\n`,
  "block mappings, one per line": Array.from({ length: N }, (_, level) => `${" ".repeat(level)}k:`).join("\n"),
  "keys after keys on one line": `${"a: ".repeat(N)}x\n`,
  "colons after a key": `a: ${": ".repeat(N)}x\n`,
  "explicit keys": `${"? ".repeat(N)}x\n`,
  "keys in a flow sequence": `[${"a: ".repeat(N)}]\n`,
  "a long flow sequence": `a: [${"x, ".repeat(N)}y]\n`,
  "a long block mapping": Array.from({ length: N }, (_, i) => `k${i}: v`).join("\n"),
  "a long block sequence": Array.from({ length: N }, (_, i) => `- ${i}`).join("\n"),
  "comments between entries": Array.from({ length: N }, (_, i) => `k${i}: v\n# c`).join("\n"),
};

describe("the quick proof that a file is within the parser's limits", () => {
  it("vouches for the plain block YAML of the fixtures", () => {
    const vouched = fixtures.filter((text) => provablyWithinLimits(text, DEFAULT));
    expect(vouched.length).toBeGreaterThan(fixtures.length * 0.8);
  });

  it("never vouches for a fixture the exact check finds past tight limits", () => {
    let overloaded = 0;
    for (const limits of TIGHT) {
      for (const text of fixtures) {
        const exact = exactParserOverload(text, limits);
        if (exact) overloaded++;
        if (exact) expect(provablyWithinLimits(text, limits), text.slice(0, 200)).toBe(false);
      }
    }
    expect(overloaded).toBeGreaterThanOrEqual(fixtures.length / 2); // the limits are tight enough to matter
  });

  it.each(Object.entries(hostile))("never vouches for %s past the limits", (_, text) => {
    const limits: ParserLimits = { depth: 200, mappingKeys: 1_000, sequenceEntries: 1_000 };
    expect(exactParserOverload(text, limits)).not.toBeNull();
    expect(provablyWithinLimits(text, limits)).toBe(false);
    expect(findParserOverload(text, limits)).toEqual(exactParserOverload(text, limits));
  });

  it.each([
    ["scalars without commas", `a: [${'"x" '.repeat(N)}]\n`],
    ["scalars alone on their lines", `a: "x"\n${"  b\n".repeat(N)}`],
    ["quoted scalars alone on their lines", `a: 1\n${'"x"\n'.repeat(N)}`],
    ["flow collections alone on their lines", `a: 1\n${"[x]\n".repeat(N)}`],
    ["tabs after indicators", `${"-\t".repeat(N)}x\n`],
  ])("does not vouch for %s, which it cannot count", (_, text) => {
    expect(provablyWithinLimits(text, { depth: 200, mappingKeys: 1_000, sequenceEntries: 1_000 })).toBe(false);
  });

  it("leaves nesting between half the limit and the limit to the exact check", () => {
    const nested = (levels: number) => Array.from({ length: levels }, (_, level) => `${" ".repeat(level)}k:`).join("\n");
    expect(provablyWithinLimits(nested(50), DEFAULT)).toBe(true);
    expect(provablyWithinLimits(nested(150), DEFAULT)).toBe(false);
    expect(findParserOverload(nested(150))).toBeNull();
  });
});
