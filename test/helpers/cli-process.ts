/**
 * The built `shipshape` command run as a process, and the temporary projects and git
 * repositories the end-to-end tests run it in.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPOSITORY_ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const BIN = path.join(REPOSITORY_ROOT, "dist/cli/bin.js");

export function requireBuild(): void {
  if (!fs.existsSync(BIN)) throw new Error("dist/cli/bin.js is missing: run `npm run build` (npm test does)");
}

export function temporaryFolder(prefix: string): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The command run in `cwd`; `env`, when given, is its whole environment. */
export function shipshape(cwd: string, args: string[], input?: string, env?: NodeJS.ProcessEnv): CliRun {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, input, env, encoding: "utf8", timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface JsonMessage {
  ruleId: string | null;
  severity: number;
  line: number;
  column: number;
  fatal?: boolean;
  message: string;
}

export interface JsonResult {
  filePath: string;
  errorCount: number;
  warningCount: number;
  messages: JsonMessage[];
  suppressedMessages: (JsonMessage & { suppressions: { kind: string }[] })[];
}

export function json(stdout: string): JsonResult[] {
  return JSON.parse(stdout) as JsonResult[];
}

/** Runs git without the user's or the machine's configuration getting in the way. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=shipshape test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false", ...args], {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1" },
  });
}

/** A git repository on branch `main` with the files committed. */
export function gitRepository(dir: string, files: Record<string, string>): string {
  writeFiles(dir, files);
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "initial");
  return dir;
}

/** Commits everything in the work tree. */
export function commitAll(dir: string, message: string): void {
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", message);
}

/**
 * Installs packages into a throwaway project's node_modules as links: `shipshape` to this
 * checkout, the others to this checkout's node_modules (a scope such as `@eslint` links whole).
 */
export function linkPackages(dir: string, packages: readonly string[]): void {
  fs.mkdirSync(path.join(dir, "node_modules"), { recursive: true });
  fs.symlinkSync(REPOSITORY_ROOT, path.join(dir, "node_modules/shipshape"), "dir");
  for (const name of packages) fs.symlinkSync(path.join(REPOSITORY_ROOT, "node_modules", name), path.join(dir, "node_modules", name), "dir");
}

/** ESLint's own command, run in `cwd` as a project runs it (`npx eslint`). */
export function eslintCli(cwd: string, args: string[]): CliRun {
  const result = spawnSync(process.execPath, [path.join(REPOSITORY_ROOT, "node_modules/eslint/bin/eslint.js"), ...args], {
    cwd,
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
