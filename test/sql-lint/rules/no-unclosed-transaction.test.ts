import rule from "../../../sql-lint/rules/no-unclosed-transaction.ts";
import { sqlRuleTester } from "../../helpers/rule-testers.ts";

sqlRuleTester().run("no-unclosed-transaction", rule, {
  valid: [
    "BEGIN;\nALTER TABLE users ADD COLUMN a int;\nCOMMIT;",
    "START TRANSACTION;\nSELECT 1;\nROLLBACK;",
    "BEGIN;\nSELECT 1;\nEND;",
    "ALTER TABLE users ADD COLUMN a int;",
    // BEGIN … END inside a DO block is PL/pgSQL block syntax, not a transaction.
    "DO $$ BEGIN PERFORM 1; END $$;",
  ],
  invalid: [
    {
      code: "BEGIN;\nALTER TABLE users ADD COLUMN a int;",
      errors: [{ messageId: "unclosed", line: 1, column: 1, endLine: 1, endColumn: 6 }],
    },
    {
      code: "BEGIN;\nSELECT 1;\nCOMMIT;\nSTART TRANSACTION;\nSELECT 2;",
      errors: [{ messageId: "unclosed", line: 4, column: 1, endLine: 4, endColumn: 18 }],
    },
  ],
});
