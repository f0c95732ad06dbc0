/**
 * shipshape in the editor: the ESLint language server that VS Code's ESLint extension, Neovim,
 * Helix and Zed run (`vscode-eslint-language-server --stdio` from vscode-langservers-extracted),
 * spoken to over stdio as an editor does, in a workspace whose eslint.config.js uses
 * `shipshape.configs.recommended`. Needs the build in dist/ (npm test builds first).
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPOSITORY_ROOT, requireBuild, temporaryFolder, writeFiles } from "./helpers/cli-process.ts";
import { LanguageServerClient } from "./helpers/language-server-client.ts";

const require = createRequire(import.meta.url);
const SERVER = path.join(path.dirname(require.resolve("vscode-langservers-extracted/package.json")), "bin/vscode-eslint-language-server");

const SQL = "SET lock_timeout = '5s';\nALTER TABLE users DROP COLUMN email;\n";
const YAML = "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: api\n      env:\n        - name: PORT\n          value: 8080\n";
const TS = 'import { Pool } from "pg";\n\nexport const pool = new Pool({ connectionString: "postgres://app:s3cret-pass@db.internal:5432/orders" });\n';

interface Position {
  line: number;
  character: number;
}
interface Range {
  start: Position;
  end: Position;
}
interface Diagnostic {
  code: string;
  severity: number;
  source: string;
  message: string;
  range: Range;
  codeDescription?: { href: string };
}
interface CodeAction {
  title: string;
  kind?: string;
  isPreferred?: boolean;
  command?: { command: string; arguments: unknown[] };
  edit?: WorkspaceEdit;
}
interface TextEdit {
  range: Range;
  newText: string;
}
interface WorkspaceEdit {
  changes?: Record<string, TextEdit[]>;
  documentChanges?: { textDocument: { uri: string }; edits: TextEdit[] }[];
}

/**
 * The settings an editor sends for every document (these are nvim-lspconfig's defaults, which
 * mirror the VS Code extension's): validate everything the client opens, flat config, no fix on save.
 */
function serverSettings(workspace: string) {
  return {
    validate: "on",
    packageManager: "npm",
    useESLintClass: false,
    useFlatConfig: true,
    experimental: {},
    codeAction: { disableRuleComment: { enable: true, location: "separateLine" }, showDocumentation: { enable: true } },
    codeActionOnSave: { enable: false, mode: "all" },
    format: false,
    quiet: false,
    onIgnoredFiles: "off",
    options: {},
    rulesCustomizations: [],
    run: "onType",
    problems: { shortenToSingleLine: false },
    nodePath: null,
    workingDirectory: { mode: "location" },
    workspaceFolder: { uri: pathToFileURL(workspace).href, name: path.basename(workspace) },
  };
}

/** What Helix's default languages.toml configures for `vscode-eslint-language-server`: no workspace folder, no flat-config opt-in. */
const HELIX_SETTINGS = {
  validate: "on",
  experimental: { useFlatConfig: false },
  rulesCustomizations: [],
  run: "onType",
  problems: { shortenToSingleLine: false },
  nodePath: "",
  codeAction: { disableRuleComment: { enable: true, location: "separateLine" }, showDocumentation: { enable: true } },
  workingDirectory: { mode: "location" },
};

/** Applies a workspace edit's text edits for `uri` to `text` (edits do not overlap; applied from the end). */
function applyEdits(text: string, uri: string, edit: WorkspaceEdit): string {
  const edits = [...(edit.changes?.[uri] ?? []), ...(edit.documentChanges?.filter((change) => change.textDocument.uri === uri).flatMap((change) => change.edits) ?? [])];
  const lineStarts = [0];
  for (let index = 0; index < text.length; index++) if (text[index] === "\n") lineStarts.push(index + 1);
  const offset = (position: Position) => lineStarts[position.line]! + position.character;
  let result = text;
  for (const { range, newText } of edits.sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
    result = result.slice(0, offset(range.start)) + newText + result.slice(offset(range.end));
  }
  return result;
}

let workspace: string;
let version = 0;

function uriOf(file: string): string {
  return pathToFileURL(path.join(workspace, file)).href;
}

