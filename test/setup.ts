import { RuleTester } from "eslint";
import { describe, it } from "vitest";

// ESLint's RuleTester reports through the test framework's describe/it.
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;
