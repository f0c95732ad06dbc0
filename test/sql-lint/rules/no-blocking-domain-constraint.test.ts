import rule from "../../../sql-lint/rules/no-blocking-domain-constraint.ts";
import { sqlRuleTester } from "../../helpers/rule-testers.ts";

const at = (messageId: string, line: number, column: number, endColumn: number, data?: Record<string, string>) => ({
  messageId,
  ...(data ? { data } : {}),
  line,
  column,
  endLine: line,
  endColumn,
});
const addNotValid = (output: string) => [{ messageId: "addNotValid", output }];

sqlRuleTester().run("no-blocking-domain-constraint", rule, {
  valid: [
    "ALTER DOMAIN positive_amount ADD CONSTRAINT positive_amount_check CHECK (VALUE > 0) NOT VALID;",
    "ALTER DOMAIN positive_amount DROP CONSTRAINT positive_amount_check;",
    "ALTER DOMAIN positive_amount DROP NOT NULL;",
    "ALTER DOMAIN positive_amount SET DEFAULT 1;",
    // PostgreSQL 19 validates a domain constraint without blocking writes.
    { code: "ALTER DOMAIN positive_amount VALIDATE CONSTRAINT positive_amount_check;", languageOptions: { pgVersion: 19 } },
    // A domain created earlier in the same migration is used by no existing column.
    "CREATE DOMAIN public.email AS text;\nALTER DOMAIN email ADD CONSTRAINT email_check CHECK (VALUE LIKE '%@%');\nALTER DOMAIN email SET NOT NULL;",
    // Table constraints are other rules' business.
    "ALTER TABLE users ADD CONSTRAINT users_age_check CHECK (age > 0);",
    "-- migrate:up\nSELECT 1;\n-- migrate:down\nALTER DOMAIN email SET NOT NULL;",
  ],
  invalid: [
    {
      code: "ALTER DOMAIN positive_amount ADD CONSTRAINT positive_amount_check CHECK (VALUE > 0);",
      errors: [
        {
          ...at("domainCheck", 1, 30, 84, { domain: "positive_amount" }),
          suggestions: addNotValid("ALTER DOMAIN positive_amount ADD CONSTRAINT positive_amount_check CHECK (VALUE > 0) NOT VALID;"),
        },
      ],
    },
    {
      code: 'ALTER DOMAIN "public"."Email" ADD CHECK (VALUE ~ \'@\');',
      errors: [{ ...at("domainCheck", 1, 31, 54, { domain: "Email" }), suggestions: addNotValid('ALTER DOMAIN "public"."Email" ADD CHECK (VALUE ~ \'@\') NOT VALID;') }],
    },
    { code: "ALTER DOMAIN email SET NOT NULL;", errors: [at("domainNotNull", 1, 20, 32, { domain: "email" })] },
    { code: "DO $$ BEGIN ALTER DOMAIN email SET NOT NULL; END $$;", errors: [at("domainNotNull", 1, 32, 44, { domain: "email" })] },
    { code: "ALTER DOMAIN email ADD CONSTRAINT email_not_null NOT NULL;", errors: [at("domainNotNull", 1, 20, 58, { domain: "email" })] },
    // Validating a domain constraint takes SHARE locks before PostgreSQL 19.
    {
      code: "ALTER DOMAIN positive_amount VALIDATE CONSTRAINT positive_amount_check;",
      errors: [at("domainValidate", 1, 30, 71, { domain: "positive_amount" })],
    },
    {
      code: "CREATE DOMAIN other AS int;\nALTER DOMAIN positive_amount VALIDATE CONSTRAINT positive_amount_check;",
      languageOptions: { pgVersion: 18 },
      errors: [at("domainValidate", 2, 30, 71)],
    },
  ],
});
