import rule from "../../../sql-lint/rules/no-blocking-alter-clause.ts";
import { sqlRuleTester } from "../../helpers/rule-testers.ts";

const mysql = { dialect: "mysql" } as const;
const mariadb = { dialect: "mariadb" } as const;

const error = (messageId: "copy" | "sharedLock" | "exclusiveLock", line: number, column: number, endColumn: number, table = "users") => ({
  messageId,
  data: { table },
  line,
  column,
  endLine: line,
  endColumn,
});

sqlRuleTester().run("no-blocking-alter-clause", rule, {
  valid: [
    // The online forms: MySQL keeps the table writable or refuses the statement.
    { code: "ALTER TABLE users ADD COLUMN age INT, ALGORITHM=INSTANT;", languageOptions: mysql },
    { code: "ALTER TABLE users ADD INDEX users_email_idx (email), ALGORITHM=INPLACE, LOCK=NONE;", languageOptions: mysql },
    { code: "ALTER TABLE users MODIFY email VARCHAR(320) NOT NULL, LOCK=NONE;", languageOptions: mysql },
    { code: "ALTER TABLE users ALGORITHM=DEFAULT, LOCK=DEFAULT, ADD COLUMN age INT;", languageOptions: mysql },
    { code: "CREATE INDEX users_email_idx ON users (email) ALGORITHM=INPLACE LOCK=NONE;", languageOptions: mysql },
    { code: "ALTER TABLE users ADD COLUMN age INT, ALGORITHM=NOCOPY;", languageOptions: mariadb },
    // A table created by this migration has no traffic to block.
    { code: "CREATE TABLE audit (id INT, note TEXT) ENGINE=InnoDB;\nALTER TABLE audit ADD COLUMN at DATETIME, ALGORITHM=COPY;", languageOptions: mysql },
    // A column or index named like the clause is not the clause.
    { code: "ALTER TABLE users ADD COLUMN `lock` VARCHAR(10), ALGORITHM=INSTANT;", languageOptions: mysql },
    // Other dialects have no such clause.
    "ALTER TABLE users ADD COLUMN age int;",
    { code: "ALTER TABLE users ADD COLUMN age INTEGER;", languageOptions: { dialect: "sqlite" } },
  ],
  invalid: [
    { code: "ALTER TABLE users ADD COLUMN age INT, ALGORITHM=COPY;", languageOptions: mysql, errors: [error("copy", 1, 39, 53)] },
    { code: "ALTER TABLE users ALGORITHM = COPY, ADD COLUMN age INT;", languageOptions: mysql, errors: [error("copy", 1, 19, 35)] },
    { code: "ALTER TABLE `Users` ADD INDEX i (email), LOCK=SHARED;", languageOptions: mysql, errors: [error("sharedLock", 1, 42, 53, "Users")] },
    {
      code: "ALTER TABLE users\n  MODIFY email VARCHAR(320) NOT NULL,\n  ALGORITHM=COPY,\n  LOCK=EXCLUSIVE;",
      languageOptions: mysql,
      errors: [error("copy", 3, 3, 17), error("exclusiveLock", 4, 3, 17)],
    },
    { code: "CREATE INDEX users_email_idx ON users (email) ALGORITHM=COPY;", languageOptions: mysql, errors: [error("copy", 1, 47, 61)] },
    { code: "ALTER TABLE users CONVERT TO CHARACTER SET utf8mb4, LOCK=SHARED;", languageOptions: mariadb, errors: [error("sharedLock", 1, 53, 64)] },
    // A table created by another statement, or later, is no excuse.
    {
      code: "ALTER TABLE users ADD COLUMN age INT, ALGORITHM=COPY;\nCREATE TABLE users_archive (id INT) ENGINE=InnoDB;",
      languageOptions: mysql,
      errors: [error("copy", 1, 39, 53)],
    },
  ],
});
