import * as ASTUtils from "@typescript-eslint/utils/ast-utils";
import { AST_NODE_TYPES } from "@typescript-eslint/types";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { createRule } from "./utils/create-rule.ts";
import { isImportOf, propertyName, resolveImport } from "./utils/imports.ts";
import { callsFromOtherModules } from "./utils/run-once.ts";
import { calleeName, childNodes, environmentRead, isFunctionNode, memberName, unwrapExpression, valueName, type FunctionNode } from "./utils/expressions.ts";
import { exitsAtOnce } from "./utils/development-only.ts";
import { nameWords } from "./utils/name-words.ts";
import { isBrowserModule } from "./utils/service-package.ts";
import { isPublicOperand, isSecretCollectionName, secretKind, type SecretKind } from "./utils/secret-values.ts";

/** Calls that write a value out (a log line, an answer) rather than keep it. */
const REPORTING_METHODS = new Set(["log", "info", "warn", "error", "debug", "trace", "fatal", "json", "send", "status", "end", "redirect", "text"]);
/** String methods that keep a value's origin: what they return is still the data they were called on. */
const STRING_METHODS = new Set(["trim", "trimStart", "trimEnd", "split", "toUpperCase", "toLowerCase", "slice", "substring", "replace", "replaceAll", "at"]);
/** Array methods whose callback's first parameter is an element of the array. */
const ARRAY_CALLBACK_METHODS = new Set(["some", "every", "find", "findIndex", "filter", "map", "forEach", "flatMap"]);
/** HTTP clients whose response carries the body in `data`, and their request methods. */
const HTTP_CLIENTS = new Set(["axios", "got", "ky"]);
const HTTP_METHODS = new Set(["get", "post", "put", "patch", "delete", "request", "head"]);

/** Last words of a name for a credential a caller presents: `maintenanceKey`, `adminPin`. */
const CREDENTIAL_KEY_WORDS = new Set(["key", "pin", "passcode"]);
/** Keys that name data, not credentials: `cacheKey`, `sortKey`, `publicKey`. */
const DATA_KEY_WORDS = new Set(["cache", "sort", "primary", "foreign", "partition", "public", "idempotency", "storage", "object", "map", "lookup", "row", "file", "query", "group", "routing", "shard", "dedupe", "translation", "i18n", "unique", "license"]);
const SETTINGS_WORDS = new Set(["config", "configuration", "settings", "options", "env", "secrets"]);

/** `req.config.maintenanceKey`, `this.options.adminPin`, `process.env.X`: a member read from a settings object. */
function isReadFromSettings(node: TSESTree.Node): boolean {
  for (let current = node; current.type === AST_NODE_TYPES.MemberExpression; current = current.object) {
    const name = valueName(current.object);
    if (name !== undefined && nameWords(name).some((word) => SETTINGS_WORDS.has(word))) return true;
  }
  return false;
}

type ScopeVariable = NonNullable<ReturnType<typeof ASTUtils.findVariable>>;

type Options = [{ secretWords?: string[] }];
type MessageIds = "unsafeCompare" | "useTimingSafeEqual";

const DESCRIPTIONS: Record<SecretKind, string> = {
  digest: "an HMAC or hash digest",
  header: "a signature or credential header",
  secret: "a secret or token",
};

/** Parents in which `a && b` or `a || b` can replace the comparison without parentheses. */
function needsParentheses(node: TSESTree.Node, operator: "&&" | "||"): boolean {
  const parent = node.parent;
  if (!parent) return true;
  switch (parent.type) {
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
      return parent.test !== node;
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test !== node;
    case AST_NODE_TYPES.VariableDeclarator:
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ExpressionStatement:
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return false;
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right !== node;
    case AST_NODE_TYPES.CallExpression:
      return parent.callee === node;
    case AST_NODE_TYPES.LogicalExpression:
      return !(parent.operator === "||" || (parent.operator === "&&" && operator === "&&"));
    default:
      return true;
  }
}

/** Identifiers and property reads: safe to evaluate twice. */
function isRepeatable(node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.ThisExpression:
    case AST_NODE_TYPES.Literal:
      return true;
    case AST_NODE_TYPES.MemberExpression:
      return isRepeatable(node.object) && (!node.computed || node.property.type === AST_NODE_TYPES.Literal);
    case AST_NODE_TYPES.TSNonNullExpression:
    case AST_NODE_TYPES.TSAsExpression:
      return isRepeatable(node.expression);
    default:
      return false;
  }
}

/** String methods that return the same value in another form. */
const NORMALISING_METHODS = new Set(["toLowerCase", "toUpperCase", "toLocaleLowerCase", "toLocaleUpperCase", "trim", "trimStart", "trimEnd", "normalize", "toString"]);

/**
 * The value a compared expression reads, past what changes only its form: `url.password` of
 * `url.password.toLowerCase()`, `url.user` of `(url.user ?? "")`, `token` of `token!`.
 */
