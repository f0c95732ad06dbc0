/**
 * Reading SQL out of JS/TS expressions and rendering it for the SQL parser: what each
 * placeholder becomes in each SQL context, and where each rendered character maps back to.
 */
import { parseForESLint } from "@typescript-eslint/parser";
import type { TSESTree } from "@typescript-eslint/utils";
import { describe, expect, it } from "vitest";
import { renderSql, type Placeholders } from "../../../sql-lint/embedded/render-sql.ts";
import { sqlPartsOf } from "../../../sql-lint/embedded/sql-text.ts";
import { composeBlock, sourceOffset } from "../../../sql-lint/embedded/virtual-block.ts";

/** The SQL of the expression in `const sql = <expression>;`, rendered. */
function render(expression: string, placeholders?: Placeholders) {
  const text = `const TABLE = "orders";\nconst sql = ${expression};\n`;
  const { ast } = parseForESLint(text, { range: true, loc: true, filePath: "m.ts" });
  const program = ast as unknown as TSESTree.Program;
  const constants = new Map<string, TSESTree.Expression>();
  for (const statement of program.body) {
    if (statement.type === "VariableDeclaration" && statement.declarations[0]?.id.type === "Identifier" && statement.declarations[0].init) {
      constants.set(statement.declarations[0].id.name, statement.declarations[0].init);
    }
  }
  const parts = sqlPartsOf(constants.get("sql")!, { text, constantOf: (identifier) => (identifier.name === "TABLE" ? constants.get("TABLE") : undefined) });
  if (!parts) return undefined;
  const rendered = renderSql(parts, placeholders);
  /** The source text a rendered range maps back to. */
  const sourceOf = (start: number, end: number): string | undefined => {
    const block = composeBlock([{ sql: rendered, line: 1 }]);
    const from = sourceOffset(block, start, "start");
    const to = sourceOffset(block, end, "end");
    return from === undefined || to === undefined ? undefined : text.slice(from, to);
  };
  return { ...rendered, sourceOf };
}

describe("reading SQL from expressions", () => {
  it("decodes escapes and keeps each character's source position", () => {
    const sql = render(String.raw`"ALTER TABLE \"users\"\n\tDROP COLUMN \u0065mail"`)!;
    expect(sql.text).toBe('ALTER TABLE "users"\n\tDROP COLUMN email');
    const at = sql.text.indexOf("DROP");
    expect(sql.sourceOf(at, sql.text.length)).toBe(String.raw`DROP COLUMN \u0065mail`);
    expect(sql.sourceOf(sql.text.indexOf('"users"'), sql.text.indexOf('"users"') + 7)).toBe(String.raw`\"users\"`);
  });

  it("joins concatenated literals and constants, and reads neither a call nor a number", () => {
    expect(render('"ALTER TABLE " + TABLE + " DROP COLUMN notes"')!.text).toBe("ALTER TABLE orders DROP COLUMN notes");
    expect(render("buildSql()")).toBeUndefined();
    expect(render("42")).toBeUndefined();
  });
});

describe("rendering placeholders", () => {
  it("quotes an unknown ${} as an identifier, with the identifier characters around it", () => {
    const sql = render("`CREATE INDEX idx_${table}_email ON ${schema}.${table} (email) WHERE id = ${id}`")!;
    expect(sql.text).toBe('CREATE INDEX "idx_${table}_email" ON "${schema}"."${table}" (email) WHERE id = "${id}"');
    expect(sql.dynamic).toBe(true);
    const index = sql.text.indexOf('"idx_');
    expect(sql.sourceOf(index, index + '"idx_${table}_email"'.length)).toBe("idx_${table}_email");
  });

  it("inlines constants and writes placeholders inside strings, quoted identifiers, comments and dollar quotes as they are", () => {
    expect(render("`ALTER TABLE ${TABLE} DROP COLUMN notes`")!.text).toBe("ALTER TABLE orders DROP COLUMN notes");
    expect(render("`SELECT '${a}', \"t_${b}\", $$ ${c} $$ -- ${d}\n`")!.text).toBe("SELECT '${a}', \"t_${b}\", $$ ${c} $$ -- ${d}\n");
    expect(render("`SELECT 'it''s ${a}' /* ${b} */`")!.text).toBe("SELECT 'it''s ${a}' /* ${b} */");
  });

  it("fills Knex ?, ?? and :name: bindings, and $n parameters", () => {
    const values = ["users", "email", 3];
    const positional: Placeholders = { positional: true, identifiers: true, value: (key, identifier) => {
      const value = values[key as number];
      if (value === undefined) return undefined;
      return identifier ? `"${value}"` : typeof value === "number" ? String(value) : `'${value}'`;
    } };
    expect(render('"ALTER TABLE ?? DROP COLUMN ??; SELECT ? \\\\? WHERE a ?| b"', positional)!.text).toBe(
      'ALTER TABLE "users" DROP COLUMN "email"; SELECT 3 ? WHERE a "?"| b',
    );
    const named: Placeholders = { named: true, identifiers: true, value: (key, identifier) => (key === "table" && identifier ? '"users"' : undefined) };
    expect(render('"UPDATE :table: SET sort = :sort::jsonb"', named)!.text).toBe('UPDATE "users" SET sort = ":sort"::jsonb');
    expect(render('"UPDATE users SET plan = $1 WHERE id = $2"')!.text).toBe('UPDATE users SET plan = "$1" WHERE id = "$2"');
  });
});
