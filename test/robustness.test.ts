/**
 * The fast, seeded sample of the robustness suite (the long run is `npm run fuzz`): mutants of
 * every demo fixture in all three languages, linted with the built plugin under a time bound.
 */
import { describe, expect, it } from "vitest";
import { fuzz, mutants, seedFiles, truncations } from "./robustness/fuzz.ts";

describe("robustness", () => {
  it("lints seeded mutants of every fixture without an exception, a hang or a message without position", async () => {
    const failures = await fuzz(mutants(seedFiles(), 6, 20261129));
    expect(failures.map((failure) => `${failure.input.name}: ${failure.reason}`)).toEqual([]);
  }, 240_000);

  it("lints every truncation of a migration", async () => {
    const migration = seedFiles().find((file) => file.name === "migrations/0004_orders_column_changes.sql")!;
    const failures = await fuzz(truncations(migration, 7));
    expect(failures.map((failure) => `${failure.input.name}: ${failure.reason}`)).toEqual([]);
  }, 240_000);
});
