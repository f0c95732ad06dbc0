import fs from "node:fs";
import path from "node:path";
import { AST_NODE_TYPES } from "@typescript-eslint/types";
import type { TSESTree } from "@typescript-eslint/utils";
import { importersOf, searchRootOf } from "./project-modules.ts";

/**
 * Whether a file is code of a service: it belongs to an npm package that depends on a server
 * framework (express, fastify, koa, NestJS, Hapi, Hono's Node server, …), or is a background
 * worker (an application, with a `start` script and no browser framework, named for a worker or
 * consuming a job queue: BullMQ, Agenda, pg-boss, …), and is neither in a folder of browser code,
 * scripts, migrations or tests, nor a build tool's config file.
 *
 * A package that keeps its server code in a folder of its own (`server/`, `backend/`,
 * `src/server/`) says which part is the service: the rest of it (a React app beside the server,
 * say) is not, and this answers false for it. Reads each package.json once per process.
 */
export function isServicePackageCode(filePath: string): boolean {
  const info = runningPackageOf(filePath);
  return info !== undefined && info.service && !info.serverFolder;
}

/**
 * Whether a file is code of a service's own package, its server folder or not: what calls its
 * functions is in the project, unlike a library's, which code beyond the project imports.
 */
export function isServiceOwnCode(filePath: string): boolean {
  return runningPackageOf(filePath)?.service === true;
}

/**
 * What the package of a file says about it, when the file is code that runs (not in a folder of
 * browser code, scripts, migrations, tests or build output, nor a build tool's config file).
 */
function runningPackageOf(filePath: string): PackageInfo | undefined {
  const found = packageOf(filePath);
  return found && (found.info.service || found.info.next) ? found.info : undefined;
}

/** The package of a file that runs (see runningPackageOf), with its root, whatever the package is. */
function packageOf(filePath: string): { root: string; info: PackageInfo } | undefined {
  if (!path.isAbsolute(filePath)) return undefined;
  const root = packageRoot(path.dirname(filePath));
  if (!root) return undefined;
  const folders = path.relative(root, filePath).split(path.sep);
  const base = folders.pop()!;
  return folders.some((folder) => NOT_SERVICE_FOLDER.test(folder)) || BUILD_CONFIG.test(base) ? undefined : { root, info: packageInfo(root) };
}

/**
 * Whether a file belongs to a library package of a workspace that a service package of the same
 * workspace depends on (`packages/lib` of a monorepo whose `apps/worker` runs a job queue): its
 * code runs in that service, where the console is the log. Like a Next.js app's, whether a given
 * module runs on the server is for the caller to tell from the file itself; a library with a
 * browser framework is a front end's.
 */
export function isServiceLibraryCode(filePath: string): boolean {
  const found = packageOf(filePath);
  if (!found || found.info.service || found.info.next || found.info.browser || found.info.name === "") return false;
  // The workspace root when the package belongs to one (the search root of the caller search), else the package's own root.
  const workspace = searchRootOf(filePath);
  if (!workspace || workspace === found.root) return false;
  return workspacePackages(workspace).some((root) => {
    const dependent = packageInfo(root);
    return dependent.service && dependent.dependencies.includes(found.info.name);
  });
}

/** Libraries a command-line program is built on: its argument parser, its prompts. */
const CLI_FRAMEWORKS = new Set(["commander", "yargs", "@clack/prompts", "inquirer", "@inquirer/prompts", "@oclif/core", "cac", "meow", "citty", "clipanion", "prompts", "enquirer"]);

/** Folders of a package's tools: scripts a developer runs, command-line programs. */
const TOOL_FOLDER = /^(?:scripts?|cli|tools)$/iu;

/**
 * Whether a file is a tool's code rather than a service's: in a folder of scripts or command-line
 * programs (`scripts/dev-setup.ts`, `src/cli/`; not `bin/`, where Express keeps its server's
 * `www`), in a package of a command (`bin` in its package.json, with nothing to import or built on
 * a command-line framework such as commander) that has no server, such as a setup wizard that
 * writes a deployment's `.env` file, or a `knexfile.js` that only the migration command loads.
 * What it runs against is chosen by whoever runs it.
 */
