import * as ASTUtils from "@typescript-eslint/utils/ast-utils";
import { AST_NODE_TYPES } from "@typescript-eslint/types";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { declaredTypeOf } from "./declaring-module.ts";
import { propertyName, resolveImport, type ImportReference } from "./imports.ts";
import { isFunctionNode, moduleFunction, resolveLocalFunction, returnedExpressions, unwrapExpression, type FunctionNode } from "./expressions.ts";
import { moduleFilesFor, parsedModule } from "./project-modules.ts";
import { descendants } from "../../sql-lint/embedded/migration-code.ts";

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

export type ServerFramework = "express" | "fastify" | "koa" | "hono" | "nest" | "node" | "restify" | "polka";

/**
 * What an expression holds, when it is part of a server: an `app` (routes, middleware and `listen`),
 * a `router` (routes only) or a Node.js `server` (`http.createServer`, what `app.listen` returns).
 */
export interface ServerObject {
  framework: ServerFramework;
  kind: "app" | "router" | "server";
}

interface Factory extends ServerObject {
  module: string;
  path: string[];
}

/** Calls or constructors that create server objects, by the module they come from. */
const FACTORIES: Factory[] = [
  { module: "express", path: [], framework: "express", kind: "app" },
  { module: "express", path: ["Router"], framework: "express", kind: "router" },
  { module: "fastify", path: [], framework: "fastify", kind: "app" },
  { module: "fastify", path: ["fastify"], framework: "fastify", kind: "app" },
  { module: "koa", path: [], framework: "koa", kind: "app" },
  { module: "koa", path: ["Koa"], framework: "koa", kind: "app" },
  { module: "@koa/router", path: [], framework: "koa", kind: "router" },
  { module: "@koa/router", path: ["Router"], framework: "koa", kind: "router" },
  { module: "koa-router", path: [], framework: "koa", kind: "router" },
  { module: "hono", path: ["Hono"], framework: "hono", kind: "app" },
  { module: "restify", path: ["createServer"], framework: "restify", kind: "app" },
  { module: "polka", path: [], framework: "polka", kind: "app" },
  { module: "@nestjs/core", path: ["NestFactory", "create"], framework: "nest", kind: "app" },
  ...["http", "https", "http2"].flatMap((module): Factory[] => [
    { module, path: ["createServer"], framework: "node", kind: "server" },
    { module, path: ["createSecureServer"], framework: "node", kind: "server" },
    { module, path: ["Server"], framework: "node", kind: "server" },
  ]),
];

/** Type annotations that name server objects (`app: Express`, `fastify: FastifyInstance`). */
const ANNOTATIONS: Factory[] = [
  ...["Express", "Application"].map((name): Factory => ({ module: "express", path: [name], framework: "express", kind: "app" })),
  ...["Router", "IRouter"].map((name): Factory => ({ module: "express", path: [name], framework: "express", kind: "router" })),
  { module: "fastify", path: ["FastifyInstance"], framework: "fastify", kind: "app" },
  { module: "koa", path: [], framework: "koa", kind: "app" },
  { module: "@koa/router", path: [], framework: "koa", kind: "router" },
  { module: "hono", path: ["Hono"], framework: "hono", kind: "app" },
  { module: "@nestjs/common", path: ["INestApplication"], framework: "nest", kind: "app" },
  { module: "@nestjs/platform-express", path: ["NestExpressApplication"], framework: "nest", kind: "app" },
  { module: "@nestjs/platform-fastify", path: ["NestFastifyApplication"], framework: "nest", kind: "app" },
  ...["http", "https", "http2"].map((module): Factory => ({ module, path: ["Server"], framework: "node", kind: "server" })),
];