/** Starts the server as an editor does and completes the initialize handshake. */
async function startServer(settings: unknown): Promise<LanguageServerClient> {
  const server = new LanguageServerClient({ command: process.execPath, args: [SERVER, "--stdio"], cwd: workspace, settings, requestTimeout: 60_000 });
  const initialized = await server.request<{ capabilities: { diagnosticProvider?: unknown; codeActionProvider?: unknown } }>("initialize", {
    processId: process.pid,
    clientInfo: { name: "shipshape-test" },
    rootUri: pathToFileURL(workspace).href,
    workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: path.basename(workspace) }],
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true, applyEdit: true, workspaceEdit: { documentChanges: true } },
      textDocument: {
        synchronization: { dynamicRegistration: false },
        diagnostic: { dynamicRegistration: false },
        publishDiagnostics: {},
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix", "source.fixAll.eslint"] } } },
      },
    },
  });
  expect(initialized.capabilities).toMatchObject({ diagnosticProvider: { identifier: "eslint" }, codeActionProvider: expect.anything() });
  server.notify("initialized", {});
  return server;
}

/** Opens a document as the editor does (the text comes from the editor buffer, not the disk) and pulls its diagnostics. */
async function open(server: LanguageServerClient, file: string, languageId: string, text: string): Promise<Diagnostic[]> {
  server.notify("textDocument/didOpen", { textDocument: { uri: uriOf(file), languageId, version: ++version, text } });
  return pull(server, file);
}

async function pull(server: LanguageServerClient, file: string): Promise<Diagnostic[]> {
  const report = await server.request<{ kind: string; items: Diagnostic[] }>("textDocument/diagnostic", { textDocument: { uri: uriOf(file) } });
  expect(report.kind).toBe("full");
  return report.items;
}

function change(server: LanguageServerClient, file: string, text: string): void {
  server.notify("textDocument/didChange", { textDocument: { uri: uriOf(file), version: ++version }, contentChanges: [{ text }] });
}

async function quickFixes(server: LanguageServerClient, file: string, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
  return server.request<CodeAction[]>("textDocument/codeAction", {
    textDocument: { uri: uriOf(file) },
    range: diagnostics[0]!.range,
    context: { diagnostics, only: ["quickfix"], triggerKind: 1 },
  });
}

/** Runs a code action's command; the server answers with a `workspace/applyEdit` request, which the client applies. */
async function runCommand(server: LanguageServerClient, action: CodeAction): Promise<WorkspaceEdit> {
  const before = server.appliedEdits.length;
  await server.request("workspace/executeCommand", action.command);
  expect(server.appliedEdits.length, "the command should ask the editor to apply an edit").toBe(before + 1);
  return server.appliedEdits.at(-1) as WorkspaceEdit;
}

const SQL_EXPECTED = {
  code: "shipshape/no-drop-column",
  severity: 1,
  source: "eslint",
  range: { start: { line: 1, character: 18 }, end: { line: 1, character: 35 } },
};
const YAML_EXPECTED = { code: "shipshape/no-k8s-non-string-value", severity: 1, range: { start: { line: 7, character: 17 }, end: { line: 7, character: 21 } } };

beforeAll(() => {
  requireBuild();
  workspace = temporaryFolder("shipshape-editor-");
  // The workspace installs shipshape and ESLint, as a project would (here: links to this checkout).
  fs.mkdirSync(path.join(workspace, "node_modules"));
  fs.symlinkSync(REPOSITORY_ROOT, path.join(workspace, "node_modules/shipshape"), "dir");
  fs.symlinkSync(path.join(REPOSITORY_ROOT, "node_modules/eslint"), path.join(workspace, "node_modules/eslint"), "dir");
  writeFiles(workspace, {
    "package.json": '{ "name": "service", "private": true, "type": "module" }\n',
    "eslint.config.js": 'import shipshape from "shipshape";\n\nexport default [...shipshape.configs.recommended];\n',
    // On disk as in a checkout; the server lints the editor's text, which the tests send.
    "db/migrations/0002_drop_email.sql": SQL,
    "deploy/pod.yaml": YAML,
    "src/db.ts": TS,
  });
});

afterAll(() => {
  if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
});

