import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { RuleTester } from "eslint";
import { afterAll } from "vitest";
import tseslint from "typescript-eslint";
import rule from "../../rules/no-timing-unsafe-compare.ts";

const ruleTester = new RuleTester({ languageOptions: { parser: tseslint.parser } });

type Position = [line: number, column: number, endLine: number, endColumn: number];

const at = ([line, column, endLine, endColumn]: Position) => ({ line, column, endLine, endColumn });
const unsafe = (what: string, operator: string, position: Position, suggestions: { output: string }[] = []) => ({
  messageId: "unsafeCompare",
  data: { what, operator },
  ...at(position),
  suggestions: suggestions.map(({ output }) => ({ messageId: "useTimingSafeEqual", output })),
});

const GITHUB_HANDLER = `import crypto from "node:crypto";
export function handle(req, res) {
  const signature = req.get("x-hub-signature-256");
  const expected = "sha256=" + crypto.createHmac("sha256", secret).update(req.body).digest("hex");
  if (signature === expected) {
    res.sendStatus(204);
  }
}
`;

ruleTester.run("no-timing-unsafe-compare", rule as never, {
  valid: [
    // A hash keyed by something public (a file's name), or computed from data alone, is a checksum.
    'import { createHash, decryptSettings } from "@acme/shared";\nexport function unchanged({ fileName, content, stored }) {\n  const settings = decryptSettings(stored);\n  const checksum = createHash(fileName, content);\n  if (checksum !== settings.checksum) return false;\n  return createHash(content) === stored.hash;\n}',
    // Presence, type and length checks reveal nothing about the secret.
    "if (token === null || signature === undefined || secret === '') throw new Error('missing');",
    "if (typeof webhookSecret !== 'string') throw new TypeError('WEBHOOK_SECRET must be a string');",
    "if (req.headers['stripe-signature'] == null) res.sendStatus(400);",
    "const ok = sig.length === expected.length && crypto.timingSafeEqual(sig, expected);",
    `import { timingSafeEqual } from "node:crypto";
     const a = Buffer.from(signature), b = Buffer.from(expected);
     if (a.byteLength !== b.byteLength || !timingSafeEqual(a, b)) throw new Error("bad signature");`,
    // Names that only look like secrets: parser and pagination tokens, enum members, kinds and ids.
    "if (token.type === 'Punctuator' && token === sourceCode.getLastToken(node)) return;",
    "while (nextToken !== lastToken) nextToken = await fetchPage(nextToken);",
    "if (tokenType === expectedType) accept();",
    "if (field.type === FieldType.SIGNATURE || field.type === FieldType.FREE_SIGNATURE) draw(field);",
    "if (signatureAlgorithm === header.alg) ok();",
    // Outside code that signs or verifies, a signature is a draft's or a function's.
    "if (saveError?.draftSignature === draftSignature) return;",
    "const same = checker.getSignatureFromDeclaration(a) === signature;",
    "const cached = cacheKey === key;",
    // An `env` entity's `key` is not an environment variable.
    "const index = variables.findIndex((x) => x.key === env.key);",
    "if (req.headers['x-request-id'] === requestId) reuse();",
    // A plain hash of ordinary content is an ETag or a checksum, not a secret.
    "import { createHash } from 'node:crypto'; if (createHash('md5').update(body).digest('hex') === etag) notModified();",
    "const digest = createHash('sha256').update(file).digest('hex'); if (digest !== previous.digest) rebuild();",
    // A sign-up form's two password fields.
    "const password = formData.get('password'); if (password !== formData.get('passwordConfirm')) return 'mismatch';",
    "if (req.body.password !== req.body.passwordConfirmation) throw new Error('mismatch');",
    "export function validate(values) { return values.password === values.confirm ? {} : { confirm: 'mismatch' }; }",
    "if (dto.password !== dto.repeatPassword) throw new BadRequestException();",
    // Whether a record has a password at all; a stored bcrypt digest checked for a change before re-hashing.
    "if (link.password === null) return next();",
    "import bcrypt from 'bcryptjs';\nconst user = await repo.findById(id);\nif (user?.password !== dto.password) password = await bcrypt.hash(dto.password, await bcrypt.genSalt());",
    // Two configured secrets compared at startup: no attacker input involved.
    "if (config.jwtSecret === config.sessionSecret) throw new Error('use different secrets');",
    // Whether each secret is set, compared: booleans, not the secrets' characters.
    "const hasKey = !!env.AWS_ACCESS_KEY_ID;\nconst hasSecret = !!env.AWS_SECRET_ACCESS_KEY;\nif (hasKey !== hasSecret) throw new Error('set both or neither');",
    "if (Boolean(req.headers['x-api-key']) !== Boolean(process.env.API_KEY)) return res.sendStatus(400);",
    // Parts of one parsed value, past what only changes their form; two values of the process's environment.
    "export const hasDefaultCredentials = (url) => url.password.toLowerCase() === (url.user ?? '').toLowerCase();",
    "const OLD_SECRET = process.env.OLD_SECRET;\nconst NEW_SECRET = process.env.NEW_SECRET ?? '';\nif (OLD_SECRET === NEW_SECRET) process.exit(1);",
    // The deployment's settings checked against the defaults the code ships: a page warning that the default password is still in use.
    "import { DEFAULT_BACKEND_CONFIG } from './config';\nconst { password, secretKey } = backendConfig();\nif (password === DEFAULT_BACKEND_CONFIG.password) warnings.push('default password');\nif (secretKey === DEFAULT_BACKEND_CONFIG.secretKey) warnings.push('default secret key');",
    // An enum member names a setting, it does not hold it.
    "const recovery = configs.find((config) => config.name === InfraConfigEnum.ONBOARDING_RECOVERY_TOKEN);",
    // A double-submit CSRF check: the token and its cookie copy both come from the client.
    "const csrfCookieToken = await getCsrfCookie(c);\nif (csrfToken !== csrfCookieToken) throw new Error('csrf');",
    "const value = ctx.cookies.get('csrf_token');\nassertThat(value === body.csrfToken, 'csrf mismatch');",
    // Recovery as a state, not codes: compared with literals, or named with more words.
    "if (options.recovery === true) resumeFromCheckpoint();",
    "if (recoveryMode === currentMode) return;",
    // A hash of ordinary content named like a password field's neighbour is still content.
    "if (sha256(fileContents) === manifest.sha256) skip();",
    // Verdicts of a verifier are booleans.
    "if (isValidSignature(req) === true) accept();",
    "if (crypto.timingSafeEqual(a, b) === false) reject();",
    // A value compared with its own re-encoding (a canonical-form check): no stored secret on either side.
    "const decode = (secret: string) => {\n  const decoded = Buffer.from(secret, 'base64url');\n  if (decoded.toString('base64url') !== secret) return;\n  return decoded;\n};",
    // Lists that are not of secrets, and membership tests of public values.
    "if (statusCodes.includes(response.status)) retry();",
    "if (allowedOrigins.indexOf(origin) === -1) reject();",
    "if (backupCodes.includes('')) warn();",
    // Fields of a stored secret that are not the secret: an owner, a use time.
    "const mine = apiKeys.filter((apiKey) => apiKey.ownerId === ownerId);",
    // The scopes of a key are not secrets.
    "const allowed = apiKey.scopes.some((scope) => scope === requiredScope);",
    "const unused = backupCodes.some((entry) => entry.usedAt === usedAt);",
    // Marking the backup code just accepted as used: the comparison picks the element to rewrite.
    "const codes = backupCodes.map((backupCode) => (backupCode.code === code ? { ...backupCode, usedAt: now } : backupCode));",
    // A cached client rebuilt when the configured token changes: the branch stores the new token, so nothing is decided about a caller.
    "class Notifier {\n  send({ accessToken }) {\n    if (!this.client || this.accessToken !== accessToken) {\n      this.client = connect(accessToken);\n      this.accessToken = accessToken;\n    }\n  }\n}",
    "if (cachedSecret === secret) { reuse(); } else { cachedSecret = secret; }",
    // A stored value checked against the new one to skip an unchanged write; the write stores the new value.
    "for (const environmentId of ids) {\n  const existing = await store.getSecret(key);\n  const canSkip = existing && existing.secret === variable.value && (options.isSecret === undefined || record.isSecret === options.isSecret);\n  if (canSkip) continue;\n  await store.setSecret(key, { secret: variable.value });\n}",
    // Published defaults listed in the code to refuse them: nothing secret to time.
    'const INSECURE_SECRET_VALUES = ["managed-secret", "2818143646516f6fffd707b36f334bbb"];\nconst isSecure = (value) => !INSECURE_SECRET_VALUES.includes(value);',
    'const WEAK_SECRETS = new Set(["changeme", "secret"]);\nconst listed = WEAK_SECRETS.includes(process.env.SESSION_SECRET);',
    // A memo keyed by the secret: on a difference the key is derived again and kept with the secret it came from.
    "let cachedKey = null;\nasync function signingKey(signingSecret) {\n  if (cachedKey && cachedKey.secret === signingSecret) return cachedKey.key;\n  const key = await importKey(signingSecret);\n  cachedKey = { secret: signingSecret, key };\n  return key;\n}",
    // A refreshed access token saved when the provider issued a new one.
    "async function client(accessToken) {\n  const tokens = await auth.refreshAccessToken();\n  const newAccessToken = tokens.credentials.access_token;\n  if (newAccessToken !== accessToken) {\n    await saveTokens({ tokens: { access_token: newAccessToken ?? undefined } });\n  }\n}",
    // A random secret hashed alone is a fingerprint: comparing it with the stored digest is how such secrets are checked.
    'import { hashToken } from "@/lib/auth/hash-token";\nexport async function exchange(app, clientSecret) {\n  if (app.hashedClientSecret !== (await hashToken(clientSecret))) throw new Error("invalid client");\n}',
    "import { createHash } from 'node:crypto';\nconst presented = createHash('sha256').update(apiKey).digest('hex');\nif (presented !== stored.keyHash) deny();",
    // Two keys of one options object compared while validating it: no caller's value is involved.
    "export function validate({ masterKey, readOnlyMasterKey, maintenanceKey }) {\n  if (masterKey === readOnlyMasterKey) throw new Error('masterKey and readOnlyMasterKey should differ');\n  if (masterKey === maintenanceKey) throw new Error('masterKey and maintenanceKey should differ');\n}",
    // An error code from a library's enum of codes.
    "if (error && error.code === Parse.Error.INVALID_SESSION_TOKEN) retry();",
    // Keys that name data, compared with the configured one of the same name.
    "if (entry.cacheKey === config.cacheKey) reuse(entry);",
    // A hash of the caller's own password looked up in a breach list another service returned: no server secret on either side.
    `import { createHash } from "node:crypto";
export async function isPasswordCompromised(password: string) {
  const sha1 = createHash("sha1").update(password).digest("hex").toUpperCase();
  const res = await fetch(\`https://api.pwnedpasswords.com/range/\${sha1.slice(0, 5)}\`);
  const body = await res.text();
  return body.split("\\n").some((line) => line.trim().split(":")[0].toUpperCase() === sha1.slice(5));
}`,
    // The same lookup written as a loop over the lines, the response's suffix joined to the caller's own prefix.
    `import { createHash } from "node:crypto";
export async function isPasswordSafe(password: string) {
  const hash = createHash("sha1").update(password).digest("hex");
  const hashPrefix = hash.slice(0, 5);
  const response = await fetch(\`https://api.pwnedpasswords.com/range/\${hashPrefix}\`);
  const data = await response.text();
  const items = data.split("\\n");
  for (const item of items) {
    const hashSuffix = item.slice(0, 35).toLowerCase();
    if (hash === hashPrefix + hashSuffix) return false;
  }
  return true;
}`,
    // A value checked against the setting it falls back to: which source was used, no caller's guess on either side.
    "const key = org?.licenseKey || process.env.LICENSE_KEY || null;\nif (process.env.LICENSE_KEY && key != process.env.LICENSE_KEY) useEnvKey();",
    "const secret = options.webhookSecret ?? config.webhookSecret;\nif (secret === config.webhookSecret) warnDefault();",
    // A hash of settings, not of a password, compared with the stored copy.
    "import { createHash } from 'node:crypto';\nconst checksum = createHash('sha256').update(JSON.stringify(settings)).digest('hex');\nif (checksum !== settings.checksum) reload();",
  ],
  invalid: [
    // A mismatch that is logged and answered, or remembered before the caller is turned away: a check of the caller.
    {
      code: "function check(req, res) {\n  if (req.get('x-api-token') !== process.env.API_TOKEN) {\n    logger.warn({ received: req.get('x-api-token') }, 'bad token');\n    res.status(401).json({ received: req.get('x-api-token') });\n    return;\n  }\n  next();\n}",
      errors: [{ messageId: "unsafeCompare", line: 2 }],
    },
    {
      code: "let lastFailed;\nfunction check(req) {\n  if (req.get('x-api-token') === process.env.API_TOKEN) return true;\n  lastFailed = req.get('x-api-token');\n  return false;\n}",
      errors: [{ messageId: "unsafeCompare", line: 3 }],
    },
    // What the request sends, checked against a setting read through a loader.
    {
      code: "const { apiToken } = backendConfig();\nif (req.headers['x-api-token'] === apiToken) login();",
      errors: [unsafe("a signature or credential header", "===", [2, 5, 2, 44], [{ output: "import { timingSafeEqual } from \"node:crypto\";\nconst { apiToken } = backendConfig();\nif (Buffer.byteLength(req.headers['x-api-token']) === Buffer.byteLength(apiToken) && timingSafeEqual(Buffer.from(req.headers['x-api-token']), Buffer.from(apiToken))) login();" }])],
    },
    // A configured key checked against what the request sends, however the key was read.
    {
      code: "const API_KEY = process.env.API_KEY;\napp.use((req, res, next) => {\n  if (API_KEY !== req.header('X-API-Key')?.trim()) return res.sendStatus(403);\n  next();\n});",
      errors: [{ messageId: "unsafeCompare", line: 3 }],
    },
    // A coupon code redeemed for a plan is a bearer secret. Removing the coupon once it matched compares the same two values again: one finding.
    {
      code: `export async function redeem({ couponCode }) {
  const coupons = await loadCoupons();
  const coupon = coupons.find((c) => c.code === couponCode.trim());
  if (!coupon) throw new Error("unknown coupon");
  await saveCoupons(coupons.filter((c) => c.code !== couponCode.trim()));
}`,
      errors: [{ messageId: "unsafeCompare", line: 3 }],
    },
    // The same values compared in two functions: each is a check of its own.
    {
      code: `export const isVoucher = (stored, voucherCode) => stored.code === voucherCode.trim();
export const isGift = (stored, voucherCode) => stored.code === voucherCode.trim();`,
      errors: [
        { messageId: "unsafeCompare", line: 1 },
        { messageId: "unsafeCompare", line: 2 },
      ],
    },
    // A caller's token that falls back between request fields, compared with the setting: the setting is not one of its sources.
    {
      code: 'const token = req.headers["x-api-token"] || req.query.token;\nif (token !== process.env.API_TOKEN) deny();',
      errors: [
        {
          messageId: "unsafeCompare",
          suggestions: [
            {
              messageId: "useTimingSafeEqual",
              output:
                'import { timingSafeEqual } from "node:crypto";\nconst token = req.headers["x-api-token"] || req.query.token;\nif (Buffer.byteLength(token) !== Buffer.byteLength(process.env.API_TOKEN) || !timingSafeEqual(Buffer.from(token), Buffer.from(process.env.API_TOKEN))) deny();',
            },
          ],
        },
      ],
    },
    // A password the server stored in plain text, compared with the visitor's guess.
    {
      code: `export async function middleware(req) {
  const pw = req.nextUrl.searchParams.get("pw");
  if (!pw || (await getLinkViaEdge(domain, key))?.password !== pw) return rewriteToPasswordPage(req);
}`,
      errors: [{ messageId: "unsafeCompare" }],
    },
    {
      code: "const link = await db.link.findUnique({ where: { id } });\nif (link.password !== input) deny();",
      errors: [
        unsafe("a secret or token", "!==", [2, 5, 2, 28], [
          {
            output:
              'import { timingSafeEqual } from "node:crypto";\nconst link = await db.link.findUnique({ where: { id } });\nif (Buffer.byteLength(link.password) !== Buffer.byteLength(input) || !timingSafeEqual(Buffer.from(link.password), Buffer.from(input))) deny();',
          },
        ]),
      ],
    },
    // The HMAC checked against each signature the caller sent: an element of the request's data, not of another service's answer.
    {
      code: `import { createHmac } from "node:crypto";
export async function verify(req: Request, secret: string) {
  const body = await req.text();
  const digest = createHmac("sha256", secret).update(body).digest("hex");
  return (req.headers.get("x-signatures") ?? "").split(",").some((signature) => signature.trim() === digest);
}`,
      errors: [{ messageId: "unsafeCompare" }],
    },
    // A caller's key checked against the configured key of the same name, whatever qualifies it.
    {
      code: "const isMaintenance = req.config.maintenanceKey && info.maintenanceKey === req.config.maintenanceKey;",
      errors: [
        unsafe("a secret or token", "===", [1, 52, 1, 101], [
          {
            output:
              'import { timingSafeEqual } from "node:crypto";\nconst isMaintenance = req.config.maintenanceKey && Buffer.byteLength(info.maintenanceKey) === Buffer.byteLength(req.config.maintenanceKey) && timingSafeEqual(Buffer.from(info.maintenanceKey), Buffer.from(req.config.maintenanceKey));',
          },
        ]),
      ],
    },
    // A secret hashed together with the data is a MAC keyed by it (HubSpot's v1 signatures); a password hashed alone can be
    // worked back from its stored hash.
    {
      code: "import { createHash } from 'node:crypto';\nconst expected = createHash('sha256').update(clientSecret + rawBody).digest('hex');\nif (expected !== provided) deny();",
      errors: [
        unsafe("an HMAC or hash digest", "!==", [3, 5, 3, 26], [
          {
            output:
              "import { createHash } from 'node:crypto';\nimport { timingSafeEqual } from \"node:crypto\";\nconst expected = createHash('sha256').update(clientSecret + rawBody).digest('hex');\nif (Buffer.byteLength(expected) !== Buffer.byteLength(provided) || !timingSafeEqual(Buffer.from(expected), Buffer.from(provided))) deny();",
          },
        ]),
      ],
    },
    {
      code: "import { createHash } from 'node:crypto';\nif (createHash('sha1').update(password).digest('hex') !== user.passwordDigest) deny();",
      errors: [unsafe("an HMAC or hash digest", "!==", [2, 5, 2, 78])],
    },
    // A failed check that records the attempt still compares the caller's token with the secret.
    {
      code: "class Guard {\n  check(token) {\n    if (token !== this.apiToken) {\n      this.lastRejected = token;\n      throw new Error('denied');\n    }\n  }\n}",
      errors: [unsafe("a secret or token", "!==", [3, 9, 3, 32], [{ output: "import { timingSafeEqual } from \"node:crypto\";\nclass Guard {\n  check(token) {\n    if (Buffer.byteLength(token) !== Buffer.byteLength(this.apiToken) || !timingSafeEqual(Buffer.from(token), Buffer.from(this.apiToken))) {\n      this.lastRejected = token;\n      throw new Error('denied');\n    }\n  }\n}" }])],
    },
    // A project's HMAC helper keyed by a secret a function named for it returns: the subscriber's hash is a MAC.
    {
      code: 'import { createHash, decryptApiKey } from "@acme/shared";\nexport function validate({ apiKey, subscriberId, subscriberHash }) {\n  const key = decryptApiKey(apiKey);\n  const hmacHash = createHash(key, subscriberId);\n  if (hmacHash !== subscriberHash) throw new Error("invalid hash");\n}',
      errors: [
        unsafe("an HMAC or hash digest", "!==", [5, 7, 5, 34], [
          {
            output:
              'import { createHash, decryptApiKey } from "@acme/shared";\nimport { timingSafeEqual } from "node:crypto";\nexport function validate({ apiKey, subscriberId, subscriberHash }) {\n  const key = decryptApiKey(apiKey);\n  const hmacHash = createHash(key, subscriberId);\n  if (Buffer.byteLength(hmacHash) !== Buffer.byteLength(subscriberHash) || !timingSafeEqual(Buffer.from(hmacHash), Buffer.from(subscriberHash))) throw new Error("invalid hash");\n}',
          },
        ]),
      ],
    },
    // Stored secrets searched element by element: each \`===\` stops at the first differing character.
    // The configured keys listed in the code are still secrets.
    {
      code: 'const API_KEYS = [process.env.KEY_A, process.env.KEY_B];\nif (!API_KEYS.includes(req.get("x-api-key"))) deny();',
      errors: [{ messageId: "unsafeCompare", data: { what: "a list of secrets", operator: ".includes()" }, line: 2 }],
    },
    {
      code: "export const verifyBackupCode = ({ user, backupCode }) => {\n  const userBackupCodes = getBackupCodes({ user });\n  return userBackupCodes.includes(backupCode);\n};",
      errors: [{ messageId: "unsafeCompare", data: { what: "a list of secrets", operator: ".includes()" }, line: 3, column: 10, endLine: 3, endColumn: 46 }],
    },
    {
      code: "if (config.apiKeys.indexOf(req.headers['x-api-key']) < 0) deny();",
      errors: [{ messageId: "unsafeCompare", data: { what: "a list of secrets", operator: ".indexOf()" }, line: 1, column: 5, endLine: 1, endColumn: 53 }],
    },
    // A request header compared with a value computed from the same request is not a self-check.
    {
      code: "import { sign } from './sign';\nif (req.headers['x-signature'] !== sign(req.body)) deny();",
      errors: [unsafe("a signature or credential header", "!==", [2, 5, 2, 50])],
    },
    // A code named for what it unlocks is a secret.
    {
      code: "if (user.resetCode !== body.code) deny();",
      errors: [
        unsafe("a secret or token", "!==", [1, 5, 1, 33], [
          {
            output:
              'import { timingSafeEqual } from "node:crypto";\nif (Buffer.byteLength(user.resetCode) !== Buffer.byteLength(body.code) || !timingSafeEqual(Buffer.from(user.resetCode), Buffer.from(body.code))) deny();',
          },
        ]),
      ],
    },
    // A TOTP/HOTP code computed with the user's secret, a stored password hash, a recovery token.
    (() => {
      const code = "async function verify(totpCode, secret) {\n  const hotp = await generateHOTP(secret, counter);\n  return totpCode === hotp;\n}";
      const fixed = code.replace(
        "totpCode === hotp",
        "Buffer.byteLength(totpCode) === Buffer.byteLength(hotp) && timingSafeEqual(Buffer.from(totpCode), Buffer.from(hotp))",
      );
      return { code, errors: [unsafe("an HMAC or hash digest", "===", [3, 10, 3, 27], [{ output: `import { timingSafeEqual } from "node:crypto";\n${fixed}` }])] };
    })(),
    {
      code: "async function check(password, passwordEncrypted) {\n  return (await sha256(password)) === passwordEncrypted;\n}",
      errors: [unsafe("an HMAC or hash digest", "===", [2, 10, 2, 56])],
    },
    (() => {
      const code = "const recoveryToken = configs.find((c) => c.name === 'RECOVERY').value;\nconst valid = token === recoveryToken;";
      const fixed = code.replace(
        "token === recoveryToken;",
        "Buffer.byteLength(token) === Buffer.byteLength(recoveryToken) && timingSafeEqual(Buffer.from(token), Buffer.from(recoveryToken));",
      );
      return { code, errors: [unsafe("a secret or token", "===", [2, 15, 2, 38], [{ output: `import { timingSafeEqual } from "node:crypto";\n${fixed}` }])] };
    })(),
    // A second factor's recovery codes, named by the one word.
    (() => {
      const code = "const { secret, recovery } = auth.mfa || {};\nif (recovery[0] === token) accept();";
      const fixed = code.replace(
        "recovery[0] === token",
        "Buffer.byteLength(recovery[0]) === Buffer.byteLength(token) && timingSafeEqual(Buffer.from(recovery[0]), Buffer.from(token))",
      );
      return { code, errors: [unsafe("a secret or token", "===", [2, 5, 2, 26], [{ output: `import { timingSafeEqual } from "node:crypto";\n${fixed}` }])] };
    })(),
    // A password hash computed by a local helper from a value built out of the password, and a derived key.
    {
      code: [
        'import crypto from "node:crypto";',
        "const legacyHash = async (parts, inputPassword) => {",
        '  const joined = parts.map((part) => (part === "@" ? inputPassword : part)).join("");',
        '  const hash = crypto.createHash("md5");',
        "  hash.update(joined);",
        '  return hash.digest("hex");',
        "};",
        "export const verify = async (stored, inputPassword) => (await legacyHash(stored.parts, inputPassword)) === stored.encrypted;",
      ].join("\n"),
      errors: [unsafe("an HMAC or hash digest", "===", [8, 56, 8, 124])],
    },
    {
      code: 'import crypto from "node:crypto";\nconst derived = crypto.pbkdf2Sync(password, salt, 100000, 64, "sha512").toString("hex");\nif (derived !== user.passwordHash) throw new Error("bad password");',
      errors: [
        unsafe("an HMAC or hash digest", "!==", [3, 5, 3, 34], [
          {
            output:
              'import crypto from "node:crypto";\nconst derived = crypto.pbkdf2Sync(password, salt, 100000, 64, "sha512").toString("hex");\nif (Buffer.byteLength(derived) !== Buffer.byteLength(user.passwordHash) || !crypto.timingSafeEqual(Buffer.from(derived), Buffer.from(user.passwordHash))) throw new Error("bad password");',
          },
        ]),
      ],
    },
    // Each stored backup code compared with the one given, by a search callback.
    {
      code: "if (!backupCodes.codes.some((entry) => entry.code === code && !entry.usedAt)) throw new Error('invalid');",
      errors: [
        unsafe("a secret or token", "===", [1, 40, 1, 59], [
          {
            output:
              'import { timingSafeEqual } from "node:crypto";\nif (!backupCodes.codes.some((entry) => Buffer.byteLength(entry.code) === Buffer.byteLength(code) && timingSafeEqual(Buffer.from(entry.code), Buffer.from(code)) && !entry.usedAt)) throw new Error(\'invalid\');',
          },
        ]),
      ],
    },
    {
      code: "const valid = backupCode.codes.some((item) => item.code === payload.code);",
      errors: [
        unsafe("a secret or token", "===", [1, 47, 1, 73], [
          {
            output:
              'import { timingSafeEqual } from "node:crypto";\nconst valid = backupCode.codes.some((item) => Buffer.byteLength(item.code) === Buffer.byteLength(payload.code) && timingSafeEqual(Buffer.from(item.code), Buffer.from(payload.code)));',
          },
        ]),
      ],
    },
    {
      code: "const match = user.recoveryCodes.find(({ code }) => code === input);",
      errors: [
        unsafe("a secret or token", "===", [1, 53, 1, 67], [
          {
            output:
              'import { timingSafeEqual } from "node:crypto";\nconst match = user.recoveryCodes.find(({ code }) => Buffer.byteLength(code) === Buffer.byteLength(input) && timingSafeEqual(Buffer.from(code), Buffer.from(input)));',
          },
        ]),
      ],
    },
    {
      code: GITHUB_HANDLER,
      errors: [
        unsafe("a signature or credential header", "===", [5, 7, 5, 29], [
          {
            output: GITHUB_HANDLER.replace(
              "if (signature === expected)",
              "if (Buffer.byteLength(signature) === Buffer.byteLength(expected) && crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected)))",
            ),
          },
        ]),
      ],
    },
    {
      // A shared token header compared with the configured value; no crypto import yet.
      code: `export function gitlab(req) {
  if (req.headers["x-gitlab-token"] !== process.env.GITLAB_WEBHOOK_TOKEN) return false;
  return true;
}
`,
      errors: [
        unsafe("a signature or credential header", "!==", [2, 7, 2, 73], [
          {
            output: `import { timingSafeEqual } from "node:crypto";
export function gitlab(req) {
  if (Buffer.byteLength(req.headers["x-gitlab-token"]) !== Buffer.byteLength(process.env.GITLAB_WEBHOOK_TOKEN) || !timingSafeEqual(Buffer.from(req.headers["x-gitlab-token"]), Buffer.from(process.env.GITLAB_WEBHOOK_TOKEN))) return false;
  return true;
}
`,
          },
        ]),
      ],
    },
    {
      // CommonJS: the suggestion requires timingSafeEqual; `!==` in `&&` needs parentheses.
      code: `"use strict";
const { createHmac } = require("crypto");
function verify(body, signature) {
  const expected = createHmac("sha256", process.env.SLACK_SIGNING_SECRET).update(body).digest("hex");
  return signature && signature !== expected;
}
`,
      filename: "verify.js",
      errors: [
        unsafe("an HMAC or hash digest", "!==", [5, 23, 5, 45], [
          {
            output: `"use strict";
const { timingSafeEqual } = require("node:crypto");
const { createHmac } = require("crypto");
function verify(body, signature) {
  const expected = createHmac("sha256", process.env.SLACK_SIGNING_SECRET).update(body).digest("hex");
  return signature && (Buffer.byteLength(signature) !== Buffer.byteLength(expected) || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected)));
}
`,
          },
        ]),
      ],
    },
    {
      // The digest is computed in the comparison: evaluating it twice would throw, so no suggestion.
      code: `import { createHmac } from "node:crypto";
const hmac = createHmac("sha256", key);
hmac.update(payload);
if (hmac.digest("base64") == received) accept();
`,
      errors: [unsafe("an HMAC or hash digest", "==", [4, 5, 4, 38])],
    },
    {
      // Buffer#equals on a digest; timingSafeEqual already imported by name.
      code: `import { createHmac, timingSafeEqual } from "node:crypto";
const expected = Buffer.from(createHmac("sha256", key).update(raw).digest("hex"));
const valid = expected.equals(received);
`,
      errors: [
        unsafe("an HMAC or hash digest", ".equals()", [3, 15, 3, 40], [
          {
            output: `import { createHmac, timingSafeEqual } from "node:crypto";
const expected = Buffer.from(createHmac("sha256", key).update(raw).digest("hex"));
const valid = expected.length === received.length && timingSafeEqual(expected, received);
`,
          },
        ]),
      ],
    },
    {
      // localeCompare is no better; its result is a number, so no suggestion.
      code: 'import { verify } from "./verify";\nif (signature.localeCompare(computed) === 0) accept();',
      errors: [unsafe("a secret or token", ".localeCompare()", [2, 5, 2, 38])],
    },
    {
      // A same-file helper that returns a digest, multi-line comparison, TypeScript.
      code: `import { createHmac } from "node:crypto";
function sign(payload: string): string {
  return createHmac("sha256", env.SECRET).update(payload).digest("hex");
}
export const isValid = (payload: string, header: string | undefined): boolean =>
  sign(payload) ===
  header;
`,
      filename: "sign.ts",
      errors: [unsafe("an HMAC or hash digest", "===", [6, 3, 7, 9])],
    },
    {
      // Credentials: a reset token, a bearer header built from an env secret, an API key.
      code: `async function reset(req, user) {
  if (user.resetToken !== req.body.token) return false;
  const auth = req.headers.authorization;
  if (auth !== \`Bearer \${process.env.CRON_SECRET}\`) return false;
  return keys.some((k) => k.apiKey === req.query.key);
}
`,
      errors: [
        unsafe("a secret or token", "!==", [2, 7, 2, 41], [
          {
            output: `import { timingSafeEqual } from "node:crypto";
async function reset(req, user) {
  if (Buffer.byteLength(user.resetToken) !== Buffer.byteLength(req.body.token) || !timingSafeEqual(Buffer.from(user.resetToken), Buffer.from(req.body.token))) return false;
  const auth = req.headers.authorization;
  if (auth !== \`Bearer \${process.env.CRON_SECRET}\`) return false;
  return keys.some((k) => k.apiKey === req.query.key);
}
`,
          },
        ]),
        unsafe("a signature or credential header", "!==", [4, 7, 4, 51]),
        unsafe("a secret or token", "===", [5, 27, 5, 53], [
          {
            output: `import { timingSafeEqual } from "node:crypto";
async function reset(req, user) {
  if (user.resetToken !== req.body.token) return false;
  const auth = req.headers.authorization;
  if (auth !== \`Bearer \${process.env.CRON_SECRET}\`) return false;
  return keys.some((k) => Buffer.byteLength(k.apiKey) === Buffer.byteLength(req.query.key) && timingSafeEqual(Buffer.from(k.apiKey), Buffer.from(req.query.key)));
}
`,
          },
        ]),
      ],
    },
    {
      // NestJS: the header arrives through @Headers(); the comparison is outside any `if`.
      code: `import { Controller, Headers, Post } from "@nestjs/common";
@Controller("hooks")
export class HooksController {
  @Post()
  receive(@Headers("x-signature") received: string) {
    const matches = received == this.expected();
    return matches;
  }
}
`,
      filename: "hooks.controller.ts",
      errors: [unsafe("a signature or credential header", "==", [6, 21, 6, 48])],
    },
    {
      // A secret read through a config service.
      code: "if (req.query.token !== this.config.get('VERIFY_TOKEN')) throw new ForbiddenException();",
      errors: [unsafe("a secret or token", "!==", [1, 5, 1, 56])],
    },
    {
      // A custom secret word from the options.
      code: "if (enteredPin !== account.pin) lock();",
      options: [{ secretWords: ["pin"] }],
      errors: [
        unsafe("a secret or token", "!==", [1, 5, 1, 31], [
          {
            output:
              'import { timingSafeEqual } from "node:crypto";\nif (Buffer.byteLength(enteredPin) !== Buffer.byteLength(account.pin) || !timingSafeEqual(Buffer.from(enteredPin), Buffer.from(account.pin))) lock();',
          },
        ]),
      ],
    },
  ],
});

