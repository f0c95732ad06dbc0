import { describe, expect, it } from "vitest";
import { isCredentialName, isLiteralCredential, isOwnCredentialName, isPlaceholderValue, isWorkingPlaceholder, knownCredentials } from "../../config-lint/credentials.ts";

describe("isCredentialName", () => {
  it("accepts names that end in a credential", () => {
    for (const name of ["DB_PASSWORD", "dbPassword", "smtp-pass", "SMTP_PWD", "clientSecret", "GITHUB_TOKEN", "STRIPE_API_KEY", "apiKey", "AWS_SECRET_ACCESS_KEY", "MINIO_SECRET_KEY", "ARM_ACCESS_KEY", "AZURE_STORAGE_ACCESS_KEY", "secret_key_base", "signing.key", "credentials", "key_passphrase"]) {
      expect(isCredentialName(name), name).toBe(true);
    }
  });

  it("rejects names that describe or locate a credential, and public keys", () => {
    for (const name of ["SECRET_NAME", "TOKEN_URL", "PASSWORD_FILE", "PASSWORD_MIN_LENGTH", "PWD", "CACHE_KEY", "PUBLIC_KEY", "NEXT_PUBLIC_API_KEY", "STRIPE_PUBLISHABLE_KEY", "AWS_ACCESS_KEY_ID", "MINIO_ACCESS_KEY", "accessKey", "S3_ACCESS_KEY", "persist-credentials-file", "bypass"]) {
      expect(isCredentialName(name), name).toBe(false);
    }
  });
});

describe("isPlaceholderValue and isLiteralCredential", () => {
  it("treats references, interpolation and filler as placeholders", () => {
    for (const value of ["${DB_PASSWORD}", "$DB_PASSWORD", "$(cat /run/secrets/x)", "${{ secrets.TOKEN }}", "{{ .Values.password }}", "<%= ENV['X'] %>", "/run/secrets/db", "arn:aws:secretsmanager:eu-west-1:1:secret:x", "ENC[AES256_GCM,data:abc]", "DB_PASSWORD", "<your-token>", "changeme", "xxxxxxxx", "****", "your_api_key_here", "MyToken", "12345678", "abcdef", "1111-1111", "12345678901234567890123456789012"]) {
      expect(isPlaceholderValue(value), value).toBe(true);
    }
    for (const value of ["hunter2-prod", "supersecret", "prod-password-123", "s3cr3t-t0ken"]) expect(isPlaceholderValue(value), value).toBe(false);
    // Well-known defaults set as the live value are the credential, and the first one tried.
    for (const value of ["postgres", "password", "admin", "root", "guest", "mysql", "MySecret", "foobar"]) expect(isPlaceholderValue(value), value).toBe(false);
  });

  it("wants no spaces, no URL, no boolean; short values count unless they are filler", () => {
    expect(isLiteralCredential("hunter2")).toBe(true);
    expect(isLiteralCredential(84_211_097)).toBe(true);
    for (const value of ["foo", "baz", "pw1"]) expect(isLiteralCredential(value), value).toBe(true);
    for (const value of ["x", "ab", "123", "-", "no", "Password must be long", "https://vault.example.com/x", true, null, "false"]) {
      expect(isLiteralCredential(value), String(value)).toBe(false);
    }
  });
});

describe("isWorkingPlaceholder and isOwnCredentialName", () => {
  it("knows the fill-in phrases a stack still starts with, not the ones that cannot be a value", () => {
    for (const value of ["replace-me-with-a-random-string", "changeme", "example_123", "your-secret", "CHANGE_ME_TO_A_COMPLEX_RANDOM_SECRET"]) {
      expect(isWorkingPlaceholder(value), value).toBe(true);
    }
    for (const value of ["<your-token>", "${SECRET}", "xxxx", "****", "", "hunter2-prod", "your secret here"]) expect(isWorkingPlaceholder(value), value).toBe(false);
  });

  it("tells the credentials a stack checks itself from keys a provider issues", () => {
    for (const name of ["POSTGRES_PASSWORD", "APP_SECRET", "SECRET_KEY_BASE", "SECRET_KEY", "JWT_SECRET", "DB_PASS"]) expect(isOwnCredentialName(name), name).toBe(true);
    for (const name of ["OPENAI_API_KEY", "GITHUB_TOKEN", "STRIPE_API_KEY", "SECRET_NAME"]) expect(isOwnCredentialName(name), name).toBe(false);
  });
});

describe("knownCredentials", () => {
  it("finds provider key formats and passwords in connection strings, with their offsets", () => {
    const text = "AKIAQWERTYUIOPASDFGH and postgres://app:hunter2@db.internal/app";
    expect(knownCredentials(text)).toEqual([
      { label: "an AWS access key ID", start: 0, end: 20, text: "AKIAQWERTYUIOPASDFGH" },
      { label: "a password in a connection string", start: 40, end: 47, text: "hunter2", host: "db.internal" },
    ]);
    expect(knownCredentials("Server=db;User Id=app;Password=Hunter2!;")).toMatchObject([{ text: "Hunter2!" }]);
  });

  it("leaves documented examples, placeholders and loopback connections alone", () => {
    expect(knownCredentials("AKIAIOSFODNN7EXAMPLE")).toEqual([]);
    expect(knownCredentials("postgres://app:${DB_PASSWORD}@db/app")).toEqual([]);
    expect(knownCredentials("redis://:changeme@cache:6379")).toEqual([]);
    expect(knownCredentials("postgres://app:app-password@localhost:5432/app")).toEqual([]);
  });
});
