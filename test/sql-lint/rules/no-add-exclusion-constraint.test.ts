import rule from "../../../sql-lint/rules/no-add-exclusion-constraint.ts";
import { sqlRuleTester } from "../../helpers/rule-testers.ts";

sqlRuleTester().run("no-add-exclusion-constraint", rule, {
  valid: [
    // Declared with the table, or added to a table created earlier in the same migration.
    "CREATE TABLE bookings (room int, during tstzrange, EXCLUDE USING gist (room WITH =, during WITH &&));",
    "CREATE TABLE bookings (room int, during tstzrange);\nALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&);",
    "ALTER TABLE bookings DROP CONSTRAINT bookings_no_overlap;",
    "ALTER TABLE bookings ADD CONSTRAINT bookings_room_key UNIQUE USING INDEX bookings_room_idx;",
    "-- migrate:up\nSELECT 1;\n-- migrate:down\nALTER TABLE bookings ADD EXCLUDE USING gist (during WITH &&);",
  ],
  invalid: [
    {
      code: "ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&);",
      errors: [{ messageId: "exclusionConstraint", data: { table: "bookings" }, line: 1, column: 22, endLine: 1, endColumn: 105 }],
    },
    {
      code: 'ALTER TABLE "public"."Booking"\n  ADD COLUMN note text,\n  ADD EXCLUDE USING gist ("during" WITH &&) WHERE ("cancelled" = false);',
      errors: [{ messageId: "exclusionConstraint", data: { table: "Booking" }, line: 3, column: 3, endLine: 3, endColumn: 72 }],
    },
    {
      code: "DO $$ BEGIN\n  ALTER TABLE bookings ADD EXCLUDE USING gist (during WITH &&);\nEND $$;",
      errors: [{ messageId: "exclusionConstraint", line: 2, column: 24, endLine: 2, endColumn: 63 }],
    },
  ],
});
