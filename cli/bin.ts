#!/usr/bin/env node
import { UsageError } from "./options.ts";
import { run } from "./run.ts";

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