describe("the ESLint language server with shipshape's recommended config", { timeout: 120_000 }, () => {
  let server: LanguageServerClient;
  beforeAll(async () => {
    server = await startServer(serverSettings(workspace));
  }, 120_000);
  afterAll(async () => server?.stop(), 30_000);

  it("reports SQL findings at the offending clause", async () => {
    const diagnostics = await open(server, "db/migrations/0002_drop_email.sql", "sql", SQL);
    expect(diagnostics, server.log()).toMatchObject([{ ...SQL_EXPECTED, codeDescription: { href: expect.stringMatching(/docs\/rules\/no-drop-column\.md$/u) } }]);
    const titles = (await quickFixes(server, "db/migrations/0002_drop_email.sql", diagnostics)).map((action) => action.title);
    expect(titles).toContain("Disable shipshape/no-drop-column for this line");
  });

  it("offers a SQL disable comment as a quick fix, beside the server's own, which writes //", async () => {
    const file = "db/migrations/0002_drop_email.sql";
    change(server, file, SQL);
    const actions = await quickFixes(server, file, await pull(server, file));

    // The server's comment syntax comes from a table of language ids without SQL: // is not SQL.
    const own = actions.find((action) => action.command?.command === "eslint.applyDisableLine");
    expect(applyEdits(SQL, uriOf(file), await runCommand(server, own!))).toContain("\n// eslint-disable-next-line shipshape/no-drop-column\nALTER TABLE");
    // Its block comment for the whole file opens with /**, which ESLint does not read as a directive (nor in JS).
    const wholeFile = actions.find((action) => action.command?.command === "eslint.applyDisableFile");
    const disabledFile = applyEdits(SQL, uriOf(file), await runCommand(server, wholeFile!));
    expect(disabledFile).toMatch(/^\/\*\* eslint-disable shipshape\/no-drop-column \*\/\r?\n/u);
    change(server, file, disabledFile);
    expect(await pull(server, file)).toMatchObject([{ code: "shipshape/no-drop-column" }]);

    const suggestion = actions.find((action) => action.command?.command === "eslint.applySuggestion");
    expect(suggestion).toMatchObject({ title: "Disable shipshape/no-drop-column for this line with a SQL comment (shipshape/no-drop-column)", kind: "quickfix" });
    const disabled = applyEdits(SQL, uriOf(file), await runCommand(server, suggestion!));
    expect(disabled).toBe("SET lock_timeout = '5s';\n-- eslint-disable-next-line shipshape/no-drop-column -- <reason>\nALTER TABLE users DROP COLUMN email;\n");
    change(server, file, disabled);
    expect(await pull(server, file)).toEqual([]);
  });

  it("reports YAML findings and applies the rule's fix as a quick fix", async () => {
    const file = "deploy/pod.yaml";
    const diagnostics = await open(server, file, "yaml", YAML);
    expect(diagnostics, server.log()).toMatchObject([YAML_EXPECTED]);
    const fix = (await quickFixes(server, file, diagnostics)).find((action) => action.command?.command === "eslint.applySingleFix");
    expect(fix).toMatchObject({ title: "Fix this shipshape/no-k8s-non-string-value problem", kind: "quickfix", isPreferred: true });
    const fixed = applyEdits(YAML, uriOf(file), await runCommand(server, fix!));
    expect(fixed).toBe(YAML.replace("value: 8080", 'value: "8080"'));

    // The editor sends the fixed text; the finding goes away.
    change(server, file, fixed);
    expect(await pull(server, file)).toEqual([]);
  });

  it("writes a YAML comment for the disable quick fix, and the finding goes away", async () => {
    const file = "deploy/pod.yaml";
    change(server, file, YAML);
    const diagnostics = await pull(server, file);
    const disable = (await quickFixes(server, file, diagnostics)).find((action) => action.command?.command === "eslint.applyDisableLine");
    const disabled = applyEdits(YAML, uriOf(file), await runCommand(server, disable!));
    expect(disabled).toContain("\n          # eslint-disable-next-line shipshape/no-k8s-non-string-value\n          value: 8080\n");
    change(server, file, disabled);
    expect(await pull(server, file)).toEqual([]);
  });

  it("writes a YAML comment for the disable-for-the-file quick fix too", async () => {
    const file = "deploy/pod.yaml";
    change(server, file, YAML);
    const disable = (await quickFixes(server, file, await pull(server, file))).find((action) => action.command?.command === "eslint.applyDisableFile");
    const disabled = applyEdits(YAML, uriOf(file), await runCommand(server, disable!));
    expect(disabled).toMatch(/^# eslint-disable shipshape\/no-k8s-non-string-value \r?\napiVersion/u);
    change(server, file, disabled);
    expect(await pull(server, file)).toEqual([]);
  });

  it("offers the fix-all source action for YAML", async () => {
    const file = "deploy/pod.yaml";
    change(server, file, YAML);
    expect(await pull(server, file)).toHaveLength(1);
    const actions = await server.request<CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri: uriOf(file) },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ["source.fixAll.eslint"], triggerKind: 1 },
    });
    const fixAll = actions.find((action) => action.kind === "source.fixAll.eslint");
    expect(fixAll?.edit, JSON.stringify(actions)).toBeDefined();
    expect(applyEdits(YAML, uriOf(file), fixAll!.edit!)).toBe(YAML.replace("value: 8080", 'value: "8080"'));
  });

  it("reports TypeScript findings and offers the rule's suggestion as a quick fix", async () => {
    const file = "src/db.ts";
    const diagnostics = await open(server, file, "typescript", TS);
    expect(diagnostics, server.log()).toMatchObject([
      { code: "shipshape/no-hardcoded-config", severity: 1, range: { start: { line: 2, character: 49 }, end: { line: 2, character: 101 } } },
    ]);
    const suggestion = (await quickFixes(server, file, diagnostics)).find((action) => action.command?.command === "eslint.applySuggestion");
    expect(suggestion?.title).toMatch(/\(shipshape\/no-hardcoded-config\)$/u);
    const changed = applyEdits(TS, uriOf(file), await runCommand(server, suggestion!));
    expect(changed).toMatch(/connectionString: process\.env\.\w+/u);
  });

  it("does not validate a file the config does not cover", async () => {
    expect(await open(server, "README.md", "markdown", "# service\n")).toEqual([]);
  });
});

