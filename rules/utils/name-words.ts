/**
 * The lower-case words of an identifier, header or path, whatever its casing:
 *
 *     webhookSecret        → ["webhook", "secret"]
 *     STRIPE_WEBHOOK_SECRET → ["stripe", "webhook", "secret"]
 *     x-hub-signature-256  → ["x", "hub", "signature", "256"]
 *     HMACSignature        → ["hmac", "signature"]
 *     #logger              → ["logger"]
 */
export function nameWords(name: string): readonly string[] {
  let words = cache.get(name);
  if (!words) {
    // The same names (`password`, `logger`, `req`) come back in every file; the cache is bounded.
    if (cache.size >= 10_000) cache.clear();
    cache.set(name, (words = Object.freeze(splitWords(name))));
  }
  return words;
}

const cache = new Map<string, readonly string[]>();

function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/gu, "$1 $2")
    // Only from the start of a run of capitals: from each capital of a long run it would be quadratic.
    .replace(/(?<![A-Z])([A-Z]+)([A-Z][a-z])/gu, "$1 $2")
    .split(/[^A-Za-z0-9]+/u)
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase());
}

/** `["user", "id"]` → `userId`. */
export function camelCase(words: readonly string[]): string {
  return words.map((word, i) => (i === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1))).join("");
}