/** With type information: the packages whose types are server objects. */
const TYPE_MODULES: Record<string, ServerObject> = {
  express: { framework: "express", kind: "app" },
  "express-serve-static-core": { framework: "express", kind: "app" },
  fastify: { framework: "fastify", kind: "app" },
  koa: { framework: "koa", kind: "app" },
  hono: { framework: "hono", kind: "app" },
  "@nestjs/common": { framework: "nest", kind: "app" },
  "@nestjs/core": { framework: "nest", kind: "app" },
  "@nestjs/platform-express": { framework: "nest", kind: "app" },
  "@nestjs/platform-fastify": { framework: "nest", kind: "app" },
  http: { framework: "node", kind: "server" },
  https: { framework: "node", kind: "server" },
  http2: { framework: "node", kind: "server" },
};
const SERVER_TYPE_NAMES = new Set([
  "Express", "Application", "Router", "IRouter", "FastifyInstance", "Koa", "Hono", "INestApplication",
  "NestExpressApplication", "NestFastifyApplication", "Server", "Http2Server", "Http2SecureServer",
]);

const MAX_DEPTH = 8;
const CHAINING_METHODS = new Set(["use", "set", "enable", "disable", "engine"]);

function matches(reference: ImportReference | undefined, entry: Factory): boolean {
  return (
    reference !== undefined &&
    reference.module === entry.module &&
    reference.path.length === entry.path.length &&
    reference.path.every((part, i) => part === entry.path[i])
  );
}

function fromTable(reference: ImportReference | undefined, table: Factory[]): ServerObject | undefined {
  const entry = table.find((candidate) => matches(reference, candidate));
  return entry ? { framework: entry.framework, kind: entry.kind } : undefined;
}

/** `Express`, `express.Express`, `Koa`: the import a type reference names. */
export function resolveTypeName(context: Context, name: TSESTree.EntityName): ImportReference | undefined {
  if (name.type === AST_NODE_TYPES.Identifier) return resolveImport(context, name);
  if (name.type === AST_NODE_TYPES.TSQualifiedName) {
    const base = resolveTypeName(context, name.left);
    if (!base) return undefined;
    return name.right.name === "default" && base.path.length === 0 ? base : { module: base.module, path: [...base.path, name.right.name] };
  }
  return undefined;
}

