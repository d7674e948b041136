/** React hooks for MemBank on @membank/sdk: a provider, and one hook per common read or write. */
import {
  MemBank,
  type AddMemoryRequest,
  type Filters,
  type Hit,
  type JobView,
  type Json,
  type MemBankOptions,
  type MemoryView,
  type RelatedMemories,
} from "@membank/sdk";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";

const MemBankContext = createContext<MemBank | null>(null);

export interface MemBankProviderProps extends MemBankOptions {
  /** A client to share; otherwise one is made from the options. */
  client?: MemBank;
  children?: ReactNode;
}

/** Makes one MemBank client available to the hooks below it. */
export function MemBankProvider({ client, children, ...options }: MemBankProviderProps) {
  const { baseUrl, token, timeoutMs, maxRetries } = options;
  const value = useMemo(
    () => client ?? new MemBank({ baseUrl, token, timeoutMs, maxRetries }),
    [client, baseUrl, token, timeoutMs, maxRetries],
  );
  return <MemBankContext.Provider value={value}>{children}</MemBankContext.Provider>;
}

/** The provider's client. */
export function useMemBank(): MemBank {
  const client = useContext(MemBankContext);
  if (!client) throw new Error("useMemBank: wrap the component in <MemBankProvider>");
  return client;
}

export interface AsyncState<T> {
  data: T | undefined;
  loading: boolean;
  error: Error | undefined;
}

/** Runs load whenever deps change; aborts the previous run; refetch runs it again. */
function useLoad<T>(load: ((signal: AbortSignal) => Promise<T>) | undefined, deps: unknown[]) {
  const [state, setState] = useState<AsyncState<T>>({ data: undefined, loading: !!load, error: undefined });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!load) {
      setState({ data: undefined, loading: false, error: undefined });
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: undefined }));
    load(controller.signal).then(
      (data) => !controller.signal.aborted && setState({ data, loading: false, error: undefined }),
      (error: unknown) =>
        !controller.signal.aborted && setState((s) => ({ ...s, loading: false, error: toError(error) })),
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const refetch = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, refetch };
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

export interface UseMemoriesResult {
  memories: MemoryView[];
  loading: boolean;
  error: Error | undefined;
  /** Whether another page exists. */
  hasMore: boolean;
  /** Appends the next page. */
  loadMore: () => Promise<void>;
  /** Starts again from the first page. */
  refetch: () => void;
}

/** A user's memories, newest first, a page at a time. */
export function useMemories(
  userId: string,
  options: { pageSize?: number; filters?: Filters | Json } = {},
): UseMemoriesResult {
  const client = useMemBank();
  const { pageSize = 20, filters } = options;
  const filterKey = JSON.stringify(filters ?? null);
  const [pages, setPages] = useState<{ memories: MemoryView[]; cursor?: string }>({ memories: [] });
  const [more, setMore] = useState<{ loading: boolean; error?: Error }>({ loading: false });
  const first = useLoad(
    (signal) => client.listPage(userId, { pageSize, filters, signal }),
    [client, userId, pageSize, filterKey],
  );
  useEffect(() => {
    if (first.data) setPages({ memories: first.data.memories, cursor: first.data.nextCursor });
  }, [first.data]);
  const loadMore = useCallback(async () => {
    if (!pages.cursor) return;
    setMore({ loading: true });
    try {
      const page = await client.listPage(userId, { pageSize, filters, cursor: pages.cursor });
      setPages((p) => ({ memories: [...p.memories, ...page.memories], cursor: page.nextCursor }));
      setMore({ loading: false });
    } catch (error) {
      setMore({ loading: false, error: toError(error) });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, userId, pageSize, filterKey, pages.cursor]);
  return {
    memories: pages.memories,
    loading: first.loading || more.loading,
    error: first.error ?? more.error,
    hasMore: !!pages.cursor,
    loadMore,
    refetch: first.refetch,
  };
}

/** Search as the user types: waits debounceMs after the last change and cancels stale requests. */
export function useSearch(
  userId: string,
  query: string,
  options: { debounceMs?: number; filters?: Filters | Json; topK?: number; mode?: "keyword" | "vector" | "hybrid" } = {},
) {
  const client = useMemBank();
  const { debounceMs = 300, filters, topK, mode } = options;
  const [debounced, setDebounced] = useState(query);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(query), debounceMs);
    return () => clearTimeout(timer);
  }, [query, debounceMs]);
  const filterKey = JSON.stringify(filters ?? null);
  const state = useLoad<Hit[]>(
    debounced.trim()
      ? async (signal) =>
          (await client.search({ user_id: userId, query: debounced, filters, top_k: topK, mode }, { signal }))
            .memories ?? []
      : undefined,
    [client, userId, debounced, filterKey, topK, mode],
  );
  return { results: state.data ?? [], loading: state.loading || debounced !== query, error: state.error };
}

/** Adds memories and follows the job until it is completed (progress 0..1). */
export function useAddMemory() {
  const client = useMemBank();
  const [job, setJob] = useState<JobView | undefined>();
  const [state, setState] = useState<{ loading: boolean; error?: Error }>({ loading: false });
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const add = useCallback(
    async (request: AddMemoryRequest): Promise<JobView> => {
      setState({ loading: true });
      setJob(undefined);
      try {
        const done = await client.add(request, {
          wait: true,
          onProgress: (j) => mounted.current && setJob(j),
        });
        if (mounted.current) {
          setJob(done);
          setState({ loading: false });
        }
        return done;
      } catch (error) {
        if (mounted.current) setState({ loading: false, error: toError(error) });
        throw error;
      }
    },
    [client],
  );
  return { add, job, progress: job?.progress ?? 0, status: job?.status, loading: state.loading, error: state.error };
}

/** One memory with its history of versions. */
export function useMemory(memoryId: string | undefined) {
  const client = useMemBank();
  const state = useLoad(
    memoryId
      ? async (signal) => {
          const [memory, history] = await Promise.all([
            client.get(memoryId, { signal }),
            client.history(memoryId, { signal }),
          ]);
          return { memory, history: history.history ?? [] };
        }
      : undefined,
    [client, memoryId],
  );
  return {
    memory: state.data?.memory,
    history: state.data?.history ?? [],
    loading: state.loading,
    error: state.error,
    refetch: state.refetch,
  };
}

/** Memories related to one through the entities it mentions. */
export function useRelated(memoryId: string | undefined, options: { depth?: number; limit?: number } = {}) {
  const client = useMemBank();
  const { depth, limit } = options;
  const state = useLoad<RelatedMemories>(
    memoryId ? (signal) => client.related(memoryId, { depth, limit, signal }) : undefined,
    [client, memoryId, depth, limit],
  );
  return {
    related: state.data?.related ?? [],
    loading: state.loading,
    error: state.error,
    refetch: state.refetch,
  };
}
