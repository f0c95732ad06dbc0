/**
 * The pinned corpus (bench/eval/corpus.json) and the builder that copies its files out of
 * local clones into a scratch folder: `<out>/<owner>+<name>/<path>`, one folder per repository.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const EVAL_DIR = fileURLToPath(new URL(".", import.meta.url));
export const CORPUS_LIST = path.join(EVAL_DIR, "corpus.json");

export type Language = "js" | "sql" | "yaml";
export const LANGUAGES: readonly Language[] = ["js", "sql", "yaml"];

export interface CorpusRepository {
  /** owner/name on GitHub. */
  repo: string;
  commit: string;
  about: string;
  languages: Language[];
  /** Folders or files at that commit; "." is the whole repository. */
  paths: string[];
  /** Folders or files under `paths` to leave out; `*` stands for one path segment. */
  exclude?: string[];
  /** SQL dialect of folders whose project has no Prisma/drizzle/knex file naming it. */
  dialects?: Record<string, string>;
}

/** The files the CLI lints, and the project files it reads to learn the SQL dialect (tooling config, connection URLs, project roots) and the runner's transactions (diesel's metadata.toml). */
const COPIED =
  /\.(?:[cm]?[jt]s|[jt]sx|sql|ya?ml)$|(?:^|\/)(?:package\.json|pom\.xml|build\.gradle(?:\.kts)?|go\.mod|Cargo\.toml|schema\.prisma|migration_lock\.toml|sqlc\.json|metadata\.toml|application\.properties|flyway\.(?:conf|toml)|liquibase\.properties|\.env(?:\.example|\.sample)?)$/u;
/** Files this size and above are minified bundles or data dumps, not code a reviewer reads. */
const MAX_FILE_BYTES = 2_000_000;

export function readCorpusList(file = CORPUS_LIST): CorpusRepository[] {
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { repositories: CorpusRepository[] }).repositories;
}

/** The corpus folder of a repository: `owner+name`, as `fetch` and the labels name it. */
export function repositoryFolder(repo: string): string {
  return repo.replace("/", "+");
}

/** The git directory of a clone in `clones`: `<owner>+<name>/repo` (fetch), `<owner>/<name>`, `<name>`; bare or not. */
export function findGitDir(clones: string, repo: string): string | undefined {
  const [owner = "", name = ""] = repo.split("/");
  const candidates = [path.join(clones, repositoryFolder(repo)), path.join(clones, owner, name), path.join(clones, name)];
  for (const candidate of candidates) {
    for (const gitDir of [path.join(candidate, "repo"), path.join(candidate, ".git"), candidate]) {
      if (fs.existsSync(path.join(gitDir, "HEAD")) && fs.existsSync(path.join(gitDir, "objects"))) return gitDir;
    }
  }
  return undefined;
}

function git(gitDir: string, args: string[], input?: string): string {
  return execFileSync("git", ["--git-dir", gitDir, ...args], { encoding: "utf8", input, maxBuffer: 1 << 30, stdio: ["pipe", "pipe", "pipe"] });
}

function hasCommit(gitDir: string, commit: string): boolean {
  return spawnSync("git", ["--git-dir", gitDir, "cat-file", "-e", `${commit}^{commit}`]).status === 0;
}

/** Whether `file` is `folder` or inside it; a `*` in `folder` stands for one path segment. */
function under(file: string, folder: string): boolean {
  if (folder === ".") return true;
  const pattern = folder.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/gu, "\\$&")).join("[^/]*");
  return new RegExp(`^${pattern}(?:/|$)`, "u").test(file);
}

export interface BuildReport {
  repo: string;
  /** Files copied, by language. */
  files: Record<Language, number>;
  /** What could not be had: a clone, the commit, or a listed path. */
  missing: string[];
  /** Files the builder wrote that are not in the repository (dialect markers). */
  added: string[];
}

function languageOf(file: string): Language | undefined {
  if (file.endsWith(".sql")) return "sql";
  if (/\.ya?ml$/u.test(file)) return "yaml";
  if (/\.(?:[cm]?[jt]s|[jt]sx)$/u.test(file)) return "js";
  return undefined;
}

/**
 * Copies one repository's listed files at its pinned commit from the clone's object store
 * (no work tree needed) into `out/<owner>+<name>/`.
 */