// Browser code compares what its user holds. Files on disk, since the rule reads the package's manifest.
const apps = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-timing-"));
afterAll(() => fs.rmSync(apps, { recursive: true, force: true }));
function appFile(name: string, dependencies: Record<string, string>, file: string): string {
  fs.mkdirSync(path.join(apps, name), { recursive: true });
  fs.writeFileSync(path.join(apps, name, "package.json"), JSON.stringify({ name, dependencies }));
  return path.join(apps, name, file);
}
const NEXT = { next: "^15.0.0", react: "^19.0.0" };
function extensionFile(file: string): string {
  const filename = appFile("extension", { react: "^19.0.0" }, file);
  fs.writeFileSync(path.join(apps, "extension", "manifest.json"), JSON.stringify({ manifest_version: 3, name: "Bookmarks" }));
  return filename;
}
const STATE_CHECK = "export function sync(secret, saveSecret, setSaveSecret) {\n  if (secret && saveSecret !== secret) setSaveSecret(secret);\n}\n";
const KEY_CHECK = "export function check(req) {\n  return req.header('X-API-Key')?.trim() === process.env.API_KEY;\n}\n";

new RuleTester({ languageOptions: { parser: tseslint.parser } }).run("no-timing-unsafe-compare (browser code)", rule as never, {
  valid: [
    { code: STATE_CHECK, filename: appFile("next-app", NEXT, "components/billing/embedded.tsx") },
    { code: `"use client";\n${STATE_CHECK}`, filename: appFile("next-app-client", NEXT, "app/settings/secret.tsx") },
    { code: STATE_CHECK, filename: appFile("spa", { react: "^19.0.0", vite: "^6.0.0" }, "src/components/secret.ts") },
    { code: STATE_CHECK, filename: appFile("start-app", { react: "^19.0.0", "@tanstack/react-start": "^1.0.0" }, "src/hooks/use-client-secret.ts") },
    // A module that calls React's hooks renders in the browser; a browser extension runs there whole.
    { code: `import { useEffect } from "react";\n${STATE_CHECK}`, filename: appFile("next-hooks", NEXT, "src/lib/secret-sync.ts") },
    { code: STATE_CHECK, filename: extensionFile("src/utils/trpc.ts") },
  ],
  invalid: [
    // A Next.js route handler runs on the server; so does a server package's own `components/` folder.
    { code: KEY_CHECK, filename: appFile("next-route", NEXT, "app/api/agent/route.ts"), errors: [{ messageId: "unsafeCompare", line: 2 }] },
    { code: KEY_CHECK, filename: appFile("api", { express: "^5.0.0" }, "components/auth.ts"), errors: [{ messageId: "unsafeCompare", line: 2 }] },
    { code: KEY_CHECK, filename: appFile("ssr", { express: "^5.0.0", react: "^19.0.0" }, "server/auth.ts"), errors: [{ messageId: "unsafeCompare", line: 2 }] },
    // A workspace library with React (for its e-mail templates) keeps server code beside them.
    { code: KEY_CHECK, filename: appFile("lib", { react: "^19.0.0", "@react-email/components": "^0.1.0" }, "server-only/2fa/verify.ts"), errors: [{ messageId: "unsafeCompare", line: 2 }] },
  ],
});

