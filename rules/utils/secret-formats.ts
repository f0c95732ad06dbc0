import { isPlaceholderValue } from "./connection-urls.ts";
import { nameWords } from "./name-words.ts";

/** A credential format a provider issues, recognisable on its own whatever variable holds it. */
export interface ProviderKey {
  provider: string;
  env: string;
  pattern: RegExp;
  /** Where the random part starts in a match, to tell real keys from `sk_live_xxxxxxxx`. */
  prefix: RegExp;
  /** Whether the text from the match on holds a whole key, not an example cut short. */
  isWhole?: (text: string) => boolean;
}

/**
 * Whether a PEM private key (the text from its BEGIN line on) holds a whole DER structure. An
 * example cut short for a form's placeholder (`MIIFRDCC…` and then `-----END PRIVATE KEY-----`)
 * announces 1,348 bytes in its first bytes and carries eighty: nothing anyone can sign with.
 * OpenSSH and PGP keys are not DER and are taken as they are, as is a body that is not base64.
 */
function isWholePemKey(text: string): boolean {
  const header = /^-----BEGIN ([A-Z ]*)-----/u.exec(text);
  if (!header || /OPENSSH|PGP/u.test(header[1]!)) return true;
  const end = text.indexOf("-----END", header[0].length);
  const lines = text.slice(header[0].length, end === -1 ? undefined : end).split(/\r?\n/u);
  // Legacy encrypted PEM has `Proc-Type:` and `DEK-Info:` lines before the body.
  const body = lines.filter((line) => !line.includes(":")).join("").replace(/\s/gu, "");
  if (!/^[A-Za-z0-9+/]+={0,2}$/u.test(body)) return true;
  const bytes = Buffer.from(body, "base64");
  if (bytes.length < 2 || bytes[0] !== 0x30) return true;
  const first = bytes[1]!;
  let length = first;
  let headerLength = 2;
  if (first >= 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 3 || bytes.length < 2 + count) return true;
    length = 0;
    for (let index = 0; index < count; index++) length = length * 256 + bytes[2 + index]!;
    headerLength = 2 + count;
  }
  return headerLength + length <= bytes.length;
}

const PROVIDER_KEYS: ProviderKey[] = [
  { provider: "Stripe live secret key", env: "STRIPE_SECRET_KEY", pattern: /\b[sr]k_live_[0-9A-Za-z]{20,}/u, prefix: /^[sr]k_live_/u },
  { provider: "Stripe webhook signing secret", env: "STRIPE_WEBHOOK_SECRET", pattern: /\bwhsec_[0-9A-Za-z+/=]{24,}/u, prefix: /^whsec_/u },
  { provider: "AWS access key ID", env: "AWS_ACCESS_KEY_ID", pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/u, prefix: /^[A-Z]{4}/u },
  { provider: "GitHub token", env: "GITHUB_TOKEN", pattern: /\bgh[pousr]_[0-9A-Za-z]{36,}/u, prefix: /^gh[pousr]_/u },
  { provider: "GitHub token", env: "GITHUB_TOKEN", pattern: /\bgithub_pat_[0-9A-Za-z_]{60,}/u, prefix: /^github_pat_/u },
  { provider: "GitLab token", env: "GITLAB_TOKEN", pattern: /\bglpat-[0-9A-Za-z_-]{20,}/u, prefix: /^glpat-/u },
  { provider: "Slack token", env: "SLACK_TOKEN", pattern: /\bxox[abposr]-[0-9A-Za-z-]{20,}/u, prefix: /^xox[abposr]-/u },
  {
    provider: "Slack webhook URL",
    env: "SLACK_WEBHOOK_URL",
    pattern: /https:\/\/hooks\.slack\.com\/services\/T[0-9A-Z]+\/B[0-9A-Z]+\/[0-9A-Za-z]{16,}/u,
    prefix: /^https:\/\/hooks\.slack\.com\/services\/T[0-9A-Z]+\/B[0-9A-Z]+\//u,
  },
  { provider: "SendGrid API key", env: "SENDGRID_API_KEY", pattern: /\bSG\.[0-9A-Za-z_-]{16,}\.[0-9A-Za-z_-]{16,}/u, prefix: /^SG\./u },
  { provider: "npm token", env: "NPM_TOKEN", pattern: /\bnpm_[0-9A-Za-z]{36}\b/u, prefix: /^npm_/u },
  { provider: "OpenAI API key", env: "OPENAI_API_KEY", pattern: /\bsk-(?:proj|svcacct|admin)-[0-9A-Za-z_-]{40,}/u, prefix: /^sk-[a-z]+-/u },
  { provider: "OpenAI API key", env: "OPENAI_API_KEY", pattern: /\bsk-[0-9A-Za-z]{20}T3BlbkFJ[0-9A-Za-z]{20}\b/u, prefix: /^sk-/u },
  { provider: "Anthropic API key", env: "ANTHROPIC_API_KEY", pattern: /\bsk-ant-(?:api|admin)\d{2}-[0-9A-Za-z_-]{40,}/u, prefix: /^sk-ant-[a-z]+\d{2}-/u },
  {
    provider: "private key",
    env: "PRIVATE_KEY",
    pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----\s*[A-Za-z0-9+/=\s:-]{40,}/u,
    prefix: /^-----BEGIN [A-Z ]*-----\s*/u,
    isWhole: isWholePemKey,
  },
];

