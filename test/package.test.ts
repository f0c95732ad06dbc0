/**
 * The package as npm publishes it: `npm pack` of this repository, installed from the tarball
 * into throwaway projects with the lowest ESLint of each major that the `eslint` peer range
 * allows, then used both ways a project uses it: `eslint` with shipshape's recommended config,
 * and the `shipshape` command, on a project with JS, TS, SQL (PostgreSQL and MySQL) and YAML.
 * The installs come from the npm registry (through npm's cache).
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, REPOSITORY_ROOT, requireBuild, temporaryFolder, writeFiles, type JsonResult } from "./helpers/cli-process.ts";
import { npmEnvironment, runAsync } from "./helpers/package-process.ts";

const packageJson = JSON.parse(fs.readFileSync(path.join(REPOSITORY_ROOT, "package.json"), "utf8")) as {
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
};
/** The lowest version of each range in the peer range: `^9.38.0 || ^10.0.0` → 9.38.0, 10.0.0. */
const ESLINT_VERSIONS = packageJson.peerDependencies.eslint!.split("||").map((range) => range.trim().replace(/^\^/u, ""));

const PROJECT = {
  "package.json": JSON.stringify({ name: "throwaway", private: true, type: "module" }),
  "eslint.config.js": 'import shipshape from "shipshape";\n\nexport default [...shipshape.configs.recommended];\n',
  "src/config.js": 'export const cache = { host: "redis.internal" };\n',
  "src/server.ts": 'export const databaseUrl: string = "postgres://app:hunter2@db.internal:5432/app";\n',
  "migrations/001_drop_email.sql": "ALTER TABLE users DROP COLUMN email;\n",
  "migrations/002_audit_log.sql": "SET lock_timeout = '5s';\nCREATE TABLE audit_log (id bigint PRIMARY KEY);\n",
  // A MySQL folder (Prisma says so), and a statement only node-sql-parser reads: the package's
  // own copy of node-sql-parser's MySQL build is loaded.
  "db/mysql/migration_lock.toml": 'provider = "mysql"\n',
  "db/mysql/003_email_length.sql": "ALTER TABLE users MODIFY email varchar(320) NOT NULL;\n",
  "k8s/configmap.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  ENABLED: true\n",
};

/** Every error as `file rule line:column`, sorted, and whatever else should never be there. */
function errors(results: JsonResult[], root: string): string[] {
  return results
    .flatMap((result) => result.messages.filter((message) => message.severity === 2).map((message) => `${path.relative(root, result.filePath)} ${message.ruleId} ${message.line}:${message.column}`))
    .sort();
}
const EXPECTED_ERRORS = [
  "db/mysql/003_email_length.sql shipshape/no-column-type-change 1:19",
  "k8s/configmap.yaml shipshape/no-k8s-non-string-value 6:12",
  "migrations/001_drop_email.sql shipshape/no-drop-column 1:19",
  "src/config.js shipshape/no-hardcoded-config 1:30",
  "src/server.ts shipshape/no-hardcoded-config 1:36",
];
function unexpected(results: JsonResult[]): string[] {
  return results.flatMap((result) =>
    result.messages.filter((message) => message.fatal || message.ruleId === "shipshape/unparsable-statement").map((message) => `${result.filePath}: ${message.message}`),
  );
}

/** Apparent size of a folder's files, as `du --apparent-size` counts it. */
function folderSize(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}

interface PackedFile {
  path: string;
  size: number;
}
let work: string;
let tarball: string;
let packedFiles: PackedFile[];
const projects = new Map<string, string>();

