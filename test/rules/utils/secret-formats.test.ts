import { describe, expect, it } from "vitest";
import {
  envNameFor,
  findProviderKey,
  isLocationName,
  isPublicKey,
  isScreamingCase,
  looksLikeSecretValue,
  secretNameKind,
} from "../../../rules/utils/secret-formats.ts";

describe("findProviderKey", () => {
  it.each([
    ["sk_live_4eC39HqLyjWDarjtT1zdp7dc", "Stripe live secret key"],
    ["rk_live_51H8b2cD3eF4gH5iJ6kL7mN8oP", "Stripe live secret key"],
    ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "Stripe webhook signing secret"],
    ["AKIA2OGYBAH6STMMNXNN", "AWS access key ID"],
    ["ghp_R2x9Lq8ZkT4mWv7Yb1Nc5Hd3Jf6Gs0Pa1Qe8", "GitHub token"],
    ["glpat-x7Rk2Lm9Qw4Tz8Vb3Nc6D", "GitLab token"],
    ["xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", "Slack token"],
    ["https://hooks.slack.com/services/T024BE7LD/B01ABCDEFGH/x7Rk2Lm9Qw4Tz8Vb3Nc6Dq1e", "Slack webhook URL"],
    ["SG.abcdefghijklmnopqrstuv.ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq", "SendGrid API key"],
    ["npm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8", "npm token"],
    ["Bearer sk-proj-Zx8Q2mR7tL4vN9bC3kP6wY1sD5fG0hJ8aE2uI7oT4rW9qM3nB6", "OpenAI API key"],
    ["-----BEGIN RSA PRIVATE KEY-----\nMC0CAQAEKGszSnE5WnJUN3ZXbTJMcFg4c05jNEhkWTZiSmYxR2U1QWEwUXcyRXo=\n-----END RSA PRIVATE KEY-----", "private key"],
  ])("finds %s", (text, provider) => {
    expect(findProviderKey(text)?.provider).toBe(provider);
  });

  it("leaves documentation placeholders, prefixes and public keys alone", () => {
    for (const text of [
      "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx",
      "sk_live_000000000000000000000000",
      "AKIAIOSFODNN7EXAMPLE",
      "sk_live_",
      "-----BEGIN PRIVATE KEY-----",
      // Cut short: its first bytes announce a key of 1,187 bytes.
      "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF0qQ8yY1c2m3\n-----END RSA PRIVATE KEY-----",
      "pk_live_51Habc1234567890abcdefghij",
      "ghp_yourtokenhereyourtokenhereyourtoken",
    ]) {
      expect(findProviderKey(text), text).toBeUndefined();
    }
  });
});

describe("secretNameKind", () => {
  it.each([
    ["JWT_SECRET", "secret"],
    ["clientSecret", "secret"],
    ["DB_PASSWORD", "password"],
    ["PGPASSWORD", "password"],
    ["SMTP_PASS", "password"],
    ["adminPassword", "password"],
    ["API_KEY", "key"],
    ["stripeSecretKey", "key"],
    ["privateKey", "key"],
    ["GITHUB_TOKEN", "token"],
    ["accessToken", "token"],
  ])("%s is a %s", (name, kind) => {
    expect(secretNameKind(name)).toBe(kind);
  });

  it.each(["PASSWORD_MIN_LENGTH", "SECRET_NAME", "CACHE_KEY", "primaryKey", "CSRF_TOKEN", "nextToken", "token", "BYPASS", "FIRST_PASS", "passwordField"])(
    "%s is not a secret",
    (name) => {
      expect(secretNameKind(name)).toBeUndefined();
    },
  );
});

describe("looksLikeSecretValue", () => {
  it("accepts low-entropy secrets that entropy scanners miss", () => {
    expect(looksLikeSecretValue("changeme", "ADMIN_PASSWORD", "password")).toBe(true);
    expect(looksLikeSecretValue("my-jwt-secret", "JWT_SECRET", "secret")).toBe(true);
    expect(looksLikeSecretValue("supersecret", "secret", "secret", { allowWords: false })).toBe(true);
    expect(looksLikeSecretValue("keyboard cat", undefined, "secret", { allowSpaces: true })).toBe(true);
  });

  it("rejects names, messages, references and placeholders", () => {
    expect(looksLikeSecretValue("password", "PASSWORD", "password")).toBe(false);
    expect(looksLikeSecretValue("x-api-key", "API_KEY", "key")).toBe(false);
    expect(looksLikeSecretValue("/reset-password", "RESET_PASSWORD", "password")).toBe(false);
    expect(looksLikeSecretValue("token", "GITHUB_TOKEN", "token")).toBe(false);
    expect(looksLikeSecretValue("Invalid password", "INVALID_PASSWORD", "password")).toBe(false);
    expect(looksLikeSecretValue("JWT_SECRET", "SECRET_ENV", "secret")).toBe(false);
    expect(looksLikeSecretValue("./keys/private.pem", "PRIVATE_KEY", "key")).toBe(false);
    expect(looksLikeSecretValue("auth.invalidPassword", "INVALID_PASSWORD", "password")).toBe(false);
    expect(looksLikeSecretValue("<your-secret>", "JWT_SECRET", "secret")).toBe(false);
    expect(looksLikeSecretValue("Passwort", "password", "password", { allowWords: false })).toBe(false);
    expect(looksLikeSecretValue("true", "SECRET", "secret")).toBe(false);
  });

  it("wants keys and tokens to look like keys and tokens", () => {
    expect(looksLikeSecretValue("a1b2c3d4e5f6g7h8i9j0", "apiKey", "key")).toBe(true);
    expect(looksLikeSecretValue("short1", "apiKey", "key")).toBe(false);
    expect(looksLikeSecretValue("onlyletterslongenough", "apiKey", "key")).toBe(false);
  });
});

describe("names", () => {
  it("converts a setting's name to an environment variable's", () => {
    expect(envNameFor("jwtSecret")).toBe("JWT_SECRET");
    expect(envNameFor("baseURL")).toBe("BASE_URL");
    expect(envNameFor("DB_PASSWORD")).toBe("DB_PASSWORD");
  });

  it("knows SCREAMING_CASE, location settings and public keys", () => {
    expect(isScreamingCase("API_KEY")).toBe(true);
    expect(isScreamingCase("apiKey")).toBe(false);
    expect(isLocationName("ORDERS_SERVICE_URL")).toBe(true);
    expect(isLocationName("brokers")).toBe(true);
    expect(isLocationName("docsLink")).toBe(false);
    expect(isPublicKey("phc_9CipPajQC22mSkk2wxe2TXsUA0Ysyupe8dt5KQQELqx")).toBe(true);
    expect(isPublicKey("sk_live_4eC39HqLyjWDarjtT1zdp7dc")).toBe(false);
  });
});