describe("with the settings Helix's default languages.toml gives the server", { timeout: 120_000 }, () => {
  let server: LanguageServerClient;
  beforeAll(async () => {
    server = await startServer(HELIX_SETTINGS);
  }, 120_000);
  afterAll(async () => server?.stop(), 30_000);

  it("reports SQL and YAML findings", async () => {
    expect(await open(server, "db/migrations/0002_drop_email.sql", "sql", SQL), server.log()).toMatchObject([SQL_EXPECTED]);
    expect(await open(server, "deploy/pod.yaml", "yaml", YAML), server.log()).toMatchObject([YAML_EXPECTED]);
  });
});

describe("beside @eslint/js's and typescript-eslint's recommended configs, which have no `files`", { timeout: 120_000 }, () => {
  let server: LanguageServerClient;
  beforeAll(async () => {
    // The project's usual setup: shipshape after the configs every TypeScript project has.
    for (const name of ["@eslint", "typescript-eslint", "@typescript-eslint", "typescript"]) {
      fs.symlinkSync(path.join(REPOSITORY_ROOT, "node_modules", name), path.join(workspace, "node_modules", name), "dir");
    }
    writeFiles(workspace, {
      "eslint.config.js": [
        'import js from "@eslint/js";',
        'import tseslint from "typescript-eslint";',
        'import shipshape from "shipshape";',
        "",
        "export default [js.configs.recommended, ...tseslint.configs.recommended, ...shipshape.configs.recommended];",
        "",
      ].join("\n"),
    });
    server = await startServer(serverSettings(workspace));
  }, 120_000);
  afterAll(async () => server?.stop(), 30_000);

  it("still reports SQL, YAML and TypeScript findings", async () => {
    expect(await open(server, "db/migrations/0002_drop_email.sql", "sql", SQL), server.log()).toMatchObject([SQL_EXPECTED]);
    expect(await open(server, "deploy/pod.yaml", "yaml", YAML), server.log()).toMatchObject([YAML_EXPECTED]);
    const typescript = await open(server, "src/db.ts", "typescript", TS);
    expect(typescript.map((diagnostic) => diagnostic.code), server.log()).toEqual(["shipshape/no-hardcoded-config"]);
  });
});
