import fs from "node:fs";
import path from "node:path";

export const LINTABLE = /\.(?:js|mjs|cjs|jsx|ts|mts|cts|tsx|sql|yaml|yml)$/u;
/** Folders no walk of the command enters. */
export const NEVER_WALKED: ReadonlySet<string> = new Set(["node_modules", ".git"]);

export interface UnreadableFile {
  file: string;
  reason: string;
}

function problemWith(file: string, entry: fs.Dirent | fs.Stats): string | undefined {
  if (entry.isSymbolicLink()) {
    let target: fs.Stats;
    try {
      target = fs.statSync(file);
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === "ELOOP"
        ? "it is a symbolic link in a loop of links that never reaches a file"
        : "it is a symbolic link to a file that does not exist";
    }
    return problemWith(file, target);
  }
  if (entry.isFIFO() || entry.isSocket() || entry.isCharacterDevice() || entry.isBlockDevice()) {
    return "it is not a regular file (a pipe, socket or device), and reading it could block forever";
  }
  return undefined;
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Files with a lintable extension that ESLint would fail on or hang reading: broken symbolic
 * links, pipes, sockets and devices. ESLint reads every matched file and aborts the whole run
 * on a read error (or waits forever on a pipe), so these are found first, reported as fatal
 * findings of their own, and left out of the run.
 *
 * `ignoredDirectories` are folders (relative to `cwd`, without a trailing slash) not to walk.
 */
export function findUnreadableFiles(paths: string[], cwd: string, ignoredDirectories: ReadonlySet<string>): UnreadableFile[] {
  const found: UnreadableFile[] = [];
  const walk = (directory: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(directory, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        if (!NEVER_WALKED.has(entry.name) && !ignoredDirectories.has(path.relative(cwd, full))) walk(full);
      } else if (LINTABLE.test(entry.name)) {
        const reason = problemWith(full, entry);
        if (reason) found.push({ file: full, reason });
      }
    }
  };
  for (const given of paths) {
    const full = path.resolve(cwd, given);
    let stats: fs.Stats;
    try {
      stats = fs.lstatSync(full);
    } catch {
      continue;
    }
    // A folder named through a symbolic link is walked too, as ESLint walks it.
    if (stats.isDirectory() || (stats.isSymbolicLink() && isDirectory(full))) {
      walk(full);
    } else {
      const reason = problemWith(full, stats);
      if (reason) found.push({ file: full, reason });
    }
  }
  return found;
}

/** Whether `start` is, or a folder under it holds, a file of a type shipshape lints (walked as above). */
export function holdsLintableFile(start: string): boolean {
  const stack = [start];
  for (let visited = 0; stack.length > 0 && visited < 100_000; visited++) {
    const current = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      if (!fs.statSync(current).isDirectory()) {
        if (LINTABLE.test(current)) return true;
        continue;
      }
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) if (!NEVER_WALKED.has(entry.name)) stack.push(path.join(current, entry.name));
  }
  return false;
}
