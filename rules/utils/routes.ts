import * as ASTUtils from "@typescript-eslint/utils/ast-utils";
import { AST_NODE_TYPES } from "@typescript-eslint/types";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { propertyName } from "./imports.ts";
import { calleeName, memberName, resolveLocalFunction, type FunctionNode } from "./expressions.ts";

/**
 * HTTP routes registered in a file, whatever the framework, and the functions that handle them.
 *
 *     app.post("/webhooks/stripe", express.raw(), handler)           Express, koa-router, Hono
 *     router.route("/hooks").post(handler)                           Express
 *     fastify.post("/hooks", { preHandler: [verify] }, handler)      Fastify shorthand
 *     fastify.route({ method: "POST", url: "/hooks", handler })      Fastify full form
 *     @Controller("webhooks") ... @Post("stripe") handle(@Body() b)  NestJS
 *     app/api/webhooks/stripe/route.ts: export async function POST   Next.js app router
 *     pages/api/webhooks/stripe.ts: export default function handler  Next.js pages router
 */
type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

export interface Route {
  /** Where the route is registered (the call, the method definition, the export). */
  node: TSESTree.Node;
  /** Lower-case HTTP method, or `all`. */
  method: string;
  /** The path strings of the registration (a koa-router route name counts too). */
  paths: string[];
  /** What the route is registered on (`app`, `router`); undefined for Nest and Next.js. */
  router: TSESTree.Node | undefined;
  /** What runs before the handler: route middleware, Fastify hooks, Nest guards, handler wrappers. */
  middleware: TSESTree.Node[];
  /** The handler expression as written. */
  handler: TSESTree.Node;
}

export const HTTP_METHODS = new Set(["get", "post", "put", "patch", "delete", "del", "all", "head", "options"]);
const FASTIFY_HOOKS = ["onRequest", "preParsing", "preValidation", "preHandler"];

function pathString(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === "string") return node.value;
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return node.quasis.map((quasi) => quasi.value.cooked ?? "").join(":param");
  return undefined;
}

function pathStrings(node: TSESTree.Node): string[] | undefined {
  if (node.type === AST_NODE_TYPES.ArrayExpression) {
    const paths = node.elements.map((element) => (element ? pathString(element) : undefined));
    return paths.every((path) => path !== undefined) ? (paths as string[]) : undefined;
  }
  const path = pathString(node);
  return path === undefined ? undefined : [path];
}

function objectProperty(object: TSESTree.ObjectExpression, name: string): TSESTree.Node | undefined {
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && propertyName(property.key, property.computed) === name) {
      return property.value;
    }
  }
  return undefined;
}

function hooksOf(options: TSESTree.ObjectExpression): TSESTree.Node[] {
  const hooks: TSESTree.Node[] = [];
  for (const name of FASTIFY_HOOKS) {
    const value = objectProperty(options, name);
    if (!value) continue;
    if (value.type === AST_NODE_TYPES.ArrayExpression) hooks.push(...value.elements.filter((element) => element !== null));
    else hooks.push(value);
  }
  return hooks;
}

