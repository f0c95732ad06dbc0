/**
 * Deprecated: each SQL rule now reports the schema-builder calls that make its change, under its
 * own name (see rules/utils/schema-builder-findings.ts). Kept so configurations that name it
 * keep working; it reports every kind, as before.
 */
import { createRule } from "./utils/create-rule.ts";
import { docsUrl } from "./utils/docs-url.ts";
import { BUILDER_MESSAGES, RULE_OF_BUILDER_CHANGE } from "../sql-lint/analysis/change-advice.ts";
import { schemaBuilderListeners } from "./utils/schema-builder-findings.ts";
import type { SchemaChangeKind } from "./utils/schema-builder-changes.ts";

type Options = [{ dialect?: "postgresql" | "mysql" | "sqlite" }];

const KINDS = new Set(Object.keys(BUILDER_MESSAGES) as SchemaChangeKind[]);

export default createRule<Options, SchemaChangeKind>({
  name: "no-unsafe-schema-builder-call",
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow schema-builder calls in migrations (Knex, Kysely, Sequelize, node-pg-migrate, TypeORM) that break the code still running during a deploy or block production traffic",
      recommended: false,
    },
    deprecated: {
      message: "Each SQL rule now reports the schema-builder calls that make its change, under its own name.",
      url: docsUrl("no-unsafe-schema-builder-call"),
      replacedBy: [...new Set(Object.values(RULE_OF_BUILDER_CHANGE))].map((name) => ({ rule: { name: `shipshape/${name}`, url: docsUrl(name) } })),
    },
    schema: [
      {
        type: "object",
        properties: { dialect: { type: "string", enum: ["postgresql", "mysql", "sqlite"], description: "The database the migrations run against (default PostgreSQL)." } },
        additionalProperties: false,
      },
    ],
    messages: BUILDER_MESSAGES,
  },
  defaultOptions: [{ dialect: "postgresql" }],
  create(context, [{ dialect = "postgresql" }]) {
    return schemaBuilderListeners(context, { kinds: KINDS, dialect, messageId: (kind) => kind });
  },
});
