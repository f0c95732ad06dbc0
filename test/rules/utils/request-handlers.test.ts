import path from "node:path";
import { Linter } from "eslint";
import ts from "typescript";
import tseslint from "typescript-eslint";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { describe, expect, it } from "vitest";
import { requestHandlerOf, type FunctionNode } from "../../../rules/utils/request-handlers.ts";
import { serverObjectOf } from "../../../rules/utils/server-objects.ts";
import { inMemoryProgram, VIRTUAL_ROOT } from "../../helpers/typescript-program.ts";

/** A TypeScript program over in-memory files, as a type-aware ESLint config would provide it. */
const ROOT = VIRTUAL_ROOT;
const program = (files: Record<string, string>): ts.Program => inMemoryProgram(files, { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, esModuleInterop: true, strict: true, noEmit: true, types: [] });

type Found = { line: number; framework: string; request: string | undefined; response: string | undefined; identity: string[] };

/** Every function in `code` that is a request handler, with its framework and request parameter. */
function handlers(code: string, filename = "file.ts", programs?: ts.Program[]): Found[] {
  const found: Found[] = [];
  const name = (param: TSESTree.Parameter | undefined) => {
    const target = param?.type === "TSParameterProperty" ? param.parameter : param;
    return target?.type === "Identifier" ? target.name : target ? target.type : undefined;
  };
  const probe = {
    meta: { type: "problem", schema: [], messages: {} },
    create(context: TSESLint.RuleContext<string, unknown[]>) {
      const visit = (node: FunctionNode) => {
        const handler = requestHandlerOf(context, node);
        if (handler) {
          found.push({
            line: node.loc.start.line,
            framework: handler.framework,
            request: name(handler.request),
            response: name(handler.response),
            identity: handler.identity.map((param) => name(param)!),
          });
        }
      };
      return { ArrowFunctionExpression: visit, FunctionExpression: visit, FunctionDeclaration: visit };
    },
  };
  const linter = new Linter({ configType: "flat" });
  const messages = linter.verify(
    code,
    [
      {
        files: ["**/*.{ts,js}"],
        languageOptions: { parser: tseslint.parser as Linter.Parser, parserOptions: programs ? { programs } : {} },
        plugins: { t: { rules: { probe: probe as never } } },
        rules: { "t/probe": "error" },
      },
    ],
    filename,
  );
  expect(messages.filter((message) => message.fatal)).toEqual([]);
  return found;
}

