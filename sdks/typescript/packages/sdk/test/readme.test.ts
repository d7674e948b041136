/** The README's quickstart, run as written with node against the built package (dist/). */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { ROOT, gatewayUrl, mint, unique } from "./helpers.js";

const PACKAGE = `${ROOT}sdks/typescript/packages/sdk`;

it("the README quickstart runs as written", () => {
  const readme = readFileSync(join(PACKAGE, "README.md"), "utf8");
  const code = /<!-- quickstart:begin -->\s*```js\n([\s\S]*?)```\s*<!-- quickstart:end -->/.exec(readme)?.[1];
  expect(code, "README.md has no quickstart block").toBeTruthy();
  expect(code!.trim().split("\n").length).toBeLessThanOrEqual(10);
  expect(existsSync(join(PACKAGE, "dist/index.js")), "build the package first (npm run build)").toBe(true);

  // Inside the workspace, so that "@membank/sdk" resolves to this package as a user would get it.
  const script = join(PACKAGE, `.quickstart-${process.pid}.mjs`);
  writeFileSync(script, code!);
  try {
    const out = execFileSync(process.execPath, [script], {
      env: { PATH: process.env.PATH, MEMBANK_URL: gatewayUrl(), MEMBANK_TOKEN: mint(unique("sdk-ts-readme")) },
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(out).toContain("job completed 100%");
    expect(out).toContain("I moved to Lisbon last month.");
  } finally {
    rmSync(script, { force: true });
  }
});