beforeAll(async () => {
  requireBuild();
  work = temporaryFolder("shipshape-package-");
  // `npm test` has just built dist/; --ignore-scripts packs that build instead of making another.
  const pack = await runAsync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], { cwd: REPOSITORY_ROOT, env: npmEnvironment() });
  if (pack.code !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`);
  const [packed] = JSON.parse(pack.stdout) as [{ filename: string; files: PackedFile[] }];
  tarball = path.join(work, packed.filename);
  packedFiles = packed.files;

  await Promise.all(
    ESLINT_VERSIONS.map(async (version) => {
      const project = path.join(work, `eslint-${version}`);
      writeFiles(project, PROJECT);
      const install = await runAsync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", tarball, `eslint@${version}`], { cwd: project, env: npmEnvironment() });
      if (install.code !== 0) throw new Error(`npm install with eslint@${version} failed:\n${install.stderr}`);
      projects.set(version, project);
    }),
  );
}, 300_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe("npm pack", () => {
  it("packs the build, the rule pages, README, LICENSE and package.json: no sources, tests, fixtures or source maps", () => {
    const paths = packedFiles.map((file) => file.path);
    expect(paths).toEqual(expect.arrayContaining(["LICENSE", "README.md", "package.json", "dist/index.js", "dist/index.d.ts", "dist/cli/bin.js", "docs/rules/no-drop-column.md"]));
    expect(paths).toEqual(expect.arrayContaining(["dist/vendor/node-sql-parser/mysql.js", "dist/vendor/node-sql-parser/mariadb.js", "dist/vendor/node-sql-parser/LICENSE"]));
    const outside = paths.filter((file) => !/^(?:dist\/|docs\/rules\/[\w-]+\.md$|README\.md$|LICENSE$|package\.json$)/u.test(file));
    expect(outside).toEqual([]);
    expect(paths.filter((file) => file.endsWith(".map") || (file.endsWith(".ts") && !file.endsWith(".d.ts")))).toEqual([]);
  });

  it("declares eslint as a peer dependency only, and ships the MIT license it names", () => {
    expect(packageJson.dependencies).not.toHaveProperty("eslint");
    expect(ESLINT_VERSIONS.map((version) => version.split(".")[0])).toEqual(["9", "10"]);
    expect(fs.readFileSync(path.join(REPOSITORY_ROOT, "LICENSE"), "utf8")).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} shipshape contributors\n/u);
  });
});

describe.each(ESLINT_VERSIONS)("installed from the tarball beside eslint@%s", (version) => {
  const project = () => projects.get(version)!;

  it("installs that ESLint once: shipshape's dependencies use the project's copy", () => {
    const resolveFrom = (dir: string) => (createRequire(path.join(dir, "package.json"))("eslint/package.json") as { version: string }).version;
    const modules = path.join(project(), "node_modules");
    expect(resolveFrom(project())).toBe(version);
    for (const dependent of ["shipshape", "typescript-eslint", "@typescript-eslint/parser", "@typescript-eslint/utils", "eslint-plugin-yml", "@eslint/compat"]) {
      expect(resolveFrom(path.join(modules, dependent)), dependent).toBe(version);
    }
  });

  it("installs in a reasonable size: no node-sql-parser with its builds for every database", () => {
    const modules = path.join(project(), "node_modules");
    expect(fs.existsSync(path.join(modules, "node-sql-parser"))).toBe(false);
    const megabytes = folderSize(modules) / 1e6;
    console.info(`node_modules with shipshape and eslint@${version}: ${megabytes.toFixed(1)} MB`);
    expect(megabytes).toBeLessThan(70);
  });

  it("lints JS, TS, SQL and YAML through `eslint` with shipshape.configs.recommended", async () => {
    const run = await runAsync(path.join(project(), "node_modules/.bin/eslint"), ["--format", "json", "."], { cwd: project(), env: npmEnvironment() });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    const results = json(run.stdout);
    expect(errors(results, project())).toEqual(EXPECTED_ERRORS);
    expect(unexpected(results)).toEqual([]);
  });

  it("lints the same through the `shipshape` command", async () => {
    const run = await runAsync(path.join(project(), "node_modules/.bin/shipshape"), ["--format", "json"], { cwd: project(), env: npmEnvironment() });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    const results = json(run.stdout);
    expect(errors(results, project())).toEqual(EXPECTED_ERRORS);
    expect(unexpected(results)).toEqual([]);
  });
});
