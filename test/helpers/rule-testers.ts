import { RuleTester } from "eslint";
import yml from "eslint-plugin-yml";
import plugin from "../../index.ts";

/** A RuleTester for SQL rules: the `shipshape/sql` language, PostgreSQL unless a test says otherwise. */
export function sqlRuleTester(): RuleTester {
  return new RuleTester({ plugins: { shipshape: plugin }, language: "shipshape/sql" });
}

/** A RuleTester for YAML rules on eslint-plugin-yml's language, as the recommended config runs them. */
export function yamlRuleTester(): RuleTester {
  return new RuleTester({ plugins: { shipshape: plugin, yml }, language: "yml/yaml" });
}
