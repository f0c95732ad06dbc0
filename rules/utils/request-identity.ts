import * as ASTUtils from "@typescript-eslint/utils/ast-utils";
import { AST_NODE_TYPES } from "@typescript-eslint/types";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { propertyName } from "./imports.ts";
import type { RequestHandler } from "./request-handlers.ts";
import { unwrapExpression } from "./expressions.ts";

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
type Variable = TSESLint.Scope.Variable;

/**
 * Names that identify who is calling: the user, the session, the credentials they sent.
 * Compared without case and separators, so `userId`, `user_id` and `x-user-id` all count.
 */
const IDENTITY_NAMES = new Set([
  "user", "userid", "uid", "sub", "subject", "session", "sessionid", "sid", "sessiontoken", "token", "accesstoken",
  "authtoken", "bearertoken", "refreshtoken", "jwt", "apikey", "auth", "authorization", "cookie", "cookies",
  "signedcookies", "email", "username", "login", "principal", "identity", "claims", "account", "accountid",
  "customer", "customerid", "member", "memberid", "player", "playerid", "owner", "ownerid", "visitor", "visitorid",
]);
const IDENTITY_SUFFIXES = ["userid", "sessionid", "user", "session", "token", "customerid", "accountid", "username", "email"];

/** Calls that return their receiver or argument in another form: the identity survives them. */
const TRANSPARENT_METHODS = new Set([
  "toString", "toLowerCase", "toUpperCase", "trim", "trimStart", "trimEnd", "slice", "substring", "substr", "replace",
  "replaceAll", "split", "at", "normalize", "valueOf", "padStart", "padEnd", "concat",
]);
const TRANSPARENT_FUNCTIONS = new Set(["String", "Number", "BigInt", "encodeURIComponent", "decodeURIComponent"]);
/** Request accessors that read a header, cookie or context variable by name: `req.get("authorization")`, `c.get("user")`. */
const GETTERS = new Set(["get", "header", "getHeader", "cookie", "getCookie", "param", "var"]);

/** Values that are live connections: a map keyed by, or holding, one of these is a connection registry. */
const CONNECTION_NAMES = /^(?:ws|websocket|socket|sock|conn|connection|stream|res|response|reply|sse|eventstream|subscriber|client|channel)$/iu;

function normalize(name: string): string {
  return name.replace(/[^A-Za-z0-9]/gu, "").toLowerCase();
}

export function isIdentityName(name: string, extra: ReadonlySet<string> = new Set()): boolean {
  const normalized = normalize(name);
  if (!normalized) return false;
  return IDENTITY_NAMES.has(normalized) || extra.has(normalized) || IDENTITY_SUFFIXES.some((suffix) => normalized.endsWith(suffix));
}

type Role = "request" | "response" | "identity" | "data";

/**
 * Follows values inside one request handler back to what they were derived from: the request (or
 * Koa/Hono context), its response, or who the caller is (`req.session.userId`, `req.user.id`,
 * `req.get("authorization")`, a NestJS `@Session()` parameter, and locals assigned from these).
 *
 * A value is *request-derived* when it is computed from the request in any way, and carries the
 * *identity* of the caller when it is read from the session, user or credentials, or when it is
 * request-derived and named for the caller (`const user = await load(req)`, `decoded.sub`).
 * Identity flows through string conversions and templates, not through arbitrary calls:
 * `jwt.decode(token).header.kid` is the id of a signing key, the same for every caller.
 */
export class RequestIdentity {
  private readonly roles = new Map<Variable, Role>();
  private readonly extra: ReadonlySet<string>;

  constructor(
    private readonly context: Context,
    handler: RequestHandler,
    extraIdentityNames: readonly string[] = [],
  ) {
    this.extra = new Set(extraIdentityNames.map(normalize));
    this.addParameter(handler.request, "request");
    this.addParameter(handler.response, "response");
    for (const param of handler.identity) this.addParameter(param, "identity");
    for (const param of handler.data) this.addParameter(param, "data");
  }

