import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { TSESTree } from "@typescript-eslint/utils";
import type * as TypeScriptEstree from "@typescript-eslint/typescript-estree";
import { childNodes } from "./expressions.ts";

/**
 * The other source files of a project, for rules that must know who calls a function: the files
 * of its package (or of its workspace, whose packages import each other), which of them import a
 * given module, and their syntax trees. Files are listed at most once every RELIST_MS and read or
 * parsed again only when their size or modification time changed, so an editor's long-lived
 * process sees edits and a CLI run reads each file once.
 */

const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/u;
const DECLARATION_FILE = /\.d\.[cm]?ts$/u;
/** Folders that hold no code a running service executes (or that are not the project's own). */
const SKIPPED_FOLDER = /^(?:node_modules|dist|build|out|coverage|\.[^.].*|__snapshots__)$/u;
/** Tests call functions too, but not in production: their calls say nothing about how often code runs there. */
const TEST_FILE = /\.(?:test|spec|e2e|stories)\.[cm]?[jt]sx?$|(?:^|[\\/])(?:__tests__|__mocks__|tests?|e2e|fixtures?)[\\/]/u;
/** A project larger than this is not searched: the answer would cost more than it is worth in an editor. */
const MAX_FILES = 20_000;
const MAX_FILE_BYTES = 1_000_000;
const RELIST_MS = 2_000;

interface SourceFile {
  stamp: string;
  /** When the stamp was last compared with the file's: within RELIST_MS of it the file is not looked at again. */
  checkedAt: number;
  text: string;
  program?: TSESTree.Program | null;
}

/** What the project index keeps of a file: enough to find who imports a module and who calls a name, without its text. */
interface FileSummary {
  stamp: string;
  /** The module specifiers the file imports, requires or re-exports from. */
  specifiers: string[];
  /** The names it calls (`name(`, `.name(`) or applies as decorators (`@name`). */
  called: string[];
}

interface ProjectIndex {
  listedAt: number;
  /** How long listing the files and comparing their stamps took: a large project is listed less often (see isIndexStale). */
  listingMs: number;
  files: string[];
  /** Files by the last segment of a specifier they import (`./utils/ShutdownHelper` → ShutdownHelper). */
  importersByTail: Map<string, string[]>;
  /** Files by the names they call. */
  callersByName: Map<string, string[]>;
  /** Files by their module's name (`models/FileOperation.ts` → FileOperation), made when first asked. */
  byTail?: Map<string, string[]>;
}

const indexes = new Map<string, ProjectIndex | null>();
const summaries = new Map<string, FileSummary>();
const sources = new Map<string, SourceFile>();
const searchRoots = new Map<string, string | undefined>();
let generation = 0;

/** A number that changes whenever a project's files are found changed: answers derived from them are stale. */
export function projectGeneration(): number {
  return generation;
}

/**
 * A cache of answers about the project's files (`answer(key, () => compute())`), forgotten when
 * a file of the project changes (see projectGeneration), so an editor sees its edits.
 */
export function projectMemo<Value>(): (key: string, compute: () => Value) => Value {
  let answers = new Map<string, Value>();
  let answersGeneration = -1;
  return (key, compute) => {
    if (answersGeneration !== generation) {
      answers = new Map();
      answersGeneration = generation;
    }
    if (answers.has(key)) return answers.get(key)!;
    const value = compute();
    answers.set(key, value);
    return value;
  };
}

function stat(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

function declaresWorkspace(folder: string): boolean {
  if (stat(path.join(folder, "pnpm-workspace.yaml"))?.isFile() || stat(path.join(folder, "lerna.json"))?.isFile()) return true;
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(folder, "package.json"), "utf8")) as { workspaces?: unknown };
    return manifest.workspaces !== undefined;
  } catch {
    return false;
  }
}

/**
 * The folder whose files may call code of `file`: its workspace root when its package belongs to
 * one, else its package's root (the nearest folder with a package.json). Undefined outside a package.
 */
export function searchRootOf(file: string): string | undefined {
  const folder = path.dirname(path.resolve(file));
  if (searchRoots.has(folder)) return searchRoots.get(folder);
  let packageRoot: string | undefined;
  let workspaceRoot: string | undefined;
  for (let current = folder; ; ) {
    if (stat(path.join(current, "package.json"))?.isFile()) {
      packageRoot ??= current;
      if (declaresWorkspace(current)) workspaceRoot = current;
    }
    const parent = path.dirname(current);
    if (parent === current || stat(path.join(current, ".git")) !== undefined) break;
    current = parent;
  }
  const root = workspaceRoot ?? packageRoot;
  searchRoots.set(folder, root);
  return root;
}

