import { pathToFileURL } from "node:url";
import type { ESLint, Linter, Rule } from "eslint";
import type { Location, Log, Notification, ReportingDescriptor, Result } from "sarif";
import plugin from "../../index.ts";
import packageJson from "../../package.json" with { type: "json" };
import { pathInRoot, reportRoot } from "./report-paths.ts";
import { plainText, ruleHelp } from "./rule-docs.ts";

/** The final SARIF 2.1.0 schema (OASIS Standard incorporating Approved Errata 01). */
export const SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/** GitHub code scanning rejects a run with more results than this. */
export const MAX_RESULTS_PER_RUN = 25_000;
/** GitHub code scanning limits a rule's short and full description to this many characters. */
export const MAX_DESCRIPTION_LENGTH = 1024;

/** The base the artifact paths are relative to: the repository root, SARIF's conventional name. */
const SOURCE_ROOT = "%SRCROOT%";

/**
 * Findings that no rule made, with a descriptor of their own: GitHub shows a result only with a
 * rule to file it under, and a file that does not parse must not vanish from code scanning.
 */
const PARSE_ERROR = "shipshape/parse-error";
const LINT_NOTICE = "shipshape/lint-notice";

const LANGUAGE_TAGS: Record<string, string[]> = {
  "shipshape/sql": ["sql"],
  "shipshape/yaml": ["yaml"],
};

type RuleMeta = Rule.RuleMetaData & { languages?: string[]; docs?: { recommended?: "error" | "warn" | false } };

function level(severity: Linter.Severity | number): "error" | "warning" {
  return severity === 2 ? "error" : "warning";
}

/** A `reportingDescriptor` with what GitHub displays beside an alert: descriptions, help, severity, tags. */
function shipshapeDescriptor(id: string, meta: RuleMeta): ReportingDescriptor {
  const name = id.slice("shipshape/".length);
  const description = meta.docs?.description ?? name;
  const url = meta.docs?.url;
  const help = url ? ruleHelp(name, url, MAX_DESCRIPTION_LENGTH) : undefined;
  const recommended = meta.docs?.recommended;
  const languages = meta.languages ?? [];
  const languageTags = languages.length === 0 ? ["javascript", "typescript"] : (LANGUAGE_TAGS[languages[0]!] ?? []);
  const tags = [...languageTags, ...(meta.type ? [meta.type] : [])];
  return {
    id,
    name,
    shortDescription: { text: description },
    fullDescription: { text: help?.fullDescription || description },
    help: help ? { text: help.text, markdown: help.markdown } : { text: url ? `${description}\n\n${url}` : description },
    ...(url ? { helpUri: url } : {}),
    defaultConfiguration: { level: recommended === "error" ? "error" : "warning" },
    properties: {
      tags,
      "problem.severity": recommended === "error" ? "error" : recommended === "warn" ? "warning" : "recommendation",
    },
  };
}

function helpFrom(markdown: string): { text: string; markdown: string } {
  return { text: plainText(markdown), markdown };
}

function engineDescriptors(): ReportingDescriptor[] {
  const readme = packageJson.homepage;
  return [
    {
      id: PARSE_ERROR,
      name: "parse-error",
      shortDescription: { text: "A file that shipshape could not parse or read, so no rule checked it" },
      fullDescription: {
        text:
          "The parser of the file's language (SQL in its dialect, YAML, JavaScript or TypeScript) rejected the file, or the " +
          "file could not be read. None of shipshape's rules checked it, so a breaking change in it would go unnoticed.",
      },
      help: helpFrom(
        "A file that does not parse was not checked by any rule.\n\n" +
          "- If the database, the YAML loader or the compiler would reject it too, fix it: a migration that fails halfway leaves the schema in between.\n" +
          "- If it is valid SQL of another dialect, say which (`--dialect`, or `languageOptions.dialect` in `eslint.config.js`).\n" +
          "- If it is not meant to be linted (a template, generated code), ignore it in `.gitignore` or in `eslint.config.js`.",
      ),
      helpUri: readme,
      defaultConfiguration: { level: "error" },
      properties: { tags: ["correctness"], "problem.severity": "error" },
    },
    {
      id: LINT_NOTICE,
      name: "lint-notice",
      shortDescription: { text: "A notice of the lint engine: an unused eslint-disable directive, or a file given that the config ignores" },
      fullDescription: {
        text:
          "ESLint, which runs shipshape's rules, reports disable directives that no longer silence anything " +
          "and files named on the command line that the configuration ignores.",
      },
      help: helpFrom("Remove the `eslint-disable` directive that silences nothing, or stop naming the ignored file."),
      helpUri: readme,
      defaultConfiguration: { level: "warning" },
      properties: { tags: ["maintainability"], "problem.severity": "warning" },
    },
  ];
}

