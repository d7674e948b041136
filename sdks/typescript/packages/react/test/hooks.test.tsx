// @vitest-environment jsdom
/** The hooks against the running stack: real HTTP through the gateway, no mocks of the API. */
import { MemBank, NotFoundError } from "@membank/sdk";
import { act, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { eventually, gatewayUrl, mint, unique } from "../../sdk/test/helpers.js";
import { MemBankProvider, useAddMemory, useMemories, useMemory, useRelated, useSearch } from "../src/index.js";

const client = new MemBank({ baseUrl: gatewayUrl(), token: mint(unique("sdk-react")) });
const wrapper = ({ children }: { children: ReactNode }) => <MemBankProvider client={client}>{children}</MemBankProvider>;
const WAIT = { timeout: 60_000, interval: 200 };

async function remember(userId: string, content: string): Promise<string> {
  const job = await client.add({ user_id: userId, content, infer: false }, { wait: true });
  return String(job.result?.memories?.added?.[0]);
}

describe("@membank/react", () => {
  it("useAddMemory follows the job until it is completed", async () => {
    const { result } = renderHook(() => useAddMemory(), { wrapper });
    await act(() => result.current.add({ user_id: unique("alice"), content: "Alice surfs in Ericeira.", infer: false }));
    expect(result.current.status).toBe("completed");
    expect(result.current.progress).toBe(1);
    expect(result.current.job?.result?.memories?.added).toHaveLength(1);
  });

  it("useMemories pages and refetches", async () => {
    const user = unique("bob");
    for (let i = 0; i < 3; i++) await remember(user, `Bob fact ${i}.`);
    const { result } = renderHook(() => useMemories(user, { pageSize: 2 }), { wrapper });
    await waitFor(() => expect(result.current.memories).toHaveLength(2), WAIT);
    expect(result.current.hasMore).toBe(true);
    await act(() => result.current.loadMore());
    expect(result.current.memories).toHaveLength(3);
    expect(result.current.hasMore).toBe(false);

    await remember(user, "Bob fact 3.");
    act(() => result.current.refetch());
    await waitFor(() => expect(result.current.memories[0]?.content).toBe("Bob fact 3."), WAIT);
  });

  it("useSearch debounces and answers only the latest query", async () => {
    const user = unique("carol");
    const id = await remember(user, "Carol plays the cello.");
    await eventually(async () =>
      ((await client.search({ user_id: user, query: "cello", mode: "keyword" })).memories as unknown[]).length,
    );
    const { result, rerender } = renderHook(
      ({ q }) => useSearch(user, q, { debounceMs: 50, mode: "keyword" }),
      { wrapper, initialProps: { q: "trombone" } },
    );
    rerender({ q: "cello" });
    await waitFor(() => expect(result.current.loading).toBe(false), WAIT);
    expect(result.current.results.map((r) => r.id)).toEqual([id]);
  });

  it("useMemory reads a memory with its history, useRelated its neighbours", async () => {
    const user = unique("dave");
    const id = await remember(user, "Dave works at Acme Corp in Berlin.");
    await client.update(id, { content: "Dave works at Acme Corp in Munich." });

    const memory = renderHook(() => useMemory(id), { wrapper });
    await waitFor(() => expect(memory.result.current.memory?.content).toBe("Dave works at Acme Corp in Munich."), WAIT);
    expect(memory.result.current.history.length).toBeGreaterThanOrEqual(2);

    // graph-service fills its view asynchronously: the hook settles with neighbours or a 404.
    const related = renderHook(() => useRelated(id, { depth: 2 }), { wrapper });
    await waitFor(() => expect(related.result.current.loading).toBe(false), WAIT);
    const error = related.result.current.error;
    if (error) expect(error).toBeInstanceOf(NotFoundError);
    else expect(Array.isArray(related.result.current.related)).toBe(true);
  });
});
