import { AST_NODE_TYPES } from "@typescript-eslint/types";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { declaredTypeOf } from "./declaring-module.ts";
import { propertyName, resolveImport } from "./imports.ts";
import { resolveTypeName, serverObjectOf, type ServerFramework } from "./server-objects.ts";

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

export type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

/**
 * A function that serves HTTP requests, and which of its parameters carry the request:
 * - `request`: the request, or the context object of Koa and Hono (`req`, `request`, `ctx`, `c`);
 * - `response`: the response or reply, when it is a separate parameter;
 * - `identity`: parameters that are the caller's session or user (NestJS `@Session()`, `@CurrentUser()`);
 * - `data`: parameters holding request data (NestJS `@Body()`, `@Param()`, `@Query()`, `@Headers()`).
 */
export interface RequestHandler {
  framework: ServerFramework | "next" | "unknown";
  request: TSESTree.Parameter | undefined;
  response: TSESTree.Parameter | undefined;
  identity: TSESTree.Parameter[];
  data: TSESTree.Parameter[];
}

/** Methods that register route handlers or middleware on an app or router. */
const ROUTE_METHODS = new Set([
  "get", "post", "put", "patch", "delete", "del", "all", "use", "options", "head", "route", "on", "any", "param",
]);
const HTTP_EXPORTS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);
/** Fastify route options and hooks whose functions receive `(request, reply)`. */
const FASTIFY_HANDLER_KEYS = new Set(["handler", "preHandler", "onRequest", "preValidation", "preParsing", "preSerialization", "onSend", "onResponse"]);

/** Types of a request parameter, by the module that exports them. */
const REQUEST_TYPES: Record<string, string[]> = {
  express: ["Request"],
  "express-serve-static-core": ["Request"],
  fastify: ["FastifyRequest"],
  koa: ["Context", "ParameterizedContext", "DefaultContext"],
  hono: ["Context"],
  next: ["NextApiRequest"],
  "next/server": ["NextRequest"],
  http: ["IncomingMessage"],
  http2: ["Http2ServerRequest"],
};
/** Types of a whole handler (`const handler: RequestHandler = (req, res) => …`). */
const HANDLER_TYPES: Record<string, string[]> = {
  express: ["RequestHandler", "Handler", "ErrorRequestHandler"],
  "express-serve-static-core": ["RequestHandler"],
  fastify: ["RouteHandlerMethod", "RouteHandler"],
  koa: ["Middleware"],
  hono: ["Handler", "MiddlewareHandler"],
  next: ["NextApiHandler"],
};
const FRAMEWORK_OF_MODULE: Record<string, RequestHandler["framework"]> = {
  express: "express",
  "express-serve-static-core": "express",
  fastify: "fastify",
  koa: "koa",
  hono: "hono",
  next: "next",
  "next/server": "next",
  http: "node",
  http2: "node",
};

const NEST_ROUTES = new Set(["Get", "Post", "Put", "Patch", "Delete", "All", "Options", "Head", "Search", "Sse"]);
const NEST_GRAPHQL = new Set(["Query", "Mutation", "Subscription", "ResolveField"]);
const NEST_DATA = new Set(["Body", "Param", "Query", "Headers", "Ip", "HostParam", "Args"]);
/** Custom NestJS parameter decorators that, by convention, inject the caller (`@CurrentUser()`, `@AuthUser()`). */
const NEST_IDENTITY_DECORATOR = /(?:user|session|principal|account|identity|auth)/iu;

const cache = new WeakMap<FunctionNode, RequestHandler | null>();

/** `responseIndex` null: the framework has no separate response parameter (Koa's and Hono's context is both). */
function handler(
  framework: RequestHandler["framework"],
  fn: FunctionNode,
  requestIndex = 0,
  responseIndex: number | null = requestIndex + 1,
): RequestHandler {
  const request = fn.params[requestIndex];
  const response = responseIndex === null ? undefined : fn.params[responseIndex];
  return { framework, request, response, identity: [], data: [] };
}

/** For Express-style middleware, `(err, req, res, next)` takes the request second. */
function expressStyle(framework: RequestHandler["framework"], fn: FunctionNode): RequestHandler {
  if (framework === "koa" || framework === "hono") return handler(framework, fn, 0, null);
  if (framework === "fastify") return handler(framework, fn);
  return fn.params.length >= 4 ? handler(framework, fn, 1, 2) : handler(framework, fn);
}