function readValue(node: TSESTree.Node): TSESTree.Node {
  let current = unwrapExpression(node);
  for (;;) {
    if (current.type === AST_NODE_TYPES.LogicalExpression && (current.operator === "??" || current.operator === "||") && current.right.type === AST_NODE_TYPES.Literal) {
      current = unwrapExpression(current.left);
    } else if (current.type === AST_NODE_TYPES.CallExpression && current.arguments.length <= 1) {
      const callee = unwrapExpression(current.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || !NORMALISING_METHODS.has(memberName(callee) ?? "")) return current;
      current = unwrapExpression(callee.object);
    } else {
      return current;
    }
  }
}

function rootName(node: TSESTree.Node): string | undefined {
  let current = readValue(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) current = readValue(current.object);
  if (current.type === AST_NODE_TYPES.Identifier) return current.name;
  return current.type === AST_NODE_TYPES.ThisExpression ? "this" : undefined;
}

/**
 * Inside a `.map()` callback, a comparison picks which element to rewrite (stamping the backup
 * code that was just accepted as used): its result is a new list, not the verdict on a request,
 * which a search (`some`, `find`, `includes`) or a condition elsewhere gives.
 */
function isInsideMapCallback(node: TSESTree.Node): boolean {
  let current = node.parent;
  while (current && !isFunctionNode(current)) current = current.parent;
  const call = current?.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== current) return false;
  const callee = unwrapExpression(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === "map";
}

/** `cookies` anywhere in a member chain: `req.cookies.csrf`, `ctx.cookies.get(…)`. */
function readsCookies(node: TSESTree.Node): boolean {
  let current = unwrapExpression(node);
  for (;;) {
    if (current.type === AST_NODE_TYPES.CallExpression) current = unwrapExpression(current.callee);
    else if (current.type === AST_NODE_TYPES.MemberExpression) {
      if (memberName(current) === "cookies") return true;
      current = unwrapExpression(current.object);
    } else return current.type === AST_NODE_TYPES.Identifier && current.name === "cookies";
  }
}

