/**
 * The images a deploy tool of the project pins: a kustomization's `images: [{name, newTag | digest}]`
 * (a base that names `shop/api` with no tag is deployed at the tag an overlay elsewhere in the tree
 * sets) and Skaffold's `build.artifacts[].image` (Skaffold builds it and rewrites every manifest
 * reference to the built tag), so the untagged name in the manifest is not what runs.
 *
 * Overlays usually sit beside the base, not under it (`overlays/prod` lists `../../base`), so the
 * whole project is looked through: from the nearest folder holding `.git` or `package.json` (else
 * ESLint's working directory, else two folders up), only for kustomization files, a bounded walk
 * done once per root and re-done at most once a second (an editor sees an overlay's edits).
 */
import fs from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";

const KUSTOMIZATION = /^(?:kustomization\.ya?ml|Kustomization)$/u;
const SKAFFOLD = /^skaffold(?:[.-][^/\\]*)?\.ya?ml$/u;
/** Folders that hold no deployment of the project. */
const NOT_WALKED = new Set(["node_modules", ".git", "vendor", "dist", "build", "target", "testdata", "__fixtures__"]);
/** How deep and how many folders one walk reads: a monorepo's manifests are far above either. */
const MAX_DEPTH = 10;
const MAX_FOLDERS = 20_000;
const RECHECK_MS = 1000;
/** A walk is trusted for at least this many times its own duration, so re-walking a large tree costs at most a few percent of the run. */
const RECHECK_FACTOR = 20;

interface TreeImages {
  checkedAt: number;
  /** How long the walk is trusted, in milliseconds. */
  trustedFor: number;
  /** Image names (as written in the manifests, without tag or digest) that a kustomization pins. */
  pinned: Set<string>;
}

const trees = new Map<string, TreeImages>();
const kustomizations = new Map<string, { stamp: string; pinned: string[] }>();

function isProjectRoot(folder: string): boolean {
  return fs.existsSync(path.join(folder, ".git")) || fs.existsSync(path.join(folder, "package.json"));
}

const roots = new Map<string, string>();

/** The folder whose tree is looked through for `file`. */
export function projectRootOf(file: string, cwd: string): string {
  const start = path.dirname(path.resolve(file));
  const key = `${start}\u0000${cwd}`;
  let root = roots.get(key);
  if (root === undefined) {
    root = findRoot(start, cwd);
    roots.set(key, root);
  }
  return root;
}

function findRoot(start: string, cwd: string): string {
  for (let folder = start; ; folder = path.dirname(folder)) {
    if (isProjectRoot(folder)) return folder;
    if (folder === path.resolve(cwd) || path.dirname(folder) === folder) break;
  }
  const relative = path.relative(cwd, start);
  if (!relative.startsWith("..") && !path.isAbsolute(relative)) return path.resolve(cwd);
  // Outside the working directory and any project: only the file's own folder, never a shared one like /tmp.
  return start;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** What one document pins: a kustomization's `images` with a tag (other than `latest`) or a digest, Skaffold's built artifacts. */
function pinnedByDocument(root: Record<string, unknown>, skaffold: boolean): string[] {
  const pinned: string[] = [];
  if (skaffold) {
    const builds = [record(root.build), ...(Array.isArray(root.profiles) ? root.profiles : []).map((profile) => record(record(profile)?.build))];
    for (const build of builds) {
      for (const artifact of Array.isArray(build?.artifacts) ? build.artifacts : []) {
        const image = record(artifact)?.image;
        if (typeof image === "string") pinned.push(image);
      }
    }
    return pinned;
  }
  for (const entry of Array.isArray(root.images) ? root.images : []) {
    const { name, newTag, digest } = record(entry) ?? {};
    const tag = typeof newTag === "number" ? String(newTag) : newTag;
    const pinsTag = typeof tag === "string" && tag.trim() !== "" && tag.trim() !== "latest";
    const pinsDigest = typeof digest === "string" && digest.trim() !== "";
    if (typeof name === "string" && (pinsTag || pinsDigest)) pinned.push(name);
  }
  return pinned;
}

/** The names one kustomization or Skaffold file pins. */
function pinnedIn(file: string): string[] {
  let stats: fs.Stats;
  try {
    stats = fs.statSync(file);
  } catch {
    return [];
  }
  const stamp = `${stats.size}:${stats.mtimeMs}`;
  const known = kustomizations.get(file);
  if (known?.stamp === stamp) return known.pinned;
  const pinned: string[] = [];
  try {
    for (const document of parseAllDocuments(fs.readFileSync(file, "utf8"), { uniqueKeys: false, prettyErrors: false }) as ReturnType<typeof parseAllDocuments> & unknown[]) {
      if (document.errors.length > 0) continue;
      const root = record(document.toJS({ maxAliasCount: 100 }));
      if (root) pinned.push(...pinnedByDocument(root, SKAFFOLD.test(path.basename(file))));
    }
  } catch {
    // Unreadable or not YAML: it pins nothing.
  }
  kustomizations.set(file, { stamp, pinned });
  return pinned;
}

function walk(root: string): Set<string> {
  const pinned = new Set<string>();
  const pending: { folder: string; depth: number }[] = [{ folder: root, depth: 0 }];
  let folders = 0;
  for (let item = pending.pop(); item && folders < MAX_FOLDERS; item = pending.pop()) {
    folders++;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(item.folder, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (item.depth < MAX_DEPTH && !NOT_WALKED.has(entry.name) && !entry.name.startsWith(".")) pending.push({ folder: path.join(item.folder, entry.name), depth: item.depth + 1 });
      } else if (entry.isFile() && (KUSTOMIZATION.test(entry.name) || SKAFFOLD.test(entry.name))) {
        for (const name of pinnedIn(path.join(item.folder, entry.name))) pinned.add(name);
      }
    }
  }
  return pinned;
}

/** Whether a kustomization or Skaffold file in the project around `file` sets the tag or digest of this image name (without its tag). */
export function isImagePinnedByDeployTool(file: string, cwd: string, imageName: string): boolean {
  if (!path.isAbsolute(file)) return false;
  const root = projectRootOf(file, cwd);
  const now = Date.now();
  let tree = trees.get(root);
  if (!tree || now - tree.checkedAt >= tree.trustedFor) {
    const pinned = walk(root);
    const finished = Date.now();
    tree = { checkedAt: finished, trustedFor: Math.max(RECHECK_MS, RECHECK_FACTOR * (finished - now)), pinned };
    trees.set(root, tree);
  }
  return tree.pinned.has(imageName);
}
