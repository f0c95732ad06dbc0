import * as ASTUtils from "@typescript-eslint/utils/ast-utils";
import { AST_NODE_TYPES } from "@typescript-eslint/types";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { calleeName, childNodes, memberName, resolveLocalFunction, returnedExpressions, staticString, unwrapExpression, valueName } from "./expressions.ts";
import { isImportOf, propertyName } from "./imports.ts";
import { nameWords } from "./name-words.ts";

/**
 * Whether an expression holds a secret: a value that must only be compared in constant time.
 *
 * - `digest`: an HMAC computed here (`createHmac(...).update(body).digest("hex")`, `crypto.subtle.sign`),
 *   or a plain hash of something secret. Hashes of ordinary content (ETags, checksums) are not secrets.
 * - `header`: a signature or credential header read from a request (`stripe-signature`,
 *   `x-hub-signature-256`, `authorization`, `x-api-key`, ...).
 * - `secret`: a configured secret or token: `process.env.WEBHOOK_SECRET`, `config.apiKey`,
 *   `user.resetToken`, a variable named `signature`. Bare `token` and `key` are not enough
 *   (parser tokens, pagination tokens, map keys); `accessToken`, `csrfToken` and `apiKey` are.
 *
 * Values are followed through variables, string conversions (`Buffer.from`, `.toString("hex")`,
 * `"sha256=" + digest`), same-file helper functions that return a digest, and destructuring.
 */
export type SecretKind = "digest" | "header" | "secret";

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

export interface SecretOptions {
  /** Extra words that end the name of a secret (`["pin", "otp"]`). */
  secretWords?: readonly string[];
}

const MAX_DEPTH = 10;
/** A variable assigned more often than this is followed through its first assignments only. */
const MAX_WRITES = 4;

/** Words that end a secret's name. */
const SECRET_WORDS = new Set(["secret", "signature", "sig", "hmac", "apikey", "passphrase", "otp", "hotp", "totp"]);
/** `<qualifier>Token` names a credential; other tokens (`nextToken`, `cancelToken`, `token`) may not. */
const TOKEN_QUALIFIERS = new Set([
  "access", "api", "auth", "authentication", "authenticity", "bearer", "bot", "client", "confirm", "confirmation",
  "csrf", "xsrf", "expected", "given", "hook", "id", "incoming", "integration", "internal", "invitation", "invite",
  "login", "magic", "master", "oauth", "otp", "personal", "provided", "received", "recovery", "refresh", "reset", "secret",
  "security", "service", "session", "shared", "signup", "stored", "supplied", "verification", "verify", "webhook",
]);
/**
 * `<qualifier>Code` names a one-time credential (a coupon or voucher code redeemed for a plan is a
 * bearer secret); other codes (`statusCode`, `countryCode`) do not.
 */
