/** Where every rule's documentation lives; `meta.docs.url` is derived from this, never written by hand. */
export const REPOSITORY_URL = "https://github.com/shipshape-lint/shipshape";

export function docsUrl(ruleName: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${ruleName}.md`;
}

/**
 * The extra `meta.docs` fields every shipshape rule carries. The recommended configs are
 * generated from them:
 * - `recommended`: the severity in the recommended configs. `error` means the problem breaks
 *   code still running, loses data or blocks production traffic; `warn` is advice.
 * - `productionOnly`: the rule is not applied to test files (`*.test.*`, `test/`, ...).
 */
export interface ShipshapeDocs {
  recommended: "error" | "warn" | false;
  productionOnly?: boolean;
  /** Set by the rule catalog from `meta.deprecated`: kept for configurations that name it, never enabled by shipshape. */
  deprecated?: true;
}