export function isToolCode(filePath: string): boolean {
  if (!path.isAbsolute(filePath)) return false;
  const root = packageRoot(path.dirname(filePath));
  if (!root) return false;
  if (path.relative(root, path.dirname(filePath)).split(path.sep).some((folder) => TOOL_FOLDER.test(folder))) return true;
  // Knex's configuration file, which only its migration command loads when no module of the project imports it.
  if (/^knexfile\.[cm]?[jt]s$/u.test(path.basename(filePath)) && importersOf(filePath, [])?.length === 0) return true;
  return isCommandPackage(root);
}

/** Whether a file belongs to a command-line program's package (see isToolCode) with no server of its own. */
export function isCommandPackageCode(filePath: string): boolean {
  if (!path.isAbsolute(filePath)) return false;
  const root = packageRoot(path.dirname(filePath));
  return root !== undefined && isCommandPackage(root);
}

function isCommandPackage(root: string): boolean {
  const info = packageInfo(root);
  return info.command && !info.service && !info.next;
}

/**
 * The product a file belongs to, by the names of its package and of the workspace around it:
 * `dokploy` for `@dokploy/server` in the `dokploy` workspace, `wiki` for the package `wiki`. The
 * first word of each name without its scope, and the scope. Lower case.
 */
export function productNames(filePath: string): Set<string> {
  const names = new Set<string>();
  if (!path.isAbsolute(filePath)) return names;
  const roots = [packageRoot(path.dirname(filePath)), searchRootOf(filePath)];
  for (const root of roots) {
    const name = root === undefined ? "" : packageInfo(root).name.toLowerCase();
    const scope = /^@([^/]+)\//u.exec(name)?.[1];
    if (scope) names.add(scope);
    const first = name.replace(/^@[^/]+\//u, "").split(/[^a-z0-9]+/u)[0];
    if (first) names.add(first);
  }
  return names;
}

/** Whether a module runs in a browser (see isBrowserCode), by its file and its own text: its directives, its imports of React's hooks. */
export function isBrowserModule(filePath: string, program: TSESTree.Program): boolean {
  const directives = program.body.flatMap((statement) => (statement.type === AST_NODE_TYPES.ExpressionStatement && statement.directive !== undefined ? [statement.directive] : []));
  const usesReactHooks = program.body.some(
    (statement) =>
      statement.type === AST_NODE_TYPES.ImportDeclaration &&
      statement.source.value === "react" &&
      statement.specifiers.some((specifier) => specifier.type === AST_NODE_TYPES.ImportSpecifier && /^use[A-Z]/u.test(specifier.local.name)),
  );
  return isBrowserCode(filePath, directives, usesReactHooks);
}

/** Folders of a front end's code (`components/`, `frontend/`, `public/`). */
const BROWSER_FOLDER = /^(?:public|client|static|assets|frontend|web|www|views|components|hooks)$/iu;

/**
 * Whether a file is code that runs in a browser: a `"use client"` module, any file of a browser
 * extension, and in a package with a browser framework (or Next.js) a module that calls React's
 * hooks or a file of a folder of front-end code (`components/`, `hooks/`, `frontend/`).
 * Not any file of such a package: a workspace's shared library depends on React for its e-mail
 * templates and keeps its server code beside them. A comparison in browser code compares what the
 * user holds: nothing a timing attack can learn.
 */
export function isBrowserCode(filePath: string, directives: readonly string[] = [], usesReactHooks = false): boolean {
  if (directives.includes("use client")) return true;
  if (!path.isAbsolute(filePath)) return false;
  const root = packageRoot(path.dirname(filePath));
  if (!root) return false;
  // A browser extension (its manifest names a manifest version): every file runs in the browser.
  if (isBrowserExtension(root)) return true;
  const info = packageInfo(root);
  if (!info.browser && !info.next) return false;
  // React's hooks run only in components the browser renders; a server component cannot call them.
  if (usesReactHooks) return true;
  const folders = path.relative(root, filePath).split(path.sep).slice(0, -1);
  return folders.some((folder) => BROWSER_FOLDER.test(folder));
}

const extensions = new Map<string, boolean>();

/** Whether a package is a browser extension: a `manifest.json` at its root (or in `public/`) with a `manifest_version`. */
function isBrowserExtension(root: string): boolean {
  let known = extensions.get(root);
  if (known === undefined) {
    known = ["manifest.json", path.join("public", "manifest.json")].some((name) => {
      try {
        return /"manifest_version"\s*:/u.test(fs.readFileSync(path.join(root, name), "utf8"));
      } catch {
        return false;
      }
    });
    extensions.set(root, known);
  }
  return known;
}

const patternsByFolder = new Map<string, string[]>();

/** The package folders a workspace root lists (`apps/*`, `packages/**`, `services/api`); none for a folder that is no workspace root. */
function workspacePatterns(folder: string): string[] {
  let patterns = patternsByFolder.get(folder);
  if (patterns) return patterns;
  patterns = [];
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(folder, "package.json"), "utf8")) as { workspaces?: unknown };
    const listed = Array.isArray(manifest.workspaces) ? manifest.workspaces : (manifest.workspaces as { packages?: unknown } | undefined)?.packages;
    if (Array.isArray(listed)) patterns.push(...listed.filter((pattern): pattern is string => typeof pattern === "string"));
  } catch {
    // No package.json, or one that lists no workspaces.
  }
  try {
    // pnpm-workspace.yaml: `packages:` then `- "apps/*"` lines.
    const yaml = fs.readFileSync(path.join(folder, "pnpm-workspace.yaml"), "utf8");
    const block = /^packages:\s*\n((?:[ \t]*(?:-.*|#.*)?\n?)*)/mu.exec(yaml)?.[1] ?? "";
    for (const match of block.matchAll(/^[ \t]*-[ \t]*["']?([^"'#\n]+?)["']?[ \t]*(?:#.*)?$/gmu)) patterns.push(match[1]!);
  } catch {
    // No pnpm workspace.
  }
  patterns = patterns.filter((pattern) => !pattern.startsWith("!"));
  patternsByFolder.set(folder, patterns);
  return patterns;
}

const packagesByWorkspace = new Map<string, string[]>();

/** The folders with a package.json that a workspace root's patterns match (`*` one level, `**` up to three). */
function workspacePackages(workspace: string): string[] {
  let roots = packagesByWorkspace.get(workspace);
  if (roots) return roots;
  roots = [];
  for (const pattern of workspacePatterns(workspace)) {
    let folders = [workspace];
    for (const segment of pattern.replace(/\/+$/u, "").split("/")) {
      if (segment === "" || segment === ".") continue;
      folders = folders.flatMap((folder) => (segment === "**" ? foldersBelow(folder, 3) : segment.includes("*") ? subfolders(folder).filter((sub) => globSegment(segment).test(path.basename(sub))) : [path.join(folder, segment)]));
    }
    for (const folder of folders) if (!roots.includes(folder) && isFile(path.join(folder, "package.json"))) roots.push(folder);
  }
  packagesByWorkspace.set(workspace, roots);
  return roots;
}

function globSegment(segment: string): RegExp {
  return new RegExp(`^${segment.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/gu, "\\$&")).join("[^/]*")}$`, "u");
}

function subfolders(folder: string): string[] {
  try {
    return fs
      .readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== "node_modules" && !entry.name.startsWith("."))
      .map((entry) => path.join(folder, entry.name));
  } catch {
    return [];
  }
}

function foldersBelow(folder: string, depth: number): string[] {
  const below = [folder];
  if (depth > 0) for (const sub of subfolders(folder)) below.push(...foldersBelow(sub, depth - 1));
  return below;
}

/** Frameworks whose presence among a package's dependencies makes it a web service. */
const SERVER_FRAMEWORKS = new Set([
  "express",
  "fastify",
  "koa",
  "@nestjs/core",
  "@hapi/hapi",
  "hapi",
  "restify",
  "@hono/node-server",
  "polka",
  "@feathersjs/feathers",
  "@adonisjs/core",
  "sails",
]);

/**
 * Job-queue consumers: a package that runs one (and is no library: it has a `start` script) is a
 * long-running worker, whose console output is the service's log like a web server's.
 */
const WORKER_LIBRARIES = new Set(["bullmq", "bull", "bee-queue", "agenda", "@hokify/agenda", "pg-boss", "graphile-worker", "@temporalio/worker"]);
/** A package named for a background worker: `@linkwarden/worker`, `apps/worker`, `email-workers`. */
const WORKER_NAME = /(?:^|[-_/@])workers?$/iu;
/** Browser frameworks: a package with one is an app's front end (`src/workers/` holds web workers there). */
const BROWSER_FRAMEWORKS = new Set(["react", "react-dom", "vue", "svelte", "@angular/core", "solid-js", "preact"]);

/** Folders whose code does not run in the service: browser code, scripts run by hand, migrations, tests, build output. */
const NOT_SERVICE_FOLDER =
  /^(?:public|client|static|assets|frontend|web|www|views|components|scripts?|bin|cli|tools|seeds?|seeders|migrations?|examples?|docs?|tests?|__tests__|__mocks__|mocks?|e2e|fixtures?|dist|build|node_modules)$/iu;
/** Build tools' config files at any level: `webpack.config.js`, `gulpfile.js`. */
const BUILD_CONFIG = /\.config\.[cm]?[jt]s$|^(?:gulpfile|gruntfile|jakefile)\./iu;
/** Folders that, when a package has one, hold its server code apart from the rest. */
const SERVER_FOLDERS = ["server", "backend", path.join("src", "server"), path.join("src", "backend")];

interface PackageInfo {
  name: string;
  dependencies: string[];
  /** Depends on a browser framework: a front end. */
  browser: boolean;
  service: boolean;
  serverFolder: boolean;
  /** A Next.js app: server and browser code side by side, told apart file by file. */
  next: boolean;
  /** Ships a command-line program (`bin`): nothing to import, or built on a command-line framework. */
  command: boolean;
}

/**
 * Whether a file belongs to a Next.js app (its package depends on `next`) and is not in a folder
 * of scripts, tests or build output; whether it runs on the server is for the caller to tell
 * from the file itself.
 */
export function isNextAppCode(filePath: string): boolean {
  return runningPackageOf(filePath)?.next === true;
}

const roots = new Map<string, string | null>();
const packages = new Map<string, PackageInfo>();

/** The nearest folder at or above `folder` with a package.json. */
function packageRoot(folder: string): string | undefined {
  const visited: string[] = [];
  let found: string | null = null;
  for (let current = folder; ; ) {
    const cached = roots.get(current);
    if (cached !== undefined) {
      found = cached;
      break;
    }
    visited.push(current);
    if (isFile(path.join(current, "package.json"))) {
      found = current;
      break;
    }
    const parent = path.dirname(current);
    if (parent === current || isDirectory(path.join(current, ".git"))) break;
    current = parent;
  }
  for (const visitedFolder of visited) roots.set(visitedFolder, found);
  return found ?? undefined;
}

function packageInfo(root: string): PackageInfo {
  let info = packages.get(root);
  if (!info) {
    let dependencies: string[] = [];
    let name = "";
    let runs = false;
    let command = false;
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { dependencies?: unknown; name?: unknown; scripts?: { start?: unknown }; bin?: unknown; main?: unknown; exports?: unknown };
      if (manifest.dependencies && typeof manifest.dependencies === "object") dependencies = Object.keys(manifest.dependencies);
      if (typeof manifest.name === "string") name = manifest.name;
      runs = typeof manifest.scripts?.start === "string";
      // A command and nothing to import, or a command built on a command-line framework. Otherwise a package with `main`
      // or `exports` is a library too, whose code runs where it is imported.
      const onCliFramework = dependencies.some((dependency) => CLI_FRAMEWORKS.has(dependency));
      // A package named for a command line (`admin-cli`) and built on a framework for one, run through a script without a `bin`.
      const namedCli = /(?:^|[-_/.])cli(?:$|[-_.])/u.test(name.toLowerCase());
      command =
        (manifest.bin !== undefined && manifest.bin !== null && ((manifest.main === undefined && manifest.exports === undefined) || onCliFramework)) ||
        (namedCli && onCliFramework);
    } catch {
      // An unreadable or broken package.json says nothing about the package.
    }
    const browser = dependencies.some((dependency) => BROWSER_FRAMEWORKS.has(dependency));
    const worker =
      runs &&
      !browser &&
      (WORKER_NAME.test(name) || WORKER_NAME.test(path.basename(root)) || dependencies.some((dependency) => WORKER_LIBRARIES.has(dependency)));
    info = {
      name,
      dependencies,
      browser,
      service: worker || dependencies.some((dependency) => SERVER_FRAMEWORKS.has(dependency)),
      next: dependencies.includes("next"),
      command,
      serverFolder: SERVER_FOLDERS.some((folder) => isDirectory(path.join(root, folder))),
    };
    packages.set(root, info);
  }
  return info;
}

function isFile(filePath: string): boolean {
  return fs.statSync(filePath, { throwIfNoEntry: false })?.isFile() ?? false;
}

function isDirectory(filePath: string): boolean {
  return fs.statSync(filePath, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** Forgets what was read (for tests that change the files). */
export function clearServicePackageCache(): void {
  roots.clear();
  packages.clear();
  extensions.clear();
  patternsByFolder.clear();
  packagesByWorkspace.clear();
}