const CODE_QUALIFIERS = new Set([
  "access", "auth", "authorization", "backup", "confirm", "confirmation", "coupon", "gift", "invitation", "invite", "login",
  "magic", "mfa", "otp", "recovery", "redeem", "redemption", "reset", "security", "totp", "verification", "verify", "voucher",
]);
/** `<qualifier>Key` names a credential; other keys (`cacheKey`, `primaryKey`) do not. */
const KEY_QUALIFIERS = new Set(["api", "secret", "private", "signing", "hmac", "webhook", "access", "auth", "master", "shared"]);
/** Words that describe a value's encoding, not what it is: `signatureHex` is still a signature. */
const NEUTRAL_SUFFIXES = new Set(["hex", "b64", "base64", "buf", "buffer", "bytes", "header", "value", "str", "string", "raw", "encoded", "utf8"]);
/** Reading these from a secret gives something public (a length, a type). */
const PUBLIC_PROPERTIES = new Set(["length", "byteLength", "size"]);
/** Methods that turn a secret into another form of the same secret. */
const TRANSFORM_METHODS = new Set([
  "toString", "toLowerCase", "toUpperCase", "toLocaleLowerCase", "toLocaleUpperCase", "trim", "trimStart", "trimEnd",
  "slice", "substring", "substr", "replace", "replaceAll", "split", "at", "padStart", "padEnd", "normalize", "join",
  "map", "subarray", "find", "pop", "shift", "valueOf", "toJSON",
]);
/** Functions that convert their argument: `Buffer.from(sig)`, `String(token)`, `btoa(digest)`. */
const CONVERTERS = new Set(["from", "String", "encode", "decode", "btoa", "atob", "encodeURIComponent", "decodeURIComponent", "Uint8Array", "concat"]);
/** Plain hash functions of a library or a helper: `md5(x)`, `sha256(x)`, `sha3_512(x)`. */
const HASH_FUNCTION = /^(?:md5|sha1|sha224|sha256|sha384|sha512|sha3(?:_?\d+)?)$/iu;
/** Key derivation from a password: `pbkdf2Sync(password, salt, …)`, `scrypt(password, salt, …)`. */
const KEY_DERIVATION = /^(?:pbkdf2|scrypt|hkdf)(?:Sync)?$/iu;
/** The last word of a name for a password. */
const PASSWORD_WORD = /^(?:password|passwd|passcode|pin)$/iu;
/** Fields of a secret record that hold the secret itself: `backupCode.code`, `resetToken.token`, `apiKey.value`. */
const SECRET_VALUE_FIELDS = new Set(["code", "token", "key", "value", "secret", "hash", "digest"]);
/** Array methods that call their callback with each element: `codes.some((code) => code.value === input)`. */
const ELEMENT_CALLBACK_METHODS = new Set(["some", "every", "find", "findIndex", "findLast", "findLastIndex", "filter", "forEach"]);
/** How many nodes the search for a password inside an expression looks at. */
const MAX_PASSWORD_SEARCH = 200;
/** Words of a function that hashes or signs: with a secret first argument and data after it, its result is a MAC. */
const KEYED_DIGEST_WORDS = new Set(["hash", "digest", "mac", "sign"]);
/** First words of a function that returns the secret its name says: `decryptApiKey`, `getWebhookSecret`. */
const SECRET_GETTER_VERBS = new Set(["get", "decrypt", "load", "read", "fetch", "resolve", "find", "lookup"]);
const ENCODING_WORDS = new Set(["hex", "base64", "b64", "encode", "decode", "bytes", "buffer", "string", "array"]);
const CHECK_VERBS = new Set(["verify", "validate", "check", "is", "has", "compare", "assert", "ensure", "parse"]);
/** Provider webhook headers that carry a shared token rather than a signature. */
const TOKEN_HEADERS = new Set(["x-gitlab-token", "x-telegram-bot-api-secret-token", "x-webhook-secret", "x-webhook-token", "x-hook-secret"]);

function lastMeaningfulWords(name: string): string[] {
  const words = [...nameWords(name)];
  while (words.length > 1 && NEUTRAL_SUFFIXES.has(words[words.length - 1]!)) words.pop();
  return words;
}

