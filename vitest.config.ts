import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    // The CLI tests spawn real processes; give them room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The migration history's cache between processes stays off: a test sees only what it wrote
    // (test/sql-lint/history-cache.test.ts turns it on in a folder of its own).
    env: { SHIPSHAPE_CACHE_DIR: "off" },
  },
});