  private addParameter(param: TSESTree.Parameter | undefined, role: Role): void {
    if (!param) return;
    const target = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
    const pattern = target.type === AST_NODE_TYPES.AssignmentPattern ? target.left : target;
    for (const variable of this.context.sourceCode.getDeclaredVariables(param.parent as TSESTree.Node)) {
      const identifier = variable.defs[0]?.name;
      if (!identifier || !this.within(identifier, pattern)) continue;
      // `({ session, body }, res) => …`: each destructured part gets its own role.
      const part = identifier === pattern ? role : role === "request" && this.isIdentityNameAt(identifier, pattern) ? "identity" : role === "request" ? "data" : role;
      this.roles.set(variable, part);
    }
  }

  private within(node: TSESTree.Node, container: TSESTree.Node): boolean {
    return node.range[0] >= container.range[0] && node.range[1] <= container.range[1];
  }

  /** In a destructured parameter, whether any key on the way to `identifier` names the caller. */
  private isIdentityNameAt(identifier: TSESTree.Node, pattern: TSESTree.Node): boolean {
    for (let current: TSESTree.Node | undefined = identifier; current && current !== pattern; current = current.parent) {
      if (current.type === AST_NODE_TYPES.Property) {
        const key = propertyName(current.key, current.computed);
        if (key && isIdentityName(key, this.extra)) return true;
      }
    }
    return false;
  }

  private variableOf(identifier: TSESTree.Identifier): Variable | undefined {
    return ASTUtils.findVariable(this.context.sourceCode.getScope(identifier), identifier) ?? undefined;
  }

  /** The value a local was assigned, with the destructuring path: `const { a: { b } } = x` → `x`, ["a", "b"]. */
  private definitionOf(variable: Variable): { init: TSESTree.Node; path: string[] } | undefined {
    if (variable.defs.length !== 1) return undefined;
    const definition = variable.defs[0]!;
    if (definition.type !== "Variable" || !definition.node.init) return undefined;
    const path: string[] = [];
    for (let current: TSESTree.Node = definition.name; current !== definition.node.id; current = current.parent!) {
      if (current.type === AST_NODE_TYPES.Property) {
        const key = propertyName(current.key, current.computed);
        if (key === undefined) return undefined;
        path.unshift(key);
      }
    }
    return { init: definition.node.init, path };
  }

  private roleOf(identifier: TSESTree.Identifier, seen: Set<Variable>): Role | undefined {
    const variable = this.variableOf(identifier);
    if (!variable || seen.has(variable)) return undefined;
    const role = this.roles.get(variable);
    if (role) return role;
    const definition = this.definitionOf(variable);
    if (!definition) return undefined;
    seen.add(variable);
    try {
      if (this.identityAt(definition.init, seen)) return "identity";
      if (this.derivedAt(definition.init, seen)) {
        const named = [...definition.path, identifier.name].some((name) => isIdentityName(name, this.extra));
        return named ? "identity" : "data";
      }
      return undefined;
    } finally {
      seen.delete(variable);
    }
  }

  private stringArgument(call: TSESTree.CallExpression, index = 0): string | undefined {
    const argument = call.arguments[index];
    return argument?.type === AST_NODE_TYPES.Literal && typeof argument.value === "string" ? argument.value : undefined;
  }

  private identityAt(node: TSESTree.Node, seen: Set<Variable>): boolean {
    const expression = unwrapExpression(node);
    switch (expression.type) {
      case AST_NODE_TYPES.Identifier:
        return this.roleOf(expression, seen) === "identity";
      case AST_NODE_TYPES.MemberExpression: {
        if (this.identityAt(expression.object, seen)) return true;
        const name = propertyName(expression.property, expression.computed);
        return name !== undefined && isIdentityName(name, this.extra) && this.derivedAt(expression.object, seen);
      }
      case AST_NODE_TYPES.CallExpression: {
        const { callee } = expression;
        if (callee.type === AST_NODE_TYPES.MemberExpression) {
          const method = propertyName(callee.property, callee.computed);
          if (method && TRANSPARENT_METHODS.has(method)) return this.identityAt(callee.object, seen);
          // `req.get("authorization")`, `ctx.cookies.get("sid")`, `c.get("user")`
          const key = this.stringArgument(expression);
          if (method && GETTERS.has(method) && key && isIdentityName(key, this.extra)) return this.derivedAt(callee.object, seen);
          return false;
        }
        if (callee.type === AST_NODE_TYPES.Identifier && TRANSPARENT_FUNCTIONS.has(callee.name)) {
          return expression.arguments.some((argument) => this.identityAt(argument, seen));
        }
        // `getCookie(c, "session")` (Hono)
        const key = this.stringArgument(expression, 1);
        return key !== undefined && isIdentityName(key, this.extra) && expression.arguments[0] !== undefined && this.derivedAt(expression.arguments[0], seen);
      }
      case AST_NODE_TYPES.TemplateLiteral:
        return expression.expressions.some((part) => this.identityAt(part, seen));
      case AST_NODE_TYPES.BinaryExpression:
        return expression.operator === "+" && (this.identityAt(expression.left, seen) || this.identityAt(expression.right, seen));
      case AST_NODE_TYPES.LogicalExpression:
        return this.identityAt(expression.left, seen) || this.identityAt(expression.right, seen);
      case AST_NODE_TYPES.ConditionalExpression:
        return this.identityAt(expression.consequent, seen) || this.identityAt(expression.alternate, seen);
      default:
        return false;
    }
  }