function fromAnnotation(context: Context, annotation: TSESTree.TSTypeAnnotation | undefined): ServerObject | undefined {
  const type = annotation?.typeAnnotation;
  if (type?.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
  return fromTable(resolveTypeName(context, type.typeName), ANNOTATIONS);
}

function isFastifyPluginFunction(context: Context, fn: TSESTree.Node, depth: number): boolean {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return false;
  // fastify-plugin's `fp(async (fastify, opts) => …)`
  const callee = resolveImport(context, call.callee);
  if (callee?.module === "fastify-plugin" && callee.path.length === 0) return true;
  // `app.register(async (instance) => …)`: the plugin receives a child instance of the app.
  return (
    call.callee.type === AST_NODE_TYPES.MemberExpression &&
    propertyName(call.callee.property, call.callee.computed) === "register" &&
    serverObjectAt(context, call.callee.object, depth + 1)?.framework === "fastify"
  );
}

function fromVariable(context: Context, identifier: TSESTree.Identifier, depth: number): ServerObject | undefined {
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(identifier), identifier);
  if (!variable || variable.defs.length !== 1) return undefined;
  const definition = variable.defs[0]!;
  if (definition.type === "Parameter") {
    const param = definition.name as TSESTree.Identifier;
    const annotated = fromAnnotation(context, param.typeAnnotation);
    if (annotated) return annotated;
    const fn = definition.node;
    if (fn.params[0] === param && isFastifyPluginFunction(context, fn, depth)) return { framework: "fastify", kind: "app" };
    return undefined;
  }
  if (definition.type !== "Variable" || definition.node.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  const annotated = fromAnnotation(context, definition.node.id.typeAnnotation);
  if (annotated) return annotated;
  // `const app = express()`, or `let server; … server = app.listen()`: every value written must agree.
  const writes = variable.references.flatMap((reference) => (reference.writeExpr ? [reference.writeExpr] : []));
  if (writes.length === 0) return undefined;
  const kinds = writes.map((write) => serverObjectAt(context, write, depth + 1));
  const first = kinds[0];
  return first && kinds.every((kind) => kind?.framework === first.framework && kind.kind === first.kind) ? first : undefined;
}

/**
 * What a callee of a module read without scopes names: `fastify` of `import fastify from
 * "fastify"` is that module's default export (path []), `http.createServer` of `import * as http`
 * its `createServer`, `Router` of `const { Router } = require("express")` its `Router`.
 */
function importedInModule(program: TSESTree.Program, callee: TSESTree.Node): ImportReference | undefined {
  const members: string[] = [];
  let root = unwrapExpression(callee);
  while (root.type === AST_NODE_TYPES.MemberExpression && !root.computed) {
    const name = propertyName(root.property, false);
    if (name === undefined) return undefined;
    members.unshift(name);
    root = unwrapExpression(root.object);
  }
  if (root.type !== AST_NODE_TYPES.Identifier) return undefined;
  const local = root.name;
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      for (const specifier of statement.specifiers) {
        if (specifier.local.name !== local) continue;
        const base = specifier.type === AST_NODE_TYPES.ImportSpecifier ? [propertyName(specifier.imported, false) ?? ""] : [];
        return { module: statement.source.value, path: [...base, ...members] };
      }
    } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        const init = declarator.init && unwrapExpression(declarator.init);
        const required = init?.type === AST_NODE_TYPES.CallExpression && init.callee.type === AST_NODE_TYPES.Identifier && init.callee.name === "require" ? init.arguments[0] : undefined;
        if (required?.type !== AST_NODE_TYPES.Literal || typeof required.value !== "string") continue;
        if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === local) return { module: required.value, path: members };
        if (declarator.id.type !== AST_NODE_TYPES.ObjectPattern) continue;
        for (const property of declarator.id.properties) {
          if (property.type === AST_NODE_TYPES.Property && property.value.type === AST_NODE_TYPES.Identifier && property.value.name === local) {
            return { module: required.value, path: [propertyName(property.key, property.computed) ?? "", ...members] };
          }
        }
      }
    }
  }
  return undefined;
}

/** The function a module exports under `path` (`[]` for its default export), read without scopes. */
function exportedFunction(program: TSESTree.Program, path: readonly string[]): FunctionNode | undefined {
  if (path.length > 1) return undefined;
  let name = path[0];
  if (name === undefined) {
    const exported = program.body.find((statement): statement is TSESTree.ExportDefaultDeclaration => statement.type === AST_NODE_TYPES.ExportDefaultDeclaration)?.declaration;
    if (isFunctionNode(exported)) return exported;
    if (exported?.type !== AST_NODE_TYPES.Identifier) return undefined;
    name = exported.name;
  }
  return moduleFunction(program, name);
}

/**
 * What a function of another module of the project builds and returns: `export default async
 * function buildApp() { const server = fastify(…); …; return server; }`. Read from that module's
 * tree: a factory of the table called there, directly or through a `const` of the function.
 */
function builtByModuleFunction(context: Context, call: TSESTree.CallExpression): ServerObject | undefined {
  const reference = resolveImport(context, call.callee);
  const files = reference ? moduleFilesFor(context.filename, reference.module) : [];
  const file = files.length === 1 ? files[0] : undefined;
  const program = file && parsedModule(file);
  const fn = program && reference && exportedFunction(program, reference.path);
  if (!program || !fn) return undefined;
  const built = (node: TSESTree.Node, steps: number): ServerObject | undefined => {
    const value = unwrapExpression(node);
    if (value.type === AST_NODE_TYPES.CallExpression || value.type === AST_NODE_TYPES.NewExpression) return fromTable(importedInModule(program, value.callee), FACTORIES);
    if (value.type !== AST_NODE_TYPES.Identifier || steps > 2) return undefined;
    const declarators = [...descendants(fn.body)].filter(
      (candidate): candidate is TSESTree.VariableDeclarator => candidate.type === AST_NODE_TYPES.VariableDeclarator && candidate.id.type === AST_NODE_TYPES.Identifier && candidate.id.name === value.name,
    );
    return declarators.length === 1 && declarators[0]!.init ? built(declarators[0]!.init, steps + 1) : undefined;
  };
  for (const returned of returnedExpressions(fn)) {
    const found = built(returned, 0);
    if (found) return found;
  }
  return undefined;
}