export function buildRepository(entry: CorpusRepository, gitDir: string | undefined, out: string): BuildReport {
  const report: BuildReport = { repo: entry.repo, files: { js: 0, sql: 0, yaml: 0 }, missing: [], added: [] };
  if (!gitDir) {
    report.missing.push(`no clone of ${entry.repo}`);
    return report;
  }
  if (!hasCommit(gitDir, entry.commit)) {
    report.missing.push(`commit ${entry.commit} is not in the clone at ${gitDir}`);
    return report;
  }
  const listing = git(gitDir, ["ls-tree", "-r", "-z", "--format=%(objecttype) %(objectname) %(path)", entry.commit]).split("\0").filter(Boolean);
  const entries = listing
    .map((line) => {
      const [type = "", object = "", ...rest] = line.split(" ");
      return { type, object, file: rest.join(" ") };
    })
    .filter((blob) => blob.type === "blob");
  // Sizes from the object store; a partial clone or a size-capped snapshot may lack some blobs.
  const sizes = git(gitDir, ["cat-file", "--batch-check=%(objectname) %(objectsize)"], entries.map((blob) => blob.object).join("\n") + "\n")
    .split("\n")
    .map((line) => line.split(" "));
  const blobs = entries.map((blob, index) => ({ ...blob, size: sizes[index]?.[1] === "missing" ? -1 : Number(sizes[index]?.[1]) }));
  for (const wanted of entry.paths) {
    if (!blobs.some((blob) => under(blob.file, wanted))) report.missing.push(`${entry.repo}: no ${wanted} at ${entry.commit.slice(0, 12)}`);
  }
  let chosen = blobs.filter(
    (blob) =>
      entry.paths.some((wanted) => under(blob.file, wanted)) &&
      !(entry.exclude ?? []).some((excluded) => under(blob.file, excluded)) &&
      // A file listed by name is one the CLI reads though it does not lint it (a migration runner's code).
      (COPIED.test(blob.file) || entry.paths.includes(blob.file)) &&
      blob.size < MAX_FILE_BYTES,
  );
  const absent = chosen.filter((blob) => blob.size < 0);
  for (const blob of absent) report.missing.push(`${entry.repo}: ${blob.file} is not in the clone's objects`);
  chosen = chosen.filter((blob) => blob.size >= 0);
  const root = path.join(out, repositoryFolder(entry.repo));
  fs.rmSync(root, { recursive: true, force: true });
  if (chosen.length > 0) {
    // One `cat-file --batch` for all blobs: "<object> blob <size>\n<content>\n" each.
    const contents = execFileSync("git", ["--git-dir", gitDir, "cat-file", "--batch"], {
      input: chosen.map((blob) => blob.object).join("\n") + "\n",
      maxBuffer: 2 ** 31,
    });
    let offset = 0;
    for (const blob of chosen) {
      const headerEnd = contents.indexOf(10, offset);
      const size = Number(contents.subarray(offset, headerEnd).toString("utf8").split(" ")[2]);
      const target = path.join(root, blob.file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, contents.subarray(headerEnd + 1, headerEnd + 1 + size));
      offset = headerEnd + 1 + size + 1;
      const language = languageOf(blob.file);
      if (language) report.files[language] += 1;
    }
  }
  for (const [folder, dialect] of Object.entries(entry.dialects ?? {})) {
    // Prisma's lock file is what the CLI reads a folder's dialect from; the folder's own one wins.
    const marker = path.join(root, folder, "migration_lock.toml");
    if (!fs.existsSync(path.join(root, folder))) continue;
    if (fs.existsSync(marker)) continue;
    fs.writeFileSync(marker, `# written by shipshape's corpus builder (bench/eval/corpus.json)\nprovider = "${dialect}"\n`);
    report.added.push(path.relative(out, marker));
  }
  return report;
}

/** Clones a repository with git where the machine can reach GitHub; undefined where it cannot. */
export function cloneRepository(entry: CorpusRepository, clones: string): string | undefined {
  const target = path.join(clones, repositoryFolder(entry.repo), "repo");
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const clone = spawnSync("git", ["clone", "--bare", "--filter=blob:none", `https://github.com/${entry.repo}.git`, target], { stdio: "ignore", timeout: 600_000 });
  if (clone.status !== 0) return undefined;
  spawnSync("git", ["--git-dir", target, "fetch", "origin", entry.commit], { stdio: "ignore", timeout: 600_000 });
  return target;
}