/** Words that name a secret only in code that signs or verifies: elsewhere a "signature" is a function's or a draft's. */
const SIGNATURE_WORDS = new Set(["signature", "sig", "hmac"]);
/** Signs of code that signs or verifies something. */
const CRYPTO_CONTEXT = /\b(?:createHmac|createHash|timingSafeEqual|subtle|createVerify|createSign|verify|hmac)\b|["'`](?:node:)?crypto["'`]|-signature\b/iu;

/** Password hashing in a file: the stored passwords it compares are digests, which timing cannot invert. */
const PASSWORD_HASHING = /\b(?:bcrypt(?:js)?|argon2|scrypt(?:Sync)?|pbkdf2(?:Sync)?)\b/u;

/** What a request or a form hands over: its fields are the caller's input, not what the server stored. */
const INPUT_WORDS = new Set(["req", "request", "body", "query", "params", "input", "inputs", "args", "form", "formdata", "values", "dto", "payload", "credentials", "fields", "data", "event", "ctx", "context"]);

/**
 * A record the server looked up or keeps (`link`, `user`, `await getLinkViaEdge(…)`), not the
 * caller's input (`req.body`, `values`, `dto`) nor the object itself (`this`).
 */
function isStoredRecord(node: TSESTree.Node): boolean {
  const object = unwrapExpression(node);
  switch (object.type) {
    case AST_NODE_TYPES.CallExpression:
      return true;
    case AST_NODE_TYPES.Identifier:
      return !nameWords(object.name).some((word) => INPUT_WORDS.has(word));
    case AST_NODE_TYPES.MemberExpression: {
      const name = memberName(object);
      return name !== undefined && !nameWords(name).some((word) => INPUT_WORDS.has(word)) && isStoredRecord(object.object);
    }
    default:
      return false;
  }
}

/** `password`, `inputPassword`, `passcode`, `pin`: a name for a password. */
function isPasswordName(name: string): boolean {
  return PASSWORD_WORD.test(lastMeaningfulWords(name).at(-1) ?? "");
}

/** `webhookSecret`, `signature`, `csrfToken`, `apiKey`: a name that says its value is secret. */
export function isSecretName(name: string, options: SecretOptions = {}, cryptoContext: boolean | (() => boolean) = true): boolean {
  const words = lastMeaningfulWords(name);
  const last = words[words.length - 1];
  const previous = words[words.length - 2];
  if (last === undefined) return false;
  // `hashedClientSecret`, `hashedToken`: the stored digest of a secret, which reveals nothing of it.
  if (words[0] === "hashed") return false;
  if (SIGNATURE_WORDS.has(last)) return typeof cryptoContext === "function" ? cryptoContext() : cryptoContext;
  if (SECRET_WORDS.has(last) || options.secretWords?.includes(last)) return true;
  // `const { secret, recovery } = user.mfa`: a second factor's recovery codes, named by the one word.
  if (words.length === 1 && last === "recovery") return true;
  if (last === "token") return previous !== undefined && TOKEN_QUALIFIERS.has(previous);
  if (last === "key") return previous !== undefined && KEY_QUALIFIERS.has(previous);
  if (last === "code") return previous !== undefined && CODE_QUALIFIERS.has(previous);
  return false;
}

/** `backupCodes`, `apiKeys`, `recoveryTokens`: a name that says its value is a collection of secrets. */
export function isSecretCollectionName(name: string, options: SecretOptions = {}): boolean {
  const words = lastMeaningfulWords(name);
  const last = words[words.length - 1];
  if (last === undefined || !/[^s]s$/u.test(last)) return false;
  // Signatures and HMACs by name only count in code that signs; a list of them is rarely held.
  const singular = [...words.slice(0, -1), last.slice(0, -1)].join("_");
  return isSecretName(singular, options, false);
}

/** `STRIPE_WEBHOOK_SECRET`, `API_TOKEN`, `ADMIN_PASSWORD`, `SENDGRID_KEY`: an environment variable holding a secret. */
export function isSecretEnvName(name: string): boolean {
  const words = nameWords(name);
  const last = words[words.length - 1];
  if (words.some((word) => ["secret", "password", "passwd", "passphrase", "apikey", "signature", "hmac"].includes(word))) return true;
  // A lone `TOKEN` or `KEY` says too little; `API_TOKEN` and `STRIPE_KEY` say enough.
  if (words.length < 2) return false;
  if (last === "token") return true;
  return last === "key" && !["public", "publishable"].includes(words[words.length - 2] ?? "");
}

/** A header that carries a signature or a credential. */
export function isSecretHeader(header: string): boolean {
  return /signature|hmac|token|secret|authorization|api-?key/iu.test(header);
}

/** A header a webhook provider signs its deliveries with (`stripe-signature`, `x-hub-signature-256`, `x-gitlab-token`). */
export function isSignatureHeader(header: string): boolean {
  const lower = header.toLowerCase();
  return /signature|hmac/u.test(lower) || TOKEN_HEADERS.has(lower);
}

function isHeadersObject(node: TSESTree.Node): boolean {
  const inner = unwrapExpression(node);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name === "headers";
  if (inner.type === AST_NODE_TYPES.MemberExpression) return memberName(inner) === "headers";
  // `headers()` from next/headers
  return inner.type === AST_NODE_TYPES.CallExpression && calleeName(inner) === "headers";
}

function isEnvObject(node: TSESTree.Node): boolean {
  const inner = unwrapExpression(node);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name === "env";
  return inner.type === AST_NODE_TYPES.MemberExpression && memberName(inner) === "env";
}

/**
 * The header a request read names: `req.headers["stripe-signature"]`, `req.get("x-hub-signature-256")`,
 * `c.req.header("x-slack-signature")`, `request.headers.get("svix-signature")`, `headers().get(...)`.
 */
export function headerRead(node: TSESTree.Node): string | undefined {
  const inner = unwrapExpression(node);
  if (inner.type === AST_NODE_TYPES.MemberExpression && isHeadersObject(inner.object)) {
    return memberName(inner)?.toLowerCase();
  }
  if (inner.type === AST_NODE_TYPES.CallExpression && inner.callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = memberName(inner.callee);
    const header = staticString(inner.arguments[0]);
    if (header === undefined) return undefined;
    if (method === "header" || method === "getHeader") return header.toLowerCase();
    // `.get()` is also Map#get and config.get; only names shaped like headers count.
    if (method === "get" && (isHeadersObject(inner.callee.object) || /^[a-z0-9]+(?:-[a-z0-9]+)+$/iu.test(header))) {
      return header.toLowerCase();
    }
  }
  return undefined;
}

/** A Nest parameter decorated `@Headers("x-hub-signature-256")`: the header it receives. */
function decoratedHeader(parameter: TSESTree.Node): string | undefined {
  const decorated = parameter.type === AST_NODE_TYPES.TSParameterProperty ? parameter.parameter : parameter;
  const decorators = "decorators" in decorated ? decorated.decorators : undefined;
  for (const decorator of decorators ?? []) {
    const expression = decorator.expression;
    if (expression.type === AST_NODE_TYPES.CallExpression && calleeName(expression) === "Headers") {
      return staticString(expression.arguments[0])?.toLowerCase();
    }
  }
  return undefined;
}

class SecretAnalysis {
  private readonly visiting = new Set<TSESTree.Node>();
  /** Results by node: values reach each other through variables, and minified code has many. */
  private readonly known = new Map<TSESTree.Node, SecretKind | undefined>();

  /** Whether the file signs or verifies: a search of its whole text, done when a name first depends on it (most files have none). */
  private cryptoContextFound: boolean | undefined;

  constructor(
    private readonly context: Context,
    private readonly options: SecretOptions,
  ) {}

  private readonly cryptoContext = (): boolean => (this.cryptoContextFound ??= CRYPTO_CONTEXT.test(this.context.sourceCode.text));

  /** Whether the file hashes passwords (bcrypt, argon2, scrypt, PBKDF2): the passwords its records keep are digests then. */
  private hashesPasswordsFound: boolean | undefined;
  private readonly hashesPasswords = (): boolean => (this.hashesPasswordsFound ??= PASSWORD_HASHING.test(this.context.sourceCode.text));

  private isSecretName(name: string): boolean {
    return isSecretName(name, this.options, this.cryptoContext);
  }

  kind(node: TSESTree.Node, depth: number): SecretKind | undefined {
    if (this.known.has(node)) return this.known.get(node);
    if (depth > MAX_DEPTH || this.visiting.has(node)) return undefined;
    this.visiting.add(node);
    try {
      const kind = this.kindOf(node, depth);
      this.known.set(node, kind);
      return kind;
    } finally {
      this.visiting.delete(node);
    }
  }

  private kindOf(node: TSESTree.Node, depth: number): SecretKind | undefined {
    switch (node.type) {
      case AST_NODE_TYPES.Identifier:
        return this.identifierKind(node, depth);
      case AST_NODE_TYPES.MemberExpression:
        return this.memberKind(node, depth);
      case AST_NODE_TYPES.CallExpression:
        return this.callKind(node, depth);
      case AST_NODE_TYPES.NewExpression: {
        const name = calleeName(node);
        return name !== undefined && CONVERTERS.has(name) ? this.firstKind(node.arguments, depth) : undefined;
      }
      case AST_NODE_TYPES.TemplateLiteral:
        return this.firstKind(node.expressions, depth);
      case AST_NODE_TYPES.BinaryExpression:
        return node.operator === "+" ? this.firstKind([node.left, node.right], depth) : undefined;
      case AST_NODE_TYPES.LogicalExpression:
        return this.firstKind([node.left, node.right], depth);
      case AST_NODE_TYPES.ConditionalExpression:
        return this.firstKind([node.consequent, node.alternate], depth);
      case AST_NODE_TYPES.AssignmentExpression:
        return this.kind(node.right, depth + 1);
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
        return this.kind(node.expression, depth + 1);
      case AST_NODE_TYPES.AwaitExpression:
        return this.kind(node.argument, depth + 1);
      default:
        return undefined;
    }
  }

  private firstKind(nodes: readonly TSESTree.Node[], depth: number): SecretKind | undefined {
    for (const node of nodes) {
      const kind = this.kind(node, depth + 1);
      if (kind) return kind;
    }
    return undefined;
  }

  private headerKind(header: string | undefined): SecretKind | undefined {
    return header !== undefined && isSecretHeader(header) ? "header" : undefined;
  }

  private identifierKind(node: TSESTree.Identifier, depth: number): SecretKind | undefined {
    if (node.name === "undefined") return undefined;
    // What the variable holds says more than its name: `signature` read from a header is a header.
    return this.definitionKind(node, depth) ?? (this.isSecretName(node.name) ? "secret" : undefined);
  }

  private definitionKind(node: TSESTree.Identifier, depth: number): SecretKind | undefined {
    const variable = ASTUtils.findVariable(this.context.sourceCode.getScope(node), node);
    if (!variable || variable.defs.length !== 1) return undefined;
    const definition = variable.defs[0]!;
    if (definition.type === "Parameter") {
      let parameter: TSESTree.Node = definition.name;
      while (parameter.parent && parameter.parent.type === AST_NODE_TYPES.TSParameterProperty) parameter = parameter.parent;
      return this.headerKind(decoratedHeader(parameter)) ?? (this.isElementOfSecrets(definition.node, parameter) ? "secret" : undefined);
    }
    if (definition.type !== "Variable") return undefined;
    const declarator = definition.node;
    const writes = variable.references
      .filter((reference) => reference.isWrite() && reference.writeExpr && reference.writeExpr !== declarator.init)
      .map((reference) => reference.writeExpr!)
      .slice(0, MAX_WRITES);
    if (declarator.id.type === AST_NODE_TYPES.Identifier) {
      return this.firstKind(declarator.init ? [declarator.init, ...writes] : writes, depth);
    }
    if (!declarator.init) return undefined;
    if (declarator.id.type === AST_NODE_TYPES.ArrayPattern) return this.kind(declarator.init, depth + 1);
    // `const { "x-hub-signature-256": sig } = req.headers`, `const { WEBHOOK_SECRET } = process.env`
    const key = destructuredKey(declarator.id, definition.name as TSESTree.Identifier);
    if (key === undefined) return undefined;
    if (isHeadersObject(declarator.init)) return this.headerKind(key.toLowerCase());
    if (isEnvObject(declarator.init)) return isSecretEnvName(key) ? "secret" : undefined;
    return this.isSecretName(key) ? "secret" : undefined;
  }

  /**
   * The element parameter of a callback a list of secrets calls with each element:
   * `backupCodes.some((entry) => …)`, `user.recoveryCodes.find((c) => …)`.
   */
  private isElementOfSecrets(fn: TSESTree.Node, parameter: TSESTree.Node): boolean {
    if (!("params" in fn) || !fn.params[0]) return false;
    // The element itself, or its value field destructured: `({ code }) => code === input`.
    const element = fn.params[0];
    const destructured = element.type === AST_NODE_TYPES.ObjectPattern && parameter.type === AST_NODE_TYPES.Identifier ? destructuredKey(element, parameter) : undefined;
    if (element !== parameter && !(destructured !== undefined && SECRET_VALUE_FIELDS.has(destructured))) return false;
    const call = fn.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return false;
    const callee = unwrapExpression(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !ELEMENT_CALLBACK_METHODS.has(memberName(callee) ?? "")) return false;
    // Any name along the list's member chain (`backupCodes.codes`, `mfa.backupCodes`), or the
    // values of a secret record (`backupCode.codes`).
    const list = unwrapExpression(callee.object);
    if (list.type === AST_NODE_TYPES.MemberExpression && /s$/u.test(memberName(list) ?? "") && SECRET_VALUE_FIELDS.has(memberName(list)!.slice(0, -1).toLowerCase())) {
      if (this.kind(list.object, 0) === "secret") return true;
    }
    for (let link: TSESTree.Node = list; ; ) {
      const name = valueName(link);
      if (name !== undefined && isSecretCollectionName(name, this.options)) return true;
      if (link.type !== AST_NODE_TYPES.MemberExpression) return false;
      link = unwrapExpression(link.object);
    }
  }

  private memberKind(node: TSESTree.MemberExpression, depth: number): SecretKind | undefined {
    const name = memberName(node);
    if ((name !== undefined && PUBLIC_PROPERTIES.has(name)) || isEnumMember(node)) return undefined;
    if (isHeadersObject(node.object)) return this.headerKind(name?.toLowerCase());
    // Environment variables are UPPER_CASE; `env.key` on an `env` entity is an ordinary property.
    if (name !== undefined && isEnvObject(node.object) && /^[A-Z0-9_]+$/u.test(name)) return isSecretEnvName(name) ? "secret" : undefined;
    if (name !== undefined && this.isSecretName(name)) return "secret";
    // A password kept in plain text on a record the server stored: `link.password`, `(await getLink(id))?.password`; not the
    // form's own fields, nor a record's password in a file that hashes passwords (it holds a digest).
    if (!node.computed && name !== undefined && isPasswordName(name) && isStoredRecord(node.object) && !this.hashesPasswords()) return "secret";
    // The value field of a secret record: `backupCode.code`, `resetToken.token`.
    if (!node.computed && name !== undefined && SECRET_VALUE_FIELDS.has(lastMeaningfulWords(name).at(-1) ?? "") && this.kind(node.object, depth + 1) === "secret") return "secret";
    // An element of a secret: `signature.split(",")[1]`, `match[1]`.
    if (node.computed && node.property.type !== AST_NODE_TYPES.Literal) return undefined;
    if (node.computed && typeof (node.property as TSESTree.Literal).value === "number") return this.kind(node.object, depth + 1);
    return undefined;
  }

  private callKind(node: TSESTree.CallExpression, depth: number): SecretKind | undefined {
    const callee = unwrapExpression(node.callee);
    const name = calleeName(node);
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const header = headerRead(node);
      if (header !== undefined) return this.headerKind(header);
      const key = staticString(node.arguments[0]);
      // `configService.get("STRIPE_WEBHOOK_SECRET")`, `config.get("github.webhookSecret")`; not `formData.get("password")`.
      if ((name === "get" || name === "getOrThrow") && key !== undefined) {
        if (/^[A-Z0-9_]+$/u.test(key)) return isSecretEnvName(key) ? "secret" : undefined;
        const path = key.split(/[.:]/u);
        return path.length > 1 && this.isSecretName(path[path.length - 1]!) ? "secret" : undefined;
      }
      if (name === "digest" && this.isSubtle(callee.object)) return this.kind(node.arguments[1] ?? node, depth + 1);
      if (name === "sign" && this.isSubtle(callee.object)) return "digest";
      if (name === "digest") return this.digestKind(callee.object, depth);
      if (name !== undefined && TRANSFORM_METHODS.has(name)) return this.kind(callee.object, depth + 1);
    }
    if (name === undefined) return undefined;
    if (CONVERTERS.has(name) || nameWords(name).some((word) => ENCODING_WORDS.has(word))) {
      const kind = this.firstKind(node.arguments, depth);
      if (kind) return kind;
    }
    // `computeSignature(body)`, `hmacSha256(secret, body)`; not `verifySignature(...)`, which answers yes or no.
    const words = lastMeaningfulWords(name);
    if (!CHECK_VERBS.has(words[0] ?? "") && name !== "createHmac") {
      // HMAC-based one-time passwords: `generateHOTP(secret, counter)`, `totp.generate(secret)`.
      if (words.some((word) => word === "hmac" || word === "hotp" || word === "totp")) return "digest";
      // A hash of a password or a secret (`sha256(password)`): a stored password hash is compared with it.
      if ((HASH_FUNCTION.test(name) || KEY_DERIVATION.test(name)) && node.arguments.some((argument) => this.hashesSecret(argument, node.arguments.length > 1, depth))) return "digest";
      if (["signature", "sig"].includes(words[words.length - 1] ?? "") && words.length > 1 && this.cryptoContext()) return "digest";
      // A hash keyed by a secret, a project's HMAC helper: `createHash(apiKey, subscriberId)`, `hashWithKey(secret, body)`.
      const [first, ...rest] = node.arguments;
      if (words.some((word) => KEYED_DIGEST_WORDS.has(word)) && first && rest.length > 0 && this.kind(first, depth + 1) !== undefined) return "digest";
      // What a function named for a secret gives: `decryptApiKey(stored)`, `getWebhookSecret()`, `loadSigningKey(path)`.
      if (SECRET_GETTER_VERBS.has(words[0] ?? "") && words.length > 1 && this.isSecretName(name)) return "secret";
    }
    const local = resolveLocalFunction(this.context, callee);
    if (local) return this.firstKind(returnedExpressions(local), depth);
    return undefined;
  }

  /**
   * Whether a hash of `node` must be compared in constant time: a password (few enough guesses that
   * learning its stored hash leads back to it), or a secret hashed together with other data, which
   * makes the hash a MAC keyed by the secret (`sha256(clientSecret + body)`). A random token or key
   * hashed alone is a fingerprint: timing can only reveal bytes of a digest nobody can invert, so
   * comparing it with the stored digest is the safe way to check such a secret.
   */
  private hashesSecret(node: TSESTree.Node, withOtherInputs: boolean, depth: number): boolean {
    const inner = unwrapExpression(node);
    const name = valueName(inner);
    if ((name !== undefined && isPasswordName(name)) || this.isBuiltFromPassword(inner)) return true;
    const combined =
      withOtherInputs ||
      (inner.type === AST_NODE_TYPES.BinaryExpression && inner.operator === "+") ||
      (inner.type === AST_NODE_TYPES.TemplateLiteral && (inner.expressions.length > 1 || inner.quasis.some((quasi) => quasi.value.raw !== "")));
    return combined && this.kind(inner, depth + 1) !== undefined;
  }

  /**
   * A value built from a password through `const`s: `args.map((arg) => (arg === "@" ? password : arg)).join("")`,
   * `` `${salt}${password}` ``. A search of the expressions for a variable named like a password.
   */
  private isBuiltFromPassword(node: TSESTree.Node): boolean {
    const stack: { node: TSESTree.Node; hops: number }[] = [{ node, hops: 0 }];
    for (let seen = 0; stack.length > 0 && seen < MAX_PASSWORD_SEARCH; seen++) {
      const { node: current, hops } = stack.pop()!;
      if (current.type === AST_NODE_TYPES.Identifier) {
        if (isPasswordName(current.name)) return true;
        if (hops >= 2) continue;
        const variable = ASTUtils.findVariable(this.context.sourceCode.getScope(current), current);
        const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
        if (definition?.type === "Variable" && definition.parent.kind === "const" && definition.node.init) stack.push({ node: definition.node.init, hops: hops + 1 });
        continue;
      }
      for (const child of childNodes(current)) {
        // A property's name is not a value: `options.password` is looked at by its own read.
        if (current.type === AST_NODE_TYPES.MemberExpression && child === current.property && !current.computed) continue;
        if (current.type === AST_NODE_TYPES.Property && child === current.key && !current.computed) continue;
        stack.push({ node: child, hops });
      }
    }
    return false;
  }

  private isSubtle(node: TSESTree.Node): boolean {
    const inner = unwrapExpression(node);
    return (
      (inner.type === AST_NODE_TYPES.MemberExpression && memberName(inner) === "subtle") ||
      (inner.type === AST_NODE_TYPES.Identifier && inner.name === "subtle")
    );
  }

  /** `x.digest()`: an HMAC digest always; a plain hash only when what it hashes is secret. */
  private digestKind(hasher: TSESTree.Node, depth: number): SecretKind | undefined {
    const inputs: TSESTree.Node[] = [];
    let current = unwrapExpression(hasher);
    for (let i = 0; i < MAX_DEPTH; i++) {
      if (current.type === AST_NODE_TYPES.CallExpression) {
        const name = calleeName(current);
        const callee = unwrapExpression(current.callee);
        if (name === "update" && callee.type === AST_NODE_TYPES.MemberExpression) {
          inputs.push(...current.arguments);
          current = unwrapExpression(callee.object);
          continue;
        }
        if (name === "createHmac" || isImportOf(this.context, callee, "crypto", "createHmac")) return "digest";
        if (name === "createHash" || isImportOf(this.context, callee, "crypto", "createHash")) {
          return inputs.some((input) => this.hashesSecret(input, inputs.length > 1, depth)) ? "digest" : undefined;
        }
        return undefined;
      }
      if (current.type !== AST_NODE_TYPES.Identifier) return undefined;
      // `const hmac = createHmac(...); hmac.update(body); hmac.digest("hex")`
      const variable = ASTUtils.findVariable(this.context.sourceCode.getScope(current), current);
      const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (!variable || definition?.type !== "Variable" || !definition.node.init) return undefined;
      for (const reference of variable.references) {
        const parent = reference.identifier.parent;
        if (parent?.type === AST_NODE_TYPES.MemberExpression && memberName(parent) === "update" && parent.parent?.type === AST_NODE_TYPES.CallExpression) {
          inputs.push(...parent.parent.arguments);
        }
      }
      current = unwrapExpression(definition.node.init);
    }
    return undefined;
  }
}

