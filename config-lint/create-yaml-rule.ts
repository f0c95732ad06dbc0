import type { RuleDefinition, RuleContext, RulesMeta } from "@eslint/core";
import type { YAMLSourceCode } from "eslint-plugin-yml";
import type { AST } from "yaml-eslint-parser";
import { docsUrl, type ShipshapeDocs } from "../rules/utils/docs-url.ts";

/**
 * shipshape's YAML language (config-lint/language/yaml-language.ts): eslint-plugin-yml's
 * `yml/yaml`, which parses with yaml-eslint-parser, guarded against hostile files and templates.
 */
export const YAML_LANGUAGE_ID = "shipshape/yaml";
/** eslint-plugin-yml's own language: the rules run on it as well, for configs that use it directly. */
export const YML_LANGUAGE_ID = "yml/yaml";

type YamlNodeType = AST.YAMLNode["type"];
type YamlNodeOfType<T extends YamlNodeType> = Extract<AST.YAMLNode, { type: T }>;

export type YamlRuleVisitor = {
  [T in YamlNodeType]?: (node: YamlNodeOfType<T>) => void;
} & {
  [T in YamlNodeType as `${T}:exit`]?: (node: YamlNodeOfType<T>) => void;
};

type YamlRuleTypes<Options extends unknown[], MessageIds extends string> = {
  LangOptions: Record<string, unknown>;
  Code: YAMLSourceCode;
  RuleOptions: Options;
  Node: AST.YAMLNode;
  MessageIds: MessageIds;
};

export type YamlRuleContext<Options extends unknown[], MessageIds extends string> = RuleContext<
  YamlRuleTypes<Options, MessageIds>
>;

export type YamlRuleDefinition<Options extends unknown[] = unknown[], MessageIds extends string = string> = RuleDefinition<
  YamlRuleTypes<Options, MessageIds> & { Visitor: YamlRuleVisitor; ExtRuleDocs: ShipshapeDocs }
>;

interface YamlRuleSpec<Options extends unknown[], MessageIds extends string> {
  name: string;
  meta: Omit<RulesMeta<MessageIds, Options, ShipshapeDocs>, "docs" | "messages"> & {
    docs: { description: string } & ShipshapeDocs;
    messages: Record<MessageIds, string>;
  };
  create(context: YamlRuleContext<Options, MessageIds>): YamlRuleVisitor;
}

/** Defines a YAML rule: `meta.docs.url` comes from its name; it runs on `shipshape/yaml` and `yml/yaml`. */
export function createYamlRule<Options extends unknown[] = [], MessageIds extends string = string>({
  name,
  meta,
  create,
}: YamlRuleSpec<Options, MessageIds>): YamlRuleDefinition<Options, MessageIds> {
  return {
    meta: { ...meta, docs: { ...meta.docs, url: docsUrl(name) }, languages: [YAML_LANGUAGE_ID, YML_LANGUAGE_ID] },
    create,
  };
}

/** The location of a range of source offsets, for reports on part of a scalar (`KEY=value`, a password in a URL). */
export function locOfRange(sourceCode: YAMLSourceCode, range: readonly [number, number]): AST.SourceLocation {
  return { start: sourceCode.getLocFromIndex(range[0]), end: sourceCode.getLocFromIndex(range[1]) };
}
