import fs from "node:fs";
import path from "node:path";
import { UsageError } from "./options.ts";

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOENT":
      return "its folder cannot be created there";
    case "ENOTDIR":
      return "a part of the path is a file, not a folder";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EROFS":
      return "the file system is read-only";
    case "EISDIR":
      return "it is a folder";
    default:
      return error instanceof Error ? error.message.split("\n")[0]! : String(error);
  }
}

/**
 * Makes sure the report can be written to `target` before anything is linted: creates its
 * missing folders and checks that the file can be opened for writing, or throws a
 * {@link UsageError} saying why not.
 *
 * Folders are created one level at a time: `mkdirSync(…, { recursive: true })` never returns
 * for a path under `/proc` on Linux (Node 20 and 22), so `-o /proc/nope/x` would hang.
 */
export function prepareOutputFile(target: string, given: string): void {
  const missing: string[] = [];
  let folder = path.dirname(target);
  while (!fs.existsSync(folder)) {
    missing.unshift(folder);
    const parent = path.dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  try {
    for (const create of missing) fs.mkdirSync(create);
    if (fs.existsSync(target)) {
      if (fs.statSync(target).isDirectory()) throw Object.assign(new Error("is a folder"), { code: "EISDIR" });
      fs.accessSync(target, fs.constants.W_OK);
    } else {
      // Opening proves the folder takes new files (access() says yes to root even on read-only mounts).
      fs.closeSync(fs.openSync(target, "wx"));
      fs.unlinkSync(target);
    }
  } catch (error) {
    throw new UsageError(`cannot write --output-file ${given}: ${reason(error)}`);
  }
}

/** Writes the report prepared for by {@link prepareOutputFile}; a failure is a usage error with its reason. */
export function writeOutputFile(target: string, given: string, text: string): void {
  try {
    fs.writeFileSync(target, text);
  } catch (error) {
    throw new UsageError(`cannot write --output-file ${given}: ${reason(error)}`);
  }
}
