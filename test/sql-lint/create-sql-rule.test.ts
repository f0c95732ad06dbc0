/**
 * What createSqlRule gives every SQL rule: a "disable for this line" suggestion on each finding
 * that writes a `--` comment (ESLint's language server writes `//` into SQL files), placed where
 * ESLint applies it, and that silences that finding and no other.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Linter, RuleTester } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../index.ts";
import { DISABLE_FOR_LINE } from "../../sql-lint/create-sql-rule.ts";
import noDropColumn from "../../sql-lint/rules/no-drop-column.ts";
import requireConcurrentIndex from "../../sql-lint/rules/require-concurrent-index.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const sqlRules = Object.entries(plugin.rules).filter(([, rule]) => rule.meta?.languages?.includes("shipshape/sql"));

// ESLint's own RuleTester: the helper in test/helpers leaves this suggestion out of the rules' own tests.
const ruleTester = new RuleTester({ language: "shipshape/sql", plugins: { shipshape: plugin } });
const disable = (rule: string, output: string) => ({ messageId: DISABLE_FOR_LINE, data: { rule: `rule-to-test/${rule}` }, output });

ruleTester.run("no-drop-column", noDropColumn, {
  valid: ["ALTER TABLE users ADD COLUMN email text;"],
  invalid: [
    {
      code: "SET lock_timeout = '5s';\nALTER TABLE users DROP COLUMN email;\n",
      errors: [
        {
          messageId: "dropColumn",
          line: 2,
          suggestions: [
            disable(
              "no-drop-column",
              "SET lock_timeout = '5s';\n-- eslint-disable-next-line rule-to-test/no-drop-column -- <reason>\nALTER TABLE users DROP COLUMN email;\n",
            ),
          ],
        },
      ],
    },
    {
      // Inside a multi-line statement the comment goes above the finding's own line, indented like it.
      code: "BEGIN;\n  ALTER TABLE users\n    DROP COLUMN email,\n\tDROP COLUMN name;\nCOMMIT;",
      errors: [
        {
          messageId: "dropColumn",
          line: 3,
          suggestions: [
            disable(
              "no-drop-column",
              "BEGIN;\n  ALTER TABLE users\n    -- eslint-disable-next-line rule-to-test/no-drop-column -- <reason>\n    DROP COLUMN email,\n\tDROP COLUMN name;\nCOMMIT;",
            ),
          ],
        },
        {
          messageId: "dropColumn",
          line: 4,
          suggestions: [
            disable(
              "no-drop-column",
              "BEGIN;\n  ALTER TABLE users\n    DROP COLUMN email,\n\t-- eslint-disable-next-line rule-to-test/no-drop-column -- <reason>\n\tDROP COLUMN name;\nCOMMIT;",
            ),
          ],
        },
      ],
    },
    {
      // Windows line ends stay Windows line ends.
      code: "SELECT 1;\r\nALTER TABLE users DROP COLUMN email;",
      errors: [
        {
          messageId: "dropColumn",
          suggestions: [disable("no-drop-column", "SELECT 1;\r\n-- eslint-disable-next-line rule-to-test/no-drop-column -- <reason>\r\nALTER TABLE users DROP COLUMN email;")],
        },
      ],
    },
    {
      // A comment line between a next-line directive and its line would break it: the name is added to it.
      code: "-- eslint-disable-next-line shipshape/no-rename -- legacy\nALTER TABLE users DROP COLUMN email;",
      errors: [
        {
          messageId: "dropColumn",
          suggestions: [
            disable("no-drop-column", "-- eslint-disable-next-line shipshape/no-rename, rule-to-test/no-drop-column -- legacy\nALTER TABLE users DROP COLUMN email;"),
          ],
        },
      ],
    },
    {
      code: "/* eslint-disable-next-line shipshape/no-rename */\nALTER TABLE users DROP COLUMN email;",
      errors: [
        {
          messageId: "dropColumn",
          suggestions: [
            disable("no-drop-column", "/* eslint-disable-next-line shipshape/no-rename, rule-to-test/no-drop-column */\nALTER TABLE users DROP COLUMN email;"),
          ],
        },
      ],
    },
    {
      // In a DO block's body, as PostgreSQL runs it.
      code: "DO $$\nBEGIN\n  ALTER TABLE users DROP COLUMN email;\nEND\n$$;",
      errors: [
        {
          messageId: "dropColumn",
          line: 3,
          suggestions: [
            disable("no-drop-column", "DO $$\nBEGIN\n  -- eslint-disable-next-line rule-to-test/no-drop-column -- <reason>\n  ALTER TABLE users DROP COLUMN email;\nEND\n$$;"),
          ],
        },
      ],
    },
  ],
});

ruleTester.run("require-concurrent-index", requireConcurrentIndex, {
  valid: [],
  invalid: [
    {
      // The rule's own suggestion comes first.
      code: "ALTER TABLE users ADD COLUMN email text;\nCREATE INDEX users_email_idx ON users (email);",
      output: null,
      errors: [
        {
          messageId: "createIndex",
          suggestions: [
            { messageId: "addConcurrently", output: "ALTER TABLE users ADD COLUMN email text;\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);" },
            disable(
              "require-concurrent-index",
              "ALTER TABLE users ADD COLUMN email text;\n-- eslint-disable-next-line rule-to-test/require-concurrent-index -- <reason>\nCREATE INDEX users_email_idx ON users (email);",
            ),
          ],
        },
      ],
    },
  ],
});