/** `app.get("/", fn)`, `router.post("/", auth, fn)`, `app.use([a, fn])`, `fastify.route({ handler: fn })`. */
function registeredHandler(context: Context, fn: FunctionNode): RequestHandler | undefined {
  let argument: TSESTree.Node = fn;
  if (argument.parent?.type === AST_NODE_TYPES.ArrayExpression) argument = argument.parent;
  const { parent } = argument;
  if (parent?.type === AST_NODE_TYPES.Property && parent.value === argument && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
    // Fastify's route options: `fastify.route({ method, url, handler })`, `fastify.get(url, { handler })`.
    const key = propertyName(parent.key, parent.computed);
    const call = parent.parent.parent;
    if (!key || !FASTIFY_HANDLER_KEYS.has(key) || call?.type !== AST_NODE_TYPES.CallExpression) return undefined;
    if (call.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const owner = serverObjectOf(context, call.callee.object);
    return owner?.framework === "fastify" ? handler("fastify", fn) : undefined;
  }
  if (parent?.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(argument as TSESTree.CallExpressionArgument)) {
    return undefined;
  }
  const callee = resolveImport(context, parent.callee);
  // `http.createServer(handler)`, `https.createServer(options, handler)`
  if (callee && ["http", "https", "http2"].includes(callee.module) && /^create(?:Secure)?Server$/u.test(callee.path.join("."))) {
    return handler("node", fn);
  }
  if (parent.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = propertyName(parent.callee.property, parent.callee.computed);
  if (!method) return undefined;
  const owner = serverObjectOf(context, parent.callee.object);
  if (!owner) return undefined;
  if (owner.kind === "server") {
    // `server.on("request", handler)`
    const event = parent.arguments[0];
    return method === "on" && event?.type === AST_NODE_TYPES.Literal && event.value === "request" ? handler("node", fn) : undefined;
  }
  if (method === "addHook" && owner.framework === "fastify") return handler("fastify", fn);
  if (!ROUTE_METHODS.has(method) || (method === "on" && owner.framework !== "hono")) return undefined;
  return expressStyle(owner.framework, fn);
}

function typeReferenceIn(context: Context, annotation: TSESTree.TypeNode | undefined, table: Record<string, string[]>): string | undefined {
  if (annotation?.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
  const reference = resolveTypeName(context, annotation.typeName);
  if (!reference) return undefined;
  const name = reference.path.at(-1);
  return name && table[reference.module]?.includes(name) ? reference.module : undefined;
}

function paramAnnotation(param: TSESTree.Parameter | undefined): TSESTree.TypeNode | undefined {
  if (!param) return undefined;
  const target = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
  return "typeAnnotation" in target ? target.typeAnnotation?.typeAnnotation : undefined;
}

/** `(req: Request, res: Response)`, `const h: RequestHandler = …`, or (with type information) the inferred types. */
function typedHandler(context: Context, fn: FunctionNode): RequestHandler | undefined {
  for (const [index, param] of fn.params.slice(0, 2).entries()) {
    const module = typeReferenceIn(context, paramAnnotation(param), REQUEST_TYPES);
    if (module) return handler(FRAMEWORK_OF_MODULE[module]!, fn, index, module === "koa" || module === "hono" ? null : index + 1);
  }
  const declarator = fn.parent;
  if (declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.id.type === AST_NODE_TYPES.Identifier) {
    const module = typeReferenceIn(context, declarator.id.typeAnnotation?.typeAnnotation, HANDLER_TYPES);
    if (module) {
      const framework = FRAMEWORK_OF_MODULE[module]!;
      return framework === "node" || framework === "next" ? handler(framework, fn) : expressStyle(framework, fn);
    }
  }
  for (const [index, param] of fn.params.slice(0, 2).entries()) {
    const declared = declaredTypeOf(context, param);
    if (declared && REQUEST_TYPES[declared.module]?.includes(declared.name)) {
      const framework = FRAMEWORK_OF_MODULE[declared.module]!;
      return handler(framework, fn, index, framework === "koa" || framework === "hono" ? null : index + 1);
    }
  }
  return undefined;
}

function decoratorName(context: Context, decorator: TSESTree.Decorator): { module: string | undefined; name: string } | undefined {
  const expression = decorator.expression.type === AST_NODE_TYPES.CallExpression ? decorator.expression.callee : decorator.expression;
  const reference = resolveImport(context, expression);
  if (reference) return { module: reference.module, name: reference.path.at(-1) ?? "" };
  return expression.type === AST_NODE_TYPES.Identifier ? { module: undefined, name: expression.name } : undefined;
}

/** A method of a NestJS `@Controller()` with a route decorator, or a GraphQL `@Resolver()` query or mutation. */
function nestHandler(context: Context, fn: FunctionNode): RequestHandler | undefined {
  const method = fn.parent;
  if (method?.type !== AST_NODE_TYPES.MethodDefinition || method.value !== fn) return undefined;
  const classNode = method.parent.parent;
  if (classNode.type !== AST_NODE_TYPES.ClassDeclaration && classNode.type !== AST_NODE_TYPES.ClassExpression) return undefined;
  const classDecorators = classNode.decorators.map((decorator) => decoratorName(context, decorator));
  const isController = classDecorators.some((d) => d?.module === "@nestjs/common" && d.name === "Controller");
  const isResolver = classDecorators.some((d) => d?.module === "@nestjs/graphql" && d.name === "Resolver");
  const routes = method.decorators.map((decorator) => decoratorName(context, decorator));
  const isRoute =
    (isController && routes.some((d) => d?.module === "@nestjs/common" && NEST_ROUTES.has(d.name))) ||
    (isResolver && routes.some((d) => d?.module === "@nestjs/graphql" && NEST_GRAPHQL.has(d.name)));
  if (!isRoute) return undefined;

  const found: RequestHandler = { framework: "nest", request: undefined, response: undefined, identity: [], data: [] };
  for (const param of fn.params) {
    const target = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
    for (const decorator of "decorators" in target ? target.decorators : []) {
      const d = decoratorName(context, decorator);
      if (!d) continue;
      if (d.module === "@nestjs/common" && (d.name === "Req" || d.name === "Request")) found.request = param;
      else if (d.module === "@nestjs/common" && (d.name === "Res" || d.name === "Response")) found.response = param;
      else if (d.module === "@nestjs/common" && d.name === "Session") found.identity.push(param);
      else if (NEST_DATA.has(d.name) && (d.module === "@nestjs/common" || d.module === "@nestjs/graphql")) found.data.push(param);
      else if (d.module !== "@nestjs/common" && NEST_IDENTITY_DECORATOR.test(d.name)) found.identity.push(param);
    }
  }
  return found;
}

/** Next.js API routes (`pages/api/**`: the default export) and route handlers (`app/**\/route.ts`: `GET`, `POST`, …). */
function nextHandler(context: Context, fn: FunctionNode): RequestHandler | undefined {
  const file = context.filename.replaceAll("\\", "/");
  let exported: TSESTree.Node | undefined = fn.parent;
  if (exported?.type === AST_NODE_TYPES.VariableDeclarator) exported = exported.parent.parent;
  if (/(?:^|\/)pages\/api\//u.test(file) && exported?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return handler("next", fn);
  if (/(?:^|\/)app\/(?:.*\/)?route\.[cm]?[jt]sx?$/u.test(file) && exported?.type === AST_NODE_TYPES.ExportNamedDeclaration) {
    const name = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn.id?.name : fn.parent?.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.id.type === AST_NODE_TYPES.Identifier ? fn.parent.id.name : undefined;
    if (name && HTTP_EXPORTS.has(name)) return handler("next", fn, 0, null);
  }
  return undefined;
}

const REQUEST_NAMES = new Set(["req", "request"]);
const RESPONSE_NAMES = new Set(["res", "response", "reply", "resp"]);

/**
 * The conventional `(req, res)` / `(request, reply)` signature. Controllers are often defined in
 * their own files, away from the router that registers them, and written in plain JavaScript; the
 * two parameter names together are the only sign left.
 */
function conventionalHandler(fn: FunctionNode): RequestHandler | undefined {
  const [first, second] = fn.params;
  if (first?.type !== AST_NODE_TYPES.Identifier || second?.type !== AST_NODE_TYPES.Identifier) return undefined;
  return REQUEST_NAMES.has(first.name) && RESPONSE_NAMES.has(second.name) ? handler("unknown", fn) : undefined;
}

/**
 * Whether `fn` serves HTTP requests, recognised by how it is registered (`app.get("/", fn)`,
 * `http.createServer(fn)`, fastify route options), by its parameter types (annotations, or the
 * inferred types with type information), as a NestJS controller method or a Next.js route, and
 * finally by the conventional `(req, res)` parameter names.
 */
export function requestHandlerOf(context: Context, fn: FunctionNode): RequestHandler | undefined {
  const cached = cache.get(fn);
  if (cached !== undefined) return cached ?? undefined;
  const found =
    registeredHandler(context, fn) ?? nestHandler(context, fn) ?? nextHandler(context, fn) ?? typedHandler(context, fn) ?? conventionalHandler(fn);
  cache.set(fn, found ?? null);
  return found;
}

/** The innermost request handler that contains `node` (the handler itself or a callback inside it). */
export function enclosingRequestHandler(
  context: Context,
  node: TSESTree.Node,
): { fn: FunctionNode; handler: RequestHandler } | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (
      current.type === AST_NODE_TYPES.ArrowFunctionExpression ||
      current.type === AST_NODE_TYPES.FunctionExpression ||
      current.type === AST_NODE_TYPES.FunctionDeclaration
    ) {
      const found = requestHandlerOf(context, current);
      if (found) return { fn: current, handler: found };
    }
  }
  return undefined;
}
