/**
 * Lints texts with the built plugin in a worker thread (lint-worker.mjs), each under a time
 * bound, and tells what became of each: its messages and how long it took, the exception that
 * escaped ESLint, or that it did not finish in time (the worker is then replaced, so a hang in
 * one input cannot hold up the others or the test run).
 */
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

const WORKER = fileURLToPath(new URL("./lint-worker.mjs", import.meta.url));

export interface LintInput {
  filePath: string;
  text: string;
  /** The folder ESLint runs in (files outside it are ignored); the current one by default. */
  cwd?: string;
}

export interface LintedMessage {
  ruleId: string | null;
  fatal?: boolean;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message: string;
}

export type LintOutcome =
  | { kind: "linted"; messages: LintedMessage[]; milliseconds: number }
  | { kind: "error"; error: string; milliseconds: number }
  | { kind: "timeout"; milliseconds: number };

interface WorkerReply {
  id: number;
  error?: string;
  messages?: LintedMessage[];
}

/** Files linted first so that loading ESLint, the plugin and the parsers is not counted against an input. */
const WARM_UP: LintInput[] = [
  { filePath: "warm-up/a.ts", text: "export const a = 1;\n" },
  { filePath: "warm-up/a.sql", text: "SELECT 1;\n" },
  { filePath: "warm-up/a.yaml", text: "a: 1\n" },
];

/** A worker that lints one text at a time; `stop` ends it. */
export class BoundedLinter {
  #worker = BoundedLinter.#start();
  #nextId = 0;
  #warm = false;

  static #start(): Worker {
    // A heap limit of its own: running out of memory ends the worker, not the test process.
    return new Worker(WORKER, { resourceLimits: { maxOldGenerationSizeMb: 1024 } });
  }

  async lint(input: LintInput, timeoutMs: number): Promise<LintOutcome> {
    if (!this.#warm) {
      this.#warm = true;
      for (const file of WARM_UP) await this.#send(file, 60_000);
    }
    return this.#send(input, timeoutMs);
  }

  async stop(): Promise<void> {
    await this.#worker.terminate();
  }

  async #send(input: LintInput, timeoutMs: number): Promise<LintOutcome> {
    const worker = this.#worker;
    const id = this.#nextId++;
    const started = performance.now();
    const reply = await new Promise<WorkerReply | "timeout" | "died">((resolve) => {
      const done = (result: WorkerReply | "timeout" | "died") => {
        clearTimeout(timer);
        worker.off("message", onMessage).off("error", onDeath).off("exit", onDeath);
        resolve(result);
      };
      const timer = setTimeout(() => done("timeout"), timeoutMs);
      const onMessage = (message: WorkerReply) => {
        if (message.id === id) done(message);
      };
      const onDeath = () => done("died");
      worker.on("message", onMessage).on("error", onDeath).on("exit", onDeath);
      worker.postMessage({ id, text: input.text, filePath: input.filePath, cwd: input.cwd });
    });
    const milliseconds = performance.now() - started;
    if (reply === "timeout" || reply === "died") {
      await worker.terminate();
      this.#worker = BoundedLinter.#start();
      this.#warm = false;
      return reply === "timeout" ? { kind: "timeout", milliseconds } : { kind: "error", error: "the worker died (out of memory?)", milliseconds };
    }
    if (reply.error !== undefined) return { kind: "error", error: reply.error, milliseconds };
    return { kind: "linted", messages: reply.messages ?? [], milliseconds };
  }
}
