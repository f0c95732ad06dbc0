// Builds dist/: compiles the TypeScript sources, copies the two node-sql-parser builds the SQL
// language loads (the package ships them instead of depending on node-sql-parser's 89 MB of
// builds for other databases and source maps), and makes the CLI executable.
//
// It runs as `prepare`, so also when npm installs this repository from git, as the pre-commit
// framework does. Two things follow:
// - Nothing goes to stdout: pre-commit 3.x reads `npm pack`'s stdout as the tarball's file name.
// - The compiler may be missing: npm installing a git repository *globally* (pre-commit 4.6.1
//   and later: `npm install -g git+file://…`) runs `prepare` without installing any dependency
//   first (npm/cli#8440). Then the dependencies the lockfile pins are installed here first, so
//   the build uses the same TypeScript and types as every other build.
// Plain JavaScript on purpose: it has to run before anything is installed.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(path.join(root, "package.json"));
/** The node-sql-parser builds sql-lint/language/mysql-fallback.ts loads. */
const SQL_PARSER_BUILDS = ["mysql", "mariadb"];

function run(command, args) {
  // The child's stdout goes to our stderr (file descriptor 2), for pre-commit 3.x's sake.
  const result = spawnSync(command, args, { cwd: root, stdio: ["ignore", 2, 2] });
  if (result.status !== 0) {
    process.stderr.write(`build: ${command} ${args.join(" ")} failed (${result.error?.message ?? `exit ${result.status}`})\n`);
    process.exit(1);
  }
}

function resolves(specifier) {
  try {
    require.resolve(specifier);
    return true;
  } catch {
    return false;
  }
}

if (!resolves("typescript/package.json") || !resolves("node-sql-parser/package.json")) {
  if (fs.existsSync(path.join(root, "node_modules"))) {
    process.stderr.write("build: typescript or node-sql-parser is missing from node_modules: install the dev dependencies (npm ci)\n");
    process.exit(1);
  }
  process.stderr.write("build: no dependencies are installed (npm installing this repository from git); installing them from the lockfile\n");
  const npm = process.env.npm_execpath;
  // --global=false: npm passes its own global install's settings on to this script.
  const args = ["ci", "--global=false", "--include=dev", "--ignore-scripts", "--no-audit", "--no-fund"];
  if (npm && npm.endsWith(".js")) run(process.execPath, [npm, ...args]);
  else run(process.platform === "win32" ? "npm.cmd" : "npm", args);
}

run(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"]);

const sqlParser = path.dirname(require.resolve("node-sql-parser/package.json"));
const vendor = path.join(root, "dist/vendor/node-sql-parser");
fs.rmSync(vendor, { recursive: true, force: true });
fs.mkdirSync(vendor, { recursive: true });
for (const build of SQL_PARSER_BUILDS) fs.copyFileSync(path.join(sqlParser, "build", `${build}.js`), path.join(vendor, `${build}.js`));
fs.copyFileSync(path.join(sqlParser, "LICENSE"), path.join(vendor, "LICENSE"));
// The builds are CommonJS; without this, dist/package.json (a copy of ours, "type": "module") would make them ES modules.
fs.writeFileSync(path.join(vendor, "package.json"), `${JSON.stringify({ type: "commonjs" })}\n`);
const { version, license, homepage } = JSON.parse(fs.readFileSync(path.join(sqlParser, "package.json"), "utf8"));
fs.writeFileSync(
  path.join(vendor, "README.md"),
  `The ${SQL_PARSER_BUILDS.join(" and ")} builds of node-sql-parser ${version} (${license}, ${homepage}), copied unchanged by scripts/build.mjs; its license is in LICENSE.\n`,
);

fs.chmodSync(path.join(root, "dist/cli/bin.js"), 0o755);
