import * as ASTUtils from "@typescript-eslint/utils/ast-utils";
import { AST_NODE_TYPES } from "@typescript-eslint/types";
import type { TSESTree } from "@typescript-eslint/utils";
import { createRule } from "./utils/create-rule.ts";
import { conditionWithin, ordering, type Ordering } from "./utils/execution-order.ts";
import { propertyName, resolveImport } from "./utils/imports.ts";
import { nameWords } from "./utils/name-words.ts";
import { bodyReads, type BodyRead } from "./utils/request-body.ts";
import { nestRoute, nextRoutePath, resolveHandler, routeRegistration, type Route } from "./utils/routes.ts";
import { calleeName, childNodes, enclosingFunction, environmentRead, functionName, isFunctionNode, memberName, resolveLocalFunction, staticString, unwrapExpression, type FunctionNode } from "./utils/expressions.ts";
import { descendants } from "../sql-lint/embedded/migration-code.ts";
import { headerRead, isPublicOperand, isSignatureHeader, secretKind } from "./utils/secret-values.ts";
import { escapeRegExp } from "./utils/regexp.ts";
import { exitsAtOnce, failsOnlyInDevelopment, holdsOnlyInDevelopment } from "./utils/development-only.ts";

type Options = [{ webhookPaths?: string[]; signatureHeaders?: string[]; verifiers?: string[] }];
type MessageIds = "unverified" | "conditional" | "parsedBody" | "nextParsedBody" | "reserialisedBody" | "publicKey";

/** Path words that make a route a webhook receiver on their own. */
const WEBHOOK_PATH = /web-?hooks?|(?:^|[^a-z])hooks?(?:[^a-z]|$)|(?:^|[^a-z])ipn(?:[^a-z]|$)/iu;
/** Last path segments of endpoints that send, test or replay the app's own outgoing webhooks (not `resend` or `trigger`: Resend and Trigger.dev call receivers named for them). */
const OUTGOING_ACTIONS = new Set(["send", "test", "deliver", "redeliver", "retry", "replay", "dispatch"]);
/** Path words that need a provider's name beside them (`/stripe/events`, not `/api/events`). */
const WEAK_PATH_WORDS = new Set(["callback", "callbacks", "events", "event", "notification", "notifications", "notify", "incoming", "inbound", "interactions"]);
const PROVIDERS = new Set([
  "stripe", "github", "gitlab", "bitbucket", "slack", "twilio", "shopify", "paypal", "svix", "clerk", "paddle", "lemonsqueezy",
  "razorpay", "paystack", "sendgrid", "mailgun", "postmark", "resend", "discord", "linear", "intercom", "zoom", "hubspot",
  "square", "plaid", "coinbase", "telegram", "whatsapp", "mollie", "adyen", "braintree", "chargebee", "recurly", "typeform",
  "calendly", "docusign", "vercel", "netlify", "sentry", "segment", "zapier", "polar", "dodo", "revenuecat", "workos",
]);
const RECEIVER_METHODS = new Set(["post", "put", "patch", "all"]);
/** Words of a Nest decorator that hands a handler the signed-in principal, or authorises it: `@CurrentUser()`, `@GetOrgFromRequest()`, `@CheckPolicies()`. */
const PRINCIPAL_WORDS = new Set(["user", "org", "organization", "organisation", "account", "session", "member", "tenant", "principal", "identity", "viewer", "policies", "policy", "roles", "role", "permissions", "permission", "authorize", "authorized", "authorization", "authenticated"]);

/** `@CurrentUser()`, `@GetOrgFromRequest()`, `@CheckPolicies([…])`: a decorator named for the signed-in principal or its permissions. */
function isPrincipalDecorator(decorator: TSESTree.Decorator): boolean {
  const expression = decorator.expression.type === AST_NODE_TYPES.CallExpression ? decorator.expression.callee : decorator.expression;
  const name = expression.type === AST_NODE_TYPES.Identifier ? expression.name : undefined;
  return name !== undefined && nameWords(name).some((word) => PRINCIPAL_WORDS.has(word.toLowerCase()));
}

/** Verifiers by name: Stripe, @octokit/webhooks, Twilio, Discord, constant-time compare helpers. */
const VERIFIER_NAMES = new Set([
  "constructEvent", "constructEventAsync", "verifyAndReceive", "validateRequest", "validateRequestWithBody",
  "validateExpressRequest", "timingSafeEqual", "verifyKey", "verifyHeader", "tsscmp",
]);
/** Verdicts a call returns rather than throws: ignoring the result verifies nothing. */
const BOOLEAN_VERIFIER = /^(?:timingSafeEqual|tsscmp|is|has|check|compare|safe|secure|constant|validateRequest)/u;
const PASSTHROUGH_CALLS = new Set(["parse", "stringify", "String", "from", "toString", "trim", "Object"]);
/** Calls that convert, inspect or echo a signature rather than hand it to a verifier. */
const NOT_DELEGATION = new Set([
  "from", "String", "Number", "toString", "trim", "split", "slice", "substring", "replace", "parse", "stringify", "decode",
  "encode", "concat", "byteLength", "isBuffer", "startsWith", "endsWith", "includes", "toLowerCase", "toUpperCase", "set",
  "get", "json", "send", "status", "header", "setHeader", "push", "log",
]);
const AUTH_CALLS = new Set(["getServerSession", "getSession", "auth", "getAuth", "currentUser", "getCurrentUser", "requireUser", "requireAuth", "getUser"]);
const JSON_PARSERS: { module: string; path: string[] }[] = [
  { module: "express", path: ["json"] },
  { module: "body-parser", path: ["json"] },
  { module: "koa-bodyparser", path: [] },
  { module: "@koa/bodyparser", path: [] },
  { module: "@koa/bodyparser", path: ["bodyParser"] },
  { module: "koa-body", path: [] },
  { module: "koa-body", path: ["koaBody"] },
];

type Verdict = { verifies: true } | { verifies: false; guard?: TSESTree.Node };

