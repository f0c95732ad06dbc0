import type { RuleDefinition, RuleContext, RulesMeta } from "@eslint/core";
import type { SqlNode } from "./language/parse-sql.ts";
import { docsUrl, type ShipshapeDocs } from "../rules/utils/docs-url.ts";
import type { SqlLanguageOptions } from "./language/sql-language.ts";
import type { SqlSourceCode } from "./language/sql-source-code.ts";

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
  ExtRuleDocs: ShipshapeDocs;
}>;

export const SQL_LANGUAGE_ID = "shipshape/sql";

interface SqlRuleSpec<Options extends unknown[], MessageIds extends string> {
  name: string;
  meta: Omit<RulesMeta<MessageIds, Options, ShipshapeDocs>, "docs" | "messages"> & {
    docs: { description: string } & ShipshapeDocs;
    messages: Record<MessageIds, string>;
  };
  create(context: SqlRuleContext<Options, MessageIds>): SqlRuleVisitor;
}

/** Defines a SQL rule: `meta.docs.url` comes from its name and `meta.languages` is the SQL language. */
export function createSqlRule<Options extends unknown[] = [], MessageIds extends string = string>({
  name,
  meta,
  create,
}: SqlRuleSpec<Options, MessageIds>): SqlRuleDefinition<Options, MessageIds> {
  return {
    meta: { ...meta, docs: { ...meta.docs, url: docsUrl(name) }, languages: [SQL_LANGUAGE_ID] },
    create,
  };
}
