import { connectionPasswords, isLoopbackHost, type TextMatch } from "./connection-strings.ts";

/**
 * The words of a setting's name: `DATABASE_PASSWORD`, `databasePassword`, `database-password`
 * and `database.password` all give `["database", "password"]`.
 */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/gu, "$1 $2")
    // Only from the start of a run of capitals: from each capital of a long run it would be quadratic.
    .replace(/(?<![A-Z])([A-Z]+)([A-Z][a-z])/gu, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/u)
    .filter(Boolean);
}

/** Last words that name a credential on their own. */
const SECRET_NOUNS = new Set([
  "password",
  "passwd",
  "passphrase",
  "secret",
  "token",
  "credential",
  "credentials",
  "apikey",
  "secretkey",
  "privatekey",
  "authkey",
]);
/** Words that make a following `key` a credential (`API_KEY`, `signingKey`), unlike `CACHE_KEY` or `PUBLIC_KEY`. */
const SECRET_KEY_QUALIFIERS = new Set([
  "api",
  "secret",
  "private",
  "signing",
  "encryption",
  "encrypt",
  "master",
  "auth",
  "account",
  "client",
  "license",
  "hmac",
  "jwt",
  "session",
  "cookie",
  "webhook",
]);
/**
 * Before an access key, words that make it Azure's storage account key (`ARM_ACCESS_KEY`,
 * `AZURE_STORAGE_ACCESS_KEY`), which is the secret itself. Elsewhere an access key is the ID
 * half of a pair (`AWS_ACCESS_KEY_ID`, `MINIO_ACCESS_KEY`, S3's `accessKey`), the secret half being
 * the secret key (`AWS_SECRET_ACCESS_KEY`, `MINIO_SECRET_KEY`).
 */
const SECRET_ACCESS_KEY_QUALIFIERS = new Set(["secret", "azure", "storage", "account", "arm"]);
/** Settings meant to be seen by everyone (browser bundles, public keys). */
const PUBLIC_WORDS = new Set(["public", "publishable"]);

/**
 * Whether a setting's name says it holds a credential: it ends in a credential noun
 * (`DB_PASSWORD`, `clientSecret`, `GITHUB_TOKEN`, `STRIPE_API_KEY`, `secret_key_base`), not in
 * what describes one (`SECRET_NAME`, `TOKEN_URL`, `PASSWORD_FILE`, `PASSWORD_MIN_LENGTH`).
 */
export function isCredentialName(name: string): boolean {
  const words = nameWords(name);
  const last = words.at(-1);
  if (!last || words.some((word) => PUBLIC_WORDS.has(word))) return false;
  if (SECRET_NOUNS.has(last)) return true;
  // `DB_PASS`, `SMTP_PWD`: short forms need a qualifier (`PWD` alone is the working directory).
  if ((last === "pass" || last === "pwd") && words.length > 1) return true;
  const previous = words.at(-2);
  // `accessKey`, `MINIO_ACCESS_KEY`: the ID of a key pair, unless it is the secret one (see above).
  if (last === "accesskey" || (last === "key" && previous === "access")) {
    return words.slice(0, last === "accesskey" ? -1 : -2).some((word) => SECRET_ACCESS_KEY_QUALIFIERS.has(word));
  }
  if (last === "key" && previous && SECRET_KEY_QUALIFIERS.has(previous)) return true;
  return words.length >= 3 && words.at(-3) === "secret" && previous === "key" && last === "base";
}

/** Whole values that stand for "fill this in": writing them down leaks nothing. */
const PLACEHOLDER_WORDS = new Set([
  "changeme",
  "changeit",
  "replaceme",
  "token",
  "apikey",
  "example",
  "sample",
  "placeholder",
  "redacted",
  "dummy",
  "fake",
  "test",
  "testing",
  "none",
  "null",
  "nil",
  "undefined",
  "empty",
  "todo",
  "tbd",
  "notasecret",
  "true",
  "false",
  "yes",
  "no",
  "on",
  "off",
  "enabled",
  "disabled",
]);