/** `sk_live_xxxxxxxxxxxxxxxxxxxxxxxx`, `AKIAIOSFODNN7EXAMPLE`: documentation placeholders, not keys. */
function isPlaceholderKey(randomPart: string): boolean {
  return /^(.)\1*$/u.test(randomPart) || /example|your|x{6,}|X{6,}|\.\.\./iu.test(randomPart);
}

/** The provider credential found in `text` (anywhere in it), unless it is a documentation placeholder. */
export function findProviderKey(text: string): ProviderKey | undefined {
  for (const key of PROVIDER_KEYS) {
    const match = key.pattern.exec(text);
    if (!match) continue;
    const randomPart = match[0].replace(key.prefix, "");
    if (!isPlaceholderKey(randomPart) && (key.isWhole?.(text.slice(match.index)) ?? true)) return key;
  }
  return undefined;
}

/** `jwtSecret` → `JWT_SECRET`. */
export function envNameFor(name: string): string {
  return nameWords(name).join("_").toUpperCase();
}

export function isScreamingCase(name: string): boolean {
  return /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/u.test(name);
}

const KEY_QUALIFIERS = new Set(["api", "secret", "private", "access", "signing", "encryption", "master", "auth", "hmac", "webhook", "client"]);
const TOKEN_QUALIFIERS = new Set([
  "access", "auth", "api", "bearer", "bot", "personal", "service", "admin", "secret", "app", "github", "gitlab", "slack", "npm",
  "discord", "telegram", "sentry", "vercel", "netlify", "cloudflare", "hf", "huggingface", "twilio", "mapbox",
]);
const PASS_QUALIFIERS = new Set(["db", "database", "smtp", "mail", "email", "redis", "admin", "user", "root", "mongo", "pg", "mysql", "rabbit", "rabbitmq", "amqp", "ftp", "ldap", "proxy", "basic"]);

/**
 * What kind of secret a name announces: `password` (`DB_PASSWORD`, `adminPassword`), `secret`
 * (`JWT_SECRET`, `clientSecret`), `key` (`API_KEY`, `privateKey`; a `CACHE_KEY` is not a secret) or
 * `token` (`GITHUB_TOKEN`, `accessToken`; a `CSRF_TOKEN` or `NEXT_TOKEN` is not a credential).
 * The secret word must come last: `PASSWORD_MIN_LENGTH` and `SECRET_NAME` are not secrets.
 */
export function secretNameKind(name: string): "password" | "secret" | "key" | "token" | undefined {
  const words = nameWords(name);
  const last = words.at(-1);
  const previous = words.at(-2);
  if (last === undefined) return undefined;
  // `PGPASSWORD`, `MYSQL_PWD`-style single words end in the secret word too.
  if (last.endsWith("password") || last === "passwd" || last === "passphrase") return "password";
  if (last === "pass" && previous !== undefined && PASS_QUALIFIERS.has(previous)) return "password";
  if (last === "secret") return "secret";
  if (last === "apikey" || last === "secretkey" || last === "privatekey") return "key";
  if (last === "key" && previous !== undefined && KEY_QUALIFIERS.has(previous)) return "key";
  if (last === "token" && previous !== undefined && TOKEN_QUALIFIERS.has(previous)) return "token";
  return undefined;
}

