import rule from "../../../sql-lint/rules/prefer-online-schema-change.ts";
import { sqlRuleTester } from "../../helpers/rule-testers.ts";

const mysql = { dialect: "mysql" } as const;
const mariadb = { dialect: "mariadb" } as const;

const error = (what: string, line: number, column: number, endColumn: number, table = "users") => ({
  messageId: "rebuild",
  data: { what, table },
  line,
  column,
  endLine: line,
  endColumn,
});

sqlRuleTester().run("prefer-online-schema-change", rule, {
  valid: [
    // Instant or in place without a rebuild.
    { code: "ALTER TABLE users ADD COLUMN age INT NULL, ALGORITHM=INSTANT;", languageOptions: mysql },
    { code: "ALTER TABLE users ADD INDEX users_email_idx (email);", languageOptions: mysql },
    { code: "ALTER TABLE users RENAME INDEX users_email_idx TO users_email_index;", languageOptions: mysql },
    { code: "ALTER TABLE users AUTO_INCREMENT = 1000;", languageOptions: mysql },
    // Blocking changes are reported once, by no-write-blocking-alter or no-blocking-alter-clause, whose advice covers this.
    { code: "ALTER TABLE users DROP PRIMARY KEY;", languageOptions: mysql },
    { code: "ALTER TABLE users ENGINE=InnoDB, CONVERT TO CHARACTER SET utf8mb4;", languageOptions: mysql },
    { code: "ALTER TABLE users FORCE, ALGORITHM=COPY;", languageOptions: mysql },
    // LOCK=NONE on a blocking change makes MySQL refuse the whole statement, rebuild included.
    { code: "ALTER TABLE users FORCE, CONVERT TO CHARACTER SET utf8mb4, LOCK=NONE;", languageOptions: mysql },
    // A table created by this migration is empty.
    { code: "CREATE TABLE tags (id INT NOT NULL) ENGINE=InnoDB;\nALTER TABLE tags ADD PRIMARY KEY (id);", languageOptions: mysql },
    // Not MySQL.
    "ALTER TABLE users ADD PRIMARY KEY (id);",
    { code: "ALTER TABLE users ADD COLUMN age INTEGER;", languageOptions: { dialect: "sqlite" } },
  ],
  invalid: [
    { code: "ALTER TABLE users DROP PRIMARY KEY, ADD PRIMARY KEY (id, org_id);", languageOptions: mysql, errors: [error("Replacing the primary key", 1, 19, 35)] },
    // sql-parser-cst reads this one.
    { code: "ALTER TABLE users ADD CONSTRAINT users_pk PRIMARY KEY (id);", languageOptions: mysql, errors: [error("Adding a primary key", 1, 19, 59)] },
    { code: "ALTER TABLE users ADD PRIMARY KEY (id), ALGORITHM=INPLACE, LOCK=NONE;", languageOptions: mysql, errors: [error("Adding a primary key", 1, 19, 39)] },
    { code: "ALTER TABLE users FORCE;", languageOptions: mysql, errors: [error("FORCE", 1, 19, 24)] },
    { code: "ALTER TABLE `Users` ENGINE=InnoDB;", languageOptions: mariadb, errors: [error("ENGINE=", 1, 21, 34, "Users")] },
    // One finding per statement: the first rebuild.
    {
      code: "ALTER TABLE users\n  ROW_FORMAT=DYNAMIC,\n  FORCE;",
      languageOptions: mysql,
      errors: [error("ROW_FORMAT=", 2, 3, 21)],
    },
  ],
});
