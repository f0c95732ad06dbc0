import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

/**
 * A folder of real files under the system's temporary folder, removed when the test file ends:
 * for rules that read the files around the one they lint (sibling manifests, a kustomization,
 * package.json). `write` creates a file and its folders and returns its absolute path.
 */
export function temporaryProject(prefix: string): { root: string; write: (file: string, text: string) => string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `shipshape-${prefix}-`));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const write = (file: string, text: string): string => {
    const full = path.join(root, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
    return full;
  };
  return { root, write };
}
