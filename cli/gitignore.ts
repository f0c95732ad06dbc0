import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { convertIgnorePatternToMinimatch } from "@eslint/compat";

/** Escapes a literal path for use as an ESLint (minimatch) ignore pattern. */
function escapeGlob(literal: string): string {
  return literal.replace(/[*?[\]{}()!+@\\]/gu, "\\$&");
}

export interface GitIgnored {
  /** ESLint ignore patterns, relative to `cwd`. */
  patterns: string[];
  /** Ignored folders, relative to `cwd`, without a trailing slash. */
  directories: Set<string>;
}

/**
 * The files and folders under `cwd` that git ignores.
 *
 * Inside a git work tree git itself answers (nested `.gitignore` files, `.git/info/exclude`
 * and the global excludes file all count); `--directory` lists an ignored folder once instead
 * of every file in it. Outside one, `cwd`'s own `.gitignore` is read.
 */
export function gitIgnored(cwd: string): GitIgnored {
  let output: string;
  try {
    output = execFileSync("git", ["ls-files", "--others", "--ignored", "--exclude-standard", "--directory", "-z"], {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch {
    return { patterns: readGitignoreFile(cwd), directories: new Set() };
  }
  const entries = output.split("\0").filter((entry) => entry !== "" && !entry.startsWith("../"));
  return {
    patterns: entries.map((entry) => (entry.endsWith("/") ? `${escapeGlob(entry.slice(0, -1))}/**` : escapeGlob(entry))),
    directories: new Set(entries.filter((entry) => entry.endsWith("/")).map((entry) => entry.slice(0, -1))),
  };
}

function readGitignoreFile(cwd: string): string[] {
  const file = path.join(cwd, ".gitignore");
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, "utf8")
    .split(/\r?\n/u)
    .filter((line) => line.trim() !== "" && !line.startsWith("#"))
    .map((line) => convertIgnorePatternToMinimatch(line));
}