function listSourceFiles(root: string): string[] | undefined {
  const files: string[] = [];
  const folders = [root];
  while (folders.length > 0) {
    const folder = folders.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDER.test(entry.name)) folders.push(path.join(folder, entry.name));
      } else if (entry.isFile() && SOURCE_FILE.test(entry.name) && !DECLARATION_FILE.test(entry.name)) {
        files.push(path.join(folder, entry.name));
        if (files.length > MAX_FILES) return undefined;
      }
    }
  }
  return files;
}

const SPECIFIER = /\b(?:from\s*|require\s*\(\s*|import\s*\(\s*|import\s+)(["'`])([^"'`\n]+)\1/gu;
// Anchored at the start of a word: without the lookbehind a failed match is tried again from every later letter of the word.
const CALLED = /(?<![\w$])([A-Za-z_$][\w$]*)\s*\(|@([A-Za-z_$][\w$]*)/gu;
const EXTENSION = /\.(?:[cm]?[jt]s|[jt]sx)$/u;

/**
 * The last segment a specifier (or a file's path) names a module by: `@server/utils/ShutdownHelper.js`
 * → ShutdownHelper, `./plugins/index` → plugins.
 */
export function specifierTail(specifier: string): string {
  const segments = specifier.replace(EXTENSION, "").split(/[\\/]/u);
  const last = segments.pop() ?? "";
  return last === "index" ? (segments.pop() ?? last) : last;
}

const interned = new Map<string, string>();

/**
 * A copy of a piece of a file's text that does not hold on to the text: V8 keeps a matched
 * substring as a slice of the whole string it came from, so a summary keeping the slices would
 * keep every file's text alive. Each distinct name is copied once.
 */
function intern(piece: string): string {
  let copy = interned.get(piece);
  if (copy === undefined) {
    copy = Buffer.from(piece, "utf8").toString("utf8");
    interned.set(copy, copy);
  }
  return copy;
}

function summarise(file: string, stamp: string): FileSummary {
  let text = "";
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    // Unreadable: it imports and calls nothing.
  }
  const called = new Set<string>();
  for (const match of text.matchAll(CALLED)) called.add(intern(match[1] ?? match[2]!));
  return { stamp, specifiers: [...text.matchAll(SPECIFIER)].map((match) => intern(match[2]!)), called: [...called] };
}

function add(map: Map<string, string[]>, key: string, file: string): void {
  const files = map.get(key);
  if (files) {
    if (files[files.length - 1] !== file) files.push(file);
  } else {
    map.set(key, [file]);
  }
}

/**
 * Whether an index is due to be listed again: after RELIST_MS, or for a project whose listing
 * takes long (thousands of files), after a hundred times that, so that looking for changes takes
 * at most a hundredth of a long run's time. An editor sees a new file of such a project a few
 * seconds later; the file being edited is read by ESLint itself.
 */
export function isIndexStale(index: Pick<ProjectIndex, "listedAt" | "listingMs">, now: number): boolean {
  return now - index.listedAt >= Math.max(RELIST_MS, 100 * index.listingMs);
}

/**
 * The index of the source files under a search root (tests excluded): listed again at most once
 * every RELIST_MS, each file read again only when its size or modification time changed. Null
 * when there are too many files to search.
 */
function projectIndex(root: string): ProjectIndex | null {
  const now = Date.now();
  const known = indexes.get(root);
  if (known !== undefined && (known === null || !isIndexStale(known, now))) return known;
  const started = performance.now();
  const files = listSourceFiles(root)?.filter((file) => !TEST_FILE.test(path.relative(root, file)));
  if (!files) {
    indexes.set(root, null);
    return null;
  }
  let changed = !known || known.files.length !== files.length || known.files.some((file, i) => files[i] !== file);
  const current: FileSummary[] = [];
  // Reading the files that changed is not part of looking for changes.
  let readingMs = 0;
  for (const file of files) {
    const stats = stat(file);
    const stamp = stats && stats.size <= MAX_FILE_BYTES ? `${stats.size}:${stats.mtimeMs}` : "unreadable";
    let summary = summaries.get(file);
    if (summary?.stamp !== stamp) {
      const readingStarted = performance.now();
      summary = stamp === "unreadable" ? { stamp, specifiers: [], called: [] } : summarise(file, stamp);
      readingMs += performance.now() - readingStarted;
      summaries.set(file, summary);
      changed = true;
    }
    current.push(summary);
  }
  const listingMs = performance.now() - started - readingMs;
  if (!changed && known) {
    known.listedAt = now;
    known.listingMs = listingMs;
    return known;
  }
  generation++;
  const index: ProjectIndex = { listedAt: now, listingMs, files, importersByTail: new Map(), callersByName: new Map() };
  files.forEach((file, i) => {
    for (const specifier of current[i]!.specifiers) add(index.importersByTail, specifierTail(specifier), file);
    for (const name of current[i]!.called) add(index.callersByName, name, file);
  });
  indexes.set(root, index);
  return index;
}

/** The project's files whose module is called `tail` (`FileOperation` for `models/FileOperation.ts`); undefined when the project cannot be searched. */
export function filesNamed(root: string, tail: string): readonly string[] | undefined {
  const index = projectIndex(root);
  if (!index) return undefined;
  if (!index.byTail) {
    index.byTail = new Map();
    for (const file of index.files) add(index.byTail, specifierTail(file), file);
  }
  return index.byTail.get(tail) ?? [];
}

/** The project's files that call `name` (as a function, a method or a decorator); undefined when the project cannot be searched. */
export function filesCalling(root: string, name: string): readonly string[] | undefined {
  const index = projectIndex(root);
  return index ? (index.callersByName.get(name) ?? []) : undefined;
}

/**
 * How many files' texts (and trees, of which at most KEPT_TREES) are kept: the files read last.
 * A syntax tree with positions takes about ten times its text; keeping every file a run has
 * asked about would hold hundreds of megabytes for a large repository.
 */
const KEPT_TEXTS = 400;
const KEPT_TREES = 60;
let trees = 0;

function remember(file: string, source: SourceFile): void {
  sources.delete(file);
  sources.set(file, source);
  if (sources.size > KEPT_TEXTS) {
    const [oldest, evicted] = sources.entries().next().value as [string, SourceFile];
    if (evicted.program) trees--;
    sources.delete(oldest);
  }
}

function sourceFile(file: string): SourceFile | undefined {
  const now = Date.now();
  const known = sources.get(file);
  if (known && now - known.checkedAt < RELIST_MS) {
    remember(file, known);
    return known;
  }
  const stats = stat(file);
  if (!stats?.isFile() || stats.size > MAX_FILE_BYTES) return undefined;
  const stamp = `${stats.size}:${stats.mtimeMs}`;
  if (known?.stamp === stamp) {
    known.checkedAt = now;
    remember(file, known);
    return known;
  }
  if (known?.program) trees--;
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  const source: SourceFile = { stamp, checkedAt: now, text };
  remember(file, source);
  return source;
}

/** A file's text, read again only when it changed. */
export function sourceText(file: string): string | undefined {
  return sourceFile(file)?.text;
}

const require = createRequire(import.meta.url);
let estree: typeof TypeScriptEstree | undefined;

/**
 * A file's syntax tree with `parent` links, parsed on its own (no scopes, no types); undefined
 * when it cannot be read or parsed. Kept until the file changes.
 */
export function parsedModule(file: string): TSESTree.Program | undefined {
  const source = sourceFile(file);
  if (!source) return undefined;
  if (source.program === undefined) {
    estree ??= require("@typescript-eslint/typescript-estree") as typeof TypeScriptEstree;
    try {
      const program = estree.parse(source.text, { range: true, loc: true, jsx: /\.[jt]sx$/u.test(file), comment: false, tokens: false }) as TSESTree.Program;
      setParents(program);
      source.program = program;
      if (++trees > KEPT_TREES) forgetOldestTree(source);
    } catch {
      source.program = null;
    }
  }
  return source.program ?? undefined;
}

/** Drops the tree of the file asked about longest ago (its text stays while it is among the texts kept). */
function forgetOldestTree(keep: SourceFile): void {
  for (const source of sources.values()) {
    if (source.program && source !== keep) {
      source.program = undefined;
      trees--;
      return;
    }
  }
}

function setParents(root: TSESTree.Node): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const child of childNodes(node)) {
      (child as { parent?: TSESTree.Node }).parent = node;
      stack.push(child);
    }
  }
}

/** The ways an import can name a module, worked out once per module asked about. */
interface ModuleNames {
  /** Its path without extension, and its folder's for an index file. */
  paths: string[];
  /** Their last two segments, what a bare specifier (a path alias, a workspace package's subpath) is compared with. */
  tails: string[];
}

const lastTwoSegments = (name: string): string => name.split(/[\\/]/u).slice(-2).join("/");

function moduleNames(file: string): ModuleNames {
  const withoutExtension = file.replace(EXTENSION, "");
  const paths = path.basename(withoutExtension) === "index" ? [withoutExtension, path.dirname(withoutExtension)] : [withoutExtension];
  return { paths, tails: paths.map(lastTwoSegments) };
}

/**
 * Whether an import specifier written in `importer` can name the module: a relative one resolved
 * from the importer's folder; a bare one (a path alias such as `@server/utils/x`, or a workspace
 * package's subpath) when its last two segments are the target's last two, or when it is the
 * target's path from a folder above the importer (a tsconfig `baseUrl`: `from "server"`).
 */
function specifierNames(specifier: string, importer: string, target: ModuleNames): boolean {
  const written = specifier.replace(EXTENSION, "");
  if (written.startsWith(".")) {
    const resolved = path.resolve(path.dirname(importer), written);
    return target.paths.includes(resolved) || target.paths.includes(resolved.replace(/[\\/]index$/u, ""));
  }
  if (target.tails.includes(lastTwoSegments(written.replace(/\/index$/u, "")))) return true;
  // `import { buildServer } from "server"` under a tsconfig `baseUrl`: the path from a folder above the importer.
  const relative = path.normalize(written);
  return target.paths.some((modulePath) => {
    if (!modulePath.endsWith(path.sep + relative)) return false;
    const folder = modulePath.slice(0, modulePath.length - relative.length - 1);
    return importer.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep);
  });
}

