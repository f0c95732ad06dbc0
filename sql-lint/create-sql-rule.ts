import type { Position, RuleDefinition, RuleContext, RulesMeta, SourceLocation, SuggestedEdit, ViolationReport } from "@eslint/core";
import { ConfigCommentParser } from "@eslint/plugin-kit";
import type { TSESLint } from "@typescript-eslint/utils";
import { BUILDER_MESSAGES, builderChangesOf, builderMessageId } from "./analysis/change-advice.ts";
import type { SqlNode } from "./language/parse-sql.ts";
import { projectDialect } from "./language/project-dialect.ts";
import { onFirstUse } from "../rules/utils/lazy-module.ts";
import type * as SchemaBuilderFindingsModule from "../rules/utils/schema-builder-findings.ts";
import { docsUrl, type ShipshapeDocs } from "../rules/utils/docs-url.ts";
import type { SqlLanguageOptions } from "./language/sql-language.ts";
import type { SqlComment, SqlSourceCode } from "./language/sql-source-code.ts";

type SqlNodeType = SqlNode["type"];
type SqlNodeOfType<T extends SqlNodeType> = Extract<SqlNode, { type: T }>;

/** A SQL rule's visitor: one typed handler per CST node type, plus `:exit` handlers. */
export type SqlRuleVisitor = {
  [T in SqlNodeType]?: (node: SqlNodeOfType<T>, parent: SqlNode | undefined) => void;
} & {
  [T in SqlNodeType as `${T}:exit`]?: (node: SqlNodeOfType<T>, parent: SqlNode | undefined) => void;
};

export type SqlRuleContext<Options extends unknown[], MessageIds extends string> = RuleContext<{
  LangOptions: SqlLanguageOptions;
  Code: SqlSourceCode;
  RuleOptions: Options;
  Node: SqlNode;
  MessageIds: MessageIds;
}>;

export type SqlRuleDefinition<Options extends unknown[] = unknown[], MessageIds extends string = string> = RuleDefinition<{
  LangOptions: SqlLanguageOptions;
  Code: SqlSourceCode;
  RuleOptions: Options;
  Visitor: SqlRuleVisitor;
  Node: SqlNode;
  MessageIds: MessageIds;
  ExtRuleDocs: SqlRuleDocs;
}>;

/**
 * `ownSuggestions`: the rule suggests changes of its own. Every SQL rule has `hasSuggestions`,
 * for the "disable for this line" suggestion, so the rule table reads this flag instead.
 */
type SqlRuleDocs = ShipshapeDocs & { ownSuggestions: boolean };

export const SQL_LANGUAGE_ID = "shipshape/sql";
/** ESLint's JavaScript language, which TypeScript files parsed by typescript-eslint use too. */
const JS_LANGUAGE_ID = "js/js";

/** The builder-call analysis, which reads JS/TS with typescript-eslint's utilities: loaded for the first JS/TS file only. */
const schemaBuilderFindings = onFirstUse<typeof SchemaBuilderFindingsModule>("../rules/utils/schema-builder-findings", import.meta.url);

interface SqlRuleSpec<Options extends unknown[], MessageIds extends string> {
  name: string;
  meta: Omit<RulesMeta<MessageIds, Options, ShipshapeDocs>, "docs" | "messages"> & {
    docs: { description: string } & ShipshapeDocs;
    messages: Record<MessageIds, string>;
  };
  create(context: SqlRuleContext<Options, MessageIds>): SqlRuleVisitor;
}

/**
 * The message of the suggestion every SQL finding carries. ESLint's language server writes its own
 * "Disable <rule> for this line" quick fix with a comment syntax it looks up by the editor's
 * language id, from a fixed list without SQL, so in a `.sql` file it writes `//`, which is not SQL.
 */
export const DISABLE_FOR_LINE = "shipshapeDisableForLine";
const DISABLE_FOR_LINE_MESSAGE = "Disable {{rule}} for this line with a SQL comment";
/** Left for the author to replace: a disable comment says why the finding does not apply. */
const REASON_PLACEHOLDER = "<reason>";

const commentParser = new ConfigCommentParser();

