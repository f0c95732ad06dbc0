/**
 * The `shipshape/yaml` language on bad and hostile input: every file ends in findings or one
 * fatal finding with a position, never a crash, and no input makes the work explode.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { findDeepNesting, MAX_NESTING_DEPTH } from "../../../config-lint/language/nesting-depth.ts";
import { withoutTemplateActions } from "../../../config-lint/language/template-syntax.ts";
import plugin from "../../../index.ts";

const eslint = new ESLint({
  cwd: import.meta.dirname,
  overrideConfigFile: true,
  overrideConfig: [...plugin.configs["recommended-yaml"], { files: ["**/*.yaml", "**/*.yml"], rules: { "yml/no-empty-mapping-value": "warn" } }],
});

async function lint(text: string, filePath = "deploy/app.yaml") {
  const [result] = await eslint.lintText(text, { filePath });
  return result!.messages;
}

const brief = (messages: { ruleId: string | null; line: number; column: number; fatal?: boolean }[]) =>
  messages.map(({ ruleId, line, column, fatal }) => ({ ruleId, line, column, ...(fatal ? { fatal } : {}) }));

describe("the shipshape/yaml language", () => {
  it("is what the recommended config lints YAML with, and eslint-plugin-yml's rules still run on it", async () => {
    expect(plugin.configs["recommended-yaml"].find((config) => config.files)!.language).toBe("shipshape/yaml");
    expect(brief(await lint("apiVersion: v1\nkind: ConfigMap\ndata:\n  EMPTY:\n"))).toEqual([
      { ruleId: "yml/no-empty-mapping-value", line: 4, column: 3 },
    ]);
  });

  it("reports invalid YAML as one fatal finding at its 1-based position", async () => {
    expect(brief(await lint("apiVersion: v1\nkind: [Pod\n"))).toEqual([{ ruleId: null, line: 3, column: 1, fatal: true }]);
    expect(brief(await lint("a: b\n  c: d\n"))).toEqual([{ ruleId: null, line: 1, column: 4, fatal: true }]);
    expect(brief(await lint("ok: 1\r\nbad: : :\r\n"))).toEqual([{ ruleId: null, line: 2, column: 6, fatal: true }]);
  });

  it("accepts empty files, comments only and multi-document streams", async () => {
    expect(await lint("")).toEqual([]);
    expect(await lint("# nothing here\n")).toEqual([]);
    expect(await lint("---\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n...\n")).toEqual([]);
  });

  it("skips a Helm template with one warning, and honours eslint-disable comments in it", async () => {
    const helm = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include "app.fullname" . }}\n  labels:\n    {{- include "app.labels" . | nindent 4 }}\n';
    expect(brief(await lint(helm, "chart/templates/service.yaml"))).toEqual([
      { ruleId: "shipshape/no-unrendered-template", line: 4, column: 9 },
    ]);
    expect(await lint(`# eslint-disable shipshape/no-unrendered-template\n${helm}`, "chart/templates/service.yaml")).toEqual([]);
  });

  it("treats a file as a template only when its template actions are what keeps it from parsing", async () => {
    // The actions are the structure: without them the file parses (the branches of an if/else repeat a key).
    const template = "apiVersion: v1\nkind: ConfigMap\ndata:\n{{- if .Values.x }}\n  mode: a\n{{- else }}\n  mode: b\n{{- end }}\n";
    expect(brief(await lint(template, "deploy/configmap.yaml"))).toEqual([{ ruleId: "shipshape/no-unrendered-template", line: 4, column: 1 }]);
    // Broken elsewhere: an alert text quotes an action, and a flow sequence further down is never closed.
    const broken = 'groups:\n  - name: x\n    rules:\n      - alert: Down\n        annotations:\n          summary: "{{ $labels.instance }} is down"\n        expr: [up == 0\n';
    expect(brief(await lint(broken, "deploy/alerts.yaml"))).toEqual([{ ruleId: null, line: 8, column: 1, fatal: true }]);
    // Parses, actions only inside strings: an ordinary file, checked as usual.
    const parsed = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "{{ .Release.Name }}"\ndata:\n  EMPTY:\n';
    expect(brief(await lint(parsed, "deploy/configmap.yaml"))).toEqual([{ ruleId: "yml/no-empty-mapping-value", line: 6, column: 3 }]);
  });

  it("takes template actions out in one pass, keeping every offset", () => {
    const text = "a: {{ .x }}\n  {{- if .y }}\nb: {% z %}\n{{ never closed";
    const without = withoutTemplateActions(text);
    expect(without).toBe(`a: ________\n${" ".repeat(14)}\nb: _______\n{{ never closed`);
    expect(without).toHaveLength(text.length);
    const started = performance.now();
    withoutTemplateActions(`${"x: {{ y }} ".repeat(200_000)}${"{{".repeat(200_000)}`);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("does not expand alias bombs", async () => {
    let bomb = 'x-l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n';
    for (let level = 1; level < 40; level++) bomb += `x-l${level}: &l${level} [${Array(9).fill(`*l${level - 1}`).join(", ")}]\n`;
    bomb += "services:\n  api:\n    image: api\n    command: *l39\n    environment: *l39\n";
    const started = performance.now();
    expect(await lint(bomb, "compose.yaml")).toEqual([]);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("merges a merge-key bomb once per mapping", async () => {
    // 9^15 merges if each were followed; merge chains deeper than 20 are not followed at all.
    let bomb = 'x-e0: &e0 {ADMIN_PASSWORD: "hunter2-prod"}\n';
    for (let level = 1; level < 16; level++) {
      bomb += `x-e${level}: &e${level} {<<: [${Array(9).fill(`*e${level - 1}`).join(", ")}], VAR${level}: "${level}"}\n`;
    }
    bomb += "services:\n  api:\n    image: api\n    environment: *e15\n";
    const started = performance.now();
    expect(brief(await lint(bomb, "compose.yaml"))).toEqual([{ ruleId: "shipshape/no-literal-secret-in-config", line: 1, column: 28 }]);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe("the guard against deep nesting", () => {
  it("finds the first collection past the limit, block or flow, without recursing", () => {
    expect(findDeepNesting("a:\n  b:\n    - [1, {c: 2}]\n")).toBeNull();
    const block = Array.from({ length: MAX_NESTING_DEPTH + 10 }, (_, level) => `${" ".repeat(level)}k:`).join("\n");
    expect(findDeepNesting(block)).toMatchObject({ depth: MAX_NESTING_DEPTH + 1 });
    const started = performance.now();
    expect(findDeepNesting(`${"[".repeat(1_000_000)}`)).toMatchObject({ offset: MAX_NESTING_DEPTH - 1 });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  // Each input runs in a child process: should the guard fail, the parser could exhaust the
  // stack or the heap of the process that parses it, and that must not be vitest's.
  const script = fileURLToPath(new URL("lint-hostile-yaml.ts", import.meta.url));
  it.each([
    // Where the 201st level opens (after the document and the mapping it is in).
    ["flow-sequences", 1, 202],
    ["flow-mappings", 1, 797],
    ["unclosed-flow", 2, 205],
    ["block-sequences", 1, 399],
  ])("reports 100,000 levels of %s as one fatal finding", (kind, line, column) => {
    const child = spawnSync(process.execPath, ["--import", "tsx", "--max-old-space-size=256", script, kind], {
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(child.status, child.stderr).toBe(0);
    const messages = JSON.parse(child.stdout) as { ruleId: string | null; fatal?: boolean; line: number; column: number; message: string }[];
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ ruleId: null, fatal: true, line, column });
    expect(messages[0]!.message).toMatch(/nest more than 200 levels deep/u);
  });
});