/**
 * The project's files that import `target` (directly, or through files that re-export it); undefined
 * when the project cannot be searched. Only files whose text contains one of `words` (when any
 * are given) are returned: those that can name what the caller asks about.
 */
export function importersOf(target: string, words: readonly string[]): string[] | undefined {
  const importers = importersOfModule(path.resolve(target));
  if (!importers) return undefined;
  if (words.length === 0) return importers;
  return importers.filter((file) => {
    const text = sourceText(file) ?? "";
    return words.some((word) => text.includes(word));
  });
}

/** Every file importing the module, through re-exports too: asked for each function of a module, searched once. */
const importersOfModule = (() => {
  const memo = projectMemo<string[] | undefined>();
  return (absolute: string): string[] | undefined => {
    const root = searchRootOf(absolute);
    const index = root === undefined ? null : projectIndex(root);
    if (!index) return undefined;
    return memo(absolute, () => {
      const found = new Set<string>();
      const modules = [absolute];
      const seen = new Set(modules);
      while (modules.length > 0) {
        const module = modules.pop()!;
        const names = moduleNames(module);
        for (const file of index.importersByTail.get(specifierTail(module)) ?? []) {
          if (file === module || !summaries.get(file)?.specifiers.some((specifier) => specifierNames(specifier, file, names))) continue;
          found.add(file);
          // A file that re-exports the module (`export * from "./x"`) passes it on to its own importers.
          if (!seen.has(file) && /\bexport\s+(?:\*|\{[^}]*\})\s*from\b/u.test(sourceText(file) ?? "")) {
            seen.add(file);
            modules.push(file);
          }
        }
      }
      return [...found];
    });
  };
})();