/** The line ESLint reports a finding on, the one `eslint-disable-next-line` has to precede. */
function reportedLine(sourceCode: SqlSourceCode, descriptor: ViolationReport<SqlNode, string>): number {
  const { loc, node } = descriptor as { loc?: SourceLocation | Position; node?: SqlNode };
  if (loc) return "start" in loc ? loc.start.line : loc.line;
  return sourceCode.getLoc(node!).start.line;
}

const nextLineDirectives = new WeakMap<SqlSourceCode, Map<number, SqlComment>>();

/** The file's `eslint-disable-next-line` comments by the line they end on, read once per file. */
function nextLineDirectivesByLine(sourceCode: SqlSourceCode): Map<number, SqlComment> {
  let found = nextLineDirectives.get(sourceCode);
  if (!found) {
    found = new Map();
    for (const comment of sourceCode.getInlineConfigNodes()) {
      if (commentParser.parseDirective(comment.value)?.label === "eslint-disable-next-line") found.set(sourceCode.getLoc(comment).end.line, comment);
    }
    nextLineDirectives.set(sourceCode, found);
  }
  return found;
}

/** The line ending after `line`, else the file's first one, for the comment line to end like the others. */
function lineEnding(sourceCode: SqlSourceCode, lineStart: number, lineText: string): string {
  const { text } = sourceCode;
  const end = lineStart + lineText.length;
  if (text.startsWith("\r\n", end)) return "\r\n";
  if (text[end] === "\r" || text[end] === "\n") return text[end]!;
  return /\r\n|\r|\n/u.exec(text)?.[0] ?? "\n";
}

/**
 * The edit that silences `ruleId` on `line`: its name added to an `eslint-disable-next-line`
 * comment on the line before (a new comment line there would separate that one from its line),
 * else a `-- eslint-disable-next-line` comment above the line, indented like it.
 */
function disableEdit(sourceCode: SqlSourceCode, ruleId: string, line: number): { at: number; text: string } {
  const previous = nextLineDirectivesByLine(sourceCode).get(line - 1);
  if (previous) {
    const valueStart = previous.range[0] + previous.text.indexOf(previous.value);
    const justification = /\s-{2,}\s/u.exec(previous.value);
    return { at: valueStart + (justification ? justification.index : previous.value.trimEnd().length), text: `, ${ruleId}` };
  }
  const lineStart = sourceCode.getIndexFromLoc({ line, column: 0 });
  const lineText = sourceCode.lines[line - 1] ?? "";
  const indentation = /^[ \t]*/u.exec(lineText)![0];
  const eol = lineEnding(sourceCode, lineStart, lineText);
  return { at: lineStart, text: `${indentation}-- eslint-disable-next-line ${ruleId} -- ${REASON_PLACEHOLDER}${eol}` };
}

const assuredRegions = new WeakMap<SqlSourceCode, [number, number][]>();

/**
 * The regions between `-- safety-assured:start` and `-- safety-assured:end`: statements a reviewer
 * checked against the live database and marked safe, the convention of diesel-guard (a
 * migration linter for Rust's diesel). An unclosed region runs to the end of the file.
 */
function safetyAssuredRegions(sourceCode: SqlSourceCode): [number, number][] {
  let regions = assuredRegions.get(sourceCode);
  if (!regions) {
    regions = [];
    let start: number | undefined;
    for (const comment of sourceCode.comments) {
      const marker = /^\s*safety-assured:(start|end)\s*$/iu.exec(comment.value)?.[1]?.toLowerCase();
      if (marker === "start" && start === undefined) start = comment.range[1];
      else if (marker === "end" && start !== undefined) {
        regions.push([start, comment.range[0]]);
        start = undefined;
      }
    }
    if (start !== undefined) regions.push([start, sourceCode.text.length]);
    assuredRegions.set(sourceCode, regions);
  }
  return regions;
}

function isSafetyAssured(sourceCode: SqlSourceCode, descriptor: ViolationReport<SqlNode, string>): boolean {
  if (!sourceCode.text.includes("safety-assured")) return false;
  const node = (descriptor as { node?: SqlNode }).node;
  const offset = node?.range?.[0] ?? ("loc" in descriptor && descriptor.loc ? sourceCode.getIndexFromLoc("start" in descriptor.loc ? descriptor.loc.start : descriptor.loc) : undefined);
  return offset !== undefined && safetyAssuredRegions(sourceCode).some(([start, end]) => start <= offset && offset < end);
}

