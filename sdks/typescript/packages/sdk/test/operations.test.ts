import { describe, expect, it } from "vitest";
import {
  AuthenticationError,
  MemBank,
  NotFoundError,
  PermissionDeniedError,
  ValidationError,
  type JobView,
  type RelatedMemories,
} from "../src/index.js";
import { eventually, gatewayUrl, mint, present, unique } from "./helpers.js";

const tenant = unique("sdk-ts");
const token = mint(tenant);
const client = new MemBank({ baseUrl: gatewayUrl(), token });

/** Stores text verbatim (infer false) and returns the memory id. */
async function remember(mb: MemBank, userId: string, content: string): Promise<string> {
  const job = await mb.add({ user_id: userId, content, infer: false }, { wait: true });
  expect(job.status).toBe("completed");
  return String(job.result?.memories?.added?.[0]);
}

describe("MemBank against the running stack", () => {
  it("adds, waits for the job and reports its progress", async () => {
    const seen: JobView[] = [];
    const job = await client.add(
      { user_id: unique("alice"), messages: [{ role: "user", content: "I moved to Lisbon last month." }] },
      { wait: true, onProgress: (j) => seen.push(j) },
    );
    expect(job.status).toBe("completed");
    expect(job.progress).toBe(1);
    expect(seen.at(-1)?.status).toBe("completed");
  });

  it("returns the accepted job without waiting, and getJob reads it", async () => {
    const accepted = await client.add({ user_id: unique("bob"), content: "I like green tea.", infer: false });
    expect(accepted.duplicate).toBe(false);
    const job = await client.getJob(present(accepted.job_id, "job_id"));
    expect(job.id).toBe(accepted.job_id);
  });

  it("gets, updates, shows the history of and deletes a memory", async () => {
    const id = await remember(client, unique("carol"), "My dentist is Dr. Silva.");
    const memory = await client.get(id);
    expect(memory.content).toBe("My dentist is Dr. Silva.");
    expect(memory.version).toBe(1);
    const updated = await client.update(id, { content: "My dentist is Dr. Costa." });
    expect(updated.id).toBe(id);
    expect(updated.version).toBe(2);
    const history = await client.history(id);
    expect(history.memory_id).toBe(id);
    const versions = present(history.history, "history");
    expect(versions.length).toBeGreaterThanOrEqual(2);
    expect(versions.at(-1)?.content).toBe("My dentist is Dr. Costa.");
    await client.delete(id);
    const missing = await client.get(id).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((missing as NotFoundError).requestId).toBeTruthy();
  });

  it("pages through every memory with an async iterator", async () => {
    const user = unique("dave");
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add(await remember(client, user, `Fact number ${i} about dave.`));
    const listed: string[] = [];
    for await (const memory of client.list(user, { pageSize: 2 })) {
      expect(memory.user_id).toBe(user);
      listed.push(present(memory.id, "id"));
    }
    expect(listed.sort()).toEqual([...ids].sort());
    const first = await client.listPage(user, { pageSize: 2 });
    expect(first.memories).toHaveLength(2);
    expect(first.nextCursor).toBeTruthy();
  });

  it("searches with a typed filter tree", async () => {
    const user = unique("erin");
    const id = await remember(client, user, "Erin plays the cello on Sundays.");
    const hits = async (filters?: object) =>
      ((await client.search({ user_id: user, query: "cello", mode: "keyword", filters })).memories ?? []).map((h) => h.id);
    await eventually(async () => (await hits()).includes(id));
    expect(await hits({ AND: [{ content: { icontains: "cello" } }] })).toContain(id);
    expect(await hits({ content: { icontains: "trombone" } })).toEqual([]);
  });

  it("reads related memories, entities and the graph", async () => {
    // graph-service fills its view asynchronously: this proves the requests and typed answers.
    const user = unique("frank");
    const memoryId = await remember(client, user, "Frank works at Acme Corp in Berlin.");
    expect((await client.graph(user, { limit: 50 })).user_id).toBe(user);
    expect((await client.entities(user, { limit: 10 })).user_id).toBe(user);
    const related = await client.related(memoryId, { depth: 2, limit: 10 }).catch((e: unknown) => e);
    if (related instanceof NotFoundError) expect(related.status).toBe(404);
    else expect((related as RelatedMemories).memory_id).toBe(memoryId);
    await expect(client.related(crypto.randomUUID())).rejects.toBeInstanceOf(NotFoundError);
  });

  it("imports a batch", async () => {
    const user = unique("gina");
    const batch = await client.addBatch({
      user_id: user,
      conversations: [
        { messages: [{ role: "user", content: "I live in Porto." }] },
        { messages: [{ role: "user", content: "I own a cat." }] },
      ],
    });
    expect(batch.job_count).toBe(2);
    const view = await client.getBatch(present(batch.batch_id, "batch_id"));
    expect(view.id).toBe(batch.batch_id);
    expect(view.job_count).toBe(2);
    expect(view.user_id).toBe(user);
  });

  it("pages audit events and verifies the chain", async () => {
    const own = new MemBank({ baseUrl: gatewayUrl(), token: mint(unique("sdk-ts-audit")) });
    const id = await remember(own, unique("hana"), "Hana reads audit logs.");
    await own.update(id, { content: "Hana reads audit trails." });
    const events = await eventually(async () => {
      const all = [];
      for await (const e of own.auditEvents({ pageSize: 1 })) all.push(e);
      return all.length >= 2 ? all : undefined;
    });
    expect(new Set(events.map((e) => e.event_id)).size).toBe(events.length);
    expect(events.every((e) => typeof e.action === "string")).toBe(true);
    const verified = await own.auditVerify();
    expect(verified.ok).toBe(true);
    expect(verified.records_checked).toBeGreaterThanOrEqual(2);
  });

  it("answers who am I, the privacy policy and usage", async () => {
    expect((await client.whoami()).tenant).toBe(tenant);
    expect(await client.policies()).toBeTypeOf("object");
    expect(await client.usage()).toBeTypeOf("object");
  });

  it("throws typed errors carrying the request id", async () => {
    const anonymous = new MemBank({ baseUrl: gatewayUrl(), token: "not-a-jwt", maxRetries: 0 });
    await expect(anonymous.whoami()).rejects.toBeInstanceOf(AuthenticationError);
    const reader = new MemBank({ baseUrl: gatewayUrl(), token: mint(tenant, "reader") });
    await expect(reader.add({ user_id: unique("ivan"), content: "Readers cannot write." })).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );
    const invalid = await client.add({ user_id: "has spaces!", content: "x" }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(ValidationError);
    expect((invalid as ValidationError).status).toBe(400);
    expect((invalid as ValidationError).errors.some((e) => e.field?.includes("user_id"))).toBe(true);
  });

  it("aborts with the caller's signal", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(client.whoami({ signal: controller.signal })).rejects.toThrow();
  });
});