/** Names of settings that say where a service runs: `ORDERS_API_URL`, `REDIS_HOST`, `baseURL`, `brokers`. */
export function isLocationName(name: string): boolean {
  const last = nameWords(name).at(-1);
  return last !== undefined && ["url", "uri", "host", "hostname", "endpoint", "addr", "address", "server", "servers", "brokers", "dsn", "base", "origin"].includes(last);
}

/**
 * Keys that providers issue to be shipped to browsers and apps: Stripe publishable keys, PostHog
 * project keys, Mapbox public tokens, Google browser API keys. Committing them leaks nothing.
 */
export function isPublicKey(value: string): boolean {
  return /^(?:pk_(?:live|test)_|phc_|pk\.eyJ|AIza[0-9A-Za-z_-]{35}$)/u.test(value.trim());
}

/**
 * An enum-like value that spells its own name, or a header or route named after it:
 * `PASSWORD = "password"`, `API_KEY = "x-api-key"`, `RESET_PASSWORD = "/reset-password"`, `GITHUB_TOKEN = "token"`.
 * `JWT_SECRET = "my-jwt-secret"` is not: those extra words make it a value.
 */
function isOwnName(value: string, name: string): boolean {
  const valueWords = nameWords(value);
  const ownWords = nameWords(name);
  if (valueWords.length === 0) return true;
  if (valueWords.join("") === ownWords.join("")) return true;
  if (valueWords[0] === "x" && valueWords.slice(1).join("") === ownWords.join("")) return true;
  const tail = ownWords.slice(-valueWords.length);
  return valueWords.length < ownWords.length && tail.join("") === valueWords.join("");
}

/**
 * Whether a string assigned to a secret-named setting is an actual secret rather than its name,
 * a message, a reference to where the secret lives, or a placeholder:
 * `"password"`, `"x-api-key"`, `"JWT_SECRET"`, `"Invalid password"`, `"./keys/private.pem"`, `"<token>"` are not.
 * `allowSpaces` for values passed straight to a secret parameter (`secret: "keyboard cat"`); `allowWords: false`
 * where labels keyed by field name are common (any library's options).
 */
export function looksLikeSecretValue(
  value: string,
  name: string | undefined,
  kind: ReturnType<typeof secretNameKind>,
  { allowSpaces = false, allowWords = true }: { allowSpaces?: boolean; allowWords?: boolean } = {},
): boolean {
  const trimmed = value.trim();
  if (isPlaceholderValue(trimmed) || isPublicKey(trimmed)) return false;
  if (!allowSpaces && /\s/u.test(trimmed)) return false;
  // A capitalised word (`"Passwort"`, `"Token"`) is more often a label than a credential, where labels are common.
  if (!allowWords && /^\p{Lu}\p{Ll}+$/u.test(trimmed)) return false;
  if (/^(?:true|false|null|undefined|none|disabled?|enabled?|required|optional|string|number)$/iu.test(trimmed)) return false;
  // An environment variable's name, a file path, a dotted message key, a URL (those have their own checks).
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/u.test(trimmed)) return false;
  if (/^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)|\.(?:pem|key|crt|cer|p12|pfx|json|txt|env|jks)$/iu.test(trimmed)) return false;
  if (/^[a-z][\w-]*(?:\.[\w-]+)+$/iu.test(trimmed) && !/\d/u.test(trimmed)) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//iu.test(trimmed)) return false;
  // A custom HTTP header's name (`x-worker-managed-secret`): where the secret travels, not the secret.
  if (/^x-[a-z0-9]+(?:-[a-z0-9]+)+$/u.test(trimmed)) return false;
  if (name !== undefined && isOwnName(trimmed, name)) return false;
  if (kind === "token" || kind === "key") return trimmed.length >= 16 && /\d/u.test(trimmed) && /[A-Za-z]/u.test(trimmed);
  return true;
}
