/**
 * The long robustness run: `npm run fuzz [-- --count N --seed S]`. Lints N mutants of every
 * demo fixture and every truncation of one file per language, and prints each failure.
 */
import { fuzz, mutants, seedFiles, truncations } from "./fuzz.ts";

const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};

const count = argument("count", 200);
const seed = argument("seed", Date.now() % 100_000);
const seeds = seedFiles();
const samples = ["migrations/0004_orders_column_changes.sql", "deploy/deployment.yaml", "src/webhooks-bad.ts"];
const inputs = [
  ...mutants(seeds, count, seed),
  ...seeds.filter((file) => samples.includes(file.name)).flatMap((file) => truncations(file)),
];
console.log(`fuzzing ${inputs.length} inputs (seed ${seed})`);
const started = Date.now();
const failures = await fuzz(inputs);
for (const failure of failures) console.log(`FAIL ${failure.input.name}: ${failure.reason}`);
console.log(`${inputs.length - failures.length} passed, ${failures.length} failed in ${Math.round((Date.now() - started) / 1000)} s`);
process.exitCode = failures.length > 0 ? 1 : 0;
