import path from "node:path";
import ts from "typescript";

/** Where in-memory test projects live: an absolute folder that does not exist on disk. */
export const VIRTUAL_ROOT = path.join(process.cwd(), ".virtual-typed-project");

/**
 * A TypeScript program over in-memory files (relative to VIRTUAL_ROOT), as a type-aware ESLint
 * config would provide it. Files under `node_modules/` are available to imports but not roots.
 */
export function inMemoryProgram(files: Record<string, string>, options: ts.CompilerOptions): ts.Program {
  const host = ts.createCompilerHost(options);
  const virtual = new Map(Object.entries(files).map(([name, text]) => [path.join(VIRTUAL_ROOT, name), text]));
  const { getSourceFile, fileExists, readFile, directoryExists } = host;
  host.getSourceFile = (fileName, version, ...rest) => {
    const text = virtual.get(fileName);
    return text === undefined ? getSourceFile.call(host, fileName, version, ...rest) : ts.createSourceFile(fileName, text, version, true);
  };
  host.fileExists = (fileName) => virtual.has(fileName) || fileExists.call(host, fileName);
  host.readFile = (fileName) => virtual.get(fileName) ?? readFile.call(host, fileName);
  host.directoryExists = (directory) => [...virtual.keys()].some((file) => file.startsWith(`${directory}/`)) || (directoryExists?.call(host, directory) ?? false);
  host.getCurrentDirectory = () => VIRTUAL_ROOT;
  return ts.createProgram([...virtual.keys()].filter((file) => !file.includes("/node_modules/")), options, host);
}