export default createRule<Options, MessageIds>({
  name: "no-timing-unsafe-compare",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow comparing signatures, digests and secrets with operators that return early on the first differing character",
      recommended: "warn",
      productionOnly: true,
    },
    hasSuggestions: true,
    schema: [
      {
        type: "object",
        properties: {
          secretWords: {
            type: "array",
            items: { type: "string" },
            description: "Extra words that end the name of a secret value (for example `pin`).",
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      unsafeCompare:
        "Comparing {{what}} with `{{operator}}` stops at the first differing character, so response times tell an attacker how much of a forged value is right. " +
        "Compare Buffers of equal length with crypto.timingSafeEqual instead.",
      useTimingSafeEqual: "Compare with crypto.timingSafeEqual after checking that the lengths match.",
    },
  },
  defaultOptions: [{}],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    // Code that runs in the browser compares what its user holds; no server's secret is timed there.
    if (isBrowserModule(context.physicalFilename, sourceCode.ast)) return {};
    const secretOptions = { secretWords: (options.secretWords ?? []).map((word) => word.toLowerCase()) };

    /** A value read from the request's cookies (`getCsrfCookie(c)`, `ctx.cookies.get(…)`), directly or through a `const`. */
    function isCookieValue(node: TSESTree.Node, depth = 0): boolean {
      const inner = unwrapExpression(node);
      if (inner.type === AST_NODE_TYPES.AwaitExpression) return isCookieValue(inner.argument, depth);
      if (inner.type === AST_NODE_TYPES.CallExpression && /cookie/iu.test(calleeName(inner) ?? "")) return true;
      if (readsCookies(inner)) return true;
      if (inner.type !== AST_NODE_TYPES.Identifier || depth > 2) return false;
      const definition = ASTUtils.findVariable(sourceCode.getScope(inner), inner)?.defs[0];
      if (definition?.type === "Parameter") return isPassedCookie(definition.node as FunctionNode, definition.name as TSESTree.Identifier);
      return definition?.type === "Variable" && definition.node.init !== null && isCookieValue(definition.node.init, depth + 1);
    }

    /**
     * A parameter every call of its exported function, in the modules that import it, fills with
     * a cookie of the request: `decodeAndValidateOauthState({ stateParam: ctx.query.state,
     * storedCsrfToken: ctx.req.cookies[OAUTH_COOKIE_NAME] })`, its object destructured or not.
     */
    function isPassedCookie(fn: FunctionNode, name: TSESTree.Identifier): boolean {
      const index = fn.params.findIndex((param) => param === name || (param.type === AST_NODE_TYPES.ObjectPattern && name.range[0] >= param.range[0] && name.range[1] <= param.range[1]));
      const param = fn.params[index];
      if (!param) return false;
      const key =
        param.type === AST_NODE_TYPES.ObjectPattern
          ? param.properties.find((property) => property.type === AST_NODE_TYPES.Property && property.value === name)
          : undefined;
      const property = key?.type === AST_NODE_TYPES.Property ? propertyName(key.key, key.computed) : undefined;
      if (param.type === AST_NODE_TYPES.ObjectPattern && property === undefined) return false;
      const calls = callsFromOtherModules(fn, context.filename, sourceCode.ast);
      return (
        calls !== undefined &&
        calls.length > 0 &&
        calls.every((call) => {
          const argument = call.arguments[index];
          if (!argument || property === undefined) return argument !== undefined && readsCookies(argument);
          const object = unwrapExpression(argument);
          const passed = object.type === AST_NODE_TYPES.ObjectExpression ? object.properties.find((entry) => entry.type === AST_NODE_TYPES.Property && !entry.computed && propertyName(entry.key, false) === property) : undefined;
          return passed?.type === AST_NODE_TYPES.Property && readsCookies(passed.value);
        })
      );
    }

    /**
     * A double-submit CSRF check: a token from the request compared with the copy in its own
     * cookie. Both come from the client, so there is no server secret for timing to reveal.
     */
    function isDoubleSubmitCheck(left: TSESTree.Node, right: TSESTree.Node): boolean {
      const csrf = /csrf|xsrf/iu.test(`${sourceCode.getText(left)} ${sourceCode.getText(right)}`);
      return csrf && (isCookieValue(left) || isCookieValue(right));
    }

    function secretOf(side: TSESTree.Node, other: TSESTree.Node): SecretKind | undefined {
      return isPublicOperand(other) ? undefined : secretKind(context, side, secretOptions);
    }

    /** How to call timingSafeEqual here, and the import to add when it is not imported yet. */
    function timingSafeEqualName(node: TSESTree.Node): { name: string; importFix?: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix } | undefined {
      const scope = sourceCode.getScope(node);
      const existing = ASTUtils.findVariable(scope, "timingSafeEqual");
      if (existing) {
        const identifier = existing.identifiers[0];
        return identifier && isImportOf(context, identifier, "crypto", "timingSafeEqual") ? { name: "timingSafeEqual" } : undefined;
      }
      const globalScope = sourceCode.scopeManager?.globalScope;
      const topLevel = [...(globalScope?.variables ?? []), ...(globalScope?.childScopes.find((child) => child.type === "module")?.variables ?? [])];
      for (const variable of topLevel) {
        const identifier = variable.identifiers[0];
        const reference = identifier ? resolveImport(context, identifier) : undefined;
        if (reference?.module === "crypto" && reference.path.length === 0) return { name: `${variable.name}.timingSafeEqual` };
      }
      const program = sourceCode.ast;
      const imports = program.body.filter((statement) => statement.type === AST_NODE_TYPES.ImportDeclaration);
      const usesRequire = /\brequire\s*\(/u.test(sourceCode.text);
      if (imports.length > 0 || !usesRequire) {
        const text = 'import { timingSafeEqual } from "node:crypto";\n';
        const last = imports[imports.length - 1];
        return {
          name: "timingSafeEqual",
          importFix: (fixer) => (last ? fixer.insertTextAfter(last, `\n${text.trimEnd()}`) : fixer.insertTextBefore(program.body[0] ?? program, text)),
        };
      }
      const text = 'const { timingSafeEqual } = require("node:crypto");\n';
      const first = program.body.find((statement) => !(statement.type === AST_NODE_TYPES.ExpressionStatement && statement.directive));
      return { name: "timingSafeEqual", importFix: (fixer) => fixer.insertTextBefore(first ?? program, text) };
    }

    function suggestion(
      node: TSESTree.Node,
      build: (name: string) => { text: string; operator: "&&" | "||" },
    ): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      const target = timingSafeEqualName(node);
      if (!target) return [];
      const { text, operator } = build(target.name);
      const replacement = needsParentheses(node, operator) ? `(${text})` : text;
      return [
        {
          messageId: "useTimingSafeEqual",
          fix: (fixer) => [fixer.replaceText(node, replacement), ...(target.importFix ? [target.importFix(fixer)] : [])],
        },
      ];
    }

    /**
     * `backupCodes.includes(code)`: a list of stored secrets searched with `===` element by
     * element, each comparison stopping at the first differing character.
     */
    function reportMembership(node: TSESTree.CallExpression): void {
      const callee = unwrapExpression(node.callee);
      const searched = node.arguments[0];
      if (callee.type !== AST_NODE_TYPES.MemberExpression || !searched || searched.type === AST_NODE_TYPES.SpreadElement || isPublicOperand(searched)) return;
      const collection = unwrapExpression(callee.object);
      const name = valueName(collection);
      if (name === undefined || !isSecretCollectionName(name, secretOptions) || isListedInCode(collection)) return;
      context.report({ node, messageId: "unsafeCompare", data: { what: "a list of secrets", operator: `.${memberName(callee)}()` } });
    }

    /**
     * `const INSECURE_SECRET_VALUES = ["changeme", …]` (or a `new Set` of them): values written in the
     * code are public, a list of published defaults kept to refuse them. Finding a value among them
     * tells a caller nothing the code does not.
     */
    function isListedInCode(collection: TSESTree.Node): boolean {
      if (collection.type !== AST_NODE_TYPES.Identifier) return false;
      const definition = ASTUtils.findVariable(sourceCode.getScope(collection), collection)?.defs[0];
      if (definition?.type !== "Variable" || definition.parent.kind !== "const" || !definition.node.init) return false;
      let init = unwrapExpression(definition.node.init);
      if (init.type === AST_NODE_TYPES.NewExpression && init.callee.type === AST_NODE_TYPES.Identifier && init.callee.name === "Set" && init.arguments[0]) init = unwrapExpression(init.arguments[0]);
      return init.type === AST_NODE_TYPES.ArrayExpression && init.elements.length > 0 && init.elements.every((element) => element !== null && element.type === AST_NODE_TYPES.Literal);
    }

    /**
     * The variables a value is computed from, through `const`s and calls; imports and globals
     * (`Buffer`, `crypto`) are functions, not inputs. Undefined when it cannot be worked out.
     */
    function inputsOf(node: TSESTree.Node, inputs = new Set<ScopeVariable>(), depth = 0): Set<ScopeVariable> | undefined {
      if (depth > 4) return undefined;
      const inner = unwrapExpression(node);
      if (inner.type === AST_NODE_TYPES.Identifier) {
        const variable = ASTUtils.findVariable(sourceCode.getScope(inner), inner);
        if (!variable || variable.defs.length === 0 || variable.defs.every((definition) => definition.type === "ImportBinding")) return inputs;
        const definition = variable.defs.length === 1 ? variable.defs[0]! : undefined;
        if (definition?.type === "Variable" && definition.parent.kind === "const" && definition.node.id.type === AST_NODE_TYPES.Identifier && definition.node.init) {
          return inputsOf(definition.node.init, inputs, depth + 1);
        }
        inputs.add(variable);
        return inputs;
      }
      if (inner.type === AST_NODE_TYPES.Literal) return inputs;
      if (inner.type === AST_NODE_TYPES.MemberExpression) {
        if (!inputsOf(inner.object, inputs, depth)) return undefined;
        return inner.computed ? inputsOf(inner.property, inputs, depth) : inputs;
      }
      if (inner.type === AST_NODE_TYPES.CallExpression || inner.type === AST_NODE_TYPES.NewExpression) {
        for (const part of [inner.callee, ...inner.arguments]) if (!inputsOf(part, inputs, depth)) return undefined;
        return inputs;
      }
      if (inner.type === AST_NODE_TYPES.TemplateLiteral) {
        for (const part of inner.expressions) if (!inputsOf(part, inputs, depth)) return undefined;
        return inputs;
      }
      return undefined;
    }

    /**
     * Data another service sent this process: what a `fetch(…)` response's `text()`/`json()` holds
     * (followed through `const`s, string methods, concatenation, and the element of an array callback or a `for … of` loop),
     * or an HTTP client's `data`. Compared with a digest of the caller's own input (a breach-list
     * lookup of a password's hash suffix), neither side is a secret of this server.
     */
    function isOutboundResponseData(node: TSESTree.Node, depth = 0): boolean {
      if (depth > 16) return false;
      const inner = unwrapExpression(node);
      if (inner.type === AST_NODE_TYPES.AwaitExpression) return isOutboundResponseData(inner.argument, depth + 1);
      if (inner.type === AST_NODE_TYPES.MemberExpression) {
        // `parts[0]`, `response.data` of axios or got
        if (inner.computed || memberName(inner) !== "data") return isOutboundResponseData(inner.object, depth + 1);
        return isOutboundResponse(inner.object, depth + 1);
      }
      if (inner.type === AST_NODE_TYPES.CallExpression && inner.callee.type === AST_NODE_TYPES.MemberExpression) {
        const method = memberName(inner.callee);
        if (method === "text" || method === "json") return isOutboundResponse(inner.callee.object, depth + 1);
        return method !== undefined && STRING_METHODS.has(method) && isOutboundResponseData(inner.callee.object, depth + 1);
      }
      // `hashPrefix + hashSuffix`: a value that carries response data in it.
      if (inner.type === AST_NODE_TYPES.BinaryExpression && inner.operator === "+") {
        return isOutboundResponseData(inner.left, depth + 1) || isOutboundResponseData(inner.right, depth + 1);
      }
      if (inner.type !== AST_NODE_TYPES.Identifier) return false;
      const definition = ASTUtils.findVariable(sourceCode.getScope(inner), inner)?.defs[0];
      if (definition?.type === "Variable" && definition.parent.kind === "const" && definition.node.init) return isOutboundResponseData(definition.node.init, depth + 1);
      // `for (const item of items)`: the element of an array of response data.
      const loop = definition?.type === "Variable" ? definition.parent.parent : undefined;
      if (loop?.type === AST_NODE_TYPES.ForOfStatement && loop.left === definition!.parent) return isOutboundResponseData(loop.right, depth + 1);
      // `lines.some((line) => …)`: the element of an array of response data.
      const fn = definition?.type === "Parameter" ? definition.node : undefined;
      const call = fn && isFunctionNode(fn) && fn.params[0] === definition!.name ? fn.parent : undefined;
      if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
      return ARRAY_CALLBACK_METHODS.has(memberName(call.callee) ?? "") && isOutboundResponseData(call.callee.object, depth + 1);
    }

    /** `await fetch(…)`, `await axios.get(…)`, or a `const` holding one. */
    function isOutboundResponse(node: TSESTree.Node, depth: number): boolean {
      if (depth > 20) return false;
      const inner = unwrapExpression(node);
      if (inner.type === AST_NODE_TYPES.AwaitExpression) return isOutboundResponse(inner.argument, depth + 1);
      if (inner.type === AST_NODE_TYPES.CallExpression) {
        const name = calleeName(inner);
        const callee = unwrapExpression(inner.callee);
        const owner = callee.type === AST_NODE_TYPES.MemberExpression ? valueName(callee.object) : undefined;
        return name === "fetch" || (owner !== undefined && HTTP_CLIENTS.has(owner) && name !== undefined && HTTP_METHODS.has(name));
      }
      if (inner.type !== AST_NODE_TYPES.Identifier) return false;
      const definition = ASTUtils.findVariable(sourceCode.getScope(inner), inner)?.defs[0];
      return definition?.type === "Variable" && definition.parent.kind === "const" && definition.node.init !== null && isOutboundResponse(definition.node.init, depth + 1);
    }

    /**
     * A value compared with a re-encoding of itself (`Buffer.from(secret, "base64url").toString("base64url") !== secret`,
     * a canonical-form check): both sides are the caller's own input, no stored secret is on the other side.
     */
    function isSelfCheck(left: TSESTree.Node, right: TSESTree.Node): boolean {
      return derivesOnlyFrom(left, right) || derivesOnlyFrom(right, left);
    }

    /** The comparisons reported so far, by the function they are made in (callbacks belong to the function that passes them). */
    const reported = new Map<TSESTree.Node, Set<string>>();

    /**
     * The same two values compared again in the same function, after a comparison already reported:
     * `coupons.find((c) => c.code === couponCode)` then, once it matched, `coupons.filter((c) =>
     * c.code !== couponCode)` to remove the coupon redeemed. The second runs after the verdict (or
     * leaks what the first does): one finding, and one fix, covers both.
     */
    function isRepeatedComparison(node: TSESTree.BinaryExpression): boolean {
      let owner: TSESTree.Node = sourceCode.ast;
      for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
        if (isFunctionNode(current) && !(current.parent?.type === AST_NODE_TYPES.CallExpression && current.parent.arguments.includes(current as TSESTree.CallExpressionArgument))) {
          owner = current;
          break;
        }
      }
      const key = [sourceCode.getText(unwrapExpression(node.left)), sourceCode.getText(unwrapExpression(node.right))].sort().join("\u0000");
      const seen = reported.get(owner) ?? new Set<string>();
      reported.set(owner, seen);
      if (seen.has(key)) return true;
      seen.add(key);
      return false;
    }

    /**
     * A value checked against one of the sources it falls back to: `const key = org.licenseKey ||
     * process.env.LICENSE_KEY` then `key !== process.env.LICENSE_KEY` asks which source was used,
     * a choice of configuration; the setting is compared with itself or a stored value, and no
     * caller's guess is on either side.
     */
    function isFallbackSourceCheck(left: TSESTree.Node, right: TSESTree.Node): boolean {
      return fallsBackTo(left, right) || fallsBackTo(right, left);
    }

    function fallsBackTo(value: TSESTree.Node, source: TSESTree.Node): boolean {
      const inner = unwrapExpression(value);
      if (inner.type !== AST_NODE_TYPES.Identifier) return false;
      const definitions = ASTUtils.findVariable(sourceCode.getScope(inner), inner)?.defs;
      const definition = definitions?.length === 1 ? definitions[0] : undefined;
      if (definition?.type !== "Variable" || definition.parent.kind !== "const" || !definition.node.init) return false;
      const sourceText = sourceCode.getText(unwrapExpression(source));
      const alternatives: TSESTree.Node[] = [];
      const collect = (node: TSESTree.Node): void => {
        const expression = unwrapExpression(node);
        if (expression.type === AST_NODE_TYPES.LogicalExpression && (expression.operator === "||" || expression.operator === "??")) {
          collect(expression.left);
          collect(expression.right);
        } else {
          alternatives.push(expression);
        }
      };
      collect(definition.node.init);
      return alternatives.some((alternative) => sourceCode.getText(alternative) === sourceText);
    }

    /** `value` is a parameter or variable, and `other` is computed from it alone. */
    function derivesOnlyFrom(value: TSESTree.Node, other: TSESTree.Node): boolean {
      const inner = unwrapExpression(value);
      if (inner.type !== AST_NODE_TYPES.Identifier || unwrapExpression(other).type === AST_NODE_TYPES.Identifier) return false;
      const own = inputsOf(inner);
      const derived = inputsOf(other);
      if (!own || !derived || own.size !== 1 || derived.size !== 1) return false;
      const [variable] = own;
      return variable!.name === inner.name && derived.has(variable!);
    }

    /**
     * A caller's key checked against the configured key of the same name:
     * `info.maintenanceKey === req.config.maintenanceKey`. Whatever qualifies the key, a value
     * compared with the setting that shares its name is a credential check.
     */
    function isConfiguredKeyCheck(left: TSESTree.Node, right: TSESTree.Node): boolean {
      const [a, b] = [unwrapExpression(left), unwrapExpression(right)];
      const name = valueName(a);
      if (name === undefined || name !== valueName(b)) return false;
      const words = nameWords(name);
      if (words.length < 2 || !CREDENTIAL_KEY_WORDS.has(words.at(-1)!) || DATA_KEY_WORDS.has(words.at(-2)!)) return false;
      return isReadFromSettings(a) !== isReadFromSettings(b);
    }

    /**
     * Whether a value comes from the process's environment: `process.env.OLD_SECRET`, or a `const`
     * set to it (`const OLD_SECRET = process.env.OLD_SECRET ?? ""`). Two such values compared (a
     * key-rotation script refusing the same secret twice) hold no caller's guess.
     */
    function isFromEnvironment(node: TSESTree.Node): boolean {
      const value = readValue(node);
      if (value.type === AST_NODE_TYPES.MemberExpression) return environmentRead(value) !== undefined;
      if (value.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = ASTUtils.findVariable(sourceCode.getScope(value), value);
      const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (definition?.type !== "Variable" || definition.parent.kind !== "const" || !definition.node.init) return false;
      const init = readValue(definition.node.init);
      return init.type === AST_NODE_TYPES.MemberExpression && environmentRead(init) !== undefined;
    }

    /**
     * Whether a value is the deployment's, not a caller's: from the environment, read from a
     * settings object (`config.jwtSecret`), a `const` destructured from or set to a settings
     * loader's result (`const { password } = backendConfig()`), or a constant written in the code
     * (`DEFAULT_BACKEND_CONFIG.password`). Two such values compared (a start-up page warning that
     * the default password is still in use) hold no caller's guess.
     */
    function isDeploymentValue(node: TSESTree.Node): boolean {
      if (isFromEnvironment(node)) return true;
      const value = readValue(node);
      if (value.type === AST_NODE_TYPES.MemberExpression) {
        let root: TSESTree.Node = value;
        while (root.type === AST_NODE_TYPES.MemberExpression && !root.computed) root = unwrapExpression(root.object);
        return isReadFromSettings(value) || (root.type === AST_NODE_TYPES.Identifier && /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/u.test(root.name));
      }
      if (value.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = ASTUtils.findVariable(sourceCode.getScope(value), value);
      const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (definition?.type !== "Variable" || definition.parent.kind !== "const" || !definition.node.init) return false;
      const init = readValue(definition.node.init);
      const loader = init.type === AST_NODE_TYPES.CallExpression ? unwrapExpression(init.callee) : undefined;
      const loaderName = loader === undefined ? undefined : valueName(loader);
      return loaderName !== undefined && init.type === AST_NODE_TYPES.CallExpression && init.arguments.length === 0 && nameWords(loaderName).some((word) => SETTINGS_WORDS.has(word));
    }

    /**
     * Whether a value is a boolean: `!!env.AWS_SECRET_ACCESS_KEY`, `Boolean(x)`, a comparison, or a
     * `const` set to one (`const hasSecret = !!env.SECRET`). Comparing two of those compares
     * presence, not a secret's characters.
     */
    function isBooleanValue(node: TSESTree.Node, depth = 0): boolean {
      const inner = unwrapExpression(node);
      if (inner.type === AST_NODE_TYPES.UnaryExpression) return inner.operator === "!";
      if (inner.type === AST_NODE_TYPES.BinaryExpression) return ["===", "!==", "==", "!=", "<", ">", "<=", ">=", "in", "instanceof"].includes(inner.operator);
      if (inner.type === AST_NODE_TYPES.CallExpression) return inner.callee.type === AST_NODE_TYPES.Identifier && inner.callee.name === "Boolean";
      // `record.isSecret`, `options.hasPassword`: a flag by its name.
      const name = valueName(inner);
      if (name !== undefined && /^(?:is|has|should|can|was|were|did|does|uses?)[A-Z]/u.test(name)) return true;
      if (inner.type !== AST_NODE_TYPES.Identifier || depth > 2) return false;
      const definition = ASTUtils.findVariable(sourceCode.getScope(inner), inner)?.defs[0];
      return definition?.type === "Variable" && definition.parent.kind === "const" && definition.node.init !== null && isBooleanValue(definition.node.init, depth + 1);
    }

    /** Two values read from one object: `config.a` and `config.b`, or `a` and `b` of `({ a, b }) => …`. */
    function haveOneOrigin(left: TSESTree.Node, right: TSESTree.Node): boolean {
      const root = rootName(left);
      if (root !== undefined && root === rootName(right)) return true;
      const pattern = (side: TSESTree.Node) => {
        const inner = unwrapExpression(side);
        if (inner.type !== AST_NODE_TYPES.Identifier) return undefined;
        const definition = ASTUtils.findVariable(sourceCode.getScope(inner), inner)?.defs[0];
        const property = definition?.name.parent;
        const object = property?.type === AST_NODE_TYPES.Property ? property.parent : property?.type === AST_NODE_TYPES.AssignmentPattern ? property.parent?.parent : undefined;
        return object?.type === AST_NODE_TYPES.ObjectPattern ? object : undefined;
      };
      const leftPattern = pattern(left);
      return leftPattern !== undefined && leftPattern === pattern(right);
    }

    /** `logger.warn({ token }, …)`, `res.status(401).json({ expected })`, `new Response(…)`: a value written out, not kept. */
    function isReportingCall(call: TSESTree.CallExpression): boolean {
      return REPORTING_METHODS.has(calleeName(call) ?? "");
    }

    /** Whether code turns the caller away: a `throw`, a `return` of nothing or of a falsy value, an error answer. */
    function rejects(node: TSESTree.Node): boolean {
      if (isFunctionNode(node)) return false;
      if (node.type === AST_NODE_TYPES.ThrowStatement) return true;
      if (node.type === AST_NODE_TYPES.ReturnStatement && (!node.argument || (node.argument.type === AST_NODE_TYPES.Literal && !node.argument.value))) return true;
      if (node.type === AST_NODE_TYPES.CallExpression && ["status", "sendStatus", "redirect"].includes(calleeName(node) ?? "")) return true;
      return childNodes(node).some((child) => rejects(child));
    }

    /** `continue;`, or a block of only that. */
    function isLoopSkip(statement: TSESTree.Statement): boolean {
      if (statement.type === AST_NODE_TYPES.ContinueStatement) return true;
      return statement.type === AST_NODE_TYPES.BlockStatement && statement.body.length === 1 && isLoopSkip(statement.body[0]!);
    }

    /**
     * A comparison that detects a change and records the new value: a cached copy checked against
     * the current one before what was made from it is rebuilt (`if (!client || this.token !== token)
     * { client = connect(token); this.token = token; }`), a memo keyed by a secret (`if (cached?.secret
     * === secret) return cached.key;` … `cached = { secret, key }`), a refreshed token saved when the
     * provider issued a new one (`if (fresh !== token) await save({ token: fresh })`). The path taken
     * on a difference stores one of the compared values: it keeps something up to date and rejects no
     * caller, which is what a timing attack would need to measure.
     */
    function isChangeDetection(node: TSESTree.BinaryExpression): boolean {
      const changed = node.operator === "!==" || node.operator === "!=";
      let test: TSESTree.Node = node;
      while (test.parent?.type === AST_NODE_TYPES.LogicalExpression && test.parent.operator === (changed ? "||" : "&&")) test = test.parent;
      let statement: TSESTree.Node | undefined = test.parent;
      // `const canSkip = stored && stored.secret === value; if (canSkip) continue;`
      if (statement?.type === AST_NODE_TYPES.VariableDeclarator && statement.init === test && statement.id.type === AST_NODE_TYPES.Identifier && statement.parent.kind === "const") {
        const reads = ASTUtils.findVariable(sourceCode.getScope(statement.id), statement.id)?.references.filter((reference) => reference.isRead()) ?? [];
        test = reads.length === 1 ? (reads[0]!.identifier as TSESTree.Node) : test;
        statement = test.parent;
      }
      if (statement?.type !== AST_NODE_TYPES.IfStatement || statement.test !== test) return false;
      let path: readonly TSESTree.Node[] = [];
      const branch = changed ? statement.consequent : statement.alternate;
      if (branch) {
        path = branch.type === AST_NODE_TYPES.BlockStatement ? branch.body : [branch];
      } else if (!changed && (exitsAtOnce(statement.consequent) || isLoopSkip(statement.consequent))) {
        // `if (same) return cached;` and the rest of the block runs on a difference.
        const block = statement.parent;
        const body: readonly TSESTree.Node[] = block?.type === AST_NODE_TYPES.BlockStatement || block?.type === AST_NODE_TYPES.Program ? block.body : [];
        path = body.slice(body.indexOf(statement) + 1);
      }
      const sides = new Set([node.left, node.right].map((side) => sourceCode.getText(unwrapExpression(side))));
      const stored = (value: TSESTree.Node) => {
        let inner = unwrapExpression(value);
        while (inner.type === AST_NODE_TYPES.LogicalExpression || inner.type === AST_NODE_TYPES.AwaitExpression) inner = unwrapExpression(inner.type === AST_NODE_TYPES.LogicalExpression ? inner.left : inner.argument);
        return sides.has(sourceCode.getText(inner));
      };
      if (path.some((entry) => rejects(entry))) return false;
      const stack = [...path];
      while (stack.length > 0) {
        const current = stack.pop()!;
        if (isFunctionNode(current)) continue;
        // What goes into a log line or an error answer is reported, not kept.
        if (current.type === AST_NODE_TYPES.CallExpression && isReportingCall(current)) continue;
        if (current.type === AST_NODE_TYPES.AssignmentExpression && current.operator === "=" && stored(current.right)) return true;
        if (current.type === AST_NODE_TYPES.Property && current.parent?.type === AST_NODE_TYPES.ObjectExpression && stored(current.value)) return true;
        stack.push(...childNodes(current));
      }
      return false;
    }

    return {
      BinaryExpression(node) {
        if (!["===", "!==", "==", "!="].includes(node.operator)) return;
        // `hasKey !== hasSecret`: whether each is set, not what it holds.
        if (isBooleanValue(node.left) || isBooleanValue(node.right)) return;
        const leftKind = secretOf(node.left, node.right);
        const rightKind = secretOf(node.right, node.left);
        // A value secret only by its name (`signature`, `totpCode`) next to a digest computed here: the message names the digest.
        const kind = (leftKind === "secret" && rightKind === "digest" ? rightKind : (leftKind ?? rightKind)) ?? (isConfiguredKeyCheck(node.left, node.right) ? "secret" : undefined);
        if (!kind) return;
        // Two configured secrets compared at startup (`config.jwtSecret === config.sessionSecret`, or both destructured
        // from one options object): no attacker input.
        if ([leftKind, rightKind].every((side) => side === undefined || side === "secret") && haveOneOrigin(node.left, node.right)) return;
        // Two values of the deployment (its environment, its settings, constants of the code): what the operator configured, checked against itself.
        if (isDeploymentValue(node.left) && isDeploymentValue(node.right)) return;
        if (isDoubleSubmitCheck(node.left, node.right) || isSelfCheck(node.left, node.right) || isFallbackSourceCheck(node.left, node.right) || isInsideMapCallback(node) || isChangeDetection(node)) return;
        // A digest checked against what another service answered (a breach list, a remote checksum): no caller times it.
        if (kind === "digest" && (isOutboundResponseData(node.left) || isOutboundResponseData(node.right))) return;
        if (isRepeatedComparison(node)) return;
        const [left, right] = [sourceCode.getText(node.left), sourceCode.getText(node.right)];
        const equal = node.operator === "===" || node.operator === "==";
        context.report({
          node,
          messageId: "unsafeCompare",
          data: { what: DESCRIPTIONS[kind], operator: node.operator },
          suggest:
            isRepeatable(node.left) && isRepeatable(node.right)
              ? suggestion(node, (name) => ({
                  operator: equal ? "&&" : "||",
                  text: equal
                    ? `Buffer.byteLength(${left}) === Buffer.byteLength(${right}) && ${name}(Buffer.from(${left}), Buffer.from(${right}))`
                    : `Buffer.byteLength(${left}) !== Buffer.byteLength(${right}) || !${name}(Buffer.from(${left}), Buffer.from(${right}))`,
                }))
              : [],
        });
      },
      CallExpression(node) {
        const method = calleeName(node);
        if (method === "includes" || method === "indexOf") {
          reportMembership(node);
          return;
        }
        if ((method !== "equals" && method !== "localeCompare") || node.arguments.length < 1) return;
        const callee = node.callee.type === AST_NODE_TYPES.ChainExpression ? node.callee.expression : node.callee;
        if (callee.type !== AST_NODE_TYPES.MemberExpression || node.callee.type === AST_NODE_TYPES.ChainExpression) return;
        const other = node.arguments[0]!;
        const kind = secretOf(callee.object, other) ?? secretOf(other, callee.object);
        if (!kind) return;
        const [left, right] = [sourceCode.getText(callee.object), sourceCode.getText(other)];
        context.report({
          node,
          messageId: "unsafeCompare",
          data: { what: DESCRIPTIONS[kind], operator: `.${memberName(callee)}()` },
          suggest:
            method === "equals" && isRepeatable(callee.object) && isRepeatable(other)
              ? suggestion(node, (name) => ({ operator: "&&", text: `${left}.length === ${right}.length && ${name}(${left}, ${right})` }))
              : [],
        });
      },
    };
  },
});
