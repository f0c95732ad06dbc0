/**
 * The `shipshape` command end to end: the built CLI spawned as a process, as users, hooks and
 * CI run it. `npm test` builds first, so dist/ is current.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import packageJson from "../package.json" with { type: "json" };

const BIN = fileURLToPath(new URL("../dist/cli/bin.js", import.meta.url));

const DROP_COLUMN = "SET lock_timeout = '5s';\nALTER TABLE users DROP COLUMN email;\n";
const SYNTAX_ERROR = "SELECT 1;\nALTER TABLE users DROP COLUMN;\n";
const BROKEN_YAML = "apiVersion: v1\nkind: [Pod\n";
const POD = "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: api\n      env:\n        - name: PORT\n          value: 8080\n";
const CLEAN_SQL = "CREATE TABLE orders (id bigint PRIMARY KEY);\n";
const UNUSED_DIRECTIVE = "-- eslint-disable-next-line shipshape/no-drop-column\nSELECT 1;\n";

let root: string;

beforeAll(() => {
  if (!fs.existsSync(BIN)) throw new Error("dist/cli/bin.js is missing: run `npm run build` (npm test does)");
  root = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-cli-"));
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** A fresh project folder with the given files. */
function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(root, "p-"));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

function shipshape(cwd: string, args: string[], input?: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, input, encoding: "utf8", timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonResult {
  filePath: string;
  errorCount: number;
  warningCount: number;
  messages: { ruleId: string | null; severity: number; line: number; column: number; fatal?: boolean; message: string }[];
}

function json(stdout: string): JsonResult[] {
  return JSON.parse(stdout) as JsonResult[];
}

describe("usage", () => {
  it("prints help and the version", () => {
    const help = shipshape(root, ["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: shipshape \[options\] \[paths\.\.\.\]/u);
    expect(shipshape(root, ["--version"])).toEqual({ code: 0, stdout: `${packageJson.version}\n`, stderr: "" });
  });

  it("rejects an unknown flag with one line on stderr and exit code 2", () => {
    const result = shipshape(root, ["--frobnicate"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe("shipshape: Unknown option '--frobnicate' (see shipshape --help)\n");
  });

  it("rejects bad option values with exit code 2", () => {
    for (const args of [["--format", "xml"], ["--dialect", "oracle"], ["--max-warnings", "-1"], ["--stdin"], ["--pg-version", "16", "--dialect", "mysql"]]) {
      const result = shipshape(root, args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
    }
  });

  it("exits 2 naming a path that does not exist", () => {
    const dir = project({ "a.sql": CLEAN_SQL });
    expect(shipshape(dir, ["a.sql", "missing", "gone.sql"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "shipshape: no such file or folder: missing, gone.sql\n",
    });
  });
});

describe("exit codes and findings", () => {
  it("exits 0 with no output on a clean project", () => {
    const dir = project({ "migrations/0001.sql": CLEAN_SQL, "deploy/cm.yaml": "apiVersion: v1\nkind: ConfigMap\ndata:\n  A: 'on'\n" });
    expect(shipshape(dir, [])).toMatchObject({ code: 0, stdout: "" });
  });

  it("exits 0 on an empty folder and says there was nothing to lint", () => {
    const dir = project({});
    const result = shipshape(dir, []);
    expect(result).toMatchObject({ code: 0, stdout: "" });
    expect(result.stderr).toBe("shipshape: no JS/TS, SQL or YAML files to lint in .\n");
  });

  it("exits 1 on errors and reports every file even when one cannot be parsed", () => {
    const dir = project({
      "deploy/broken.yaml": BROKEN_YAML,
      "migrations/0001_bad.sql": SYNTAX_ERROR,
      "migrations/0002_drop.sql": DROP_COLUMN,
      "deploy/pod.yaml": POD,
    });
    const result = shipshape(dir, ["--format", "json"]);
    expect(result.code).toBe(1);
    const byFile = Object.fromEntries(json(result.stdout).map((r) => [path.relative(dir, r.filePath), r.messages]));
    expect(byFile["deploy/broken.yaml"]).toMatchObject([{ ruleId: null, fatal: true, severity: 2, line: 3, column: 1 }]);
    expect(byFile["migrations/0001_bad.sql"]).toMatchObject([{ ruleId: "shipshape/unparsable-statement", severity: 1, line: 2, column: 30 }]);
    expect(byFile["migrations/0002_drop.sql"]).toMatchObject([{ ruleId: "shipshape/no-drop-column", severity: 2, line: 2, column: 19 }]);
    expect(byFile["deploy/pod.yaml"]).toMatchObject([{ ruleId: "shipshape/no-k8s-non-string-value", line: 8, column: 18 }]);
  });

  it("exits 0 on warnings alone, and 1 when they exceed --max-warnings", () => {
    const dir = project({ "a.sql": UNUSED_DIRECTIVE });
    const relaxed = shipshape(dir, ["-f", "json"]);
    expect(relaxed.code).toBe(0);
    expect(json(relaxed.stdout)[0]).toMatchObject({ errorCount: 0, warningCount: 1 });
    expect(shipshape(dir, ["--max-warnings", "1"]).code).toBe(0);
    const strict = shipshape(dir, ["--max-warnings", "0", "-f", "json"]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toBe("shipshape: 1 warnings exceed --max-warnings 0\n");
    expect(() => JSON.parse(strict.stdout)).not.toThrow();
  });

  it("reports only errors with --quiet", () => {
    const dir = project({ "a.sql": UNUSED_DIRECTIVE, "b.sql": DROP_COLUMN });
    const results = json(shipshape(dir, ["--quiet", "-f", "json"]).stdout);
    expect(results.map((r) => path.basename(r.filePath))).toEqual(["b.sql"]);
  });

  it("turns unreadable files into fatal findings and lints the rest", () => {
    const dir = project({ "ok.sql": DROP_COLUMN });
    fs.symlinkSync(path.join(dir, "nowhere.sql"), path.join(dir, "dangling.sql"));
    execFileSync("mkfifo", [path.join(dir, "pipe.sql")]);
    const result = shipshape(dir, ["-f", "json"]);
    expect(result.code).toBe(1);
    const messages = Object.fromEntries(json(result.stdout).map((r) => [path.basename(r.filePath), r.messages]));
    expect(messages["dangling.sql"]).toMatchObject([{ fatal: true, line: 1, column: 1, message: expect.stringMatching(/symbolic link/u) }]);
    expect(messages["pipe.sql"]).toMatchObject([{ fatal: true, message: expect.stringMatching(/not a regular file/u) }]);
    expect(messages["ok.sql"]).toMatchObject([{ ruleId: "shipshape/no-drop-column" }]);
  });
});

describe("formats", () => {
  let dir: string;
  beforeAll(() => {
    dir = project({ "migrations/0002_drop.sql": DROP_COLUMN, "deploy/pod.yaml": POD, "a.sql": UNUSED_DIRECTIVE });
  });

  it("stylish shows file, position, message and rule", () => {
    const result = shipshape(dir, []);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("migrations/0002_drop.sql");
    expect(result.stdout).toMatch(/2:19\s+error\s+Dropping column "email" from "users".*shipshape\/no-drop-column/u);
    expect(result.stdout).toMatch(/3 problems \(2 errors, 1 warning\)/u);
  });

  it("keeps ESLint's TIMING table off stdout, so json stays JSON", () => {
    const result = spawnSync(process.execPath, [BIN, "--format", "json", "--concurrency", "off"], {
      cwd: dir,
      encoding: "utf8",
      timeout: 60_000,
      env: { ...process.env, TIMING: "all" },
    });
    expect(json(result.stdout)).toHaveLength(3);
    expect(result.stderr).toMatch(/Rule\s+\|\s+Time \(ms\)/u);
    expect(result.stderr).toContain("shipshape/no-drop-column");
  });

  it("json is ESLint's JSON formatter output and nothing else on stdout", () => {
    const results = json(shipshape(dir, ["--format", "json"]).stdout);
    expect(results).toHaveLength(3);
    for (const result of results) {
      expect(Object.keys(result)).toEqual(
        expect.arrayContaining(["filePath", "messages", "errorCount", "warningCount", "fatalErrorCount", "suppressedMessages"]),
      );
    }
    const drop = results.find((r) => r.filePath.endsWith("0002_drop.sql"))!;
    expect(drop.messages[0]).toMatchObject({ ruleId: "shipshape/no-drop-column", severity: 2, line: 2, column: 19, endLine: 2, endColumn: 36 });
  });

  it("sarif is SARIF 2.1.0 with rules, levels and regions", () => {
    const sarif = JSON.parse(shipshape(dir, ["--format", "sarif"]).stdout) as {
      version: string;
      runs: { tool: { driver: { rules: { id: string; helpUri?: string }[] } }; results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[] }[];
    };
    expect(sarif.version).toBe("2.1.0");
    const [run] = sarif.runs;
    expect(run!.tool.driver.rules.map((rule) => rule.id)).toEqual(
      expect.arrayContaining(["shipshape/no-drop-column", "shipshape/no-k8s-non-string-value"]),
    );
    const drop = run!.results.find((r) => r.ruleId === "shipshape/no-drop-column")!;
    expect(drop.level).toBe("error");
    expect(drop.locations[0]!.physicalLocation.artifactLocation.uri).toMatch(/migrations\/0002_drop\.sql$/u);
    expect(drop.locations[0]!.physicalLocation.region).toMatchObject({ startLine: 2, startColumn: 19 });
  });

  it("github prints one workflow annotation per finding", () => {
    const lines = shipshape(dir, ["--format", "github"]).stdout.trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines).toContain(
      "::error file=migrations/0002_drop.sql,line=2,col=19,endLine=2,endColumn=36,title=shipshape/no-drop-column::" +
        'Dropping column "email" from "users" breaks the code still running during the deploy, which selects or inserts it. ' +
        "First ship code that no longer uses the column (ignore it in the ORM), then drop it in a later migration.",
    );
    expect(lines.filter((line) => line.startsWith("::warning file=a.sql,line=1,col=1"))).toHaveLength(1);
  });

  it("writes the report to --output-file and nothing to stdout", () => {
    const result = shipshape(dir, ["-f", "sarif", "-o", "reports/shipshape.sarif"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(JSON.parse(fs.readFileSync(path.join(dir, "reports/shipshape.sarif"), "utf8"))).toMatchObject({ version: "2.1.0" });
  });
});

describe("files and options", () => {
  it("respects .gitignore in a git repository, nested ones included", () => {
    const dir = project({
      ".gitignore": "generated/\n",
      "app/.gitignore": "*.local.sql\n",
      "generated/drop.sql": DROP_COLUMN,
      "app/drop.local.sql": DROP_COLUMN,
      "app/drop.sql": DROP_COLUMN,
    });
    execFileSync("git", ["init", "-q"], { cwd: dir });
    const results = json(shipshape(dir, ["-f", "json"]).stdout);
    expect(results.map((r) => path.relative(dir, r.filePath))).toEqual(["app/drop.sql"]);
  });

  it("respects .gitignore outside a git repository", () => {
    const dir = project({ ".gitignore": "# build output\nbuild/\n*.tmp.sql\n", "build/x.sql": DROP_COLUMN, "y.tmp.sql": DROP_COLUMN, "z.sql": DROP_COLUMN });
    const results = json(shipshape(dir, ["-f", "json"]).stdout);
    expect(results.map((r) => path.relative(dir, r.filePath))).toEqual(["z.sql"]);
  });

  it("lints standard input as the file named by --stdin-filename", () => {
    const dir = project({});
    const result = shipshape(dir, ["--stdin", "--stdin-filename", "migrations/0009.sql", "-f", "json"], DROP_COLUMN);
    expect(result.code).toBe(1);
    const [only] = json(result.stdout);
    expect(only!.filePath).toBe(path.join(dir, "migrations/0009.sql"));
    expect(only!.messages).toMatchObject([{ ruleId: "shipshape/no-drop-column", line: 2, column: 19 }]);
  });

  it("parses SQL in the --dialect given", () => {
    const dir = project({ "m.sql": "# MySQL comment\nALTER TABLE users DROP email;\n" });
    // As PostgreSQL, `#` is no comment: that statement cannot be read (the rest still is).
    expect(json(shipshape(dir, ["-f", "json"]).stdout)[0]!.messages).toMatchObject([{ ruleId: "shipshape/unparsable-statement" }]);
    expect(json(shipshape(dir, ["-f", "json", "--dialect", "mysql"]).stdout)[0]!.messages).toMatchObject([
      { ruleId: "shipshape/no-drop-column", line: 2, column: 19 },
    ]);
  });

  it("applies safe fixes with --fix", () => {
    const dir = project({ "pod.yaml": POD });
    const result = shipshape(dir, ["--fix"]);
    expect(result).toMatchObject({ code: 0, stdout: "" });
    expect(fs.readFileSync(path.join(dir, "pod.yaml"), "utf8")).toBe(POD.replace("value: 8080", 'value: "8080"'));
  });

  it("keeps a cache with --cache and gives the same findings from it", () => {
    const dir = project({ "a.sql": DROP_COLUMN });
    const first = shipshape(dir, ["--cache", "-f", "json"]);
    expect(fs.existsSync(path.join(dir, ".shipshapecache"))).toBe(true);
    const second = shipshape(dir, ["--cache", "-f", "json"]);
    expect(second.code).toBe(1);
    expect(json(second.stdout)[0]!.messages).toEqual(json(first.stdout)[0]!.messages);
  });

  it("with --cache-strategy content, trusts the cache for a file whose content is unchanged, as after a fresh checkout", () => {
    for (const strategy of ["content", "metadata"]) {
      const dir = project({ "a.sql": DROP_COLUMN });
      const cache = path.join(dir, ".shipshapecache");
      expect(shipshape(dir, ["--cache", "--cache-strategy", strategy]).code).toBe(1);
      // Mark the cached finding, then give the file a new modification time with the same content.
      fs.writeFileSync(cache, fs.readFileSync(cache, "utf8").replace("Dropping column", "(cached) Dropping column"));
      const later = new Date(Date.now() + 3_600_000);
      fs.utimesSync(path.join(dir, "a.sql"), later, later);
      const [result] = json(shipshape(dir, ["--cache", "--cache-strategy", strategy, "-f", "json"]).stdout);
      expect(result!.messages[0]!.message.startsWith("(cached) "), strategy).toBe(strategy === "content");
    }
    expect(shipshape(root, ["--cache-strategy", "size"]).code).toBe(2);
  });

  it("lints many files with worker threads and the same results as without", () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`migrations/${String(i).padStart(4, "0")}.sql`] = i % 2 ? DROP_COLUMN : CLEAN_SQL;
    const dir = project(files);
    const threaded = json(shipshape(dir, ["-f", "json", "--concurrency", "2"]).stdout);
    const single = json(shipshape(dir, ["-f", "json", "--concurrency", "off"]).stdout);
    expect(threaded).toEqual(single);
    expect(threaded.filter((r) => r.errorCount === 1)).toHaveLength(20);
  });
});