/** Whether `text` walks `alphabet` one step at a time, wrapping around at its end. */
function isRun(text: string, alphabet: string): boolean {
  if (text.length === 0) return false;
  let position = alphabet.indexOf(text[0]!);
  if (position === -1) return false;
  for (const character of text.slice(1)) {
    position = (position + 1) % alphabet.length;
    if (alphabet[position] !== character) return false;
  }
  return true;
}

/**
 * Whether a value stands for a credential instead of being one: interpolation and template
 * syntax (`${DB_PASSWORD}`, `$DB_PASSWORD`, `${{ secrets.X }}`, `{{ .Values.x }}`, `<%= ENV[...] %>`),
 * references to a secret store or a file, the name of an environment variable (node-config's
 * custom-environment-variables) and placeholder text (`<your-token>`, `changeme`, `xxxx`, `****`).
 * A well-known default (`postgres`, `admin`, `password`) is not one: set as the live value, it
 * is the credential, and the first one anyone tries.
 */
export function isPlaceholderValue(value: string): boolean {
  const text = value.trim();
  if (text.length === 0) return true;
  // `$$VAR` in Compose passes `$VAR` on, for a shell in the container to expand.
  if (/\$\{|\$\(|\$[A-Za-z_]|\{\{|\{%|<%|%\{|#\{|%\(|@@/u.test(text)) return true;
  if (/^(?:\/|\.\.?\/|~\/|file:|arn:aws:|vault:|ssm:|secretsmanager:|sm:\/\/|op:\/\/|ref\+|awskms:|gcpkms:|azurekeyvault:|keyvault:|akv:|projects\/[^/]+\/secrets\/)/iu.test(text)) {
    return true;
  }
  if (/^ENC\[/u.test(text)) return true; // sops
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/u.test(text)) return true; // an environment variable's name
  if (/^<[^<>]*>$|^\[[^[\]]*\]$|^\*+$|^\.{3,}$|^x{3,}$|^(.)\1{5,}$/iu.test(text)) return true;
  const letters = text.toLowerCase().replace(/[^a-z0-9]/gu, "");
  if (letters.length === 0) return true; // `-`, `~`, `?`: punctuation marks a field as unset
  if (PLACEHOLDER_WORDS.has(letters) || PLACEHOLDER_WORDS.has(letters.replace(/^(?:my|some|the|a)/u, ""))) return true;
  // One character repeated (`00000000`, `1111-1111`) or a run, even one that wraps around
  // (`123456`, `abcdef`, `12345678901234567890123456789012`): typed to fill a field.
  if (/^(.)\1*$/u.test(letters) || isRun(letters, "0123456789") || isRun(letters, "abcdefghijklmnopqrstuvwxyz")) return true;
  return /^your|changeme|change_me|change-me|replace.?me|placeholder|example|insert.?here|_here$|-here$|xxxx|\*\*\*\*/iu.test(text);
}

export interface KnownCredential extends TextMatch {
  /** What it is, for the message ("an AWS access key ID"). */
  label: string;
}

/** Credential formats that identify themselves, so a value is a secret whatever its key is called. */
const CREDENTIAL_FORMATS: { label: string; pattern: RegExp }[] = [
  { label: "an AWS access key ID", pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/gu },
  { label: "a GitHub token", pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}\b|\bgithub_pat_[A-Za-z0-9_]{22,}\b/gu },
  { label: "a GitLab token", pattern: /\bglpat-[A-Za-z0-9_-]{20,}\b/gu },
  { label: "a Slack token", pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/gu },
  { label: "a Slack webhook URL", pattern: /https:\/\/hooks\.slack\.com\/services\/T[A-Za-z0-9]+\/B[A-Za-z0-9]+\/[A-Za-z0-9]+/gu },
  { label: "a Stripe live key", pattern: /\b[rs]k_live_[0-9A-Za-z]{16,}\b/gu },
  { label: "a Google API key", pattern: /\bAIza[0-9A-Za-z_-]{35}\b/gu },
  { label: "an OpenAI or Anthropic API key", pattern: /\bsk-(?:proj-|ant-[a-z0-9]+-)?[A-Za-z0-9_-]{32,}\b/gu },
  { label: "an npm token", pattern: /\bnpm_[A-Za-z0-9]{36}\b/gu },
  { label: "a SendGrid API key", pattern: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/gu },
  { label: "a private key", pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/gu },
];

/**
 * Credentials a text contains whatever its key is called: provider key formats, and passwords
 * written into connection strings (`postgres://app:hunter2@db/app`) unless they are placeholders
 * or reach only this machine (`localhost`).
 */
export function knownCredentials(text: string): KnownCredential[] {
  const found: KnownCredential[] = [];
  for (const { label, pattern } of CREDENTIAL_FORMATS) {
    for (const match of text.matchAll(pattern)) {
      if (/example|sample|dummy|fake|xxxx/iu.test(match[0])) continue;
      found.push({ label, start: match.index, end: match.index + match[0].length, text: match[0] });
    }
  }
  for (const password of connectionPasswords(text)) {
    if (isPlaceholderValue(password.text) || isLoopbackHost(password.host)) continue;
    if (found.some((known) => known.start <= password.start && password.end <= known.end)) continue;
    found.push({ ...password, label: "a password in a connection string" });
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * Whether the value of a setting named like a credential is a literal one: text or digits
 * without spaces (a phrase is a description, not a secret), and no placeholder. A short value
 * counts (`password: foo` is a password, and a weak one); the values too short to be one are
 * placeholders already (a single character, `ab`, `123`). URLs are addresses of something,
 * unless they carry a password.
 */
export function isLiteralCredential(value: string | number | boolean | null): boolean {
  if (typeof value === "boolean" || value === null) return false;
  const text = String(value).trim();
  if (/\s/u.test(text) || isPlaceholderValue(text)) return false;
  return !/^[a-z][a-z0-9+.-]*:\/\//iu.test(text);
}

/**
 * A placeholder that still works as a value: `replace-me-with-a-random-string`, `changeme`,
 * `example_123`, `your-secret`. Where a file is run as it is (a Compose stack) and the credential
 * is one the stack itself checks (its database's password, the app's signing secret), the stack
 * starts with it, and every install that was not edited shares it. Text that cannot be mistaken
 * for a value (`<your-token>`, `${VAR}`, `xxxx`, `****`) is not one.
 */
export function isWorkingPlaceholder(value: string | number | boolean | null): boolean {
  if (typeof value !== "string") return false;
  const text = value.trim();
  if (text.length === 0 || /[\s<>[\]{}$*]/u.test(text) || !isPlaceholderValue(text)) return false;
  return /change.?(?:me|it|this)|replace.?(?:me|this|with)|^your|example|sample|placeholder|dummy|fake|insert.?here|[-_]here$/iu.test(text);
}

/** Last words of credentials that a stack checks itself, rather than keys it is given for a provider's API. */
const OWN_SECRET_NOUNS = new Set(["password", "passwd", "passphrase", "pass", "pwd", "secret"]);
/** Keys an app signs or encrypts with (`SECRET_KEY`, `JWT_KEY`, `SESSION_KEY`). */
const OWN_KEY_QUALIFIERS = new Set(["secret", "signing", "encryption", "encrypt", "jwt", "session", "cookie", "hmac", "master"]);

/**
 * Whether a setting named like a credential names one the stack itself checks: a password (its
 * database's, its admin's), a secret or a signing key (`APP_SECRET`, `SECRET_KEY_BASE`, `JWT_SECRET`,
 * `SECRET_KEY`), not a
 * token or API key issued by a provider, which refuses a placeholder.
 */
export function isOwnCredentialName(name: string): boolean {
  const words = nameWords(name);
  const last = words.at(-1) ?? "";
  if (!isCredentialName(name)) return false;
  if (last === "key") return OWN_KEY_QUALIFIERS.has(words.at(-2) ?? "");
  return OWN_SECRET_NOUNS.has(last) || (last === "base" && words.at(-3) === "secret");
}