/** The route a call registers, if it is a route registration. */
export function routeRegistration(call: TSESTree.CallExpression): Route | undefined {
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = memberName(callee)?.toLowerCase();
  if (method === undefined) return undefined;

  if (method === "route" && call.arguments.length === 1 && call.arguments[0]!.type === AST_NODE_TYPES.ObjectExpression) {
    // fastify.route({ method: "POST", url: "/hooks", preHandler, handler })
    const options = call.arguments[0];
    const methods = objectProperty(options, "method");
    const url = objectProperty(options, "url") ?? objectProperty(options, "path");
    const handler = objectProperty(options, "handler");
    const paths = url ? pathStrings(url) : undefined;
    const verbs = methods ? pathStrings(methods) : undefined;
    if (!paths || !verbs || !handler) return undefined;
    return {
      node: call,
      method: verbs.length === 1 ? verbs[0]!.toLowerCase() : verbs.some((verb) => verb.toUpperCase() === "POST") ? "post" : verbs[0]!.toLowerCase(),
      paths,
      router: callee.object,
      middleware: hooksOf(options),
      handler,
    };
  }

  if (!HTTP_METHODS.has(method)) return undefined;
  const args = call.arguments;
  // router.route("/hooks").post(handler)
  if (callee.object.type === AST_NODE_TYPES.CallExpression && calleeName(callee.object) === "route") {
    const paths = callee.object.arguments[0] ? pathStrings(callee.object.arguments[0]) : undefined;
    const owner = callee.object.callee;
    if (!paths || args.length === 0 || owner.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    return { node: call, method, paths, router: owner.object, middleware: args.slice(0, -1), handler: args[args.length - 1]! };
  }

  const paths: string[] = [];
  let index = 0;
  for (; index < args.length; index++) {
    const found = pathStrings(args[index]!);
    if (!found) break;
    paths.push(...found);
  }
  if (paths.length === 0 || index >= args.length) return undefined;
  const rest = args.slice(index);
  const middleware: TSESTree.Node[] = [];
  const last = rest[rest.length - 1]!;
  let handler: TSESTree.Node = last;
  if (last.type === AST_NODE_TYPES.ObjectExpression) {
    // fastify.post("/hooks", { preHandler, handler })
    const inner = objectProperty(last, "handler");
    if (!inner) return undefined;
    middleware.push(...hooksOf(last));
    handler = inner;
  }
  for (const arg of rest.slice(0, -1)) {
    if (arg.type === AST_NODE_TYPES.ObjectExpression) middleware.push(...hooksOf(arg));
    else middleware.push(arg);
  }
  return { node: call, method, paths, router: callee.object, middleware, handler };
}

/** `asyncHandler(fn)`, `catchErrors(fn)`: the wrapped function and the wrappers. */
export function resolveHandler(context: Context, node: TSESTree.Node): { fn: FunctionNode; wrappers: TSESTree.CallExpression[] } | undefined {
  const wrappers: TSESTree.CallExpression[] = [];
  let current: TSESTree.Node = node;
  for (let depth = 0; depth < 4; depth++) {
    const local = resolveLocalFunction(context, current);
    if (local) return { fn: local, wrappers };
    if (current.type === AST_NODE_TYPES.MemberExpression) {
      const method = objectMethod(context, current);
      return method ? { fn: method, wrappers } : undefined;
    }
    if (current.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const inner = current.arguments.find(
      (arg) =>
        arg.type === AST_NODE_TYPES.FunctionExpression || arg.type === AST_NODE_TYPES.ArrowFunctionExpression || arg.type === AST_NODE_TYPES.Identifier,
    );
    if (!inner) return undefined;
    wrappers.push(current);
    current = inner;
  }
  return undefined;
}

/** `handlers.stripe` where `const handlers = { stripe(req, res) {...} }` is in the same file. */
function objectMethod(context: Context, node: TSESTree.MemberExpression): FunctionNode | undefined {
  if (node.object.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(node.object), node.object);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.type !== "Variable" || definition.node.init?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const name = memberName(node);
  const value = name === undefined ? undefined : objectProperty(definition.node.init, name);
  return value ? resolveLocalFunction(context, value) : undefined;
}

function decoratorCall(decorators: readonly TSESTree.Decorator[] | undefined, names: readonly string[]): TSESTree.CallExpression[] {
  const found: TSESTree.CallExpression[] = [];
  for (const decorator of decorators ?? []) {
    const expression = decorator.expression;
    if (expression.type === AST_NODE_TYPES.CallExpression) {
      const name = calleeName(expression);
      if (name !== undefined && names.includes(name)) found.push(expression);
    }
  }
  return found;
}

const NEST_METHODS: Record<string, string> = { Post: "post", Put: "put", Patch: "patch", All: "all", Get: "get", Delete: "delete" };

/** A NestJS controller method's route: `@Controller("webhooks")` + `@Post("stripe")` → `webhooks/stripe`. */
export function nestRoute(method: TSESTree.MethodDefinition): Route | undefined {
  if (method.value.type !== AST_NODE_TYPES.FunctionExpression) return undefined;
  const classNode = method.parent.parent;
  if (classNode.type !== AST_NODE_TYPES.ClassDeclaration && classNode.type !== AST_NODE_TYPES.ClassExpression) return undefined;
  const controller = decoratorCall(classNode.decorators, ["Controller"])[0];
  if (!controller) return undefined;
  const verb = decoratorCall(method.decorators, Object.keys(NEST_METHODS))[0];
  if (!verb) return undefined;
  const prefixArg = controller.arguments[0];
  const prefix =
    prefixArg?.type === AST_NODE_TYPES.ObjectExpression ? pathString(objectProperty(prefixArg, "path") ?? prefixArg) : prefixArg ? pathString(prefixArg) : "";
  const own = verb.arguments[0] ? pathString(verb.arguments[0]) : "";
  const guards = [...decoratorCall(classNode.decorators, ["UseGuards"]), ...decoratorCall(method.decorators, ["UseGuards"])].flatMap(
    (call) => call.arguments,
  );
  return {
    node: method,
    method: NEST_METHODS[calleeName(verb)!]!,
    paths: [`${prefix ?? ""}/${own ?? ""}`],
    router: undefined,
    middleware: guards,
    handler: method.value,
  };
}

/** The URL path a Next.js route file serves (`app/api/webhooks/stripe/route.ts` → `api/webhooks/stripe`). */
export function nextRoutePath(filename: string): { router: "app" | "pages"; path: string } | undefined {
  const segments = filename.replace(/\\/gu, "/").split("/");
  const file = segments[segments.length - 1] ?? "";
  const appIndex = segments.lastIndexOf("app");
  if (appIndex !== -1 && /^route\.[cm]?[jt]sx?$/u.test(file)) {
    const path = segments.slice(appIndex + 1, -1).filter((segment) => !/^\(.*\)$/u.test(segment));
    return { router: "app", path: path.join("/") };
  }
  const pagesIndex = segments.lastIndexOf("pages");
  if (pagesIndex !== -1 && segments[pagesIndex + 1] === "api" && /\.[cm]?[jt]sx?$/u.test(file)) {
    const rest = segments.slice(pagesIndex + 1);
    rest[rest.length - 1] = file.replace(/\.[cm]?[jt]sx?$/u, "");
    if (rest[rest.length - 1] === "index") rest.pop();
    return { router: "pages", path: rest.join("/") };
  }
  return undefined;
}
