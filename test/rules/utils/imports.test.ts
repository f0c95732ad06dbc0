import { Linter } from "eslint";
import tseslint from "typescript-eslint";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { describe, expect, it } from "vitest";
import { resolveImport } from "../../../rules/utils/imports.ts";

/** Resolves the callee of every call and `new` in `code` and lists the results. */
function resolved(code: string): (string | undefined)[] {
  const found: (string | undefined)[] = [];
  const probe = {
    meta: { type: "problem", schema: [], messages: {} },
    create(context: TSESLint.RuleContext<string, unknown[]>) {
      const visit = (node: TSESTree.CallExpression | TSESTree.NewExpression) => {
        if (node.callee.type === "Identifier" && node.callee.name === "require") return;
        const reference = resolveImport(context, node.callee);
        found.push(reference ? [reference.module, ...reference.path].join(".") : undefined);
      };
      return { CallExpression: visit, NewExpression: visit };
    },
  };
  const linter = new Linter({ configType: "flat" });
  const messages = linter.verify(
    code,
    [{ files: ["**/*.ts"], languageOptions: { parser: tseslint.parser as Linter.Parser }, plugins: { t: { rules: { probe: probe as never } } }, rules: { "t/probe": "error" } }],
    "file.ts",
  );
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  return found;
}

describe("resolveImport", () => {
  it("follows ES imports: default, named, renamed and namespace", () => {
    expect(
      resolved(`
        import session from "express-session";
        import { Pool as PgPool } from "pg";
        import * as crypto from "node:crypto";
        import pg from "pg";
        session({});
        new PgPool();
        crypto.createHmac("sha256", key);
        new pg.Pool();
      `),
    ).toEqual(["express-session", "pg.Pool", "crypto.createHmac", "pg.Pool"]);
  });

  it("follows require, destructuring, property reads and aliases", () => {
    expect(
      resolved(`
        const express = require("express");
        const { createHmac, timingSafeEqual: tse } = require("crypto");
        const Stripe = require("stripe").default;
        const { webhooks: { verify } } = require("@octokit/webhooks");
        const json = express.json;
        express();
        createHmac("sha256", k);
        tse(a, b);
        new Stripe(key);
        verify();
        json();
      `),
    ).toEqual(["express", "crypto.createHmac", "crypto.timingSafeEqual", "stripe", "@octokit/webhooks.webhooks.verify", "express.json"]);
  });

  it("follows dynamic import and TypeScript wrappers", () => {
    expect(
      resolved(`
        const { Pool } = await import("pg");
        const redis = require("redis") as typeof import("redis");
        new Pool();
        redis!.createClient();
      `),
    ).toEqual(["pg.Pool", "redis.createClient"]);
  });

  it("gives up on what it cannot know: locals, parameters, reassignments, shadowing, computed names", () => {
    expect(
      resolved(`
        import { Pool } from "pg";
        let client = require("redis");
        client = makeFake();
        function f(Pool) { new Pool(); }
        const key = "createHmac";
        const crypto = require("crypto");
        client.createClient();
        crypto[key]();
        local();
        function local() {}
      `),
    ).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});
