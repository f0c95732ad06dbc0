/**
 * npm and pre-commit run as processes for the packaging tests: without blocking the test
 * worker (installs take a while and run side by side), and without the settings that the
 * `npm test` running them passes on.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { git, REPOSITORY_ROOT } from "./cli-process.ts";

export interface ProcessRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runAsync(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * The environment without npm's `npm_*` variables: `npm test` sets them (its own prefix, its
 * lifecycle), and npm reads `npm_config_*` as settings, which would install elsewhere.
 */
export function npmEnvironment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const environment = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/iu.test(name)));
  return { ...environment, ...extra };
}

/**
 * A clone of this repository with a commit of its work tree as it is now (tracked files, changed
 * or not), as a user's clone of the published repository would hold it. Returns the commit.
 */
export function cloneWorkTree(destination: string): string {
  git(path.dirname(destination), "clone", "-q", "--no-hardlinks", REPOSITORY_ROOT, destination);
  // A clone checks out the branch of the main work tree; this one may be another (git worktree).
  git(destination, "checkout", "-q", "-B", "snapshot", git(REPOSITORY_ROOT, "rev-parse", "HEAD").trim());
  const changes = git(REPOSITORY_ROOT, "diff", "HEAD", "--binary");
  if (changes.trim() !== "") {
    const patch = `${destination}.patch`;
    fs.writeFileSync(patch, changes);
    git(destination, "apply", "--binary", patch);
    git(destination, "commit", "-q", "-a", "-m", "The work tree being tested");
  }
  return git(destination, "rev-parse", "HEAD").trim();
}
