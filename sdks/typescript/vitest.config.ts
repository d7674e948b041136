import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // The React package is tested against the SDK's sources (no build needed first).
    alias: { "@membank/sdk": fileURLToPath(new URL("./packages/sdk/src/index.ts", import.meta.url)) },
  },
  test: {
    include: ["packages/*/test/**/*.test.{ts,tsx}"],
    // Against the running stack: the rate-limit test waits out a Retry-After (up to a minute).
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
