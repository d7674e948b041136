/** The checked-in types are what sdks/generate.sh makes of today's API document. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { ROOT } from "./helpers.js";

it("the generated types match the API document", () => {
  const out = mkdtempSync(join(tmpdir(), "membank-sdk-gen-"));
  execFileSync(`${ROOT}sdks/generate.sh`, ["--out", out, "--only", "typescript"]);
  const regenerated = readFileSync(join(out, "openapi.ts"), "utf8");
  const checkedIn = readFileSync(`${ROOT}sdks/typescript/packages/sdk/src/generated/openapi.ts`, "utf8");
  expect(regenerated === checkedIn, "openapi.ts is stale: run sdks/generate.sh and commit the result").toBe(true);
});
