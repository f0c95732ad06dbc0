import rule from "../../../sql-lint/rules/unparsable-statement.ts";
import { sqlRuleTester } from "../../helpers/rule-testers.ts";

const error = (line: number, column: number, message: string) => ({
  messageId: "unparsable",
  data: { message },
  line,
  column,
  endLine: line,
  endColumn: column + 1,
});

sqlRuleTester().run("unparsable-statement", rule, {
  valid: [
    "SELECT 1;",
    "",
    "-- only a comment\n/* and another */\n",
    // PostgreSQL's own parser reads what sql-parser-cst does not.
    "VACUUM FULL orders;\nCLUSTER orders USING orders_pkey;\nALTER TABLE events DETACH PARTITION events_2020 CONCURRENTLY;",
    // A semicolon inside quotes, dollar quotes or comments does not end a statement.
    "SELECT ';' AS a;\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS $fn$ SELECT 1; $fn$;\n/* ; */ SELECT 2;",
    { code: "CREATE TRIGGER t AFTER INSERT ON a BEGIN INSERT INTO b VALUES (1); UPDATE c SET d = 1; END;", languageOptions: { dialect: "sqlite" } },
  ],
  invalid: [
    {
      code: "SELECT 1;\nALTER TABLE users DROP COLUMN;\nSELECT 2;",
      errors: [error(2, 30, 'Unexpected ";", expected "IF", identifier, or whitespace')],
    },
    {
      // Neither parser reads it: only this statement is lost.
      code: "CREATE TABLE a (id int);\nALTR TABLE a ADD b int;\nCREATE TABLE c (id int);",
      errors: [error(2, 1, 'Unexpected "ALTR"')],
    },
    {
      // An unterminated dollar quote runs to the end of the file.
      code: "SELECT 1;\nDO $$ BEGIN PERFORM 1;",
      errors: [{ messageId: "unparsable", line: 2, endLine: 2 }],
    },
  ],
});

// MySQL and MariaDB: node-sql-parser reads what sql-parser-cst does not, clause by clause.
sqlRuleTester().run("unparsable-statement (MySQL, MariaDB)", rule, {
  valid: [
    {
      code: "ALTER TABLE users MODIFY email VARCHAR(320) NOT NULL, ALGORITHM=INPLACE, LOCK=NONE;\nALTER TABLE users CONVERT TO CHARACTER SET utf8mb4, FORCE;\nALTER TABLE t ADD INDEX i (a), DROP FOREIGN KEY fk;",
      languageOptions: { dialect: "mysql" },
    },
    {
      code: "CREATE TABLE t (id INT UNSIGNED NOT NULL AUTO_INCREMENT, PRIMARY KEY (id), KEY k (id)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;",
      languageOptions: { dialect: "mariadb" },
    },
    {
      // Stored programs: valid MySQL that neither parser reads, and that changes no table when it runs.
      code: "DROP PROCEDURE IF EXISTS p;\nCREATE DEFINER=`admin`@`%` PROCEDURE p(IN t VARCHAR(64))\nBEGIN\n  SET @q = CONCAT('DROP INDEX i ON ', t);\n  PREPARE s FROM @q;\n  EXECUTE s;\nEND;\nCALL p('users');",
      languageOptions: { dialect: "mysql" },
    },
  ],
  invalid: [
    {
      // The clause neither parser reads is where the finding points; the other statements are still read.
      code: "ALTER TABLE users MODIFY a INT;\nALTER TABLE users ADD COLUMN b INT, FROBNICATE c;\nALTER TABLE users DROP COLUMN d;",
      languageOptions: { dialect: "mysql" },
      errors: [error(2, 37, 'Unexpected "FROBNICATE", expected "ADD", "ALTER", "DROP", "RENAME", or whitespace')],
    },
    {
      // Only the stored-program statements themselves are recognised, not a misspelling.
      code: "CREATE PROCEDURAL p;",
      languageOptions: { dialect: "mysql" },
      errors: [{ messageId: "unparsable", line: 1 }],
    },
  ],
});
