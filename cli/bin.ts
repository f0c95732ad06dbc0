#!/usr/bin/env node
import module from "node:module";
import { UsageError } from "./options.ts";

// Node 22.1 and later keep the compiled code of the modules loaded after this call on disk
// (ESLint, the parsers, the rules: most of a small run's time is compiling them), in the
// folder NODE_COMPILE_CACHE names, else one under the system's temporary folder. Passed on
// to ESLint's worker threads through the environment. Node 20 has no such cache: skipped.
const compileCache = (module as { enableCompileCache?: () => { directory?: string } }).enableCompileCache?.();
if (compileCache?.directory) process.env.NODE_COMPILE_CACHE = compileCache.directory;
const { run } = await import("./run.ts");

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

// The report is all that goes to standard output (JSON and SARIF readers parse it whole). Code
// that prints with console.log, such as ESLint's TIMING=all table at exit, writes to stderr.
console.log = console.error;
console.info = console.error;

try {
  process.exitCode = await run(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin,
  });
} catch (error) {
  // Exit code 2 with a one-line reason; the stack only when asked for.
  const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
  process.stderr.write(error instanceof UsageError ? `shipshape: ${message}\n` : `shipshape: internal error: ${message}\n`);
  if (process.env.DEBUG && error instanceof Error && !(error instanceof UsageError)) process.stderr.write(`${error.stack}\n`);
  process.exitCode = 2;
}
