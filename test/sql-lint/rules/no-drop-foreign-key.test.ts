import rule from "../../../sql-lint/rules/no-drop-foreign-key.ts";
import { sqlRuleTester } from "../../helpers/rule-testers.ts";

const error = (constraint: string, table: string, line: number, column: number, endColumn: number) => ({
  messageId: "dropForeignKey",
  data: { constraint, table },
  line,
  column,
  endLine: line,
  endColumn,
});

sqlRuleTester().run("no-drop-foreign-key", rule, {
  valid: [
    // Names that do not say foreign key: a primary key, a unique constraint, a check.
    'ALTER TABLE "Order" DROP CONSTRAINT "Order_pkey";',
    "ALTER TABLE users DROP CONSTRAINT users_email_key;",
    "ALTER TABLE orders DROP CONSTRAINT orders_total_check;",
    // Known from this file to be something else, whatever its name says.
    "ALTER TABLE orders ADD CONSTRAINT orders_fk CHECK (total >= 0);\nALTER TABLE orders DROP CONSTRAINT orders_fk;",
    // Added by this very migration: nothing relies on it yet.
    "ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\nALTER TABLE orders DROP CONSTRAINT orders_user_id_fkey;",
    "CREATE TABLE orders (id int, user_id int REFERENCES users);\nALTER TABLE orders DROP CONSTRAINT orders_user_id_fkey;",
    // Dropped and added again under the same name, as Prisma does to change ON DELETE: replaced, not removed.
    'ALTER TABLE "Order" DROP CONSTRAINT "Order_userId_fkey";\nALTER TABLE "Order" ADD CONSTRAINT "Order_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;',
    "ALTER TABLE orders DROP CONSTRAINT fk_orders_user, ADD CONSTRAINT fk_orders_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL;",
    // Replaced under another name by a key over the columns the old name covered: a renamed table's key, one widened by a column.
    'ALTER TABLE "ApiKey" DROP CONSTRAINT "ApiKeyNew_organizationId_fkey";\nALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE;',
    'ALTER TABLE "RunTrigger" DROP CONSTRAINT "RunTrigger_cronParentId_cronSchedule_fkey";\nALTER TABLE "RunTrigger" ADD COLUMN "cronName" TEXT;\nALTER TABLE "RunTrigger" ADD CONSTRAINT "RunTrigger_cron_fkey" FOREIGN KEY ("cronParentId", "cronSchedule", "cronName") REFERENCES "Cron"("parentId", "schedule", "name");',
    "ALTER TABLE order_items DROP CONSTRAINT order_items_order_id_fkey;\nALTER TABLE order_items ADD FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE;",
    // The table, or the key's column, goes later in the file: that drop is the finding, and PostgreSQL would drop the key with it.
    'ALTER TABLE "Coupon" DROP CONSTRAINT "Coupon_shopId_fkey";\nDROP TABLE "Coupon";',
    'ALTER TABLE "LineItem" DROP CONSTRAINT "LineItem_orderId_fkey";\nALTER TABLE "LineItem" DROP COLUMN "orderId", DROP COLUMN "note";',
    "ALTER TABLE orders DROP CONSTRAINT orders_tenant_id_user_id_fkey;\nALTER TABLE orders DROP COLUMN user_id;",
    // Other drops.
    "ALTER TABLE orders DROP COLUMN user_fk;",
    "ALTER TABLE orders ALTER COLUMN user_id DROP NOT NULL;",
    "DROP INDEX orders_user_id_fkey_idx;",
    "-- migrate:up\nALTER TABLE orders ADD COLUMN note text;\n-- migrate:down\nALTER TABLE orders DROP CONSTRAINT orders_user_id_fkey;",
  ],
  invalid: [
    {
      code: "ALTER TABLE orders DROP CONSTRAINT orders_user_id_fkey;",
      errors: [error("orders_user_id_fkey", "orders", 1, 20, 55)],
    },
    // Prisma, Rails, TypeORM, Laravel and hand-written names; quoted names keep their case.
    {
      code: 'ALTER TABLE ONLY public."Order"\n  DROP CONSTRAINT IF EXISTS "Order_userId_fkey",\n  DROP CONSTRAINT fk_rails_0123abcd CASCADE,\n  DROP CONSTRAINT "FK_9a8b7c",\n  DROP CONSTRAINT order_coupon_fk,\n  DROP CONSTRAINT orders_user_id_foreign;',
      errors: [
        error("Order_userId_fkey", "Order", 2, 3, 48),
        error("fk_rails_0123abcd", "Order", 3, 3, 44),
        error("FK_9a8b7c", "Order", 4, 3, 30),
        error("order_coupon_fk", "Order", 5, 3, 34),
        error("orders_user_id_foreign", "Order", 6, 3, 41),
      ],
    },
    // A column dropped later that the key's name does not cover, a table dropped earlier.
    {
      code: 'ALTER TABLE "LineItem" DROP CONSTRAINT "LineItem_orderId_fkey";\nALTER TABLE "LineItem" DROP COLUMN "order";',
      errors: [error("LineItem_orderId_fkey", "LineItem", 1, 24, 63)],
    },
    {
      code: "ALTER TABLE orders DROP CONSTRAINT orders_user_id_fkey;\nDROP TABLE users;",
      errors: [error("orders_user_id_fkey", "orders", 1, 20, 55)],
    },
    // A key added after it that covers only some of the columns the dropped key's name names, or others, or comes before it.
    {
      code: "ALTER TABLE orders DROP CONSTRAINT orders_user_id_org_id_fkey;\nALTER TABLE orders ADD CONSTRAINT orders_org_fkey FOREIGN KEY (org_id) REFERENCES orgs (id);",
      errors: [error("orders_user_id_org_id_fkey", "orders", 1, 20, 62)],
    },
    {
      code: "ALTER TABLE orders DROP CONSTRAINT orders_user_id_fkey;\nALTER TABLE orders ADD CONSTRAINT orders_coupon_id_fkey FOREIGN KEY (coupon_id) REFERENCES coupons (id);",
      errors: [error("orders_user_id_fkey", "orders", 1, 20, 55)],
    },
    {
      code: "ALTER TABLE orders ADD CONSTRAINT orders_user_fkey FOREIGN KEY (user_id) REFERENCES users (id);\nALTER TABLE orders DROP CONSTRAINT orders_user_id_fkey;",
      errors: [error("orders_user_id_fkey", "orders", 2, 20, 55)],
    },
    // Re-added on another table, or as something else, is not a replacement.
    {
      code: "ALTER TABLE orders DROP CONSTRAINT orders_user_id_fkey;\nALTER TABLE invoices ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id);",
      errors: [error("orders_user_id_fkey", "orders", 1, 20, 55)],
    },
    {
      code: "ALTER TABLE orders DROP CONSTRAINT orders_user_id_fkey;\nALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey CHECK (user_id > 0);",
      errors: [error("orders_user_id_fkey", "orders", 1, 20, 55)],
    },
    {
      code: "DO $$\nBEGIN\n  ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_user_id_fkey;\nEXCEPTION WHEN undefined_table THEN NULL;\nEND\n$$;",
      errors: [error("orders_user_id_fkey", "orders", 3, 22, 67)],
    },
  ],
});
