import { Linter } from "eslint";
import tseslint from "typescript-eslint";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { describe, expect, it } from "vitest";
import { conditionWithin, ordering } from "../../../rules/utils/execution-order.ts";

/**
 * Runs `ordering(first, then)` on the calls `first()` and `then()` in `code`, and
 * `conditionWithin(first, body)` for the enclosing function body; the guard is given as source text.
 */
function order(code: string): { always: boolean; guard?: string; within?: string | null } {
  let answer: { always: boolean; guard?: string; within?: string | null } | undefined;
  const probe = {
    meta: { type: "problem", schema: [], messages: {} },
    create(context: TSESLint.RuleContext<string, unknown[]>) {
      const calls: Record<string, TSESTree.CallExpression> = {};
      return {
        CallExpression(node: TSESTree.CallExpression) {
          if (node.callee.type === "Identifier") calls[node.callee.name] = node;
        },
        "Program:exit"() {
          const first = calls.first!;
          const result = ordering(first, calls.then!);
          let body: TSESTree.Node = first;
          while (body.parent && body.parent.type !== "FunctionDeclaration") body = body.parent;
          const within = conditionWithin(first, body);
          answer = {
            always: result.always,
            ...(!result.always && result.guard ? { guard: context.sourceCode.getText(result.guard) } : {}),
            within: within === null ? null : within ? context.sourceCode.getText(within) : undefined,
          };
        },
      };
    },
  };
  const linter = new Linter({ configType: "flat", cwd: "/" });
  const messages = linter.verify(
    `function handler() {\n${code}\n}`,
    [{ files: ["**/*.ts"], languageOptions: { parser: tseslint.parser as Linter.Parser }, plugins: { t: { rules: { probe: probe as never } } }, rules: { "t/probe": "error" } }],
    "/file.ts",
  );
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  return answer!;
}

describe("ordering", () => {
  it("runs a statement before the statements after it", () => {
    expect(order("first(); then();")).toEqual({ always: true, within: undefined });
    expect(order("try { first(); } catch { return; } then();")).toEqual({ always: true, within: undefined });
  });

  it("runs an if test before both arms", () => {
    expect(order("if (!first()) return; then();")).toEqual({ always: true, within: undefined });
    expect(order("if (first()) { then(); }")).toEqual({ always: true, within: undefined });
  });

  it("does not run an arm of an if for what follows the if, and names the condition", () => {
    expect(order("if (secret) { first(); } then();")).toEqual({ always: false, guard: "secret", within: "secret" });
    expect(order("if (a) { first(); } else { then(); }")).toEqual({ always: false, guard: "a", within: "a" });
    expect(order("enabled && first(); then();")).toEqual({ always: false, guard: "enabled", within: "enabled" });
  });

  it("knows that `if (!x || !verify()) return` verifies what follows, and `if (x && verify())` its block", () => {
    expect(order("if (!signature || !first()) return; then();")).toEqual({ always: true, within: undefined });
    expect(order("if (signature && first()) { then(); }")).toEqual({ always: true, within: "signature" });
    expect(order("if (!signature || !first()) log(); then();")).toEqual({ always: false, guard: "!signature", within: "!signature" });
  });

  it("does not count what comes later, loops, catch blocks or nested functions", () => {
    expect(order("then(); first();")).toEqual({ always: false, within: undefined });
    expect(order("for (const x of xs) first(); then();")).toEqual({ always: false, guard: "xs", within: "xs" });
    expect(order("try { work(); } catch { first(); } then();").always).toBe(false);
    expect(order("const later = () => first(); then();")).toEqual({ always: false, within: null });
  });
});
