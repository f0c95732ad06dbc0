import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { convertIgnorePatternToMinimatch } from "@eslint/compat";

/** Escapes a literal path for use as an ESLint (minimatch) ignore pattern. */
function escapeGlob(literal: string): string {
  return literal.replace(/[*?[\]{}()!+@\\]/gu, "\\$&");
}

/**
 * The files and folders under `cwd` that git ignores, as ESLint ignore patterns relative to `cwd`.
 *
 * Inside a git work tree git itself answers (nested `.gitignore` files, `.git/info/exclude`
 * and the global excludes file all count); `--directory` lists an ignored folder once instead
 * of every file in it. Outside one, `cwd`'s own `.gitignore` is read.
 */
export function gitIgnorePatterns(cwd: string): string[] {
  try {
    const output = execFileSync(
      "git",
      ["ls-files", "--others", "--ignored", "--exclude-standard", "--directory", "-z"],
      { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], maxBuffer: 256 * 1024 * 1024 },
    );
    return output
      .split("\0")
      .filter((entry) => entry !== "" && !entry.startsWith("../"))
      .map((entry) => (entry.endsWith("/") ? `${escapeGlob(entry.slice(0, -1))}/**` : escapeGlob(entry)));
  } catch {
    const file = path.join(cwd, ".gitignore");
    if (!fs.existsSync(file)) return [];
    return fs
      .readFileSync(file, "utf8")
      .split(/\r?\n/u)
      .filter((line) => line.trim() !== "" && !line.startsWith("#"))
      .map((line) => convertIgnorePatternToMinimatch(line));
  }
}