function destructuredKey(pattern: TSESTree.Node, target: TSESTree.Identifier): string | undefined {
  if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    if (value === target) return propertyName(property.key, property.computed);
  }
  return undefined;
}

/** `FieldType.SIGNATURE`, `TokenKind.Secret`: a member of an enum-like constant object names a kind, not a value. */
function isEnumMember(node: TSESTree.MemberExpression): boolean {
  const name = memberName(node);
  if (name === undefined || !/^[A-Z]/u.test(name)) return false;
  // `ErrorCode.X`, or a chain of such names: `Parse.Error.INVALID_SESSION_TOKEN`.
  const owners: string[] = [];
  let owner: TSESTree.Node = node.object;
  while (owner.type === AST_NODE_TYPES.MemberExpression && !owner.computed && owner.property.type === AST_NODE_TYPES.Identifier) {
    owners.unshift(owner.property.name);
    owner = owner.object;
  }
  if (owner.type !== AST_NODE_TYPES.Identifier) return false;
  owners.unshift(owner.name);
  if (!owners.every((part) => /^[A-Z][a-z]/u.test(part))) return false;
  const words = owners.flatMap((part) => nameWords(part));
  // `InfraConfigEnum.RECOVERY_TOKEN` names a setting; only `Config.RECOVERY_TOKEN` may hold one.
  if (words.at(-1) === "enum") return true;
  return !words.some((word) => ["env", "config", "settings", "secrets", "credentials"].includes(word));
}