  private derivedAt(node: TSESTree.Node, seen: Set<Variable>): boolean {
    const expression = unwrapExpression(node);
    switch (expression.type) {
      case AST_NODE_TYPES.Identifier: {
        const role = this.roleOf(expression, seen);
        return role !== undefined && role !== "response";
      }
      case AST_NODE_TYPES.ThisExpression:
        return false;
      case AST_NODE_TYPES.MemberExpression:
        return this.derivedAt(expression.object, seen) || (expression.computed && this.derivedAt(expression.property, seen));
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
        return (
          (expression.callee.type === AST_NODE_TYPES.MemberExpression && this.derivedAt(expression.callee.object, seen)) ||
          expression.arguments.some((argument) => this.derivedAt(argument, seen))
        );
      case AST_NODE_TYPES.SpreadElement:
        return this.derivedAt(expression.argument, seen);
      case AST_NODE_TYPES.TemplateLiteral:
        return expression.expressions.some((part) => this.derivedAt(part, seen));
      case AST_NODE_TYPES.BinaryExpression:
      case AST_NODE_TYPES.LogicalExpression:
        return this.derivedAt(expression.left, seen) || this.derivedAt(expression.right, seen);
      case AST_NODE_TYPES.ConditionalExpression:
        return this.derivedAt(expression.consequent, seen) || this.derivedAt(expression.alternate, seen);
      case AST_NODE_TYPES.UnaryExpression:
        return this.derivedAt(expression.argument, seen);
      case AST_NODE_TYPES.ObjectExpression:
        return expression.properties.some((property) =>
          property.type === AST_NODE_TYPES.SpreadElement ? this.derivedAt(property.argument, seen) : this.derivedAt(property.value, seen),
        );
      case AST_NODE_TYPES.ArrayExpression:
        return expression.elements.some((element) => element !== null && this.derivedAt(element, seen));
      default:
        return false;
    }
  }

  /** Whether `node` says who the caller is: their session, user, credentials, or a value derived from them. */
  isIdentity(node: TSESTree.Node): boolean {
    return this.identityAt(node, new Set());
  }

  /** Whether `node` is computed from the request in any way. */
  isRequestDerived(node: TSESTree.Node): boolean {
    return this.derivedAt(node, new Set());
  }

  /**
   * Whether `node` is a live connection: the handler's response object, a socket, a stream. A map
   * from users to their open connections (server-sent events, WebSockets) cannot move to a shared store.
   */
  isConnection(node: TSESTree.Node): boolean {
    const expression = unwrapExpression(node);
    if (expression.type === AST_NODE_TYPES.Identifier) {
      const variable = this.variableOf(expression);
      return (variable !== undefined && this.roles.get(variable) === "response") || CONNECTION_NAMES.test(expression.name);
    }
    if (expression.type === AST_NODE_TYPES.MemberExpression) {
      const name = propertyName(expression.property, expression.computed);
      return (name !== undefined && CONNECTION_NAMES.test(name)) || (name === "raw" && this.isConnection(expression.object));
    }
    if (expression.type === AST_NODE_TYPES.NewExpression && expression.callee.type === AST_NODE_TYPES.Identifier) {
      return /WebSocket|EventSource|AbortController/u.test(expression.callee.name);
    }
    if (expression.type === AST_NODE_TYPES.CallExpression && expression.callee.type === AST_NODE_TYPES.Identifier) {
      return expression.callee.name === "setTimeout" || expression.callee.name === "setInterval";
    }
    return false;
  }
}