function serverObjectAt(context: Context, node: TSESTree.Node, depth: number): ServerObject | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const expression = unwrapExpression(node);
  switch (expression.type) {
    case AST_NODE_TYPES.Identifier: {
      const found = fromVariable(context, expression, depth);
      if (found) return found;
      break;
    }
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression: {
      const factory = fromTable(resolveImport(context, expression.callee), FACTORIES);
      if (factory) return factory;
      // A local helper that builds the server: `const createServer = () => http2.createSecureServer(…)`.
      const helper = expression.type === AST_NODE_TYPES.CallExpression ? resolveLocalFunction(context, expression.callee) : undefined;
      for (const returned of helper ? returnedExpressions(helper) : []) {
        const built = serverObjectAt(context, returned, depth + 1);
        if (built) return built;
      }
      // `const app = await buildApp()` of a module of the project.
      const imported = expression.type === AST_NODE_TYPES.CallExpression && !helper ? builtByModuleFunction(context, expression) : undefined;
      if (imported) return imported;
      if (expression.callee.type === AST_NODE_TYPES.MemberExpression) {
        const method = propertyName(expression.callee.property, expression.callee.computed);
        const owner = method && serverObjectAt(context, expression.callee.object, depth + 1);
        if (owner) {
          // `app.listen()` returns the http.Server of Express, Koa, Restify and Polka apps.
          if (method === "listen" && owner.kind === "app" && owner.framework !== "fastify" && owner.framework !== "nest") {
            return { framework: "node", kind: "server" };
          }
          if (method === "getHttpServer" && owner.framework === "nest") return { framework: "node", kind: "server" };
          // `router.route("/path")` returns an Express route: `.get(handler)`, `.post(handler)`.
          if (method === "route" && owner.framework === "express") return { framework: "express", kind: "router" };
          if (method === "basePath" && owner.framework === "hono") return owner;
          // `new Koa().use(router.routes())`, `app.set("trust proxy", 1)`: configuration calls return the app.
          if (CHAINING_METHODS.has(method) && owner.kind === "app" && owner.framework !== "fastify" && owner.framework !== "nest") return owner;
        }
      }
      break;
    }
    case AST_NODE_TYPES.AssignmentExpression:
      // `const app = module.exports = new Koa()`
      if (expression.operator === "=") return serverObjectAt(context, expression.right, depth + 1);
      break;
    case AST_NODE_TYPES.MemberExpression: {
      // `fastify.server` is the underlying http.Server.
      if (propertyName(expression.property, expression.computed) === "server") {
        const owner = serverObjectAt(context, expression.object, depth + 1);
        if (owner?.framework === "fastify") return { framework: "node", kind: "server" };
      }
      break;
    }
    default:
      break;
  }
  const declared = declaredTypeOf(context, expression);
  return declared && SERVER_TYPE_NAMES.has(declared.name) ? TYPE_MODULES[declared.module] : undefined;
}

/**
 * What kind of server object an expression holds: `express()`, `express.Router()`, `fastify()`,
 * `new Koa()`, `new Hono()`, `await NestFactory.create(…)`, `http.createServer(…)` and what `app.listen()`
 * returns, followed through variables, parameters annotated with the framework's types, fastify
 * plugins, and (with type information) any expression whose type the framework declares.
 */
export function serverObjectOf(context: Context, node: TSESTree.Node): ServerObject | undefined {
  return serverObjectAt(context, node, 0);
}
