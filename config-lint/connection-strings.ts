/** A part of a string found by a check, as offsets into that string. */
export interface TextMatch {
  start: number;
  end: number;
  text: string;
}

/**
 * `scheme://user:password@host`; the password may be empty only in `redis://:password@host`.
 * A scheme is at most 64 characters here: scanned without a bound from every letter of `a.a.a.a…`,
 * each failing, the search would take time quadratic in the length of the text.
 */
const URL_WITH_PASSWORD = /\b[a-z][a-z0-9+.-]{0,63}:\/\/([^\s:@/?#]*):([^\s@/?#]+)@(\[[^\]\s]*\]|[^\s/?#:,;]*)/giu;
/** `password=...` in a query string or an ADO.NET / JDBC-style `Key=Value;` list. */
const PASSWORD_PARAMETER = /(?:^|[?&;\s])(?:password|passwd|pwd|accountkey|sharedaccesskey)\s*=\s*([^&;\s"']+)/giu;
const SSLMODE_DISABLE = /(?:^|[?&;\s])sslmode\s*=\s*disable\b/giu;
const URL_HOST = /\b[a-z][a-z0-9+.-]{0,63}:\/\/(?:[^\s@/?#]*@)?(\[[^\]\s]*\]|[^\s/?#:,;]*)/iu;
const HOST_PARAMETER = /(?:^|[?&;\s])(?:host|server|data source)\s*=\s*([^&;\s"']+)/iu;

/** Hosts that are this machine: a credential for them opens nothing beyond it. */
export function isLoopbackHost(host: string | undefined): boolean {
  return host !== undefined && /^(?:localhost|127(?:\.\d+){3}|\[?::1\]?|0\.0\.0\.0)$/iu.test(host);
}

/** A host filled in when the config is used (`${DB_HOST}`, `$(DB_HOST)`, `{{ .Values.host }}`): which one is unknown here. */
export function isInterpolatedHost(host: string | undefined): boolean {
  return host !== undefined && /[$%{]/u.test(host);
}

/** The passwords written into connection strings in a text (URLs with credentials, `password=` parameters). */
export function connectionPasswords(text: string): (TextMatch & { host: string | undefined })[] {
  const found: (TextMatch & { host: string | undefined })[] = [];
  for (const match of text.matchAll(URL_WITH_PASSWORD)) {
    const password = match[2]!;
    const start = match.index + match[0].indexOf(`:${password}@`, match[0].indexOf("://") + 3) + 1;
    found.push({ start, end: start + password.length, text: password, host: match[3] });
  }
  for (const match of text.matchAll(PASSWORD_PARAMETER)) {
    const password = match[1]!;
    const start = match.index + match[0].length - password.length;
    found.push({ start, end: start + password.length, text: password, host: connectionHost(text) });
  }
  return found;
}

/** Where a connection string turns TLS off with `sslmode=disable`, and the host it connects to. */
export function sslModeDisabled(text: string): (TextMatch & { host: string | undefined }) | null {
  const match = SSLMODE_DISABLE.exec(text);
  SSLMODE_DISABLE.lastIndex = 0;
  if (!match) return null;
  const start = match.index + match[0].search(/sslmode/iu);
  return { start, end: match.index + match[0].length, text: text.slice(start, match.index + match[0].length), host: connectionHost(text) };
}

/** The host a connection string (URL, or `host=` parameters) names. */
export function connectionHost(text: string): string | undefined {
  return URL_HOST.exec(text)?.[1] ?? HOST_PARAMETER.exec(text)?.[1];
}