const analyses = new WeakMap<object, Map<string, SecretAnalysis>>();

/** What kind of secret `node` holds, if any. Results are shared by every call on the same file and options. */
export function secretKind(context: Context, node: TSESTree.Node, options: SecretOptions = {}): SecretKind | undefined {
  let byOptions = analyses.get(context.sourceCode);
  if (!byOptions) {
    byOptions = new Map();
    analyses.set(context.sourceCode, byOptions);
  }
  const key = JSON.stringify(options.secretWords ?? []);
  let analysis = byOptions.get(key);
  if (!analysis) {
    analysis = new SecretAnalysis(context, options);
    byOptions.set(key, analysis);
  }
  return analysis.kind(node, 0);
}

/**
 * True for operands whose comparison with a secret reveals nothing: literals, `undefined`,
 * `typeof x`, lengths, booleans, fresh objects.
 */
export function isPublicOperand(node: TSESTree.Node): boolean {
  const inner = unwrapExpression(node);
  switch (inner.type) {
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.ObjectExpression:
    case AST_NODE_TYPES.ArrayExpression:
      return true;
    case AST_NODE_TYPES.TemplateLiteral:
      return inner.expressions.length === 0;
    case AST_NODE_TYPES.Identifier:
      return inner.name === "undefined" || inner.name === "NaN";
    case AST_NODE_TYPES.UnaryExpression:
      return true;
    case AST_NODE_TYPES.MemberExpression: {
      const name = memberName(inner);
      return (name !== undefined && PUBLIC_PROPERTIES.has(name)) || isEnumMember(inner);
    }
    case AST_NODE_TYPES.CallExpression:
      return calleeName(inner) === "byteLength";
    default:
      return false;
  }
}