export default createRule<Options, MessageIds>({
  name: "require-webhook-verification",
  meta: {
    type: "problem",
    docs: {
      description: "Require webhook receivers to verify the provider's signature before they use the request body",
      recommended: "error",
      productionOnly: true,
    },
    schema: [
      {
        type: "object",
        properties: {
          webhookPaths: { type: "array", items: { type: "string" }, description: "Extra words that mark a route path as a webhook receiver." },
          signatureHeaders: { type: "array", items: { type: "string" }, description: "Extra request headers that carry a webhook signature." },
          verifiers: { type: "array", items: { type: "string" }, description: "Names of your own functions or middleware that verify a webhook." },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      unverified:
        "This webhook handler uses {{body}} before verifying the sender's signature, so anyone who finds the URL can forge events. " +
        "Verify the signature against the raw body first (e.g. stripe.webhooks.constructEvent, or an HMAC compared with crypto.timingSafeEqual) and reject the request when it fails.",
      conditional:
        "The webhook signature is only verified when this condition holds; otherwise the body is used unverified and forged events are accepted. " +
        "Verify unconditionally, and fail at startup when the signing secret is missing.",
      parsedBody:
        'This JSON body parser runs before the webhook route "{{path}}", so its signature check gets a parsed object instead of the raw bytes and every delivery fails. ' +
        "Register the webhook route before the parser, exclude it from the parser, or keep the raw body with the parser's `verify` option.",
      reserialisedBody:
        "This HMAC is computed over JSON.stringify({{body}}), a re-serialised copy of the parsed body, not the bytes the provider signed: key order, spacing and escapes differ, so genuine deliveries fail and the check ends up switched off. " +
        "Keep the raw body (express.raw, the parser's `verify` option, `await req.text()`) and compute the HMAC over it.",
      publicKey:
        'This signature is checked with the key {{key}}, which is the public string {{value}} whenever {{variable}} is not set: anyone can compute a matching signature and forge events. ' +
        "Use the secret as it is, so a missing one fails, and check at startup that it is set.",
      nextParsedBody:
        "Next.js parses this API route's body before the handler runs, so the signature check gets a parsed object instead of the raw bytes and every delivery fails. " +
        "Export `config = { api: { bodyParser: false } }` and verify the raw body.",
    },
  },
  defaultOptions: [{}],
  create(context, [options]) {
    const extraPaths = (options.webhookPaths ?? []).map((word) => word.toLowerCase());
    const extraHeaders = (options.signatureHeaders ?? []).map((header) => header.toLowerCase());
    const extraVerifiers = new Set(options.verifiers ?? []);
    const routes: Route[] = [];
    const mounts: TSESTree.CallExpression[] = [];
    const readsSignature = new Set<FunctionNode>();
    const exports = new Map<string, TSESTree.Node>();
    const reportedGuards = new Set<TSESTree.Node>();
    const verdicts = new Map<FunctionNode, Verdict>();

    const hasHmac = context.sourceCode.text.includes("createHmac") || /\b(?:construct|validate|verify)\w*(?:Event|Webhook|Signature|Payload|Request)|\bWebhooks?\b/u.test(context.sourceCode.text);
    const isSignatureHeaderName = (header: string) => isSignatureHeader(header) || extraHeaders.includes(header);

    function isWebhookPath(path: string): boolean {
      const lower = path.toLowerCase();
      // `/webhooks/send`, `/webhooks/:id/test`: the app sending its own webhooks out, not a provider's calls coming in.
      const last = lower.split("/").filter((segment) => segment !== "" && !segment.startsWith(":") && !segment.startsWith("[")).at(-1);
      if (last !== undefined && OUTGOING_ACTIONS.has(last) && !extraPaths.some((word) => lower.includes(word))) return false;
      if (WEBHOOK_PATH.test(lower) || extraPaths.some((word) => lower.includes(word))) return true;
      const words = nameWords(path);
      return words.some((word) => WEAK_PATH_WORDS.has(word)) && words.some((word) => PROVIDERS.has(word));
    }

    function isVerifierName(name: string): boolean {
      if (VERIFIER_NAMES.has(name) || extraVerifiers.has(name)) return true;
      const words = nameWords(name);
      if (words.some((word) => word === "verify" || word === "verification" || word === "verified")) return true;
      const subject = words.some((word) => ["signature", "signatures", "sig", "hmac", "webhook", "webhooks", "request"].includes(word));
      const check = words.some((word) => ["validate", "valid", "check", "compare", "match", "matches", "authenticate"].includes(word));
      if (subject && check) return true;
      return words.some((word) => ["safe", "secure", "constant", "timing"].includes(word)) && words.some((word) => ["compare", "equal", "equals", "eq"].includes(word));
    }

    /** Middleware named like it verifies or authenticates: `verifySlackSignature`, `twilio.webhook()`, `requireAuth`. */
    function isVerifyingMiddlewareName(name: string): boolean {
      if (isVerifierName(name)) return true;
      const words = nameWords(name);
      if (words.some((word) => ["signature", "hmac", "webhook", "webhooks", "auth", "authenticate", "authenticated", "authorize", "authorized", "passport", "login", "logged"].includes(word))) {
        return true;
      }
      return name === "createNodeMiddleware" || (words.includes("api") && words.includes("key"));
    }

    function expressionName(node: TSESTree.Node): string | undefined {
      if (node.type === AST_NODE_TYPES.Identifier) return node.name;
      if (node.type === AST_NODE_TYPES.MemberExpression) return memberName(node);
      if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) {
        return calleeName(node) ?? expressionName(node.callee);
      }
      return undefined;
    }

    function isLoggingCall(call: TSESTree.CallExpression): boolean {
      const callee = call.callee.type === AST_NODE_TYPES.ChainExpression ? call.callee.expression : call.callee;
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const owner = expressionName(callee.object);
      return owner !== undefined && /^(?:console|log|logger|\w*Logger)$/u.test(owner);
    }

    /** `req.headers["stripe-signature"]`, or a variable or Nest parameter holding it. */
    function isSignatureValue(node: TSESTree.Node): boolean {
      const header = headerRead(node);
      if (header !== undefined) return isSignatureHeaderName(header);
      if (node.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = ASTUtils.findVariable(context.sourceCode.getScope(node), node);
      const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (definition?.type === "Variable" && definition.node.init && definition.node.id.type === AST_NODE_TYPES.Identifier) {
        const init = headerRead(definition.node.init);
        return init !== undefined && isSignatureHeaderName(init);
      }
      if (definition?.type === "Parameter") {
        const parameter = definition.name as TSESTree.Identifier;
        return (parameter.decorators ?? []).some((decorator) => {
          const header = decorator.expression.type === AST_NODE_TYPES.CallExpression ? decorator.expression.arguments[0] : undefined;
          return header?.type === AST_NODE_TYPES.Literal && typeof header.value === "string" && isSignatureHeaderName(header.value.toLowerCase());
        });
      }
      return false;
    }

    /** `signature`, or `{ body, signature }`: an argument that hands the signature on. */
    function carriesSignature(arg: TSESTree.Node): boolean {
      if (arg.type === AST_NODE_TYPES.ObjectExpression) {
        return arg.properties.some((property) => property.type === AST_NODE_TYPES.Property && isSignatureValue(property.value));
      }
      return isSignatureValue(arg);
    }

    /**
     * The result of a constant-time comparison written out: `mismatch` of
     * `for (…) mismatch |= a[i] ^ b[i];`, then `if (mismatch !== 0) return 401`. A `let` that only
     * ever accumulates XORed bytes with `|=` is that idiom, which code writes for signatures.
     */
    function isConstantTimeResult(node: TSESTree.Node): boolean {
      const inner = unwrapExpression(node);
      if (inner.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = ASTUtils.findVariable(context.sourceCode.getScope(inner), inner);
      const writes = variable?.references.filter((reference) => reference.isWrite() && !reference.init) ?? [];
      return (
        writes.length > 0 &&
        writes.every((reference) => {
          const assignment = reference.identifier.parent;
          return (
            assignment?.type === AST_NODE_TYPES.AssignmentExpression &&
            assignment.operator === "|=" &&
            [...descendants(assignment.right)].some((part) => part.type === AST_NODE_TYPES.BinaryExpression && part.operator === "^")
          );
        })
      );
    }

    /** Whether the value of an expression is thrown away (`verify(x);` as a statement). */
    function isDiscarded(node: TSESTree.Node): boolean {
      let current = node;
      while (current.parent?.type === AST_NODE_TYPES.AwaitExpression || current.parent?.type === AST_NODE_TYPES.ChainExpression) current = current.parent;
      return current.parent?.type === AST_NODE_TYPES.ExpressionStatement;
    }

    /** The calls and comparisons in `fn` that verify the request, and the guards of verifications that may be skipped. */
    function verifications(fn: FunctionNode, depth: number): { checks: TSESTree.Node[]; guards: TSESTree.Node[] } {
      const checks: TSESTree.Node[] = [];
      const guards: TSESTree.Node[] = [];
      const visit = (node: TSESTree.Node): void => {
        if (node !== fn && isFunctionNode(node)) return;
        if (node.type === AST_NODE_TYPES.BinaryExpression && ["===", "!==", "==", "!="].includes(node.operator)) {
          const [left, right] = [node.left, node.right];
          const secret = (side: TSESTree.Node, other: TSESTree.Node) => !isPublicOperand(other) && secretKind(context, side) !== undefined;
          if ((secret(left, right) || secret(right, left) || isSharedToken(left, right) || isConstantTimeResult(left) || isConstantTimeResult(right)) && !isDiscarded(node)) checks.push(node);
        } else if (node.type === AST_NODE_TYPES.CallExpression) {
          const name = calleeName(node);
          const callee = node.callee.type === AST_NODE_TYPES.ChainExpression ? node.callee.expression : node.callee;
          const local = resolveLocalFunction(context, callee);
          if (local && local !== fn && depth < 3) {
            const verdict = functionVerdict(local, depth + 1);
            // A same-file helper counts when it verifies; one whose check we cannot see counts by its name.
            if (verdict.verifies || (!verdict.guard && name !== undefined && isVerifierName(name) && verifications(local, depth + 1).checks.length === 0)) {
              checks.push(node);
            } else if (verdict.guard) guards.push(verdict.guard);
          } else if (name !== undefined && (isVerifierName(name) || (name === "validate" && callee.type === AST_NODE_TYPES.MemberExpression && expressionName(callee.object) === "webhooks"))) {
            if (!(isDiscarded(node) && BOOLEAN_VERIFIER.test(name))) checks.push(node);
          } else if (name === "equals" && callee.type === AST_NODE_TYPES.MemberExpression && [callee.object, ...node.arguments].some((arg) => secretKind(context, arg))) {
            checks.push(node);
          } else if (!isLoggingCall(node) && !NOT_DELEGATION.has(name ?? "") && node.arguments.some((arg) => carriesSignature(arg))) {
            // The signature is handed to code that checks it: `webhookService.handle(body, signature)`.
            checks.push(node);
          }
        }
        for (const child of childNodes(node)) visit(child);
      };
      visit(fn.body);
      return { checks, guards };
    }

    function isNullish(node: TSESTree.Node): boolean {
      return (node.type === AST_NODE_TYPES.Literal && node.value === null) || (node.type === AST_NODE_TYPES.Identifier && node.name === "undefined");
    }

    function isFalsyLiteral(node: TSESTree.Node | null | undefined): boolean {
      return node?.type === AST_NODE_TYPES.Literal && !node.value;
    }

    /** The points where a middleware or helper lets the request through: `next()`, `return true`, `return`. */
    function passPoints(fn: FunctionNode): TSESTree.Node[] {
      const nextNames = fn.params
        .slice(1)
        .filter((param): param is TSESTree.Identifier => param.type === AST_NODE_TYPES.Identifier && /^(?:next|done)$/u.test(param.name))
        .map((param) => param.name);
      const returns: TSESTree.ReturnStatement[] = [];
      const calls: TSESTree.Node[] = [];
      const visit = (node: TSESTree.Node): void => {
        if (node !== fn.body && isFunctionNode(node)) return;
        if (node.type === AST_NODE_TYPES.ReturnStatement) returns.push(node);
        if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Identifier && nextNames.includes(node.callee.name) && node.arguments.length === 0) {
          calls.push(node);
        }
        for (const child of childNodes(node)) visit(child);
      };
      visit(fn.body);
      if (nextNames.length > 0) return calls;
      const returnsValues = returns.some((statement) => statement.argument && !isFalsyLiteral(statement.argument));
      return returns.filter((statement) =>
        returnsValues ? statement.argument?.type === AST_NODE_TYPES.Literal && statement.argument.value === true : !statement.argument,
      );
    }

    /** Does a same-file middleware, guard or helper verify the request on every path that lets it through? */
    function functionVerdict(fn: FunctionNode, depth: number): Verdict {
      const cached = verdicts.get(fn);
      if (cached) return cached;
      verdicts.set(fn, { verifies: false });
      const { checks, guards } = verifications(fn, depth);
      let verdict: Verdict;
      if (checks.length === 0) {
        verdict = { verifies: false, guard: guards[0] };
      } else {
        verdict = { verifies: true };
        for (const pass of passPoints(fn)) {
          if (checks.some((check) => pass.range[0] <= check.range[0] && check.range[1] <= pass.range[1])) continue;
          const orders = checks.map((check) => ordering(check, pass));
          if (orders.some((order) => order.always)) continue;
          verdict = { verifies: false, guard: guardOf(orders) ?? guards[0] ?? conditionAround(pass, fn) };
          break;
        }
      }
      verdicts.set(fn, verdict);
      return verdict;
    }

    /** The `if` test a statement sits under, inside `fn`. */
    function conditionAround(node: TSESTree.Node, fn: FunctionNode): TSESTree.Node | undefined {
      let child = node;
      for (let parent = node.parent; parent && parent !== fn; child = parent, parent = parent.parent) {
        if (parent.type === AST_NODE_TYPES.IfStatement && child !== parent.test) return parent.test;
      }
      return undefined;
    }

    /** What one piece of middleware (or a Nest guard, or a handler wrapper) says about verification. */
    function middlewareVerdict(node: TSESTree.Node): Verdict {
      const guardClass = classNamed(node);
      if (guardClass) {
        const canActivate = guardClass.body.body.find(
          (member): member is TSESTree.MethodDefinition => member.type === AST_NODE_TYPES.MethodDefinition && propertyName(member.key, member.computed) === "canActivate",
        );
        if (canActivate?.value.type === AST_NODE_TYPES.FunctionExpression) return functionVerdict(canActivate.value, 0);
      }
      const name = expressionName(node);
      const named = name !== undefined && isVerifyingMiddlewareName(name);
      let local = resolveLocalFunction(context, node);
      if (!local && node.type === AST_NODE_TYPES.CallExpression) {
        // A same-file factory: `verifySignature(secret)` returning the middleware.
        const factory = resolveLocalFunction(context, node.callee);
        const inner = factory ? findReturnedFunction(factory) : undefined;
        local = inner ? resolveLocalFunction(context, inner) : undefined;
        const reference = resolveImport(context, node.callee);
        if (reference?.module === "@line/bot-sdk" && reference.path.at(-1) === "middleware") return { verifies: true };
      }
      if (local) {
        const verdict = functionVerdict(local, 0);
        // A check this rule cannot recognise (a library it does not know) is trusted by the middleware's name.
        return !verdict.verifies && !verdict.guard && named && verifications(local, 0).checks.length === 0 ? { verifies: true } : verdict;
      }
      return { verifies: named };
    }

    function findReturnedFunction(fn: FunctionNode): TSESTree.Node | undefined {
      if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return fn.body;
      for (const statement of fn.body.body) if (statement.type === AST_NODE_TYPES.ReturnStatement && statement.argument) return statement.argument;
      return undefined;
    }

    function classNamed(node: TSESTree.Node): TSESTree.ClassDeclaration | undefined {
      const target = node.type === AST_NODE_TYPES.NewExpression ? node.callee : node;
      if (target.type !== AST_NODE_TYPES.Identifier) return undefined;
      const variable = ASTUtils.findVariable(context.sourceCode.getScope(target), target);
      const definition = variable?.defs[0];
      return definition?.type === "ClassName" && definition.node.type === AST_NODE_TYPES.ClassDeclaration ? definition.node : undefined;
    }

    /** Whether a body read only feeds verification (`constructEvent(req.body, ...)`, `createHmac(...).update(raw)`). */
    function isVerificationInput(read: TSESTree.Node, fn: FunctionNode, checks: TSESTree.Node[]): boolean {
      for (let current = read.parent; current && current !== fn; current = current.parent) {
        if (checks.includes(current)) return true;
        if (current.type === AST_NODE_TYPES.CallExpression) {
          const name = calleeName(current) ?? "";
          if (name === "update" || name === "createHmac" || name === "sign" || isVerifierName(name)) return true;
          if (nameWords(name).some((word) => ["hmac", "signature", "sig", "digest"].includes(word))) return true;
        }
      }
      return false;
    }

    /** Follows a body read through variables and conversions to where it is acted on. */
    function bodyUses(reads: BodyRead[], fn: FunctionNode, checks: TSESTree.Node[]): TSESTree.Node[] {
      const uses: TSESTree.Node[] = [];
      const seenVariables = new Set<unknown>();
      const queue = reads.map((read) => read.node);
      while (queue.length > 0) {
        const read = queue.shift()!;
        if (isVerificationInput(read, fn, checks)) continue;
        let node: TSESTree.Node = read;
        let tracked: TSESTree.Node | undefined;
        let isUse = true;
        for (;;) {
          const parent: TSESTree.Node | undefined = node.parent;
          if (!parent) break;
          if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node) {
            const call = parent.parent;
            if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === parent) {
              if (["toString", "trim"].includes(memberName(parent) ?? "")) {
                node = call;
                continue;
              }
              break;
            }
            node = parent;
            continue;
          }
          if (
            parent.type === AST_NODE_TYPES.ChainExpression ||
            parent.type === AST_NODE_TYPES.TSNonNullExpression ||
            parent.type === AST_NODE_TYPES.TSAsExpression ||
            parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
            parent.type === AST_NODE_TYPES.AwaitExpression ||
            parent.type === AST_NODE_TYPES.LogicalExpression ||
            (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== node) ||
            (parent.type === AST_NODE_TYPES.CallExpression && parent.callee !== node && PASSTHROUGH_CALLS.has(calleeName(parent) ?? ""))
          ) {
            node = parent;
            continue;
          }
          if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node) tracked = parent.id;
          else if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node) {
            if (parent.left.type === AST_NODE_TYPES.Identifier) tracked = parent.left;
            else isUse = false;
          } else if (
            parent.type === AST_NODE_TYPES.ExpressionStatement ||
            (parent.type === AST_NODE_TYPES.UnaryExpression && ["!", "typeof"].includes(parent.operator)) ||
            (parent.type === AST_NODE_TYPES.IfStatement && parent.test === node) ||
            (parent.type === AST_NODE_TYPES.BinaryExpression && [parent.left, parent.right].some((side) => side !== node && isNullish(side))) ||
            (parent.type === AST_NODE_TYPES.CallExpression && parent.callee !== node && (isLoggingCall(parent) || calleeName(parent) === "isBuffer"))
          ) {
            isUse = false;
          }
          break;
        }
        if (tracked) {
          for (const identifier of bindingsOf(tracked)) {
            const variable = ASTUtils.findVariable(context.sourceCode.getScope(identifier), identifier);
            if (!variable || seenVariables.has(variable)) continue;
            seenVariables.add(variable);
            for (const reference of variable.references) if (reference.isRead()) queue.push(reference.identifier as TSESTree.Node);
          }
        } else if (isUse) {
          uses.push(read);
        }
      }
      return uses.sort((a, b) => a.range[0] - b.range[0]);
    }

    function bindingsOf(pattern: TSESTree.Node): TSESTree.Identifier[] {
      switch (pattern.type) {
        case AST_NODE_TYPES.Identifier:
          return [pattern];
        case AST_NODE_TYPES.ObjectPattern:
          return pattern.properties.flatMap((property) => bindingsOf(property.type === AST_NODE_TYPES.Property ? property.value : property.argument));
        case AST_NODE_TYPES.ArrayPattern:
          return pattern.elements.flatMap((element) => (element ? bindingsOf(element) : []));
        case AST_NODE_TYPES.AssignmentPattern:
          return bindingsOf(pattern.left);
        case AST_NODE_TYPES.RestElement:
          return bindingsOf(pattern.argument);
        default:
          return [];
      }
    }

    /** Handlers behind a login (`req.user`, `getServerSession()`) are an app's own API, not webhook receivers. */
    function isUserAuthenticated(fn: FunctionNode, requests: TSESTree.Node[]): boolean {
      // A Nest handler handed the signed-in principal (`@CurrentUser() user`, `@GetOrgFromRequest() org`) or behind an
      // authorisation decorator (`@CheckPolicies(…)`, `@Roles(…)`): no provider signs in as a user.
      if (fn.parent?.type === AST_NODE_TYPES.MethodDefinition) {
        const decorators = [...fn.parent.decorators, ...fn.params.flatMap((param) => param.decorators ?? [])];
        if (decorators.some((decorator) => isPrincipalDecorator(decorator))) return true;
      }
      // withSession(async ({ req, session }) => ...): the wrapper hands the handler a logged-in user.
      const firstParam = fn.params[0];
      if (
        firstParam?.type === AST_NODE_TYPES.ObjectPattern &&
        firstParam.properties.some((property) => property.type === AST_NODE_TYPES.Property && ["session", "user", "auth", "authentication", "currentUser"].includes(propertyName(property.key, property.computed) ?? ""))
      ) {
        return true;
      }
      let found = false;
      const visit = (node: TSESTree.Node): void => {
        if (found) return;
        if (node.type === AST_NODE_TYPES.MemberExpression && ["user", "session", "auth", "isAuthenticated"].includes(memberName(node) ?? "")) {
          const object = node.object.type === AST_NODE_TYPES.MemberExpression && memberName(node.object) === "state" ? node.object.object : node.object;
          if (object.type === AST_NODE_TYPES.Identifier && requests.some((request) => request.type === AST_NODE_TYPES.Identifier && request.name === object.name)) found = true;
        }
        if (node.type === AST_NODE_TYPES.CallExpression && AUTH_CALLS.has(calleeName(node) ?? "")) found = true;
        for (const child of childNodes(node)) visit(child);
      };
      visit(fn.body);
      return found;
    }

    function reportConditional(guard: TSESTree.Node): void {
      if (reportedGuards.has(guard)) return;
      // Skipped in development only (`if (!isDev) verify(…)`, `if (isLocalDev) return;`): every deployment verifies.
      const statement = guard.parent;
      if (statement?.type === AST_NODE_TYPES.IfStatement && statement.test === guard) {
        const skipsWhenTrue = exitsAtOnce(statement.consequent);
        if (skipsWhenTrue ? holdsOnlyInDevelopment(guard) : failsOnlyInDevelopment(guard)) return;
      }
      reportedGuards.add(guard);
      context.report({ node: guard, messageId: "conditional" });
    }

    const analyzed = new Set<FunctionNode>();

    /** Checks one receiver: middleware first, then every use of the body against the verifications before it. */
    function checkReceiver(fn: FunctionNode, middleware: TSESTree.Node[]): void {
      if (analyzed.has(fn)) return;
      analyzed.add(fn);
      for (const piece of middleware) {
        const verdict = middlewareVerdict(piece);
        if (verdict.verifies) return;
        if (verdict.guard) {
          reportConditional(verdict.guard);
          return;
        }
      }
      const { reads, requests } = bodyReads(context, fn);
      if (reads.length === 0 || isUserAuthenticated(fn, requests)) return;
      const { checks, guards } = verifications(fn, 0);
      const uses = bodyUses(reads, fn, checks);
      // A handler that verifies on every path may read the body first (to find the tenant's secret, to answer a challenge).
      const alwaysVerifies = checks.some((check) => conditionWithin(check, fn.body) === undefined || checksEveryElement(check, fn));
      for (const use of uses) {
        if (checks.some((check) => check.range[1] <= use.range[0] && checksEveryElement(check, fn))) continue;
        const orders = checks.map((check) => ordering(check, use));
        if (orders.some((order) => order.always)) continue;
        const guard = guardOf(orders) ?? guards[0];
        if (guard) reportConditional(guard);
        else if (alwaysVerifies) continue;
        else {
          const skipped = checks.map((check) => conditionWithin(check, fn.body)).find((condition) => condition);
          if (skipped) reportConditional(skipped);
          else context.report({ node: use, messageId: "unverified", data: { body: context.sourceCode.getText(use) } });
        }
        return;
      }
    }

    /**
     * `for (const notification of body.value) if (notification.clientState !== expected) return 403;`:
     * a check of each element of a list, in a loop that always runs, before anything is done with
     * the list. An empty list skips the check and has nothing in it to act on.
     */
    function checksEveryElement(check: TSESTree.Node, fn: FunctionNode): boolean {
      let loop: TSESTree.Node | undefined = check.parent;
      while (loop && loop !== fn && loop.type !== AST_NODE_TYPES.ForOfStatement) loop = loop.parent;
      if (loop?.type !== AST_NODE_TYPES.ForOfStatement || conditionWithin(check, loop.body) !== undefined || conditionWithin(loop, fn.body) !== undefined) return false;
      const element = loop.left.type === AST_NODE_TYPES.VariableDeclaration ? loop.left.declarations[0]?.id : loop.left;
      const names = new Set(element ? bindingsOf(element).map((identifier) => identifier.name) : []);
      return [...descendants(check)].some((node) => node.type === AST_NODE_TYPES.Identifier && names.has(node.name));
    }

    /** Middleware mounted on the same router before the route: `app.use(verify)`, `fastify.addHook("preHandler", verify)`. */
    function routerMiddleware(route: Route): TSESTree.Node[] {
      if (!route.router) return [];
      const routerText = context.sourceCode.getText(route.router);
      return mounts
        .filter((mount) => mount.range[0] < route.node.range[0] && context.sourceCode.getText((mount.callee as TSESTree.MemberExpression).object) === routerText)
        .filter((mount) => {
          const mountPath = mountPathOf(mount);
          return route.paths.some((path) => isUnderPath(path, mountPath));
        })
        .flatMap((mount) => mount.arguments.filter((arg) => arg.type !== AST_NODE_TYPES.Literal && arg.type !== AST_NODE_TYPES.TemplateLiteral));
    }

    /** `express.json()`, `bodyParser.json()`, koa-bodyparser, or a variable holding one; not one that keeps the raw body. */
    function isJsonParser(node: TSESTree.Node): boolean {
      let call: TSESTree.Node = node;
      if (call.type === AST_NODE_TYPES.Identifier) {
        const variable = ASTUtils.findVariable(context.sourceCode.getScope(call), call);
        const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
        if (definition?.type !== "Variable" || !definition.node.init) return false;
        call = definition.node.init;
      }
      if (call.type !== AST_NODE_TYPES.CallExpression) return false;
      const reference = resolveImport(context, call.callee);
      const matches = reference
        ? JSON_PARSERS.some((parser) => parser.module === reference.module && parser.path.join(".") === reference.path.join("."))
        : call.callee.type === AST_NODE_TYPES.MemberExpression && ["express", "bodyParser"].includes(expressionName(call.callee.object) ?? "") && memberName(call.callee) === "json";
      if (!matches) return false;
      const settings = call.arguments[0];
      const keepsRawBody =
        settings?.type === AST_NODE_TYPES.ObjectExpression &&
        settings.properties.some((property) => property.type === AST_NODE_TYPES.Property && propertyName(property.key, property.computed) === "verify");
      return !keepsRawBody;
    }

    /** Whether a receiver hands the parsed body (not the raw bytes) to a signature check. */
    function verifiesParsedBody(fn: FunctionNode): TSESTree.Node | undefined {
      const { reads } = bodyReads(context, fn);
      const { checks } = verifications(fn, 0);
      return reads.find(
        (read) =>
          !read.isRaw &&
          read.node.type === AST_NODE_TYPES.MemberExpression &&
          isVerificationInput(read.node, fn, checks) &&
          !hasCallBetween(read.node, fn, ["stringify"]),
      )?.node;
    }

    function hasCallBetween(node: TSESTree.Node, fn: FunctionNode, names: string[]): boolean {
      for (let current = node.parent; current && current !== fn; current = current.parent) {
        if (current.type === AST_NODE_TYPES.CallExpression && names.includes(calleeName(current) ?? "")) return true;
      }
      return false;
    }

    /** `app.use("/api", ...)` applies under /api; `fastify.addHook(...)` and `app.use(mw)` everywhere. */
    function mountPathOf(mount: TSESTree.CallExpression): string {
      const first = mount.arguments[0];
      const isUse = mount.callee.type === AST_NODE_TYPES.MemberExpression && memberName(mount.callee) === "use";
      return isUse && first?.type === AST_NODE_TYPES.Literal && typeof first.value === "string" ? first.value : "/";
    }

    function isUnderPath(routePath: string, mountPath: string): boolean {
      const mount = mountPath.replace(/(?<!\/)\/+$/u, "");
      return mount === "" || routePath === mount || routePath.startsWith(`${mount}/`);
    }

    function checkGlobalParsers(receivers: { route: Route; fn: FunctionNode }[]): void {
      for (const mount of mounts) {
        const parser = mount.arguments.find((arg) => isJsonParser(arg));
        if (!parser) continue;
        const mountPath = mountPathOf(mount);
        const owner = context.sourceCode.getText((mount.callee as TSESTree.MemberExpression).object);
        const affected = receivers.find(({ route, fn }) => {
          if (!route.router || !route.paths.some((path) => isUnderPath(path, mountPath))) return false;
          const routerText = context.sourceCode.getText(route.router);
          const mountedAfter =
            routerText === owner
              ? route.node.range[0] > mount.range[0]
              : mounts.some((later) => later.range[0] > mount.range[0] && context.sourceCode.getText((later.callee as TSESTree.MemberExpression).object) === owner && later.arguments.some((arg) => new RegExp(`^${escapeRegExp(routerText)}\\b`, "u").test(context.sourceCode.getText(arg))));
          return mountedAfter && verifiesParsedBody(fn) !== undefined;
        });
        if (affected) context.report({ node: parser, messageId: "parsedBody", data: { path: affected.route.paths[0]! } });
      }
    }

    function checkNextPagesParser(fn: FunctionNode): void {
      const disablesParser = context.sourceCode.ast.body.some((statement) => {
        if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration) return false;
        return /bodyParser\s*:\s*false/u.test(context.sourceCode.getText(statement));
      });
      if (disablesParser) return;
      const read = verifiesParsedBody(fn);
      if (read) context.report({ node: read, messageId: "nextParsedBody" });
    }

    /** `createHmac(...)` directly, or a variable holding one: `const hmac = crypto.createHmac("sha256", key)`. */
    function isHmac(node: TSESTree.Node, depth = 0): boolean {
      const inner = unwrapExpression(node);
      if (inner.type === AST_NODE_TYPES.CallExpression) return calleeName(inner) === "createHmac";
      if (inner.type !== AST_NODE_TYPES.Identifier || depth > 2) return false;
      const definition = ASTUtils.findVariable(context.sourceCode.getScope(inner), inner)?.defs[0];
      return definition?.type === "Variable" && definition.node.init !== null && isHmac(definition.node.init, depth + 1);
    }

    /**
     * A request's parsed body: `req.body`, `ctx.request.body`, `request.payload`, what a Fetch API
     * request's `json()` or `JSON.parse` returned, or a variable destructured or assigned from one
     * (`const { body } = ctx.request`, `const body = await req.json()`).
     */
    function isParsedBody(node: TSESTree.Node, depth = 0): boolean {
      const inner = unwrapExpression(node);
      if (inner.type === AST_NODE_TYPES.MemberExpression) {
        const name = memberName(inner);
        const owner = expressionName(unwrapExpression(inner.object));
        return (name === "body" || name === "payload") && owner !== undefined && /^(?:req|request|ctx|context|c|event)$/u.test(owner);
      }
      if (inner.type === AST_NODE_TYPES.CallExpression) {
        const callee = unwrapExpression(inner.callee);
        const owner = callee.type === AST_NODE_TYPES.MemberExpression ? expressionName(unwrapExpression(callee.object)) : undefined;
        if (calleeName(inner) === "json") return inner.arguments.length === 0 && owner !== undefined && /^(?:req|request|c\.req)$/u.test(owner);
        return calleeName(inner) === "parse" && owner === "JSON";
      }
      if (inner.type !== AST_NODE_TYPES.Identifier || depth > 2) return false;
      const definition = ASTUtils.findVariable(context.sourceCode.getScope(inner), inner)?.defs[0];
      if (definition?.type !== "Variable" || !definition.node.init) return false;
      const declarator = definition.node;
      if (declarator.id.type === AST_NODE_TYPES.Identifier) return isParsedBody(declarator.init!, depth + 1);
      // `const { body } = ctx.request`
      if (declarator.id.type !== AST_NODE_TYPES.ObjectPattern) return false;
      const owner = expressionName(unwrapExpression(declarator.init!));
      const key = declarator.id.properties.find((property) => property.type === AST_NODE_TYPES.Property && property.value === definition.name);
      const keyName = key?.type === AST_NODE_TYPES.Property ? propertyName(key.key, key.computed) : undefined;
      return (keyName === "body" || keyName === "payload") && owner !== undefined && /^(?:req|request)$/u.test(owner);
    }

    /** A parameter named for a request body (`body`, `payload`). */
    function isBodyParameter(node: TSESTree.Node): boolean {
      const inner = unwrapExpression(node);
      if (inner.type !== AST_NODE_TYPES.Identifier || !/^(?:body|payload|requestBody|data)$/u.test(inner.name)) return false;
      return ASTUtils.findVariable(context.sourceCode.getScope(inner), inner)?.defs[0]?.type === "Parameter";
    }

    /**
     * Whether the digest an `hmac.update(…)` call leads to is compared with something: the chain
     * (`.update(…).digest("hex")`) is an operand of `===`/`!==` or an argument of a comparing call
     * (`timingSafeEqual`, `safeCompare`), directly or through the variable it is stored in.
     */
    function isComparedDigest(update: TSESTree.CallExpression): boolean {
      let top: TSESTree.Node = update;
      while (top.parent && ((top.parent.type === AST_NODE_TYPES.MemberExpression && top.parent.object === top) || (top.parent.type === AST_NODE_TYPES.CallExpression && top.parent.callee === top))) {
        top = top.parent;
      }
      const isComparison = (node: TSESTree.Node): boolean => {
        const parent = node.parent;
        if (parent?.type === AST_NODE_TYPES.BinaryExpression) return ["===", "!==", "==", "!="].includes(parent.operator);
        if (parent?.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(node as TSESTree.CallExpressionArgument)) return false;
        // `Buffer.from(digest)` handed to the comparison
        if (calleeName(parent) === "from") return isComparison(parent);
        return /equal|compare|match/iu.test(calleeName(parent) ?? "");
      };
      if (isComparison(top)) return true;
      if (top.parent?.type !== AST_NODE_TYPES.VariableDeclarator || top.parent.id.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = ASTUtils.findVariable(context.sourceCode.getScope(top.parent), top.parent.id);
      return variable?.references.some((reference) => !reference.init && isComparison(reference.identifier)) ?? false;
    }

    /**
     * `hmac.update(JSON.stringify(req.body))`: a signature checked over a re-serialised copy of the
     * parsed body instead of the bytes the provider signed.
     */
    function checkReserialisedBody(node: TSESTree.CallExpression): void {
      const callee = unwrapExpression(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(callee) !== "update" || !isHmac(callee.object)) return;
      const input = node.arguments[0] && unwrapExpression(node.arguments[0]);
      if (input?.type !== AST_NODE_TYPES.CallExpression || calleeName(input) !== "stringify" || !input.arguments[0]) return;
      const json = unwrapExpression(input.callee);
      if (json.type !== AST_NODE_TYPES.MemberExpression || expressionName(unwrapExpression(json.object)) !== "JSON") return;
      // The body a verifier is handed (`verifySignature(signature, body)`), when the digest is compared with a signature:
      // signing what this code sends (`sign(payload)` for an outgoing delivery) is fine, and a string would not go
      // through JSON.stringify, so what is compared is a parsed request.
      if (!isParsedBody(input.arguments[0]) && !(isBodyParameter(input.arguments[0]) && isComparedDigest(node))) return;
      context.report({ node: input, messageId: "reserialisedBody", data: { body: context.sourceCode.getText(input.arguments[0]) } });
    }

    /**
     * The environment variable a key reads when an unset one leaves a public key:
     * `` `${process.env.SECRET}` `` ("undefined"), `process.env.SECRET ?? ""`, `String(secret)`.
     * A key used as it is fails instead: `createHmac` throws on `undefined`.
     */
    function publicWhenUnset(node: TSESTree.Node, depth = 0): { variable: string; value: string } | undefined {
      const inner = unwrapExpression(node);
      if (inner.type === AST_NODE_TYPES.TemplateLiteral) {
        const [expression] = inner.expressions;
        const variable = inner.expressions.length === 1 && inner.quasis.every((quasi) => quasi.value.cooked === "") ? environmentVariable(expression!) : undefined;
        return variable === undefined ? undefined : { variable, value: '"undefined"' };
      }
      if (inner.type === AST_NODE_TYPES.LogicalExpression && (inner.operator === "??" || inner.operator === "||")) {
        const variable = isEmptyString(inner.right) ? environmentVariable(inner.left) : undefined;
        return variable === undefined ? undefined : { variable, value: '""' };
      }
      if (inner.type === AST_NODE_TYPES.CallExpression && inner.callee.type === AST_NODE_TYPES.Identifier && inner.callee.name === "String" && inner.arguments[0]) {
        const variable = environmentVariable(inner.arguments[0]);
        return variable === undefined ? undefined : { variable, value: '"undefined"' };
      }
      if (inner.type === AST_NODE_TYPES.BinaryExpression && inner.operator === "+") {
        const other = isEmptyString(inner.left) ? inner.right : isEmptyString(inner.right) ? inner.left : undefined;
        const variable = other && environmentVariable(other);
        return variable === undefined ? undefined : { variable, value: '"undefined"' };
      }
      if (inner.type !== AST_NODE_TYPES.Identifier || depth > 2) return undefined;
      const definition = ASTUtils.findVariable(context.sourceCode.getScope(inner), inner)?.defs[0];
      if (definition?.type !== "Variable" || definition.node.id.type !== AST_NODE_TYPES.Identifier || !definition.node.init) return undefined;
      if (definition.parent.kind !== "const") return undefined;
      return publicWhenUnset(definition.node.init, depth + 1);
    }

    const isEmptyString = (node: TSESTree.Node) => staticString(unwrapExpression(node)) === "";

    /** `process.env.NAME`, `import.meta.env.NAME`, or a constant holding one: the variable's name. */
    function environmentVariable(node: TSESTree.Node, depth = 0): string | undefined {
      const inner = unwrapExpression(node);
      const name = environmentRead(inner);
      if (name !== undefined || inner.type !== AST_NODE_TYPES.Identifier || depth > 2) return name;
      const definition = ASTUtils.findVariable(context.sourceCode.getScope(inner), inner)?.defs[0];
      return definition?.type === "Variable" && definition.parent.kind === "const" && definition.node.init ? environmentVariable(definition.node.init, depth + 1) : undefined;
    }

    /** `env.GRAPH_CLIENT_STATE`, `process.env.X`, or a constant holding one: the variable's name. */
    function configuredVariable(node: TSESTree.Node, depth = 0): string | undefined {
      const inner = unwrapExpression(node);
      if (inner.type === AST_NODE_TYPES.MemberExpression && !inner.computed && inner.object.type === AST_NODE_TYPES.Identifier && inner.object.name === "env") {
        const name = memberName(inner);
        return name !== undefined && /^[A-Z][A-Z0-9_]*$/u.test(name) ? name : undefined;
      }
      const read = environmentRead(inner);
      if (read !== undefined || inner.type !== AST_NODE_TYPES.Identifier || depth > 2) return read;
      const definition = ASTUtils.findVariable(context.sourceCode.getScope(inner), inner)?.defs[0];
      return definition?.type === "Variable" && definition.parent.kind === "const" && definition.node.init ? configuredVariable(definition.node.init, depth + 1) : undefined;
    }

    /**
     * `notification.clientState !== env.GRAPH_CLIENT_STATE`: what the request carries compared with a
     * value the deployment configures, a token shared with the provider whatever it is named (Microsoft
     * Graph's `clientState`, a verification token). A receiver compares nothing else with its settings.
     */
    function isSharedToken(left: TSESTree.Node, right: TSESTree.Node): boolean {
      const configured = [left, right].map((side) => configuredVariable(side));
      if (configured[0] === undefined === (configured[1] === undefined)) return false;
      const other = configured[0] === undefined ? left : right;
      return !isPublicOperand(other) && !isNullish(unwrapExpression(other));
    }

    /** Tests of the file's conditions and assertions: where a missing secret may be caught. */
    const presenceTests: TSESTree.Node[] = [];
    const publicKeys: { key: TSESTree.Node; variable: string; value: string }[] = [];

    /** `createHmac("sha256", `${process.env.SECRET}`)` whose digest is compared with a signature. */
    function checkPublicKey(node: TSESTree.CallExpression): void {
      const key = node.arguments[1];
      if (!key || calleeName(node) !== "createHmac") return;
      const unset = publicWhenUnset(key);
      if (!unset) return;
      const updates: TSESTree.CallExpression[] = [];
      const update = node.parent?.type === AST_NODE_TYPES.MemberExpression && node.parent.object === node ? node.parent.parent : undefined;
      if (update?.type === AST_NODE_TYPES.CallExpression) updates.push(update);
      if (node.parent?.type === AST_NODE_TYPES.VariableDeclarator && node.parent.id.type === AST_NODE_TYPES.Identifier) {
        const variable = ASTUtils.findVariable(context.sourceCode.getScope(node.parent), node.parent.id);
        for (const reference of variable?.references ?? []) {
          const member = reference.identifier.parent;
          if (member?.type === AST_NODE_TYPES.MemberExpression && member.object === reference.identifier && member.parent?.type === AST_NODE_TYPES.CallExpression) updates.push(member.parent);
        }
      }
      if (updates.some(isComparedDigest)) publicKeys.push({ key, ...unset });
    }

    /**
     * A provider SDK's verifier handed a secret that is public when its variable is unset:
     * `validateEvent(rawBody, headers, process.env.POLAR_WEBHOOK_SECRET ?? "")`,
     * `stripe.webhooks.constructEvent(body, signature, `${process.env.STRIPE_WEBHOOK_SECRET}`)`,
     * `new Webhook(process.env.SVIX_SECRET ?? "")`. With an empty key anyone computes the signature.
     */
    function checkVerifierSecret(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
      const name = calleeName(node) ?? "";
      const words = nameWords(name).map((word) => word.toLowerCase());
      // `constructEvent`, `validateEvent` (and `validatePolarEvent`, as a package re-exports it), `verifyWebhookSignature`.
      const verifies =
        node.type === AST_NODE_TYPES.NewExpression
          ? /^Webhooks?$/u.test(name)
          : ["validate", "verify", "construct"].includes(words[0] ?? "") && words.some((word) => ["event", "webhook", "signature", "payload", "request"].includes(word));
      if (!verifies) return;
      for (const argument of node.arguments) {
        const candidates = argument.type === AST_NODE_TYPES.ObjectExpression
          ? argument.properties.flatMap((property) => (property.type === AST_NODE_TYPES.Property && /secret/iu.test(propertyName(property.key, property.computed) ?? "") ? [property.value] : []))
          : [argument];
        for (const key of candidates) {
          const unset = publicWhenUnset(key);
          if (unset) publicKeys.push({ key, ...unset });
        }
      }
    }

    /**
     * Whether some condition or assertion of the file reads the variable, or a constant made from
     * it: `if (!process.env.SECRET) throw …`, `assert(secret)`.
     */
    function isCheckedForPresence(variable: string): boolean {
      return presenceTests.some((test) => {
        for (const node of descendants(test)) {
          if (environmentVariable(node) === variable || (node.type === AST_NODE_TYPES.Identifier && publicWhenUnset(node)?.variable === variable)) return true;
        }
        return false;
      });
    }

    /**
     * `verifyVercelSignature(req)` reading the `Authorization` header: a verifier of a scheduler's
     * or a provider's calls that checks a shared bearer secret instead of a signature header.
     */
    const authorizationVerifiers = new Set<FunctionNode>();
    function noteAuthorizationVerifier(node: TSESTree.Node, header: string | undefined): void {
      if (header !== "authorization") return;
      const fn = enclosingFunction(node);
      const name = fn && functionName(fn);
      if (name === undefined || !isVerifierName(name) || !nameWords(name).some((word) => CALLER_WORDS.has(word))) return;
      authorizationVerifiers.add(fn!);
    }

    return {
      IfStatement(node) {
        if (hasHmac) presenceTests.push(node.test);
      },
      NewExpression(node) {
        if (hasHmac) checkVerifierSecret(node);
      },
      ConditionalExpression(node) {
        if (hasHmac) presenceTests.push(node.test);
      },
      CallExpression(node) {
        if (hasHmac) {
          checkPublicKey(node);
          checkVerifierSecret(node);
          if (/^(?:assert|invariant|ok|required?|ensure)/iu.test(calleeName(node) ?? "")) presenceTests.push(...node.arguments);
        }
        checkReserialisedBody(node);
        const route = routeRegistration(node);
        if (route) routes.push(route);
        const callee = node.callee;
        if (callee.type === AST_NODE_TYPES.MemberExpression && ["use", "addHook"].includes(memberName(callee) ?? "")) mounts.push(node);
        const header = headerRead(node);
        if (header !== undefined && isSignatureHeaderName(header)) {
          const fn = enclosingFunction(node);
          if (fn) readsSignature.add(fn);
        }
        noteAuthorizationVerifier(node, header);
      },
      MemberExpression(node) {
        const header = headerRead(node);
        if (header !== undefined && isSignatureHeaderName(header)) {
          const fn = enclosingFunction(node);
          if (fn) readsSignature.add(fn);
        }
        noteAuthorizationVerifier(node, header);
      },
      MethodDefinition(node) {
        const route = nestRoute(node);
        if (!route) return;
        routes.push(route);
        const readsHeader = node.value.params.some((param) => param.type === AST_NODE_TYPES.Identifier && isSignatureValue(param));
        if (readsHeader && node.value.type === AST_NODE_TYPES.FunctionExpression) readsSignature.add(node.value);
      },
      ExportNamedDeclaration(node) {
        const declaration = node.declaration;
        if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id) exports.set(declaration.id.name, declaration);
        if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
          for (const declarator of declaration.declarations) {
            if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.init) exports.set(declarator.id.name, declarator.init);
          }
        }
        for (const specifier of node.specifiers) {
          const exported = propertyName(specifier.exported, false);
          if (exported !== undefined && !node.source) exports.set(exported, specifier.local);
        }
      },
      ExportDefaultDeclaration(node) {
        exports.set("default", node.declaration);
      },
      "Program:exit"() {
        for (const { key, variable, value } of publicKeys) {
          if (!isCheckedForPresence(variable)) context.report({ node: key, messageId: "publicKey", data: { key: context.sourceCode.getText(key), variable, value } });
        }
        const receivers: { route: Route; fn: FunctionNode }[] = [];
        for (const route of routes) {
          if (!RECEIVER_METHODS.has(route.method)) continue;
          const resolved = resolveHandler(context, route.handler);
          if (!resolved) continue;
          if (!route.paths.some(isWebhookPath) && !readsSignature.has(resolved.fn)) continue;
          receivers.push({ route, fn: resolved.fn });
          checkReceiver(resolved.fn, [...routerMiddleware(route), ...route.middleware, ...resolved.wrappers]);
        }
        checkGlobalParsers(receivers);

        const nextRoute = nextRoutePath(context.filename);
        if (nextRoute) {
          const names = nextRoute.router === "app" ? ["POST", "PUT", "PATCH"] : ["default"];
          for (const name of names) {
            const exported = exports.get(name);
            const resolved = exported ? resolveHandler(context, exported) : undefined;
            if (!resolved || (!isWebhookPath(nextRoute.path) && !readsSignature.has(resolved.fn))) continue;
            checkReceiver(resolved.fn, resolved.wrappers);
            if (nextRoute.router === "pages") checkNextPagesParser(resolved.fn);
          }
        }

        // Handlers defined apart from their routes, recognised by the signature header they read.
        // A verifier that receivers elsewhere call (`await verifyQstashSignature({ req, rawBody })`) is trusted by its
        // name there, so a path on which it lets the request through unchecked is reported here.
        // A verifier that lets every request through on some deployments is reported where it does; whether
        // it checks the secret right is not asked here, as its callers are not known to be webhooks.
        for (const fn of authorizationVerifiers) {
          if (analyzed.has(fn) || readsSignature.has(fn)) continue;
          const verdict = passPoints(fn).length > 0 ? functionVerdict(fn, 0) : undefined;
          if (verdict && !verdict.verifies && verdict.guard) reportConditional(verdict.guard);
        }
        for (const fn of readsSignature) {
          if (analyzed.has(fn)) continue;
          const name = functionName(fn);
          const isGate = fn.params.length >= 2 || (name !== undefined && isVerifierName(name));
          const verdict = passPoints(fn).length > 0 && isGate ? functionVerdict(fn, 0) : undefined;
          if (verdict && !verdict.verifies && verdict.guard) reportConditional(verdict.guard);
          else checkReceiver(fn, []);
        }
      },
    };
  },
});

/** Words of a verifier's name that say whose calls it checks: a provider's deliveries or a scheduler's. */
const CALLER_WORDS = new Set(["signature", "sig", "hmac", "webhook", "webhooks", "hook", "cron", "scheduler"]);

/** The condition that lets a use skip its verification, when one does. */
function guardOf(orders: Ordering[]): TSESTree.Node | undefined {
  for (const order of orders) if (!order.always && order.guard) return order.guard;
  return undefined;
}