// A CSRF check in a helper that another module calls with the request's cookie: both sides still come from the client.
const OAUTH_STATE = "export function validateOauthState({ stateParam, storedCsrfToken }) {\n  const value = JSON.parse(Buffer.from(stateParam, 'base64url').toString());\n  if (value.csrf !== storedCsrfToken) return null;\n  return value;\n}\n";
function oauthModules(name: string, callback: string): string {
  const file = appFile(name, { next: "^15.0.0" }, "src/lib/oauth.ts");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, OAUTH_STATE);
  fs.writeFileSync(path.join(path.dirname(file), "callback.ts"), `import { validateOauthState } from "./oauth";\nexport function getServerSideProps(ctx) {\n  return ${callback};\n}\n`);
  return file;
}
ruleTester.run("no-timing-unsafe-compare (arguments from other modules)", rule as never, {
  valid: [{ code: OAUTH_STATE, filename: oauthModules("oauth-cookie", "validateOauthState({ stateParam: ctx.query.state, storedCsrfToken: ctx.req.cookies.oauth_csrf })") }],
  invalid: [
    // The stored copy kept in the server's session is a secret of the server.
    { code: OAUTH_STATE, filename: oauthModules("oauth-session", "validateOauthState({ stateParam: ctx.query.state, storedCsrfToken: ctx.req.session.csrfToken })"), errors: [unsafe("a secret or token", "!==", [3, 7, 3, 37], [{ output: `import { timingSafeEqual } from "node:crypto";\n${OAUTH_STATE.replace("value.csrf !== storedCsrfToken", "Buffer.byteLength(value.csrf) !== Buffer.byteLength(storedCsrfToken) || !timingSafeEqual(Buffer.from(value.csrf), Buffer.from(storedCsrfToken))")}` }])] },
  ],
});
