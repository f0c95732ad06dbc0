import * as ASTUtils from "@typescript-eslint/utils/ast-utils";
import { AST_NODE_TYPES } from "@typescript-eslint/types";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { propertyName } from "./imports.ts";
import { calleeName, memberName, type FunctionNode } from "./expressions.ts";

/**
 * Where a request handler reads the request body, whatever the framework:
 *
 *     req.body, req.rawBody                         Express, Fastify, Next.js pages
 *     ctx.request.body, ctx.request.rawBody         Koa
 *     await c.req.json(), c.req.text(), c.req.valid("json")    Hono
 *     await request.json(), request.text()          Web Request (Next.js app router)
 *     @Body() body, @RawBody() raw, @Req() req → req.body      NestJS
 *     ({ body }, res) => ..., const { body } = req  destructuring
 *
 * `isRaw` tells a raw body (`rawBody`, `text()`, `arrayBuffer()`) from a parsed one.
 */
export interface BodyRead {
  node: TSESTree.Node;
  isRaw: boolean;
}

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

const BODY_PROPERTIES: Record<string, boolean> = { body: false, rawBody: true };
/** Request methods that read the body; they take no arguments (Hono's `c.json(data)` and `c.text("ok")` respond). */
const BODY_METHODS: Record<string, boolean> = { json: false, text: true, formData: false, arrayBuffer: true, blob: true, parseBody: false };
const REQUEST_PROPERTIES = new Set(["request", "req"]);

function decoratorNames(parameter: TSESTree.Parameter): string[] {
  const node = parameter.type === AST_NODE_TYPES.TSParameterProperty ? parameter.parameter : parameter;
  const decorators = "decorators" in node ? node.decorators : [];
  return (decorators ?? []).flatMap((decorator) =>
    decorator.expression.type === AST_NODE_TYPES.CallExpression ? [calleeName(decorator.expression) ?? ""] : [],
  );
}

function parameterIdentifier(parameter: TSESTree.Parameter): TSESTree.Node {
  let node: TSESTree.Node = parameter.type === AST_NODE_TYPES.TSParameterProperty ? parameter.parameter : parameter;
  if (node.type === AST_NODE_TYPES.AssignmentPattern) node = node.left;
  return node;
}

class BodyReads {
  readonly reads: BodyRead[] = [];
  /** Identifiers and patterns that hold the request (or Koa/Hono context). */
  readonly requests: TSESTree.Node[] = [];
  private readonly seen = new Set<TSESTree.Node>();

  constructor(private readonly context: Context) {}

  /** A binding that holds the request: follow every read of it. */
  request(binding: TSESTree.Node): void {
    if (this.seen.has(binding)) return;
    this.seen.add(binding);
    this.requests.push(binding);
    if (binding.type === AST_NODE_TYPES.ObjectPattern) {
      for (const property of binding.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const key = propertyName(property.key, property.computed);
        const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
        if (key !== undefined && key in BODY_PROPERTIES) this.body(value, BODY_PROPERTIES[key]!);
        else if (key !== undefined && REQUEST_PROPERTIES.has(key)) this.request(value);
      }
      return;
    }
    if (binding.type !== AST_NODE_TYPES.Identifier) return;
    for (const reference of this.referencesOf(binding)) this.fromRequest(reference);
  }

  /** A binding that holds the body itself: every read of it is a body read. */
  body(binding: TSESTree.Node, isRaw: boolean): void {
    if (binding.type !== AST_NODE_TYPES.Identifier) return;
    for (const reference of this.referencesOf(binding)) this.reads.push({ node: reference, isRaw });
  }

  private referencesOf(identifier: TSESTree.Identifier): TSESTree.Identifier[] {
    const variable = ASTUtils.findVariable(this.context.sourceCode.getScope(identifier), identifier);
    return (variable?.references ?? []).filter((reference) => reference.isRead()).map((reference) => reference.identifier as TSESTree.Identifier);
  }

  /** `req` was read: is it `req.body`, `req.request.body`, `req.json()`, `const { body } = req`? */
  private fromRequest(node: TSESTree.Node): void {
    const parent = node.parent;
    if (!parent) return;
    if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node) {
      this.request(parent.id);
      return;
    }
    if (parent.type !== AST_NODE_TYPES.MemberExpression || parent.object !== node) return;
    const name = memberName(parent);
    if (name === undefined) return;
    const call = parent.parent;
    const isCalled = call?.type === AST_NODE_TYPES.CallExpression && call.callee === parent;
    if (isCalled) {
      if (name in BODY_METHODS && call.arguments.length === 0) this.reads.push({ node: call, isRaw: BODY_METHODS[name]! });
      else if (name === "valid") this.reads.push({ node: call, isRaw: false });
      return;
    }
    if (name in BODY_PROPERTIES) {
      const isWrite = parent.parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.parent.left === parent;
      if (!isWrite) this.reads.push({ node: parent, isRaw: BODY_PROPERTIES[name]! });
      return;
    }
    if (REQUEST_PROPERTIES.has(name)) {
      const grand = parent.parent;
      if (grand?.type === AST_NODE_TYPES.VariableDeclarator && grand.init === parent) this.request(grand.id);
      else this.fromRequest(parent);
    }
  }
}

/** The body reads of a handler; the request is its first parameter, or Nest's decorated parameters. */
export function bodyReads(context: Context, fn: FunctionNode): { reads: BodyRead[]; requests: TSESTree.Node[] } {
  const found = new BodyReads(context);
  const decorated = fn.params.some((parameter) => decoratorNames(parameter).length > 0);
  if (decorated) {
    for (const parameter of fn.params) {
      const names = decoratorNames(parameter);
      const binding = parameterIdentifier(parameter);
      if (names.includes("Body")) found.body(binding, false);
      else if (names.includes("RawBody")) found.body(binding, true);
      else if (names.includes("Req") || names.includes("Request")) found.request(binding);
    }
  } else if (fn.params[0]) {
    found.request(parameterIdentifier(fn.params[0]));
  }
  found.reads.sort((a, b) => a.node.range[0] - b.node.range[0]);
  return { reads: found.reads, requests: found.requests };
}
