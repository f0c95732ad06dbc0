import type { TSESTree } from "@typescript-eslint/utils";
import { parse } from "@typescript-eslint/typescript-estree";
import { describe, expect, it } from "vitest";
import { childNodes } from "../../../rules/utils/expressions.ts";
import { descendants } from "../../../sql-lint/embedded/migration-code.ts";
import { isIndexStale } from "../../../rules/utils/project-modules.ts";

const program = (code: string): TSESTree.Program => parse(code, { range: true, loc: true, tokens: true, comment: true }) as TSESTree.Program;

describe("childNodes and descendants", () => {
  it("walk the syntax tree, not a program's tokens and comments", () => {
    const ast = program("// a comment\nconst answer = compute(1);\n");
    expect(ast.tokens!.length).toBeGreaterThan(0);
    expect(childNodes(ast).map((node) => node.type)).toEqual(["VariableDeclaration"]);
    const types = [...descendants(ast)].map((node) => node.type);
    expect(types).toEqual(["Program", "VariableDeclaration", "VariableDeclarator", "Identifier", "CallExpression", "Identifier", "Literal"]);
    expect(types).not.toContain("Line");
    expect(types).not.toContain("Punctuator");
  });

  it("list children in source order, decorators and type annotations included", () => {
    const ast = program("@Injectable() class Service { @Get() find(id: string): Promise<void> { return run(id); } }");
    const identifiers = [...descendants(ast)].filter((node): node is TSESTree.Identifier => node.type === "Identifier").map((node) => node.name);
    expect(identifiers).toEqual(["Injectable", "Service", "Get", "find", "id", "Promise", "run", "id"]);
  });

  it("look through the properties of a node type the visitor keys do not know", () => {
    const inner = { type: "Identifier", name: "x", range: [4, 5] } as unknown as TSESTree.Node;
    const node = { type: "SomeParserExtension", range: [0, 6], loc: {}, parent: undefined, argument: inner, flag: true } as unknown as TSESTree.Node;
    expect(childNodes(node)).toEqual([inner]);
  });
});

describe("isIndexStale", () => {
  it("lists a small project again after two seconds", () => {
    expect(isIndexStale({ listedAt: 0, listingMs: 5 }, 1_999)).toBe(false);
    expect(isIndexStale({ listedAt: 0, listingMs: 5 }, 2_000)).toBe(true);
  });

  it("lists a project whose listing takes long less often: at most a hundredth of the time goes to it", () => {
    expect(isIndexStale({ listedAt: 0, listingMs: 60 }, 5_000)).toBe(false);
    expect(isIndexStale({ listedAt: 0, listingMs: 60 }, 6_000)).toBe(true);
  });
});