describe("requestHandlerOf", () => {
  it("finds handlers registered on Express apps and routers, in ES modules and CommonJS", () => {
    expect(
      handlers(`
        import express from "express";
        const app = express();
        const router = express.Router();
        app.get("/a", (req, res) => {});
        router.post("/b", auth, function (request, response) {});
        app.use([(req, res, next) => next()]);
        app.use((err, req, res, next) => {});
        router.route("/c").put((req, res) => {});
        helpers.map((x) => x);
      `),
    ).toEqual([
      { line: 5, framework: "express", request: "req", response: "res", identity: [] },
      { line: 6, framework: "express", request: "request", response: "response", identity: [] },
      { line: 7, framework: "express", request: "req", response: "res", identity: [] },
      { line: 8, framework: "express", request: "req", response: "res", identity: [] },
      { line: 9, framework: "express", request: "req", response: "res", identity: [] },
    ]);
    expect(handlers(`const { Router } = require("express"); const r = Router(); r.delete("/x", (q, s) => {});`, "routes.js")).toEqual([
      { line: 1, framework: "express", request: "q", response: "s", identity: [] },
    ]);
  });

  it("finds Fastify routes, route options, hooks and plugins", () => {
    expect(
      handlers(`
        import Fastify from "fastify";
        import fp from "fastify-plugin";
        const fastify = Fastify();
        fastify.get("/a", async (request, reply) => {});
        fastify.route({ method: "POST", url: "/b", handler: async (request) => {} });
        fastify.addHook("preHandler", async (request, reply) => {});
        fastify.register(async (instance) => { instance.get("/c", async (req) => {}); });
        export default fp(async (app) => { app.post("/d", { handler: async (r) => {} }); });
      `).map(({ line, framework, request }) => [line, framework, request]),
    ).toEqual([
      [5, "fastify", "request"],
      [6, "fastify", "request"],
      [7, "fastify", "request"],
      [8, "fastify", "req"],
      [9, "fastify", "r"],
    ]);
  });

  it("finds Koa, Hono and Node.js handlers, whose context is the request", () => {
    expect(
      handlers(`
        import Koa from "koa";
        import Router from "@koa/router";
        import { Hono } from "hono";
        import http from "node:http";
        new Koa().use(async (ctx, next) => {});
        new Router().get("/a", (ctx) => {});
        new Hono().post("/b", (c) => c.text("ok"));
        http.createServer((req, res) => {});
      `).map(({ line, framework, request, response }) => [line, framework, request, response]),
    ).toEqual([
      [6, "koa", "ctx", undefined],
      [7, "koa", "ctx", undefined],
      [8, "hono", "c", undefined],
      [9, "node", "req", "res"],
    ]);
  });

  it("finds NestJS controller methods and their identity parameters", () => {
    expect(
      handlers(`
        import { Body, Controller, Get, Post, Req, Session } from "@nestjs/common";
        import { CurrentUser } from "../auth/current-user.decorator";
        @Controller("cart")
        export class CartController {
          @Post()
          add(@Session() session: unknown, @Body() item: unknown, @CurrentUser() user: unknown) {}
          @Get()
          list(@Req() req: unknown) {}
          helper() {}
        }
      `),
    ).toEqual([
      { line: 7, framework: "nest", request: undefined, response: undefined, identity: ["session", "user"] },
      { line: 9, framework: "nest", request: "req", response: undefined, identity: [] },
    ]);
  });

  it("finds Next.js API routes and route handlers by their file", () => {
    expect(handlers(`export default function handler(req, res) {}`, "src/pages/api/cart.ts")).toHaveLength(1);
    expect(handlers(`export async function POST(request) {} export function helper(request) {}`, "src/app/api/cart/route.ts")).toEqual([
      { line: 1, framework: "next", request: "request", response: undefined, identity: [] },
    ]);
    expect(handlers(`export default function handler(req, res) {}`, "src/lib/cart.ts")).toEqual([
      { line: 1, framework: "unknown", request: "req", response: "res", identity: [] },
    ]);
  });

  it("finds handlers by their annotated types and, last, by the (req, res) convention", () => {
    expect(
      handlers(`
        import type { Request, Response, RequestHandler } from "express";
        import type { FastifyRequest } from "fastify";
        export const a = (req: Request, res: Response) => {};
        export const b: RequestHandler = (q, s) => {};
        export async function c(request: FastifyRequest) {}
        export function d(req, res) {}
        export function e(request, options) {}
        export function f(ctx, next) {}
      `).map(({ line, framework }) => [line, framework]),
    ).toEqual([
      [4, "express"],
      [5, "express"],
      [6, "fastify"],
      [7, "unknown"],
    ]);
  });

  it("with type information, finds handlers by their inferred parameter types, through local aliases", () => {
    const files = {
      "src/types.ts": `import type express from "express";\nexport type Req = express.Request;\n`,
      "src/cart.ts": `import type { Req } from "./types";\nexport function addItem(r: Req, reply: unknown) {}\nexport function helper(x: string) {}\n`,
      "node_modules/@types/express/index.d.ts": `declare namespace e { interface Request { session: Record<string, string> } }\ndeclare function e(): unknown;\nexport = e;\n`,
    };
    const typed = program(files);
    expect(handlers(files["src/cart.ts"], path.join(ROOT, "src/cart.ts"), [typed]).map(({ line, framework, request }) => [line, framework, request])).toEqual([
      [2, "express", "r"],
    ]);
    // Without type information the alias says nothing.
    expect(handlers(files["src/cart.ts"], "cart.ts")).toEqual([]);
  });
});

describe("serverObjectOf", () => {
  function servers(code: string): (string | undefined)[] {
    const found: (string | undefined)[] = [];
    const probe = {
      meta: { type: "problem", schema: [], messages: {} },
      create(context: TSESLint.RuleContext<string, unknown[]>) {
        return {
          "CallExpression > MemberExpression.callee[property.name='listen']"(node: TSESTree.MemberExpression) {
            const server = serverObjectOf(context, node.object);
            found.push(server ? `${server.framework}:${server.kind}` : undefined);
          },
        };
      },
    };
    const linter = new Linter({ configType: "flat" });
    linter.verify(code, [{ files: ["**/*.ts"], languageOptions: { parser: tseslint.parser as Linter.Parser }, plugins: { t: { rules: { probe: probe as never } } }, rules: { "t/probe": "error" } }], "file.ts");
    return found;
  }

  it("follows factories, variables, chained configuration, annotations and what listen returns", () => {
    expect(
      servers(`
        import express, { type Express } from "express";
        import Koa from "koa";
        import http from "node:http";
        import { NestFactory } from "@nestjs/core";
        const app = express();
        app.listen(1);
        new Koa().use(mw).listen(2);
        const server = http.createServer(app);
        server.listen(3);
        let later;
        later = app.listen(4);
        later.listen(5);
        function start(given: Express) { given.listen(6); }
        async function nest() { const nestApp = await NestFactory.create(AppModule); await nestApp.listen(7); }
        require("fastify")().listen({ port: 8 });
        unknown.listen(9);
        express.Router().listen(10);
      `),
    ).toEqual([
      "express:app",
      "koa:app",
      "node:server",
      "express:app",
      "node:server",
      "express:app",
      "nest:app",
      "fastify:app",
      undefined,
      "express:router",
    ]);
  });
});
