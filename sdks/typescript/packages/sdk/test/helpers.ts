/** Test helpers: the running stack through the gateway, credentials from bin/membank token. */
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { resolve } from "node:path";

// vitest runs in sdks/typescript (import.meta.url is not a file: URL under jsdom).
export const ROOT = `${resolve(process.cwd(), "../..")}/`;
export const ALL_ROLES = "reader,writer,admin,auditor";

export function gatewayUrl(): string {
  return process.env.MEMBANK_URL ?? `http://127.0.0.1:${process.env.MEMBANK_GATEWAY_PORT ?? "8080"}`;
}

/** A dev JWT (the stack trusts .membank/keys). */
export function mint(tenant: string, roles = ALL_ROLES, subject = "sdk-test"): string {
  const out = execFileSync(`${ROOT}bin/membank`, ["token", "--tenant", tenant, "--subject", subject, "--roles", roles], {
    encoding: "utf8",
  });
  return out.trim().split("\n").at(-1) ?? "";
}

export const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 10)}`;

/** Retries check until it returns a truthy value without throwing (search, graph and audit
 * are eventually consistent: they consume Kafka). */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      if (Date.now() >= deadline) throw new Error(`not true within ${timeoutMs} ms: ${JSON.stringify(value)}`);
    } catch (error) {
      if (Date.now() >= deadline) throw error;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** The value of a field the generated types mark optional, failing the test when it is absent. */
export function present<T>(value: T | undefined | null, what = "value"): T {
  if (value === undefined || value === null) throw new Error(`${what} is missing`);
  return value;
}
