/**
 * Hostile inputs, one test each (issue 8): nesting far past what the parsers take, single lines of
 * 1 MB, text crafted against the rules' regular expressions, NUL bytes, invalid UTF-8 and a BOM,
 * CRLF line ends, and for the command: symbolic link loops, a file deleted during the run and
 * 5,000 paths on its command line. Every input must end in findings or a fatal finding with a
 * position, within a time bound.
 *
 * Texts are linted with the built plugin (dist/, as users run it; `npm test` builds first) in a
 * worker thread that is replaced when an input overruns its bound, or, where the stack or the heap
 * could run out, in a child process: a hang or a crash fails its test instead of the test run.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, json, requireBuild, shipshape, temporaryFolder, writeFiles, type JsonResult } from "../helpers/cli-process.ts";
import { BoundedLinter, type LintedMessage, type LintInput, type LintOutcome } from "./bounded-lint.ts";

const LINT_TEXTS = fileURLToPath(new URL("./lint-texts.mjs", import.meta.url));
const DELETE_ON_READ = pathToFileURL(fileURLToPath(new URL("./delete-on-read.mjs", import.meta.url))).href;

let linter: BoundedLinter;
let root: string;

beforeAll(() => {
  requireBuild();
  linter = new BoundedLinter();
  root = temporaryFolder("shipshape-hostile-");
});

afterAll(async () => {
  await linter.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

/** A fresh folder for one test, removed with the others at the end. */
function folder(name: string): string {
  return fs.mkdtempSync(path.join(root, `${name}-`));
}

/** The messages of an input linted within `boundMs`; otherwise the test fails with what happened instead. */
function messagesOf(outcome: LintOutcome, boundMs: number): LintedMessage[] {
  expect(outcome.kind === "error" ? outcome.error : outcome.kind).toBe("linted");
  expect(Math.round(outcome.milliseconds)).toBeLessThan(boundMs);
  return outcome.kind === "linted" ? outcome.messages : [];
}

/** Findings, or a fatal finding, each with a position: never a message that points nowhere. */
function expectPlaced(messages: { line: number; column: number }[]): void {
  for (const message of messages) {
    expect(message.line >= 1 && message.column >= 1, JSON.stringify(message)).toBe(true);
  }
}