/**
 * A rule's context with a `report` of its own. ESLint's context is frozen; an object made with it
 * as its prototype would turn every rule's context into a prototype, which V8 makes slowly (3 %
 * of a run over thousands of files), so this one class reads through to it instead.
 */
class ReportingContext<Options extends unknown[], MessageIds extends string> {
  readonly #context: SqlRuleContext<Options, MessageIds>;
  readonly report: (descriptor: ViolationReport<SqlNode, MessageIds>) => void;
  constructor(context: SqlRuleContext<Options, MessageIds>, report: (descriptor: ViolationReport<SqlNode, MessageIds>) => void) {
    this.#context = context;
    this.report = report;
    Object.freeze(this);
  }
  get id(): string {
    return this.#context.id;
  }
  get options(): Options {
    return this.#context.options;
  }
  get sourceCode(): SqlSourceCode {
    return this.#context.sourceCode;
  }
  get filename(): string {
    return this.#context.filename;
  }
  get physicalFilename(): string {
    return this.#context.physicalFilename;
  }
  get cwd(): string {
    return this.#context.cwd;
  }
  get languageOptions(): SqlRuleContext<Options, MessageIds>["languageOptions"] {
    return this.#context.languageOptions;
  }
  get settings(): SqlRuleContext<Options, MessageIds>["settings"] {
    return this.#context.settings;
  }
}

/** The rule's context, with a "disable for this line" suggestion added to every report. */
function withDisableSuggestion<Options extends unknown[], MessageIds extends string>(
  context: SqlRuleContext<Options, MessageIds>,
): SqlRuleContext<Options, MessageIds> {
  const report = (descriptor: ViolationReport<SqlNode, MessageIds>): void => {
    const { sourceCode } = context;
    if (isSafetyAssured(sourceCode, descriptor)) return;
    const { at, text } = disableEdit(sourceCode, context.id, reportedLine(sourceCode, descriptor));
    const suggestion = {
      messageId: DISABLE_FOR_LINE,
      data: { rule: context.id },
      fix: (fixer) => fixer.insertTextBeforeRange([at, at], text),
    } as SuggestedEdit<string> as SuggestedEdit<MessageIds>;
    context.report({ ...descriptor, suggest: [...(descriptor.suggest ?? []), suggestion] });
  };
  return new ReportingContext(context, report) as unknown as SqlRuleContext<Options, MessageIds>;
}

/**
 * Defines a SQL rule: `meta.docs.url` comes from its name and `meta.languages` is the SQL language.
 * Every finding gets a suggestion that disables the rule for its line with a `--` comment.
 */
export function createSqlRule<Options extends unknown[] = [], MessageIds extends string = string>({
  name,
  meta,
  create,
}: SqlRuleSpec<Options, MessageIds>): SqlRuleDefinition<Options, MessageIds> {
  // The same change made by a schema-builder call in a migration written in code (`table.dropColumn()`).
  const builderKinds = builderChangesOf(name);
  const builderMessages = Object.fromEntries(builderKinds.map((kind) => [builderMessageId(kind), BUILDER_MESSAGES[kind]]));
  return {
    meta: {
      ...meta,
      docs: { ...meta.docs, url: docsUrl(name), ownSuggestions: meta.hasSuggestions === true },
      messages: { ...meta.messages, ...builderMessages, [DISABLE_FOR_LINE]: DISABLE_FOR_LINE_MESSAGE },
      hasSuggestions: true,
      languages: builderKinds.length > 0 ? [SQL_LANGUAGE_ID, JS_LANGUAGE_ID] : [SQL_LANGUAGE_ID],
    },
    create(context) {
      if ((context.sourceCode.ast as { type: string }).type !== "Program") return create(withDisableSuggestion(context));
      // A JS/TS file: its migration code's builder calls, in the database the project's tooling names.
      const jsContext = context as unknown as Parameters<typeof SchemaBuilderFindingsModule.schemaBuilderListeners>[0];
      return schemaBuilderFindings().schemaBuilderListeners(jsContext, {
        kinds: new Set(builderKinds),
        dialect: projectDialect(context.physicalFilename) ?? "postgresql",
        messageId: builderMessageId,
      }) as TSESLint.RuleListener as SqlRuleVisitor;
    },
  };
}
