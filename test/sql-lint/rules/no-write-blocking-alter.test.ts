import rule from "../../../sql-lint/rules/no-write-blocking-alter.ts";
import { sqlRuleTester } from "../../helpers/rule-testers.ts";

const mysql = { dialect: "mysql" } as const;
const mariadb = { dialect: "mariadb" } as const;
const COPIES = "copies the table";
const NO_WRITES = "does not permit concurrent writes";

const error = (what: string, how: string, line: number, column: number, endColumn: number, table = "users") => ({
  messageId: "blocking",
  data: { what, how, table },
  line,
  column,
  endLine: line,
  endColumn,
});

sqlRuleTester().run("no-write-blocking-alter", rule, {
  valid: [
    // The migration runner's own table: only the runner running this migration writes it.
    { code: "ALTER TABLE migrations ENGINE=InnoDB, CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;", languageOptions: mysql },
    { code: "ALTER TABLE schema_migrations CONVERT TO CHARACTER SET utf8mb4;", languageOptions: mysql },
    // Instant or in place with concurrent writes.
    { code: "ALTER TABLE users ADD COLUMN age INT NULL;", languageOptions: mysql },
    { code: "ALTER TABLE users ADD INDEX users_email_idx (email);", languageOptions: mysql },
    { code: "CREATE UNIQUE INDEX users_email_key ON users (email);", languageOptions: mysql },
    { code: "ALTER TABLE users DROP INDEX users_email_idx, DROP FOREIGN KEY users_org_fk;", languageOptions: mysql },
    { code: "ALTER TABLE users ADD COLUMN full_name VARCHAR(200) AS (CONCAT(first_name, ' ', last_name)) VIRTUAL;", languageOptions: mysql },
    { code: "ALTER TABLE users DEFAULT CHARACTER SET utf8mb4;", languageOptions: mysql },
    // A primary key replaced in one statement is rebuilt in place (prefer-online-schema-change's advice).
    { code: "ALTER TABLE users DROP PRIMARY KEY, ADD PRIMARY KEY (id, org_id);", languageOptions: mysql },
    // With foreign_key_checks off, MySQL adds the foreign key in place.
    {
      code: "SET FOREIGN_KEY_CHECKS = 0;\nALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);\nSET FOREIGN_KEY_CHECKS = 1;",
      languageOptions: mysql,
    },
    // ALGORITHM=INPLACE / LOCK=NONE: MySQL refuses instead of blocking.
    { code: "ALTER TABLE users CONVERT TO CHARACTER SET utf8mb4, ALGORITHM=INPLACE, LOCK=NONE;", languageOptions: mysql },
    { code: "ALTER TABLE posts ADD FULLTEXT INDEX posts_body_ft (body), LOCK=NONE;", languageOptions: mysql },
    // An explicit ALGORITHM=COPY is no-blocking-alter-clause's finding.
    { code: "ALTER TABLE users CONVERT TO CHARACTER SET utf8mb4, ALGORITHM=COPY;", languageOptions: mysql },
    // Tables created by this migration have no traffic yet.
    {
      code: "CREATE TABLE orders (id BIGINT UNSIGNED NOT NULL, user_id BIGINT UNSIGNED, KEY orders_user_idx (user_id)) ENGINE=InnoDB;\nALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);",
      languageOptions: mysql,
    },
    // Column type changes are no-column-type-change's.
    { code: "ALTER TABLE users MODIFY id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT;", languageOptions: mysql },
    // PostgreSQL and SQLite lock differently.
    "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);",
    { code: "CREATE INDEX posts_body_idx ON posts (body);", languageOptions: { dialect: "sqlite" } },
  ],
  invalid: [
    {
      code: "ALTER TABLE users CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;",
      languageOptions: mysql,
      errors: [error("CONVERT TO CHARACTER SET", COPIES, 1, 19, 78)],
    },
    {
      // sql-parser-cst reads this one; the finding is the same.
      code: "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);",
      languageOptions: mysql,
      errors: [error("Adding a foreign key while foreign_key_checks is on", COPIES, 1, 20, 93, "orders")],
    },
    {
      // node-sql-parser reads this one (ON DELETE with an index name).
      code: "ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE, ALGORITHM=DEFAULT;",
      languageOptions: mysql,
      errors: [error("Adding a foreign key while foreign_key_checks is on", COPIES, 1, 20, 85, "orders")],
    },
    {
      // Checks turned back on before the ALTER.
      code: "SET FOREIGN_KEY_CHECKS=0;\nSET FOREIGN_KEY_CHECKS=1;\nALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);",
      languageOptions: mysql,
      errors: [error("Adding a foreign key while foreign_key_checks is on", COPIES, 3, 20, 93, "orders")],
    },
    { code: "ALTER TABLE users DROP PRIMARY KEY;", languageOptions: mysql, errors: [error("Dropping the primary key without adding another", COPIES, 1, 19, 35)] },
    { code: "ALTER TABLE posts ADD FULLTEXT INDEX posts_body_ft (body);", languageOptions: mysql, errors: [error("Adding a FULLTEXT index", NO_WRITES, 1, 19, 58, "posts")] },
    { code: "CREATE FULLTEXT INDEX posts_body_ft ON posts (body);", languageOptions: mysql, errors: [error("Adding a FULLTEXT index", NO_WRITES, 1, 1, 52, "posts")] },
    { code: "ALTER TABLE shops ADD SPATIAL INDEX shops_location_sp (location);", languageOptions: mysql, errors: [error("Adding a SPATIAL index", NO_WRITES, 1, 19, 65, "shops")] },
    {
      code: "ALTER TABLE users ADD COLUMN search_name VARCHAR(200) GENERATED ALWAYS AS (LOWER(name)) STORED;",
      languageOptions: mysql,
      errors: [error("Adding a STORED generated column", COPIES, 1, 19, 95)],
    },
    {
      code: "ALTER TABLE events ADD COLUMN seq INT NOT NULL AUTO_INCREMENT UNIQUE, ALGORITHM=DEFAULT;",
      languageOptions: mysql,
      errors: [error("Adding an AUTO_INCREMENT column", NO_WRITES, 1, 20, 69, "events")],
    },
    { code: "ALTER TABLE events PARTITION BY HASH(id) PARTITIONS 8;", languageOptions: mysql, errors: [error("PARTITION BY", COPIES, 1, 20, 54, "events")] },
    {
      code: "ALTER TABLE users\n  ADD COLUMN nickname VARCHAR(50),\n  CONVERT TO CHARACTER SET utf8mb4;",
      languageOptions: mariadb,
      errors: [error("CONVERT TO CHARACTER SET", COPIES, 3, 3, 35)],
    },
  ],
});