/** Lints in a child process with a heap of its own; the process must end normally. */
function lintInChildProcess(inputs: LintInput[]): { filePath: string; messages: LintedMessage[] }[] {
  const child = spawnSync(process.execPath, ["--max-old-space-size=512", LINT_TEXTS], {
    input: JSON.stringify(inputs),
    encoding: "utf8",
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  expect(child.status, child.stderr || `ended by ${child.signal ?? String(child.error)}`).toBe(0);
  return JSON.parse(child.stdout) as { filePath: string; messages: LintedMessage[] }[];
}

const brief = (messages: LintedMessage[]) =>
  messages.map(({ ruleId, line, column, endLine, endColumn, fatal }) => ({ ruleId, line, column, endLine, endColumn, ...(fatal ? { fatal } : {}) }));

describe("100,000 levels of nesting", () => {
  const LEVELS = 100_000;

  it("in SQL: the statement is reported unparsable, at a position, and the statements after it are still linted", () => {
    const shapes: Record<string, string> = {
      parentheses: `SELECT ${"(".repeat(LEVELS)}1${")".repeat(LEVELS)};`,
      "unclosed parentheses": `SELECT ${"(".repeat(LEVELS)};`,
      subqueries: `SELECT ${"(SELECT ".repeat(LEVELS)}1${")".repeat(LEVELS)};`,
      "CASE expressions": `SELECT ${"CASE WHEN true THEN ".repeat(LEVELS)}1${" END".repeat(LEVELS)};`,
      // Parsed without recursion into a tree as deep as the sum is long, which the walks after the
      // parser (ESLint's traversal, rules looking into expressions) then recursed into.
      "a sum of 100,000 terms": `SELECT ${"1 + ".repeat(LEVELS)}1;`,
      "a sum in a DO block": `DO $$ BEGIN PERFORM ${"1 + ".repeat(LEVELS)}1; END $$;`,
      "a sum in a column default": `ALTER TABLE a ADD COLUMN c int NOT NULL DEFAULT ${"1 + ".repeat(LEVELS)}1;`,
    };
    const names = Object.keys(shapes);
    const results = lintInChildProcess(
      names.map((name, i) => ({ filePath: `migrations/000${i}_deep.sql`, text: `${shapes[name]}\nALTER TABLE a DROP COLUMN b;\n` })),
    );
    results.forEach(({ messages }, i) => {
      expectPlaced(messages);
      expect(messages.filter((message) => message.fatal), names[i]).toEqual([]);
      expect(messages, names[i]).toContainEqual(expect.objectContaining({ ruleId: "shipshape/unparsable-statement", line: 1 }));
      expect(messages, names[i]).toContainEqual(expect.objectContaining({ ruleId: "shipshape/no-drop-column", line: 2, column: 15 }));
    });
    // The sums parse; the guard reports where they pass 1,000 levels: at the start of the sum.
    const sums = results.slice(names.indexOf("a sum of 100,000 terms"));
    expect(sums.map(({ messages }) => messages.find((message) => message.ruleId === "shipshape/unparsable-statement"))).toEqual([
      expect.objectContaining({ column: 8, message: expect.stringMatching(/it nests more than 1000 levels deep/u) }),
      expect.objectContaining({ column: 21, message: expect.stringMatching(/it nests more than 1000 levels deep/u) }),
      expect.objectContaining({ column: 49, message: expect.stringMatching(/it nests more than 1000 levels deep/u) }),
    ]);
  });

  it("in JS and TS: one fatal finding at the start of the file", () => {
    const shapes: [string, string][] = [
      ["src/arrays.ts", `const x = ${"[".repeat(LEVELS)}${"]".repeat(LEVELS)};\n`],
      ["src/unclosed.ts", `const x = ${"[".repeat(LEVELS)}\n`],
      ["src/calls.js", `const x = ${"f(".repeat(LEVELS)}${")".repeat(LEVELS)};\n`],
      ["src/parentheses.js", `const x = ${"(".repeat(LEVELS)}1${")".repeat(LEVELS)};\n`],
      ["src/objects.ts", `const x = ${"{a:".repeat(LEVELS)}1${"}".repeat(LEVELS)};\n`],
      ["src/sum.ts", `const x = ${"a + ".repeat(LEVELS)}1;\n`],
      ["src/members.ts", `const x = a${".b".repeat(LEVELS)};\n`],
      ["src/conditionals.ts", `const x = ${"a ? b : ".repeat(LEVELS)}1;\n`],
      ["src/arrows.ts", `const x = ${"() => ".repeat(LEVELS)}1;\n`],
      ["src/templates.ts", `const x = ${"`${".repeat(LEVELS)}1${"}`".repeat(LEVELS)};\n`],
      ["src/blocks.ts", `function f() {${"{".repeat(LEVELS)}${"}".repeat(LEVELS)}}\n`],
      ["src/types.ts", `type X = ${"Array<".repeat(LEVELS)}1${">".repeat(LEVELS)};\n`],
      ["src/elements.tsx", `const x = ${"<a>".repeat(LEVELS)}${"</a>".repeat(LEVELS)};\n`],
      ["migrations/20240101_deep.ts", `export async function up(knex) { await knex.raw(${"(".repeat(LEVELS)}"DROP TABLE a"${")".repeat(LEVELS)}); }\n`],
    ];
    const results = lintInChildProcess(shapes.map(([filePath, text]) => ({ filePath, text })));
    for (const { filePath, messages } of results) {
      expect(messages, filePath).toEqual([
        expect.objectContaining({ ruleId: null, fatal: true, line: 1, column: 1, message: expect.stringMatching(/nests too deeply/u) }),
      ]);
    }
  });
});

describe("a single line of 1 MB", () => {
  const MB = 1_000_000;
  const BOUND_MS = 10_000;
  /** Near misses of what the rules look for, so that their patterns do their work along the whole line. */
  const NEAR_MISSES = "a.b.c postgres://user@ sk_live_ AKIA ghp_ -----BEGIN x password= ${X} from /// AAAAa 1111x ";
  const line = (chunk: string) => chunk.repeat(Math.ceil(MB / chunk.length)).slice(0, MB);

  it("SQL: a statement of 1 MB is linted within the bound", async () => {
    const statements = [
      `INSERT INTO t (a, b) VALUES ${line("(1, 'x'), ")}(2, 'y');\n`,
      `SET lock_timeout = '1s'; ALTER TABLE a ADD COLUMN b text NOT NULL DEFAULT '${line(NEAR_MISSES)}';\n`,
      `SET lock_timeout = '1s'; ALTER TABLE a ADD CONSTRAINT c CHECK (a IN (${line("123, ")}0));\n`,
    ];
    const found = [];
    for (const text of statements) found.push(brief(messagesOf(await linter.lint({ filePath: "migrations/0001_long.sql", text }, BOUND_MS), BOUND_MS)));
    expect(found).toEqual([[], [], [{ ruleId: "shipshape/require-not-valid-constraint", line: 1, column: 40, endLine: 1, endColumn: 1_000_073 }]]);
  });

  it("YAML: a scalar of 1 MB is linted within the bound; a flow sequence of 1 MB is refused at a position", async () => {
    const scalar = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  NOTE: ${line(NEAR_MISSES)}\n`;
    expect(messagesOf(await linter.lint({ filePath: "deploy/config.yaml", text: scalar }, BOUND_MS), BOUND_MS)).toEqual([]);
    const env = `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          image: a\n          command: ["sh", "-c", "${line(NEAR_MISSES)}"]\n`;
    expectPlaced(messagesOf(await linter.lint({ filePath: "deploy/app.yaml", text: env }, BOUND_MS), BOUND_MS));
    // 333,334 entries: yaml-eslint-parser and `yaml` take time quadratic in the entries of one collection.
    const sequence = `a: [${line("x, ")}y]\n`;
    expect(messagesOf(await linter.lint({ filePath: "deploy/list.yaml", text: sequence }, BOUND_MS), BOUND_MS)).toEqual([
      expect.objectContaining({ ruleId: null, fatal: true, line: 1, column: 150_003, message: expect.stringMatching(/more than 50000 entries/u) }),
    ]);
  });

  it("JS/TS: a string and a template literal of 1 MB are linted within the bound", async () => {
    const string = `export const NOTE = "${line(NEAR_MISSES)}";\n`;
    expect(messagesOf(await linter.lint({ filePath: "src/note.ts", text: string }, BOUND_MS), BOUND_MS)).toEqual([]);
    const template = `import pino from "pino";\nconst logger = pino(); app.post("/", () => {\nlogger.info(\`${line(NEAR_MISSES)} \${id}\`);\n});\n`;
    const messages = messagesOf(await linter.lint({ filePath: "src/log.ts", text: template }, BOUND_MS), BOUND_MS);
    expect(brief(messages)).toEqual([{ ruleId: "shipshape/no-interpolated-log", line: 3, column: 13, endLine: 3, endColumn: 1_000_021 }]);
  });
});

interface RegexCase {
  /** The pattern the input is crafted against, and where it is. */
  target: string;
  filePath: string;
  text: string;
  /** Files beside the linted one, which the rule reads from disk. */
  files?: Record<string, string>;
  /** A rule the input must still be reported by: the input reached the code under test. */
  reportedBy?: string;
}

const N = 100_000;
/** A logger, and a request handler opened for the log line that follows (closed by `END`): a line per request. */
const LOGGER = 'import pino from "pino";\nconst logger = pino(); app.post("/", () => {\n';
const END = "});\n";
const deployment = (command: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n        - name: a\n          image: a\n          args: ["${command}"]\n`;

/**
 * Inputs of 100 KB (1 MB where the old pattern was quadratic with a small constant) that made a
 * pattern backtrack or a search restart from every character: each took seconds to minutes
 * before its fix, and is linted well within the bound now.
 */
const REGEX_CASES: RegexCase[] = [
  {
    target: "no-interpolated-log: `\\s+…` patterns tried from every space of a long run",
    filePath: "src/a.ts",
    text: `${LOGGER}logger.info(\`done ${" ".repeat(N)}from \${ip}\`);\n${END}`,
    reportedBy: "shipshape/no-interpolated-log",
  },
  {
    target: "no-interpolated-log: trimming `[\\s.,;!/]+$` from the end, tried from every character of a long run",
    filePath: "src/a.ts",
    text: `${LOGGER}logger.info(\`\${id}${".\\t".repeat(N)}x\`);\n${END}`,
    reportedBy: "shipshape/no-interpolated-log",
  },
  {
    target: "no-interpolated-log: the loop taking values off the end searched the whole message for each",
    filePath: "src/a.ts",
    text: `${LOGGER}logger.info(\`user (${"${a} ".repeat(N / 5)}\`);\n${END}`,
    reportedBy: "shipshape/no-interpolated-log",
  },
  {
    target: "no-interpolated-log: the label lookbehind scanning back over spaces at every position",
    filePath: "src/a.ts",
    text: `${LOGGER}logger.info(\`a.${" ".repeat(N)}b: \${v} \`);\n${END}`,
    reportedBy: "shipshape/no-interpolated-log",
  },
  {
    target: "rules/utils/name-words.ts: `([A-Z]+)([A-Z][a-z])` on a name of 100,000 capitals",
    filePath: "src/a.ts",
    text: `export const ${"A".repeat(N)} = "s3cr3t-v4lu3-h3r3";\n`,
  },
  {
    target: "rules/utils/name-words.ts: the same on the value of a secret-named constant",
    filePath: "src/a.ts",
    text: `export const API_KEY = "${"A".repeat(N)}";\n`,
  },
  {
    target: "require-webhook-verification: `\\/+$` on a mount path of 100,000 slashes",
    filePath: "src/a.ts",
    text:
      'import express from "express";\nconst app = express();\nconst billing = express.Router();\n' +
      'billing.post("/stripe", (req, res) => { const e = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"], s); res.json(e.id); });\n' +
      `app.use("${"/".repeat(N)}x", express.json());\napp.use("/billing", billing);\n`,
  },
  {
    target: "rules/utils/shutdown-handling.ts: `^\\s*import` from every line of an imported module of blank lines",
    filePath: "main.ts",
    text: 'import express from "express";\nimport "./boot";\nexpress().listen(3000);\n',
    files: { "boot.ts": `${"\n".repeat(N)}x` },
    reportedBy: "shipshape/require-graceful-shutdown",
  },
  {
    target: "sql-lint/analysis/mysql-online-ddl.ts: `\\s*=?\\s*` splitting 100,000 spaces two ways",
    filePath: "migrations/0001_index.sql",
    text: `CREATE INDEX i ON t (a) /* ALGORITHM${" ".repeat(N)}x */ ALGORITHM = INPLACE;\n`,
    files: { "prisma/schema.prisma": 'datasource db {\n  provider = "mysql"\n}\n' },
  },
  {
    target: "sql-lint/language/project-dialect.ts: `\\{([^}]*)\\}` from every header of a Prisma schema that closes none",
    filePath: "migrations/0001_a.sql",
    text: "SELECT 1;\n",
    files: { "prisma/schema.prisma": "datasource db {\n".repeat(10 * N / 16) },
  },
  {
    target: "sql-lint/language/project-dialect.ts: `\\/\\*[\\s\\S]*?\\*\\/` from every `/*` of a drizzle config that closes none",
    filePath: "migrations/0001_a.sql",
    text: "SELECT 1;\n",
    files: { "drizzle.config.ts": "/* ".repeat(10 * N / 3) },
  },
  {
    target: "config-lint/yaml11.ts: the float pattern splitting 100,000 digits two ways",
    filePath: "deploy/config.yaml",
    text: `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  A: ${"1".repeat(N)}x\n`,
  },
  {
    target: "config-lint/connection-strings.ts: the URL scheme scanned from every letter of `a.a.a…`",
    filePath: "config/app.yaml",
    text: `database:\n  url: ${"a.".repeat(N / 2)}\n`,
  },
  {
    target: "config-lint/credentials.ts: `([A-Z]+)([A-Z][a-z])` on a key of 100,000 capitals",
    filePath: "config/app.yaml",
    text: `? ${"X".repeat(N)}\n: hunter2hunter2\n`,
  },
  {
    target: "no-migration-at-startup: `migrate … -path … up`, two unbounded gaps, from every `migrate`",
    filePath: "deploy/app.yaml",
    text: deployment("migrate -path ".repeat(N / 14)),
  },
  {
    target: "no-migration-at-startup: `goose …` to the end of the command from every `goose`",
    filePath: "deploy/app.yaml",
    text: deployment("goose ".repeat((10 * N) / 6)),
  },
  {
    target: "no-zero-shutdown-grace: the duration pattern on 100,000 digits",
    filePath: "compose.yaml",
    text: `services:\n  a:\n    image: a\n    stop_grace_period: ${"1".repeat(N)}\n`,
  },
];

describe("the rules' regular expressions against adversarial input", () => {
  const BOUND_MS = 2_000;
  it.each(REGEX_CASES.map((regexCase, i) => [regexCase.target, i, regexCase] as const))("%s", async (_target, i, regexCase) => {
    const dir = folder(`regex-${i}`);
    writeFiles(dir, regexCase.files ?? {});
    const outcome = await linter.lint({ filePath: path.join(dir, regexCase.filePath), text: regexCase.text, cwd: dir }, 4 * BOUND_MS);
    const messages = messagesOf(outcome, BOUND_MS);
    expectPlaced(messages);
    if (regexCase.reportedBy) expect(messages.map((message) => message.ruleId)).toContain(regexCase.reportedBy);
  });
});

describe("line ends", () => {
  it("CRLF: every language reports the same lines and columns as with LF (and SQL with a lone CR too)", async () => {
    const files: [string, string, Record<string, unknown>[]][] = [
      [
        "migrations/0001_drop.sql",
        "SET lock_timeout = '1s';\n-- why\nALTER TABLE a DROP COLUMN b; /* a\nb */ ALTER TABLE a DROP COLUMN c;\n",
        [
          { ruleId: "shipshape/no-drop-column", line: 3, column: 15, endLine: 3, endColumn: 28 },
          { ruleId: "shipshape/no-drop-column", line: 4, column: 20, endLine: 4, endColumn: 33 },
        ],
      ],
      [
        "deploy/pod.yaml",
        "apiVersion: v1\nkind: Pod\nspec: {terminationGracePeriodSeconds: 0, containers: [{name: a, image: a}]}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  annotations:\n    note: |\n      two\n      lines\ndata:\n  PORT: 8080\n",
        [
          { ruleId: "shipshape/no-zero-shutdown-grace", line: 3, column: 39, endLine: 3, endColumn: 40 },
          { ruleId: "shipshape/no-k8s-non-string-value", line: 13, column: 9, endLine: 13, endColumn: 13 },
        ],
      ],
      [
        "src/login.ts",
        'import pino from "pino";\nconst logger = pino(); app.post("/", () => {\nlogger.info(`user ${id}\nlogged in`);\nlogger.info(`again ${id}`);\n});\n',
        [
          { ruleId: "shipshape/no-interpolated-log", line: 3, column: 13, endLine: 4, endColumn: 11 },
          { ruleId: "shipshape/no-interpolated-log", line: 5, column: 13, endLine: 5, endColumn: 26 },
        ],
      ],
      [
        // SQL in migration code, linted as a virtual block whose positions are mapped back.
        "migrations/20240101_drop.ts",
        'import type { Knex } from "knex";\nexport async function up(knex: Knex) {\n  await knex.raw(`ALTER TABLE a DROP COLUMN b`);\n}\n',
        [
          { ruleId: "shipshape/no-drop-column", line: 3, column: 33, endLine: 3, endColumn: 46 },
          { ruleId: "shipshape/require-lock-timeout", line: 3, column: 33, endLine: 3, endColumn: 46 },
        ],
      ],
    ];
    for (const [filePath, text, expected] of files) {
      const lineEnds = filePath.endsWith(".sql") ? ["\n", "\r\n", "\r"] : ["\n", "\r\n"];
      for (const lineEnd of lineEnds) {
        const outcome = await linter.lint({ filePath, text: text.replaceAll("\n", lineEnd) }, 10_000);
        expect(brief(messagesOf(outcome, 10_000)), `${filePath} with ${JSON.stringify(lineEnd)}`).toEqual(expected);
      }
    }
  });
});

describe("the command", () => {
  const DROP = (table: string) => `ALTER TABLE ${table} DROP COLUMN x;\n`;
  const byName = (results: JsonResult[], dir: string) =>
    Object.fromEntries(results.map((result) => [path.relative(dir, result.filePath), result.messages]));

  it("NUL bytes, invalid UTF-8 and a BOM in each language end in findings or a fatal finding with a position; a BOM moves nothing", () => {
    const dir = folder("encodings");
    const texts: Record<string, [string, string]> = {
      sql: ["SET lock_timeout = '1s';\nALTER TABLE a DROP COLUMN b;\n", "-- "],
      yaml: ["apiVersion: v1\nkind: Pod\nspec: {terminationGracePeriodSeconds: 0, containers: [{name: a, image: a}]}\n", "# "],
      ts: ['import pino from "pino";\nconst logger = pino(); app.post("/", () => {\nlogger.info(`user ${id} logged in`);\n});\n', "// "],
    };
    const invalidUtf8 = Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80, 0xf0, 0x82, 0x82, 0xac]);
    for (const [extension, [text, comment]] of Object.entries(texts)) {
      const variants: Record<string, Buffer> = {
        plain: Buffer.from(text),
        nul: Buffer.from(`${text}\u0000\n`),
        "nul-in-comment": Buffer.from(`${comment}\u0000\n${text}`),
        "invalid-utf8": Buffer.concat([Buffer.from(text), invalidUtf8, Buffer.from("\n")]),
        "invalid-utf8-in-comment": Buffer.concat([Buffer.from(comment), invalidUtf8, Buffer.from(`\n${text}`)]),
        bom: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
      };
      for (const [variant, bytes] of Object.entries(variants)) fs.writeFileSync(path.join(dir, `${variant}.${extension}`), bytes);
    }
    const run = shipshape(dir, ["-f", "json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    const messages = byName(json(run.stdout), dir);
    expect(Object.keys(messages)).toHaveLength(18);
    for (const [file, found] of Object.entries(messages)) {
      expect(found.length, file).toBeGreaterThan(0);
      expectPlaced(found);
    }
    const positions = (file: string) => messages[file]!.map(({ ruleId, line, column, fatal }) => ({ ruleId, line, column, fatal }));
    for (const extension of Object.keys(texts)) expect(positions(`bom.${extension}`)).toEqual(positions(`plain.${extension}`));
    // NUL never belongs in SQL text: the file is taken for binary, as a whole.
    expect(positions("nul.sql")).toEqual([{ ruleId: null, line: 1, column: 1, fatal: true }]);
    expect(positions("nul.ts")).toEqual([{ ruleId: null, line: 5, column: 1, fatal: true }]);
  });

  it("symbolic link loops, between files and from a folder to its parent, end in findings without a hang", () => {
    const dir = folder("links");
    writeFiles(dir, { "ok.sql": DROP("a"), "sub/x.sql": DROP("b") });
    fs.symlinkSync("b.sql", path.join(dir, "a.sql"));
    fs.symlinkSync("a.sql", path.join(dir, "b.sql"));
    fs.symlinkSync("..", path.join(dir, "sub/up"));
    fs.symlinkSync(".", path.join(dir, "self"));
    const loop = { fatal: true, line: 1, column: 1, message: expect.stringMatching(/symbolic link in a loop/u) };
    const whole = shipshape(dir, ["-f", "json"]);
    expect(whole.stderr).toBe("");
    expect(whole.code).toBe(1);
    const messages = byName(json(whole.stdout), dir);
    expect(Object.keys(messages).sort()).toEqual(["a.sql", "b.sql", "ok.sql", "sub/x.sql"]);
    expect(messages["a.sql"]).toMatchObject([loop]);
    expect(messages["ok.sql"]).toMatchObject([{ ruleId: "shipshape/no-drop-column" }, { ruleId: "shipshape/require-lock-timeout" }]);
    // A folder named through a link is walked like ESLint walks it; the loops in it are found too.
    const throughLink = shipshape(dir, ["-f", "json", "self", "sub/up"]);
    expect(throughLink.stderr).toBe("");
    const linked = byName(json(throughLink.stdout), dir);
    expect(linked["self/b.sql"]).toMatchObject([loop]);
    expect(linked["sub/up/a.sql"]).toMatchObject([loop]);
    expect(linked["sub/up/sub/x.sql"]).toMatchObject([{ ruleId: "shipshape/no-drop-column" }, { ruleId: "shipshape/require-lock-timeout" }]);
  });

  it("a file deleted after the run found it becomes a fatal finding, and the others are linted", () => {
    const dir = folder("deleted");
    writeFiles(dir, { "a.sql": DROP("a"), "gone.sql": DROP("g"), "z.sql": DROP("z") });
    const gone = path.join(dir, "gone.sql");
    // Deleted at the moment ESLint reads it (see delete-on-read.mjs): the same point on every run.
    for (const args of [["."], ["a.sql", "gone.sql", "z.sql"]]) {
      writeFiles(dir, { "gone.sql": DROP("g") });
      const run = spawnSync(process.execPath, ["--import", DELETE_ON_READ, BIN, "-f", "json", ...args], {
        cwd: dir,
        encoding: "utf8",
        timeout: 60_000,
        env: { ...process.env, SHIPSHAPE_DELETE_ON_READ: gone },
      });
      expect(run.stderr).toBe("");
      expect(run.status).toBe(1);
      expect(fs.existsSync(gone)).toBe(false);
      const messages = byName(json(run.stdout), dir);
      expect(messages["gone.sql"]).toMatchObject([{ ruleId: null, fatal: true, line: 1, column: 1, message: expect.stringMatching(/ENOENT/u) }]);
      expect(messages["a.sql"]).toMatchObject([{ ruleId: "shipshape/no-drop-column" }, { ruleId: "shipshape/require-lock-timeout" }]);
      expect(messages["z.sql"]).toMatchObject([{ ruleId: "shipshape/no-drop-column" }, { ruleId: "shipshape/require-lock-timeout" }]);
    }
  });

  it("lints 5,000 paths given on its command line and reports every one", () => {
    const dir = folder("many");
    const names: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const name = ["m", "d", "s"][i % 3]! + String(i).padStart(4, "0") + [".sql", ".yaml", ".ts"][i % 3]!;
      const text = [
        DROP(`t${i}`),
        `apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}}\nspec: {terminationGracePeriodSeconds: 0, containers: [{name: a, image: a}]}\n`,
        `import pino from "pino";\nconst logger = pino(); app.post("/", () => {\nlogger.info(\`user \${id} ${i}\`);\n});\n`,
      ][i % 3]!;
      fs.writeFileSync(path.join(dir, name), text);
      names.push(name);
    }
    // The report (some MB) goes to a file: standard output is what the CLI tests read through a pipe.
    const run = shipshape(dir, ["-f", "json", "-o", "report.json", ...names]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    const results = json(fs.readFileSync(path.join(dir, "report.json"), "utf8"));
    expect(results.map((result) => path.basename(result.filePath)).sort()).toEqual([...names].sort());
    const firstRule = (prefix: string) => new Set(results.filter((r) => path.basename(r.filePath).startsWith(prefix)).map((r) => r.messages[0]?.ruleId));
    expect(firstRule("m")).toEqual(new Set(["shipshape/no-drop-column"]));
    expect(firstRule("d")).toEqual(new Set(["shipshape/no-zero-shutdown-grace"]));
    expect(firstRule("s")).toEqual(new Set(["shipshape/no-interpolated-log"]));
  }, 120_000);
});
