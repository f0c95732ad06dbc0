import rule from "../../../sql-lint/rules/no-unsafe-enum-value-use.ts";
import { sqlRuleTester } from "../../helpers/rule-testers.ts";

const error = (messageId: string, value: string, type: string, addedOn: number, line: number, column: number, endColumn: number) => ({
  messageId,
  data: { value, type, line: String(addedOn), ...(messageId === "inRunnerQuery" ? { runner: "Prisma Migrate" } : {}) },
  line,
  column,
  endLine: line,
  endColumn,
});

const PRISMA = "prisma/migrations/20240101000000_role_admin/migration.sql";

sqlRuleTester().run("no-unsafe-enum-value-use", rule, {
  valid: [
    "ALTER TYPE role ADD VALUE 'admin';",
    // Each statement its own transaction.
    "ALTER TYPE role ADD VALUE 'admin';\nUPDATE users SET role = 'admin' WHERE id = 1;",
    // Committed before the use.
    "BEGIN;\nALTER TYPE role ADD VALUE 'admin';\nCOMMIT;\nBEGIN;\nUPDATE users SET role = 'admin' WHERE id = 1;\nCOMMIT;",
    // A type created in the same transaction may use its new values at once.
    "BEGIN;\nCREATE TYPE role AS ENUM ('user');\nALTER TYPE role ADD VALUE 'admin';\nCREATE TABLE users (id int, role role DEFAULT 'admin');\nCOMMIT;",
    // Naming the value in the type's own changes and in comments is not a use; function bodies run later.
    "BEGIN;\nALTER TYPE role ADD VALUE 'admin';\nALTER TYPE role ADD VALUE 'owner' AFTER 'admin';\nCOMMENT ON TYPE role IS 'admin';\n-- set 'admin' later\nCREATE FUNCTION is_admin(r role) RETURNS boolean LANGUAGE sql AS $$ SELECT r = 'admin' $$;\nCOMMIT;",
    // Another value, or the same letters in another case.
    "BEGIN;\nALTER TYPE role ADD VALUE 'admin';\nUPDATE users SET role = 'ADMIN';\nCOMMIT;",
    // Prisma with the ALTER TYPE alone in its file.
    { code: "ALTER TYPE \"Role\" ADD VALUE 'ADMIN';", filename: PRISMA },
    "-- migrate:up transaction:false\nALTER TYPE role ADD VALUE 'admin';\nUPDATE users SET role = 'admin';",
    { code: "ALTER TABLE users MODIFY role ENUM('user', 'admin');\nUPDATE users SET role = 'admin';", languageOptions: { dialect: "mysql" } },
  ],
  invalid: [
    {
      code: "BEGIN;\nALTER TYPE role ADD VALUE 'admin';\nUPDATE users SET role = 'admin' WHERE id = 1;\nCOMMIT;",
      errors: [error("inTransaction", "admin", "role", 2, 3, 25, 32)],
    },
    // Quoted, schema-qualified type names keep their case; every use is reported.
    {
      code: "ALTER TYPE public.\"Role\" ADD VALUE IF NOT EXISTS 'ADMIN';\nALTER TABLE \"User\" ALTER COLUMN role SET DEFAULT 'ADMIN';\nCREATE INDEX admins ON \"User\" (id) WHERE role = 'ADMIN'::\"Role\";",
      filename: PRISMA,
      errors: [error("inRunnerQuery", "ADMIN", "Role", 1, 2, 50, 57), error("inRunnerQuery", "ADMIN", "Role", 1, 3, 49, 56)],
    },
    // goose and dbmate wrap each file in a transaction.
    {
      code: "-- +goose Up\nALTER TYPE role ADD VALUE 'admin';\nINSERT INTO roles (name, role) VALUES ('Admins', 'admin');",
      errors: [error("inTransaction", "admin", "role", 2, 3, 50, 57)],
    },
    // A DO block runs as one statement, in one transaction.
    {
      code: "DO $$\nBEGIN\n  ALTER TYPE role ADD VALUE 'admin';\n  UPDATE users SET role = 'admin';\nEND\n$$;",
      errors: [error("inTransaction", "admin", "role", 3, 4, 27, 34)],
    },
    // Used in a later DO block, in an IF's condition and a statement inside it: each use once, not again for the IF and the block around it.
    {
      code: "BEGIN;\nALTER TYPE role ADD VALUE 'admin';\nDO $$ BEGIN IF r = 'admin' THEN UPDATE users SET role = 'admin' WHERE id = 1; END IF; END $$;\nCOMMIT;",
      errors: [error("inTransaction", "admin", "role", 2, 3, 20, 27), error("inTransaction", "admin", "role", 2, 3, 57, 64)],
    },
    // Spelled with escapes or dollar quotes, the value is still the new one.
    {
      code: "BEGIN;\nALTER TYPE role ADD VALUE 'admin';\nUPDATE users SET role = E'adm\\151n' WHERE id = 1;\nUPDATE users SET role = $$admin$$ WHERE id = 2;\nCOMMIT;",
      errors: [error("inTransaction", "admin", "role", 2, 3, 25, 36), error("inTransaction", "admin", "role", 2, 4, 25, 34)],
    },
    // A statement only PostgreSQL's parser reads.
    {
      code: "BEGIN;\nALTER TYPE role ADD VALUE 'admin';\nALTER TABLE users ATTACH PARTITION admins FOR VALUES IN ('admin');\nCOMMIT;",
      errors: [error("inTransaction", "admin", "role", 2, 3, 58, 65)],
    },
  ],
});
