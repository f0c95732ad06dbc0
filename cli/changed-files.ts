import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { UsageError } from "./options.ts";

/** Why git failed, in one line: its own message without the "fatal: " prefix. */
function gitReason(error: unknown): string {
  const stderr = (error as { stderr?: unknown }).stderr;
  const text = typeof stderr === "string" && stderr.trim() !== "" ? stderr : error instanceof Error ? error.message : String(error);
  return (text.trim().split("\n")[0] ?? "").replace(/^(?:fatal|error): /u, "");
}

function git(cwd: string, args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 256 * 1024 * 1024 });
}

function nulSeparated(output: string): string[] {
  return output.split("\0").filter((entry) => entry !== "");
}

/**
 * The files under `cwd` added or modified since `ref`, as absolute paths, for pull-request
 * checks: everything that differs between the merge base of `ref` and HEAD and the working tree
 * (so the branch's commits, staged and unstaged edits alike), plus untracked files that git does
 * not ignore. Renamed files count under their new name; deleted files are left out.
 *
 * Diffing from the merge base, not from `ref` itself, keeps what happened on the target branch
 * since the branch was cut out of the pull request's changes (git's `ref...` semantics).
 */
export function changedFiles(ref: string, cwd: string): string[] {
  try {
    git(cwd, ["rev-parse", "--is-inside-work-tree"]);
  } catch (error) {
    throw new UsageError(`--changed-since needs a git work tree: ${gitReason(error)}`);
  }
  let base: string;
  try {
    git(cwd, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  } catch {
    const fetch = fetchCommand(ref, cwd, false);
    throw new UsageError(`--changed-since: git knows no commit "${ref}" here; fetch it first${fetch ? ` (${fetch})` : ""}`);
  }
  try {
    base = git(cwd, ["merge-base", ref, "HEAD"]).trim();
  } catch {
    if (isShallow(cwd)) {
      // A shallow clone (actions/checkout's default depth of 1, GitLab's 20) stops before the merge base.
      const fetch = fetchCommand(ref, cwd, true) ?? "git fetch --unshallow";
      throw new UsageError(
        `--changed-since: this is a shallow clone, and the history from "${ref}" and HEAD to their merge base is not in it; ` +
          `fetch it first (${fetch}, or actions/checkout with fetch-depth: 0)`,
      );
    }
    throw new UsageError(`--changed-since: "${ref}" and HEAD have no common history here; fetch more of it (actions/checkout with fetch-depth: 0)`);
  }
  const changed = git(cwd, ["diff", "--name-only", "-z", "--no-color", "--relative", "-M", "--diff-filter=ACMRT", "--no-ext-diff", base, "--"]);
  const untracked = git(cwd, ["ls-files", "--others", "--exclude-standard", "-z"]);
  const files = new Set([...nulSeparated(changed), ...nulSeparated(untracked)].map((file) => path.resolve(cwd, file)));
  return [...files].filter(exists).sort();
}

function isShallow(cwd: string): boolean {
  try {
    return git(cwd, ["rev-parse", "--is-shallow-repository"]).trim() === "true";
  } catch {
    return false;
  }
}

/**
 * The command that fetches `ref` when it names a branch of a remote (`origin/main`), with an
 * explicit destination: a clone made with `--depth` or `--single-branch` fetches one branch
 * only, and a plain `git fetch origin main` there updates no `origin/main`.
 */
function fetchCommand(ref: string, cwd: string, unshallow: boolean): string | undefined {
  const slash = ref.indexOf("/");
  if (slash <= 0) return undefined;
  const remote = ref.slice(0, slash);
  const branch = ref.slice(slash + 1);
  let remotes: string[];
  try {
    remotes = git(cwd, ["remote"]).split("\n");
  } catch {
    return undefined;
  }
  if (!remotes.includes(remote) || branch === "") return undefined;
  return `git fetch --no-tags${unshallow ? " --unshallow" : ""} ${remote} ${branch}:refs/remotes/${remote}/${branch}`;
}

/** Present in the work tree (a dangling symbolic link too: it is reported as unreadable). */
function exists(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/** The files that lie within one of `paths` (files or folders, relative to `cwd`). */
export function withinPaths(files: readonly string[], paths: readonly string[], cwd: string): string[] {
  const roots = paths.map((given) => path.resolve(cwd, given));
  return files.filter((file) => roots.some((root) => file === root || file.startsWith(root.endsWith(path.sep) ? root : root + path.sep)));
}
