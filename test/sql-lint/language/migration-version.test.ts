import { describe, expect, it } from "vitest";
import {
  compareMigrationVersions,
  isMigrationAtOrBefore,
  migrationVersionOf,
  parseMigrationVersion,
} from "../../../sql-lint/language/migration-version.ts";

describe("migrationVersionOf", () => {
  it.each([
    // 14-digit timestamps: goose, dbmate, Atlas, sqlx, golang-migrate
    ["db/migrations/20240131120000_add_email.sql", ["20240131120000"]],
    ["db/migrations/20240131120000.sql", ["20240131120000"]],
    ["migrations/20240131120000_add_email.up.sql", ["20240131120000"]],
    // numbered prefixes
    ["migrations/0042_add_email.sql", ["42"]],
    ["migrations/000042_add_email.up.sql", ["42"]],
    ["migrations/1_init.up.sql", ["1"]],
    ["migrations/7.sql", ["7"]],
    // SQL linted from a migration written in code takes that file's version, not its block's name
    ["src/migrations/1700000000000-DropEmail.ts/0_up.sql", ["1700000000000"]],
    ["migrations/20240131120000_add_email.js/1_up-in-transaction.sql", ["20240131120000"]],
    // Flyway versioned migrations, parts separated by dots or underscores
    ["sql/V12__add_email.sql", ["12"]],
    ["sql/V1.2.3__add_email.sql", ["1", "2", "3"]],
    ["sql/V1_10__add_email.sql", ["1", "10"]],
    ["sql/V2024.01.31.1200__add_email.sql", ["2024", "1", "31", "1200"]],
    // a V, a number, a dot and the name (authelia)
    ["migrations/postgres/V0007.ConsistencyFixes.up.sql", ["7"]],
    // dates with separators: Laravel-style files, Diesel folders
    ["database/2024_01_31_120000_add_email.sql", ["20240131120000"]],
    ["migrations/2024-01-31-120000_add_email/up.sql", ["20240131120000"]],
    // folder per migration: Prisma
    ["prisma/migrations/20240131120000_add_email/migration.sql", ["20240131120000"]],
    ["migrations/0042_add_email/up.sql", ["42"]],
  ])("reads %s", (file, version) => {
    expect(migrationVersionOf(file)).toEqual(version);
  });

  it.each([
    "sql/R__refresh_views.sql", // Flyway repeatable: runs again whenever it changes
    "db/schema.sql",
    "db/seeds/users.sql",
    "api/v2/schema.sql", // a folder named like an API version is not a migration
    "db/2024/cleanup.sql", // nor is a folder per year
    "sql/v12__lowercase_prefix.sql", // Flyway's prefix is a capital V
    "sql/V__no_version.sql",
    "sql/Vendor.sql", // a name that starts with a V is not a version
  ])("finds no version in %s", (file) => {
    expect(migrationVersionOf(file)).toBeUndefined();
  });
});

describe("parseMigrationVersion", () => {
  it.each([
    ["20240131120000", ["20240131120000"]],
    ["V12", ["12"]],
    ["v12", ["12"]],
    ["12", ["12"]],
    ["0042", ["42"]],
    ["1.2.3", ["1", "2", "3"]],
    ["0042_add_email.sql", ["42"]],
    ["db/migrations/V3__add_email.sql", ["3"]],
    ["prisma/migrations/20240131120000_init", ["20240131120000"]],
    [20240131120000, ["20240131120000"]],
  ] as const)("reads %j", (value, version) => {
    expect(parseMigrationVersion(value)).toEqual(version);
  });

  it.each(["", " ", "latest", "R__views.sql"])("rejects %j", (value) => {
    expect(parseMigrationVersion(value)).toBeUndefined();
  });
});

describe("compareMigrationVersions and isMigrationAtOrBefore", () => {
  it("compares parts as numbers, a missing part counting as zero", () => {
    expect(compareMigrationVersions(["1", "10"], ["1", "9"])).toBeGreaterThan(0);
    expect(compareMigrationVersions(["2"], ["2", "0"])).toBe(0);
    expect(compareMigrationVersions(["20240131120000"], ["20240131120001"])).toBeLessThan(0);
    expect(compareMigrationVersions(["99999999999999999999"], ["100000000000000000000"])).toBeLessThan(0);
  });

  it("skips what sorts at or before the baseline and keeps what comes after or has no version", () => {
    expect(isMigrationAtOrBefore("m/20240131120000_a.sql", "20240131120000")).toBe(true);
    expect(isMigrationAtOrBefore("m/20240131120001_b.sql", "20240131120000")).toBe(false);
    expect(isMigrationAtOrBefore("sql/V9__a.sql", "V10")).toBe(true);
    expect(isMigrationAtOrBefore("sql/V10__a.sql", "V9")).toBe(false);
    expect(isMigrationAtOrBefore("m/0042_a.sql", "42")).toBe(true);
    expect(isMigrationAtOrBefore("m/0043_a.sql", "0042_add_email.sql")).toBe(false);
    expect(isMigrationAtOrBefore("sql/R__views.sql", "V99")).toBe(false);
    expect(isMigrationAtOrBefore("db/schema.sql", "20240131120000")).toBe(false);
  });
});

describe("release-stamped names (logto's alterations)", () => {
  it("orders them by their Unix timestamp and tells their release", async () => {
    const { migrationRelease, migrationTime } = await import("../../../sql-lint/language/migration-version.ts");
    expect(migrationVersionOf("packages/schemas/alterations/1.30.0-1751400000-move-flag.ts")).toEqual(["1751400000"]);
    expect(migrationVersionOf("alterations/1.0.0_beta.14-1665300135-sign-in-sign-up.ts/1_up.sql")).toEqual(["1665300135"]);
    expect(migrationRelease("alterations/1.0.0_beta.14-1665300135-sign-in-sign-up.ts")).toBe("1.0.0_beta.14");
    expect(migrationRelease("alterations/next-1786373004-tighten-pkey.ts/1_up.sql")).toBe("next");
    expect(migrationRelease("migrations/20240131120000_add_email.sql")).toBeUndefined();
    // Unix seconds and milliseconds are moments too, as 14-digit timestamps are.
    expect(migrationTime(["1751400000"])).toBe(1_751_400_000_000);
    expect(migrationTime(["1700000000000"])).toBe(1_700_000_000_000);
    expect(migrationTime(["42"])).toBeUndefined();
  });
});