describe("every SQL rule", () => {
  it.each(sqlRules)("%s declares the suggestion", (_name, rule) => {
    expect(rule.meta?.hasSuggestions).toBe(true);
    expect(rule.meta?.messages?.[DISABLE_FOR_LINE]).toBe("Disable {{rule}} for this line with a SQL comment");
  });

  /** The SQL examples of the rules' doc pages that the rules report, with their dialect. */
  function incorrectExamples(): { name: string; code: string; dialect: string | undefined }[] {
    const found: { name: string; code: string; dialect: string | undefined }[] = [];
    for (const [name] of sqlRules) {
      const page = fs.readFileSync(path.join(ROOT, "docs/rules", `${name}.md`), "utf8");
      for (const match of page.matchAll(/^### Incorrect\n[\s\S]*?^```sql(?:\s+dialect=(\w+))?\n([\s\S]*?)^```$/gmu)) {
        // Without a dialect the page's example is assumed PostgreSQL, as a project without config is.
        found.push({ name, code: match[2]!, dialect: match[1] });
      }
    }
    return found;
  }

  it("silences exactly the finding it is offered on, in the examples of every SQL rule's page", () => {
    const linter = new Linter();
    // The opt-in rules on too, so their examples are checked like the others'.
    const optIn = Object.fromEntries(
      sqlRules.filter(([, rule]) => (rule.meta?.docs as { recommended?: unknown } | undefined)?.recommended === false).map(([name]) => [`shipshape/${name}`, "warn" as const]),
    );
    const lint = (code: string, dialect: string | undefined) =>
      linter.verify(
        code,
        [...plugin.configs.recommended, { files: ["**/*.sql"], rules: optIn, languageOptions: dialect ? { dialect } : {} }],
        path.join(ROOT, "example.sql"),
      );
    const examples = incorrectExamples();
    expect(new Set(examples.map((example) => example.name)).size).toBe(sqlRules.length);
    for (const { name, code, dialect } of examples) {
      const findings = lint(code, dialect).filter((message) => message.ruleId?.startsWith("shipshape/"));
      expect(findings.length, name).toBeGreaterThan(0);
      for (const finding of findings) {
        const suggestion = finding.suggestions?.at(-1);
        expect(suggestion?.desc, `${name}: ${finding.message}`).toBe(`Disable ${finding.ruleId} for this line with a SQL comment`);
        const { range, text } = suggestion!.fix;
        const disabled = code.slice(0, range[0]) + text + code.slice(range[1]);
        const after = lint(disabled, dialect);
        const sameRule = (message: Linter.LintMessage) => message.ruleId === finding.ruleId;
        const onItsLine = findings.filter((other) => sameRule(other) && other.line === finding.line).length;
        expect(after.filter((message) => message.fatal || message.ruleId === null), `${name}: ${disabled}`).toEqual([]);
        expect(after.filter(sameRule).length, `${name}: ${disabled}`).toBe(findings.filter(sameRule).length - onItsLine);
      }
    }
  });
});

// Statements a reviewer marked safe with diesel-guard's `-- safety-assured:start` / `:end` are not reported.
ruleTester.run("no-drop-column", noDropColumn, {
  valid: [
    "SET lock_timeout = '5s';\n-- safety-assured:start\n-- the column has not been read since release 41\nALTER TABLE users DROP COLUMN email;\n-- safety-assured:end\n",
    // An unclosed region runs to the end of the file.
    "SET lock_timeout = '5s';\n-- safety-assured:start\nALTER TABLE users DROP COLUMN email;\n",
  ],
  invalid: [
    {
      code: "SET lock_timeout = '5s';\n-- safety-assured:start\nALTER TABLE users DROP COLUMN email;\n-- safety-assured:end\nALTER TABLE users DROP COLUMN phone;\n",
      errors: [
        {
          messageId: "dropColumn",
          line: 5,
          suggestions: [
            disable(
              "no-drop-column",
              "SET lock_timeout = '5s';\n-- safety-assured:start\nALTER TABLE users DROP COLUMN email;\n-- safety-assured:end\n-- eslint-disable-next-line rule-to-test/no-drop-column -- <reason>\nALTER TABLE users DROP COLUMN phone;\n",
            ),
          ],
        },
      ],
    },
    // A mention of the marker in the middle of a comment is not one.
    {
      code: "SET lock_timeout = '5s';\n-- not safety-assured:start yet\nALTER TABLE users DROP COLUMN email;\n",
      errors: [{ messageId: "dropColumn", line: 3, suggestions: [disable("no-drop-column", "SET lock_timeout = '5s';\n-- not safety-assured:start yet\n-- eslint-disable-next-line rule-to-test/no-drop-column -- <reason>\nALTER TABLE users DROP COLUMN email;\n")] }],
    },
  ],
});
