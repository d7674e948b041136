/** Retries against the real server: the tenant's write rate limit (429 + Retry-After), and an
 * add whose first response is lost on the way back (a local proxy drops it). */
import { createServer, type Server } from "node:http";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { MemBank, RateLimitError } from "../src/index.js";
import { gatewayUrl, mint, present, unique } from "./helpers.js";

// memory-service's default write limit is 1200 per tenant and minute: writes until a 429.
const BURST_LIMIT = 5000;

async function exhaustWriteLimit(token: string): Promise<void> {
  let sent = 0;
  let limited = false;
  const worker = async () => {
    while (!limited && sent < BURST_LIMIT) {
      sent++;
      // A write of a memory that does not exist: counted by the limiter, changes nothing.
      const r = await fetch(`${gatewayUrl()}/api/v1/memories/${randomUUID()}`, {
        method: "DELETE",
        headers: { Authorization: `Bearer ${token}` },
      });
      await r.body?.cancel();
      if (r.status === 429) limited = true;
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  expect(limited, `no 429 after ${sent} writes`).toBe(true);
}

let proxy: Server | undefined;
afterEach(() => proxy?.close());

describe("retries", () => {
  // Waits out a real Retry-After (up to 60 s) after a burst of ~1200 writes: longer than the
  // default test timeout on a loaded machine.
  it("retries a rate-limited add after Retry-After", { timeout: 300_000 }, async () => {
    const token = mint(unique("sdk-ts-429"));
    await exhaustWriteLimit(token);

    const impatient = new MemBank({ baseUrl: gatewayUrl(), token, maxRetries: 0 });
    const refused = await impatient.add({ user_id: unique("kim"), content: "Refused.", infer: false }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitError);
    const after = (refused as RateLimitError).retryAfter ?? 0;
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThanOrEqual(60);

    const patient = new MemBank({ baseUrl: gatewayUrl(), token, maxRetries: 3 });
    const accepted = await patient.add({ user_id: unique("kim"), content: "Accepted after the window.", infer: false });
    expect(accepted.job_id).toBeTruthy();
  });

  it("a retried add yields exactly one job and one memory", async () => {
    const forwarded: string[] = [];
    let dropped: { job_id: string } | undefined;
    proxy = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([k]) => !["host", "connection", "content-length"].includes(k)),
      ) as Record<string, string>;
      const upstream = await fetch(gatewayUrl() + req.url, {
        method: req.method,
        headers,
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      });
      const body = Buffer.from(await upstream.arrayBuffer());
      forwarded.push(`${req.method} ${req.url}`);
      if (req.method === "POST" && req.url === "/api/v1/memories" && !dropped) {
        dropped = JSON.parse(body.toString()) as { job_id: string };
        req.socket.destroy(); // the server accepted it; the client never hears
        return;
      }
      res.writeHead(upstream.status, { "Content-Type": upstream.headers.get("content-type") ?? "application/json" });
      res.end(body);
    });
    await new Promise<void>((resolve) => proxy!.listen(0, "127.0.0.1", resolve));
    const port = (proxy.address() as AddressInfo).port;
    const client = new MemBank({ baseUrl: `http://127.0.0.1:${port}`, token: mint(unique("sdk-ts-idem")), backoffMs: 100 });
    const user = unique("max");

    const accepted = await client.add({ user_id: user, content: "Max keeps bees.", infer: false });
    const job = await client.waitForJob(present(accepted.job_id, "job_id"));
    const memories = [];
    for await (const m of client.list(user)) memories.push(m.content);

    expect(forwarded.filter((f) => f === "POST /api/v1/memories")).toHaveLength(2);
    expect(accepted.job_id).toBe(dropped?.job_id);
    expect(accepted.duplicate).toBe(true);
    expect(job.status).toBe("completed");
    expect(memories).toEqual(["Max keeps bees."]);
  });
});
