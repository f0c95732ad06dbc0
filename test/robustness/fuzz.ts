/**
 * Mutation fuzzing of the three languages. Inputs come from the fixtures, mutated with a
 * seeded generator (byte flips, truncation, token deletion and duplication, encodings, line
 * endings); each is linted in a worker thread under a time bound. An input passes when it
 * ends in messages (a fatal parse error with a position counts); it fails when an exception
 * escapes ESLint, a message has no position, or the worker does not answer in time.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { random } from "../../bench/generate-migrations.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const WORKER = fileURLToPath(new URL("./lint-worker.mjs", import.meta.url));

export interface FuzzInput {
  name: string;
  filePath: string;
  text: string;
}

export interface FuzzFailure {
  input: FuzzInput;
  reason: string;
}

/** Fixture files to mutate: the demo's code, migrations and manifests. */
export function seedFiles(): FuzzInput[] {
  const demo = path.join(ROOT, "fixtures/demo");
  const files = fs.readdirSync(demo, { recursive: true, encoding: "utf8" }).filter((file) => /\.(?:ts|sql|ya?ml)$/u.test(file));
  return files.sort().map((file) => ({ name: file, filePath: path.join("fuzz", file), text: fs.readFileSync(path.join(demo, file), "utf8") }));
}

type Mutator = (text: string, next: () => number) => string;

const at = (text: string, next: () => number) => Math.floor(next() * (text.length + 1));

/** Token-ish pieces: words, numbers, runs of punctuation, whitespace. */
const tokens = (text: string) => text.match(/\w+|\s+|[^\w\s]+/gu) ?? [];

export const MUTATORS: Record<string, Mutator> = {
  "flip bytes": (text, next) => {
    const chars = [...text];
    for (let i = 0; i < 1 + Math.floor(next() * 8); i++) {
      const position = Math.floor(next() * chars.length);
      chars[position] = String.fromCharCode(Math.floor(next() * 0x2fff));
    }
    return chars.join("");
  },
  truncate: (text, next) => text.slice(0, at(text, next)),
  "delete tokens": (text, next) => tokens(text).filter(() => next() > 0.05).join(""),
  "duplicate tokens": (text, next) => tokens(text).map((token) => (next() < 0.05 ? token + token : token)).join(""),
  "swap quotes and brackets": (text, next) =>
    text.replace(/["'`$()[\]{}]/gu, (c) => (next() < 0.2 ? "\"'`$()[]{}"[Math.floor(next() * 11)] ?? c : c)),
  "CRLF and BOM": (text) => `\uFEFF${text.replace(/\n/gu, "\r\n")}`,
  "NUL and invalid surrogates": (text, next) => {
    const position = at(text, next);
    return `${text.slice(0, position)}\u0000\uD800${text.slice(position)}`;
  },
  "Latin-1 read as UTF-8": (text) => Buffer.from(text, "utf8").toString("latin1"),
  "deep nesting": (text, next) => {
    const position = at(text, next);
    const depth = 1000 + Math.floor(next() * 9000);
    return `${text.slice(0, position)}${"[".repeat(depth)}${"(".repeat(depth)}${text.slice(position)}`;
  },
};

/** Deterministic mutants of the seed files: `count` per seed file, cycling through the mutators. */
export function mutants(seeds: FuzzInput[], count: number, seed: number): FuzzInput[] {
  const next = random(seed);
  const names = Object.keys(MUTATORS);
  const inputs: FuzzInput[] = [];
  for (const file of seeds) {
    for (let i = 0; i < count; i++) {
      const mutator = names[(i + Math.floor(next() * names.length)) % names.length]!;
      inputs.push({ name: `${file.name} · ${mutator} #${i}`, filePath: file.filePath, text: MUTATORS[mutator]!(file.text, next) });
    }
  }
  return inputs;
}

/** Every truncation of a text, for the "truncate at every offset" sample. */
export function truncations(file: FuzzInput, step = 1): FuzzInput[] {
  const inputs: FuzzInput[] = [];
  for (let offset = 0; offset <= file.text.length; offset += step) {
    inputs.push({ name: `${file.name} · truncated at ${offset}`, filePath: file.filePath, text: file.text.slice(0, offset) });
  }
  return inputs;
}

interface WorkerReply {
  id: number;
  error?: string;
  messages?: { ruleId: string | null; fatal?: boolean; line: number; column: number; message: string }[];
}

/** Lints every input in a worker thread, each under `timeoutMs`; returns the failures. */
export async function fuzz(inputs: FuzzInput[], timeoutMs = 10_000): Promise<FuzzFailure[]> {
  const failures: FuzzFailure[] = [];
  let worker = new Worker(WORKER);
  let nextId = 0;
  const lintOne = (input: FuzzInput) =>
    new Promise<WorkerReply | "timeout">((resolve) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        worker.off("message", onMessage);
        resolve("timeout");
      }, timeoutMs);
      const onMessage = (reply: WorkerReply) => {
        if (reply.id !== id) return;
        clearTimeout(timer);
        worker.off("message", onMessage);
        resolve(reply);
      };
      worker.on("message", onMessage);
      worker.postMessage({ id, text: input.text, filePath: input.filePath });
    });

  try {
    for (const input of inputs) {
      const reply = await lintOne(input);
      if (reply === "timeout") {
        failures.push({ input, reason: `no answer within ${timeoutMs} ms` });
        await worker.terminate();
        worker = new Worker(WORKER);
        continue;
      }
      if (reply.error) {
        failures.push({ input, reason: reply.error.split("\n").slice(0, 3).join(" | ") });
        continue;
      }
      const unplaced = reply.messages!.find((message) => !(message.line >= 1 && message.column >= 1));
      if (unplaced) failures.push({ input, reason: `a message without a position: ${JSON.stringify(unplaced)}` });
    }
  } finally {
    await worker.terminate();
  }
  return failures;
}