/** The files a module specifier may name from `file`: one for a relative one, the project's modules of that name for an alias or a workspace package's path. */
export function moduleFilesFor(file: string, specifier: string): readonly string[] {
  if (specifier.startsWith(".")) {
    const relative = relativeModuleFile(file, specifier);
    return relative ? [relative] : [];
  }
  const root = searchRootOf(file);
  return (root && filesNamed(root, specifierTail(specifier))) || [];
}

/** Forgets what was read (for tests that change the files). */
export function clearProjectModuleCache(): void {
  trees = 0;
  interned.clear();
  indexes.clear();
  summaries.clear();
  sources.clear();
  searchRoots.clear();
}

const MODULE_EXTENSIONS = ["", ".ts", ".js", ".mjs", ".cjs", ".mts", ".cts", "/index.ts", "/index.js"];

/** The file a relative specifier names from `importer`, when it exists. */
export function relativeModuleFile(importer: string, specifier: string): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  const base = path.resolve(path.dirname(importer), specifier);
  for (const extension of MODULE_EXTENSIONS) {
    if (stat(base + extension)?.isFile()) return base + extension;
  }
  // An import naming `util.js` for the TypeScript source `util.ts`.
  const typescript = base.replace(/\.js$/u, ".ts");
  return typescript !== base && sourceText(typescript) !== undefined ? typescript : undefined;
}