/** The rules of the run: every shipshape rule (GitHub expects the same rules in every analysis), and any other rule with results. */
function descriptors(results: ESLint.LintResult[], rulesMeta: Record<string, Rule.RuleMetaData>): ReportingDescriptor[] {
  const byId = new Map<string, ReportingDescriptor>();
  for (const [name, rule] of Object.entries(plugin.rules)) {
    byId.set(`shipshape/${name}`, shipshapeDescriptor(`shipshape/${name}`, (rule as { meta?: RuleMeta }).meta ?? {}));
  }
  for (const descriptor of engineDescriptors()) byId.set(descriptor.id, descriptor);
  for (const result of results) {
    for (const message of result.messages) {
      if (!message.ruleId || byId.has(message.ruleId)) continue;
      const meta = rulesMeta[message.ruleId] as RuleMeta | undefined;
      const description = meta?.docs?.description ?? message.ruleId;
      const url = meta?.docs?.url;
      byId.set(message.ruleId, {
        id: message.ruleId,
        name: message.ruleId,
        shortDescription: { text: description },
        fullDescription: { text: description },
        help: { text: url ? `${description}\n\n${url}` : description },
        ...(url ? { helpUri: url } : {}),
      });
    }
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A relative path as a URI reference: each segment percent-encoded (spaces, `#`, `%`, `?`). */
function relativeUri(relative: string): string {
  return relative.split("/").map(encodeURIComponent).join("/");
}

function location(filePath: string, root: string, message: Linter.LintMessage): Location {
  const relative = pathInRoot(root, filePath);
  // Relative to the repository root; a file outside it keeps an absolute file URL.
  const artifactLocation = relative ? { uri: relativeUri(relative), uriBaseId: SOURCE_ROOT } : { uri: pathToFileURL(filePath).href };
  // ESLint's lines and columns are 1-based and count UTF-16 code units, as SARIF's do with
  // columnKind utf16CodeUnits. Without an end ESLint marks a point, and SARIF's region then
  // runs to the end of the line.
  const region = {
    startLine: Math.max(message.line || 1, 1),
    startColumn: Math.max(message.column || 1, 1),
    ...(message.endLine ? { endLine: message.endLine, ...(message.endColumn ? { endColumn: message.endColumn } : {}) } : {}),
  };
  return { physicalLocation: { artifactLocation, region } };
}

/**
 * The results as a SARIF 2.1.0 log for GitHub code scanning: tool `shipshape` with its version,
 * every rule with its description, help from its doc page and default level, and results whose
 * paths are relative to the repository root (`%SRCROOT%`), so that they land on the right file
 * whatever folder shipshape ran in. Suppressed findings are left out, as in the other formats.
 */
export function formatSarif(results: ESLint.LintResult[], options: { cwd: string; rulesMeta: Record<string, Rule.RuleMetaData> }): string {
  const root = reportRoot(options.cwd);
  const rules = descriptors(results, options.rulesMeta);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));

  const sarifResults: Result[] = [];
  for (const result of results) {
    for (const message of result.messages) {
      const ruleId = message.ruleId ?? (message.fatal ? PARSE_ERROR : LINT_NOTICE);
      sarifResults.push({
        ruleId,
        ruleIndex: ruleIndex.get(ruleId)!,
        level: level(message.severity),
        message: { text: message.message },
        locations: [location(result.filePath, root, message)],
      });
    }
  }

  const notifications: Notification[] = [];
  let kept = sarifResults;
  if (sarifResults.length > MAX_RESULTS_PER_RUN) {
    // Errors first (a stable sort keeps the file order within a level), then cut at GitHub's limit.
    kept = sarifResults
      .map((result, index) => ({ result, index }))
      .sort((a, b) => (a.result.level === b.result.level ? a.index - b.index : a.result.level === "error" ? -1 : 1))
      .slice(0, MAX_RESULTS_PER_RUN)
      .sort((a, b) => a.index - b.index)
      .map(({ result }) => result);
    notifications.push({
      level: "warning",
      message: {
        text:
          `${sarifResults.length - MAX_RESULTS_PER_RUN} of ${sarifResults.length} results were left out, warnings first: ` +
          `GitHub code scanning rejects a run with more than ${MAX_RESULTS_PER_RUN} results. ` +
          "Lint what a pull request changes (--changed-since) or record the existing findings in a baseline (--suppress-all).",
      },
    });
  }

  const log: Log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: packageJson.name,
            version: packageJson.version,
            semanticVersion: packageJson.version,
            informationUri: packageJson.homepage,
            rules,
          },
        },
        invocations: [{ executionSuccessful: true, ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}) }],
        originalUriBaseIds: {
          [SOURCE_ROOT]: { uri: pathToFileURL(root).href.replace(/\/?$/u, "/"), description: { text: "The repository root." } },
        },
        columnKind: "utf16CodeUnits",
        results: kept,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
