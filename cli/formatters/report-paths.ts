import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

function realPath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    // A file that does not exist (a --stdin-filename): resolve its folder instead.
    const dir = path.dirname(file);
    return dir === file ? file : path.join(realPath(dir), path.basename(file));
  }
}

/**
 * The folder that report paths are relative to: the top level of the git work tree around
 * `cwd`, else `cwd`. GitHub reads annotation and code-scanning paths relative to the
 * repository root, also when shipshape runs in a subfolder (the Action's `working-directory`).
 */
export function reportRoot(cwd: string): string {
  try {
    const top = execFileSync("git", ["rev-parse", "--show-toplevel"], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    if (top !== "") return realPath(top);
  } catch {
    // Not in a git work tree, or no git: paths are relative to where shipshape runs.
  }
  return realPath(cwd);
}

/**
 * `file` relative to `root` with `/` separators, symbolic links resolved (GitHub cannot place
 * a result in a file it knows only through a link); undefined when the file lies outside `root`.
 */
export function pathInRoot(root: string, file: string): string | undefined {
  const relative = path.relative(root, realPath(file));
  if (relative === "" || relative.startsWith(`..${path.sep}`) || relative === ".." || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join("/");
}
