import rule from "../../../sql-lint/rules/require-not-valid-constraint.ts";
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

sqlRuleTester().run("require-not-valid-constraint", rule, {
  valid: [
    "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;",
    "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;",
    // Validation in its own migration (or after a COMMIT) takes only a SHARE UPDATE EXCLUSIVE lock.
    "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;",
    "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;",
    "BEGIN;\nALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;\nCOMMIT;\nALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;",
    // A table created earlier in the same migration has no rows to check.
    "CREATE TABLE invoices (id bigint PRIMARY KEY, order_id bigint);\nALTER TABLE invoices ADD CONSTRAINT invoices_order_fk FOREIGN KEY (order_id) REFERENCES orders (id);",
    'CREATE TABLE "public"."Invoice" ("id" TEXT, "total" INTEGER);\nALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_total_check" CHECK ("total" >= 0);',
    // A new column without a value is all NULL: PostgreSQL skips validating its REFERENCES.
    "ALTER TABLE orders ADD COLUMN coupon_id bigint REFERENCES coupons (id);",
    "ALTER TABLE orders ADD COLUMN coupon_id bigint CONSTRAINT orders_coupon_fk REFERENCES coupons (id) ON DELETE SET NULL;",
    // A NOT NULL column added without a default in the same statement: it only goes in on an empty table
    // (no-add-required-column reports that), so the key that follows has no rows to check.
    "ALTER TABLE details\n  DROP COLUMN instance_id,\n  ADD COLUMN instance_uid TEXT NOT NULL,\n  ADD CONSTRAINT details_instance_fk FOREIGN KEY (instance_uid) REFERENCES instances (uid);",
    // Other constraints are other rules' business.
    "ALTER TABLE orders ADD CONSTRAINT orders_code_key UNIQUE USING INDEX orders_code_idx;",
    "ALTER TABLE orders DROP CONSTRAINT orders_user_fk;",
    // A down section is not linted.
    "-- migrate:up transaction:false\nSELECT 1;\n-- migrate:down\nALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);",
    { code: "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);", languageOptions: { dialect: "sqlite" } },
  ],
  invalid: [
    // With a default the column's rows stay, and the key checks every one of them.
    {
      code: "ALTER TABLE details ADD COLUMN instance_uid TEXT NOT NULL DEFAULT '',\n  ADD CONSTRAINT details_instance_fk FOREIGN KEY (instance_uid) REFERENCES instances (uid);",
      errors: [
        {
          ...at("foreignKey", 2, 3, 91, { table: "details", referenced: "instances" }),
          suggestions: addNotValid("ALTER TABLE details ADD COLUMN instance_uid TEXT NOT NULL DEFAULT '',\n  ADD CONSTRAINT details_instance_fk FOREIGN KEY (instance_uid) REFERENCES instances (uid) NOT VALID;"),
        },
      ],
    },
    {
      code: "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);",
      errors: [
        {
          ...at("foreignKey", 1, 20, 93, { table: "orders", referenced: "users" }),
          suggestions: addNotValid("ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;"),
        },
      ],
    },
    // Prisma's form: quoted names, ON DELETE/ON UPDATE.
    {
      code: 'ALTER TABLE "Order" ADD CONSTRAINT "Order_userId_fkey" FOREIGN KEY ("userId") REFERENCES "public"."User"("id") ON DELETE CASCADE ON UPDATE CASCADE;',
      errors: [
        {
          ...at("foreignKey", 1, 21, 147, { table: "Order", referenced: "User" }),
          suggestions: addNotValid(
            'ALTER TABLE "Order" ADD CONSTRAINT "Order_userId_fkey" FOREIGN KEY ("userId") REFERENCES "public"."User"("id") ON DELETE CASCADE ON UPDATE CASCADE NOT VALID;',
          ),
        },
      ],
    },
    // Several actions in one ALTER TABLE: each constraint is its own finding.
    {
      code: "ALTER TABLE public.orders\n  ADD CHECK (total >= 0),\n  ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID,\n  ADD CONSTRAINT orders_status_check CHECK (status IN ('new', 'paid'));",
      errors: [
        {
          ...at("check", 2, 3, 25, { table: "orders" }),
          suggestions: addNotValid(
            "ALTER TABLE public.orders\n  ADD CHECK (total >= 0) NOT VALID,\n  ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID,\n  ADD CONSTRAINT orders_status_check CHECK (status IN ('new', 'paid'));",
          ),
        },
        {
          ...at("check", 4, 3, 71),
          suggestions: addNotValid(
            "ALTER TABLE public.orders\n  ADD CHECK (total >= 0),\n  ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID,\n  ADD CONSTRAINT orders_status_check CHECK (status IN ('new', 'paid')) NOT VALID;",
          ),
        },
      ],
    },
    // A new column with a value is checked row by row under the ADD COLUMN's lock.
    {
      code: "ALTER TABLE orders ADD COLUMN coupon_id bigint DEFAULT 0 REFERENCES coupons (id);",
      errors: [at("columnForeignKey", 1, 58, 81, { table: "orders", referenced: "coupons" })],
    },
    {
      code: "ALTER TABLE orders ADD COLUMN discount int NOT NULL DEFAULT 0 CONSTRAINT orders_discount_check CHECK (discount >= 0);",
      errors: [at("columnCheck", 1, 63, 117, { table: "orders" })],
    },
    // VALIDATE in the transaction that added the constraint NOT VALID keeps the strong lock for the scan.
    {
      code: "BEGIN;\nALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;\nCOMMIT;",
      errors: [at("validateInSameTransaction", 3, 20, 54, { name: "orders_user_fk" })],
    },
    {
      code: "-- +goose Up\nALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;",
      errors: [at("validateInSameTransaction", 3, 20, 58)],
    },
    {
      code: 'ALTER TABLE "Order" ADD CONSTRAINT "Order_total_check" CHECK ("total" >= 0) NOT VALID;\nALTER TABLE "Order" VALIDATE CONSTRAINT "Order_total_check";',
      filename: "prisma/migrations/20240101000000_total_check/migration.sql",
      errors: [at("validateInSameTransaction", 2, 21, 60, { name: "Order_total_check" })],
    },
    // Statements inside a DO block run too.
    {
      code: "DO $$\nBEGIN\n  ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);\nEXCEPTION WHEN duplicate_object THEN NULL;\nEND\n$$;",
      errors: [
        {
          ...at("foreignKey", 3, 22, 95),
          suggestions: addNotValid(
            "DO $$\nBEGIN\n  ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\nEXCEPTION WHEN duplicate_object THEN NULL;\nEND\n$$;",
          ),
        },
      ],
    },
    // The referencing table is existing even if the referenced one is new.
    {
      code: "CREATE TABLE coupons (id bigint PRIMARY KEY);\nALTER TABLE orders ADD FOREIGN KEY (coupon_id) REFERENCES coupons;",
      errors: [
        {
          ...at("foreignKey", 2, 20, 66, { table: "orders", referenced: "coupons" }),
          suggestions: addNotValid("CREATE TABLE coupons (id bigint PRIMARY KEY);\nALTER TABLE orders ADD FOREIGN KEY (coupon_id) REFERENCES coupons NOT VALID;"),
        },
      ],
    },
  ],
});
