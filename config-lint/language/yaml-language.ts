import type { File, FileError, Language, OkParseResult, ParseResult } from "@eslint/core";
import { languages, type YAMLSourceCode } from "eslint-plugin-yml";
import { ParseError, parseYAML, type AST } from "yaml-eslint-parser";
import { isGeneratedFile } from "../../rules/utils/generated-file.ts";
import { isHelmChartTemplate } from "./helm-chart.ts";
import { findParserOverload, MAX_MAPPING_KEYS, MAX_NESTING_DEPTH, MAX_SEQUENCE_ENTRIES } from "./nesting-depth.ts";
import { hasTemplatedStructure, templateActionOffset, templateStopsParsing } from "./template-syntax.ts";

/** eslint-plugin-yml's `yml/yaml` language: shipshape's language parses as it does and delegates the rest to it. */
const ymlLanguage = languages.yaml;

type YamlLanguageOptions = Parameters<typeof ymlLanguage.normalizeLanguageOptions>[0];
type YamlParseOptions = NonNullable<Parameters<typeof parseYAML>[1]>;

/** What shipshape's YAML rules learn from the parse beyond the AST, as `sourceCode.parserServices`. */
export interface ShipshapeYamlServices {
  isYAML?: boolean;
  /** Set when the file is a template (Helm, Jinja): where its first template action is. It was not parsed. */
  unrenderedTemplate?: { line: number; column: number };
}

interface YamlParseResult extends OkParseResult<AST.YAMLProgram> {
  unrenderedTemplate?: { line: number; column: number };
}

/** 1-based line and column of an offset. */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = Math.max(before.lastIndexOf("\n"), before.lastIndexOf("\r")) + 1;
  return { line: (before.match(/\r\n|\r|\n/gu)?.length ?? 0) + 1, column: offset - lineStart + 1 };
}

function parseError(error: unknown): FileError {
  if (error instanceof ParseError) return { message: error.message, line: error.lineNumber, column: error.column + 1 };
  return { message: error instanceof Error ? error.message : String(error), line: 1, column: 1 };
}

/**
 * An empty program standing for a file that is not linted: every line but full-line `#`
 * comments is blanked out (lengths kept), so `# eslint-disable` comments still apply and every
 * position stays where it was.
 */
function commentsOnly(text: string, options: YamlParseOptions): AST.YAMLProgram {
  const blanked = text.replace(/^(?![ \t]*#).*$/gmu, (line) => " ".repeat(line.length));
  try {
    return parseYAML(blanked, options);
  } catch {
    return parseYAML(text.replace(/[^\r\n]/gu, " "), options);
  }
}

/**
 * The `shipshape/yaml` language: eslint-plugin-yml's `yml/yaml` (the same yaml-eslint-parser
 * AST, source code and options, so eslint-plugin-yml's rules run on it too), with these
 * differences in how a file is parsed:
 * - collections nested deeper than {@link MAX_NESTING_DEPTH} levels are refused before the
 *   parser sees them: `yaml` recurses per level and a crafted file would exhaust the stack or
 *   the heap of the whole ESLint process (an editor's server, a CI check); so are mappings of
 *   more than {@link MAX_MAPPING_KEYS} keys and sequences of more than {@link MAX_SEQUENCE_ENTRIES}
 *   entries, which the parser reads in time that grows with the square of their size;
 * - a template (Helm's `{{ .Values.x }}`, Jinja) is not YAML until rendered: it is parsed as
 *   empty, instead of a parse error that says nothing useful or findings on half-parsed text;
 *   outside a Helm chart's `templates/` folder `shipshape/no-unrendered-template` says once
 *   that it was skipped;
 * - a file whose leading comments say a generator wrote it (`# Code generated … DO NOT EDIT.`)
 *   is parsed as empty too: its findings could only be fixed in the generator's input;
 * - parse errors carry 1-based columns, as ESLint expects.
 */
export const yamlLanguage: Language<{
  LangOptions: YamlLanguageOptions;
  Code: YAMLSourceCode;
  RootNode: AST.YAMLProgram;
  Node: AST.YAMLNode;
}> = {
  fileType: "text",
  lineStart: 1,
  columnStart: 0,
  nodeTypeKey: "type",

  validateLanguageOptions(options: YamlLanguageOptions): void {
    ymlLanguage.validateLanguageOptions(options);
  },

  normalizeLanguageOptions(options: YamlLanguageOptions): YamlLanguageOptions {
    return ymlLanguage.normalizeLanguageOptions(options);
  },

  parse(file: File, context: { languageOptions: YamlLanguageOptions }): ParseResult<AST.YAMLProgram> {
    const text = typeof file.body === "string" ? file.body : new TextDecoder().decode(file.body);
    const options: YamlParseOptions = { filePath: file.path, defaultYAMLVersion: context.languageOptions.parserOptions?.defaultYAMLVersion };
    if (isGeneratedFile(text)) return { ok: true, ast: commentsOnly(text, options) };
    const overload = findParserOverload(text);
    if (overload) {
      const what =
        "depth" in overload
          ? `Collections nest more than ${MAX_NESTING_DEPTH} levels deep here, which no real configuration does and which would exhaust the YAML parser`
          : overload.collection === "mapping"
            ? `This mapping has more than ${MAX_MAPPING_KEYS} keys, which no real configuration has and which the YAML parser takes minutes to read`
            : `This sequence has more than ${MAX_SEQUENCE_ENTRIES} entries, which no real configuration has and which the YAML parser takes minutes to read`;
      return { ok: false, errors: [{ message: `${what}; the file was not parsed. Check what generated it.`, ...position(text, overload.offset) }] };
    }
    const templateAt = templateActionOffset(text);
    let ast: AST.YAMLProgram | undefined;
    let error: FileError | undefined;
    try {
      ast = parseYAML(text, options);
    } catch (thrown) {
      error = parseError(thrown);
    }
    // A template is a file whose template actions are its structure: it parses into shapes no
    // hand-written YAML has, or it parses only once they are taken out. A file that fails to
    // parse elsewhere is broken YAML, and gets its parse error like any other.
    if (templateAt >= 0 && (ast ? hasTemplatedStructure(ast) : templateStopsParsing(text))) {
      // A chart's own templates are Helm's to render: skipped without a word. Elsewhere, say so once.
      if (isHelmChartTemplate(file.path)) return { ok: true, ast: commentsOnly(text, options) };
      const skipped: YamlParseResult = { ok: true, ast: commentsOnly(text, options), unrenderedTemplate: position(text, templateAt) };
      return skipped;
    }
    return ast ? { ok: true, ast } : { ok: false, errors: [error ?? { message: "The file could not be parsed", line: 1, column: 1 }] };
  },

  createSourceCode(file: File, result: YamlParseResult): YAMLSourceCode {
    const sourceCode = ymlLanguage.createSourceCode(file, result);
    // eslint-plugin-yml creates a fresh services object for every file.
    if (result.unrenderedTemplate) Object.assign(sourceCode.parserServices, { unrenderedTemplate: result.unrenderedTemplate });
    return sourceCode;
  },
};
