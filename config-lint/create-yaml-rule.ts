import type { RuleDefinition, RuleContext, RulesMeta } from "@eslint/core";
import type { YAMLSourceCode } from "eslint-plugin-yml";
import type { AST } from "yaml-eslint-parser";
import { docsUrl, type ShipshapeDocs } from "../rules/utils/docs-url.ts";

/** eslint-plugin-yml's language, which parses with yaml-eslint-parser; shipshape's YAML rules run on it. */
export const YAML_LANGUAGE_ID = "yml/yaml";

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

/** Defines a YAML rule: `meta.docs.url` comes from its name and `meta.languages` is `yml/yaml`. */
export function createYamlRule<Options extends unknown[] = [], MessageIds extends string = string>({
  name,
  meta,
  create,
}: YamlRuleSpec<Options, MessageIds>): YamlRuleDefinition<Options, MessageIds> {
  return {
    meta: { ...meta, docs: { ...meta.docs, url: docsUrl(name) }, languages: [YAML_LANGUAGE_ID] },
    create,
  };
}
