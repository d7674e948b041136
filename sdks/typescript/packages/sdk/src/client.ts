/** MemBank: a small typed client on fetch (Node >= 20 and browsers). */
import type { components } from "./generated/openapi.js";
import { APIConnectionError, errorFromResponse, retryAfterSeconds } from "./errors.js";

type Schemas = components["schemas"];
export type AddMemoryRequest = Schemas["AddMemoryRequest"];
export type BatchRequest = Schemas["BatchRequest"];
export type EditMemoryRequest = Schemas["EditMemoryRequest"];
export type Filters = Schemas["Filters"];
export type JobView = Schemas["JobView"];
export type SearchRequest = Schemas["SearchRequest"];
export type RelatedMemories = Schemas["RelatedMemories"];
export type EntityAnalysis = Schemas["EntityAnalysis"];
export type UserGraph = Schemas["UserGraph"];
export type WhoAmI = Schemas["WhoAmI"];
export type UsageReport = Schemas["UsageReport"];
export type PolicyResponse = Schemas["PolicyResponse"];
export type JobAccepted = Schemas["JobAccepted"];
export type BatchAccepted = Schemas["BatchAccepted"];
export type BatchView = Schemas["BatchView"];
export type MemoryView = Schemas["MemoryView"];
export type History = Schemas["History"];
export type DeletedCount = Schemas["DeletedCount"];
export type SearchResponse = Schemas["SearchResponse"];
export type Hit = Schemas["Hit"];
export type EventPage = Schemas["EventPage"];
export type EventView = Schemas["EventView"];
export type VerifyView = Schemas["VerifyView"];

/** Any JSON object: filters given as a plain object instead of the typed Filters tree. */
export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface MemBankOptions {
  /** Default: MEMBANK_URL, else http://127.0.0.1:8080. */
  baseUrl?: string;
  /** Bearer token; default: MEMBANK_TOKEN. */
  token?: string;
  /** Per-attempt timeout (AbortSignal.timeout). Default 30 000 ms. */
  timeoutMs?: number;
  /** Retries on network errors, 429 (after Retry-After) and 502/503/504. Default 3. */
  maxRetries?: number;
  /** First back-off step, doubled per attempt, with full jitter. Default 500 ms. */
  backoffMs?: number;
  /** Cap of one back-off step. Default 30 000 ms. */
  maxBackoffMs?: number;
  /** A fetch implementation (default: globalThis.fetch). */
  fetch?: typeof fetch;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface WaitOptions extends RequestOptions {
  onProgress?: (job: JobView) => void;
  timeoutMs?: number;
  pollIntervalMs?: number;
}

export interface AddOptions extends WaitOptions {
  /** Sent as Idempotency-Key; default a fresh UUID, kept across retries. */
  idempotencyKey?: string;
}

export interface ListOptions extends RequestOptions {
  pageSize?: number;
  cursor?: string;
  filters?: Filters | Json;
  agentId?: string;
  sessionId?: string;
  includeInvalidated?: boolean;
  asOf?: string;
  sortOrder?: "asc" | "desc";
}

/** One page of memories as listPage returns it (the wire MemoryPage, cursor in camel case). */
export interface MemoryPage {
  memories: MemoryView[];
  nextCursor?: string;
  total?: number;
}

export interface AuditQuery extends RequestOptions {
  pageSize?: number;
  action?: string;
  actor?: string;
  eventType?: string;
  from?: string;
  to?: string;
  risk?: string;
  outcome?: string;
}

/** Terminal states of an ingestion job. */
const JOB_DONE = new Set(["completed", "failed"]);
const RETRY_STATUSES = new Set([429, 502, 503, 504]);

interface Call {
  method: string;
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Safe to send again after an ambiguous failure (GET/PUT/DELETE, search, a keyed add). */
  idempotent?: boolean;
  signal?: AbortSignal;
}

function env(name: string): string | undefined {
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return proc?.env?.[name] || undefined;
}

const seg = (value: string) => encodeURIComponent(value);

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });

/** The MemBank API client: every public operation, typed errors, retries. */
export class MemBank {
  readonly baseUrl: string;
  private readonly token: string | undefined;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(options: MemBankOptions = {}) {
    this.baseUrl = (options.baseUrl ?? env("MEMBANK_URL") ?? "http://127.0.0.1:8080").replace(/\/+$/, "");
    this.token = options.token ?? env("MEMBANK_TOKEN");
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxRetries = options.maxRetries ?? 3;
    this.backoffMs = options.backoffMs ?? 500;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  // ------------------------------------------------------------------ memories

  /** Adds memories (202): the accepted job; with `wait: true`, the finished job. */
  add(request: AddMemoryRequest, options: AddOptions & { wait: true }): Promise<JobView>;
  add(request: AddMemoryRequest, options?: AddOptions & { wait?: false }): Promise<JobAccepted>;
  async add(request: AddMemoryRequest, options: AddOptions & { wait?: boolean } = {}): Promise<JobAccepted | JobView> {
    const accepted = await this.send<JobAccepted>({
      method: "POST",
      path: "/api/v1/memories",
      body: request,
      // Always a key: a retried add returns the same job instead of creating a second one.
      headers: { "Idempotency-Key": options.idempotencyKey ?? crypto.randomUUID() },
      signal: options.signal,
    });
    if (!options.wait) return accepted;
    return this.waitForJob(String(accepted.job_id), options);
  }

  /** Imports many conversations, one job each. */
  addBatch(request: BatchRequest, options: RequestOptions = {}): Promise<BatchAccepted> {
    return this.send({ method: "POST", path: "/api/v1/memories/batch", body: request, idempotent: false, ...options });
  }

  getBatch(batchId: string, options: RequestOptions = {}): Promise<BatchView> {
    return this.send({ method: "GET", path: `/api/v1/batches/${seg(batchId)}`, ...options });
  }

  getJob(jobId: string, options: RequestOptions = {}): Promise<JobView> {
    return this.send({ method: "GET", path: `/api/v1/jobs/${seg(jobId)}`, ...options });
  }

  /** Polls the job until it is completed or failed; onProgress sees every change. */
  async waitForJob(jobId: string, options: WaitOptions = {}): Promise<JobView> {
    const deadline = Date.now() + (options.timeoutMs ?? 120_000);
    let previous: JobView | undefined;
    for (;;) {
      const job = await this.getJob(jobId, options);
      if (!previous || previous.progress !== job.progress || previous.status !== job.status) options.onProgress?.(job);
      previous = job;
      if (JOB_DONE.has(job.status ?? "")) return job;
      if (Date.now() >= deadline) throw new Error(`job ${jobId} still ${job.status} after ${options.timeoutMs ?? 120_000} ms`);
      await sleep(options.pollIntervalMs ?? 250, options.signal);
    }
  }

  /** One page of a user's memories, newest first; give nextCursor back as cursor. */
  async listPage(userId: string, options: ListOptions = {}): Promise<MemoryPage> {
    const page = await this.send<Schemas["MemoryPage"]>({
      method: "GET",
      path: `/api/v1/users/${seg(userId)}/memories`,
      query: {
        limit: options.pageSize ?? 20,
        cursor: options.cursor,
        filters: options.filters === undefined ? undefined : JSON.stringify(options.filters),
        agent_id: options.agentId,
        session_id: options.sessionId,
        include_invalidated: options.includeInvalidated,
        as_of: options.asOf,
        sort_order: options.sortOrder,
      },
      signal: options.signal,
    });
    return { memories: page.memories ?? [], nextCursor: page.next_cursor ?? undefined, total: page.total };
  }

  /** Every memory of the user, page by page (cursor paging). */
  async *list(userId: string, options: ListOptions = {}): AsyncGenerator<MemoryView> {
    let cursor = options.cursor;
    do {
      const page = await this.listPage(userId, { ...options, cursor });
      yield* page.memories;
      cursor = page.nextCursor;
    } while (cursor);
  }

  get(memoryId: string, options: RequestOptions = {}): Promise<MemoryView> {
    return this.send({ method: "GET", path: `/api/v1/memories/${seg(memoryId)}`, ...options });
  }

  /** Edits a memory (a new version). */
  update(memoryId: string, request: EditMemoryRequest, options: RequestOptions = {}): Promise<MemoryView> {
    return this.send({ method: "PUT", path: `/api/v1/memories/${seg(memoryId)}`, body: request, ...options });
  }

  async delete(memoryId: string, options: RequestOptions = {}): Promise<void> {
    await this.send({ method: "DELETE", path: `/api/v1/memories/${seg(memoryId)}`, ...options });
  }

  /** Deletes every memory of a user (admin). */
  deleteAll(userId: string, options: RequestOptions = {}): Promise<DeletedCount | undefined> {
    return this.send({ method: "DELETE", path: `/api/v1/users/${seg(userId)}/memories`, ...options });
  }

  history(memoryId: string, options: RequestOptions = {}): Promise<History> {
    return this.send({ method: "GET", path: `/api/v1/memories/${seg(memoryId)}/history`, ...options });
  }

  /** Hybrid search; filters as the typed Filters tree or any JSON object. */
  search(
    request: Omit<SearchRequest, "filters"> & { filters?: Filters | Json },
    options: RequestOptions = {},
  ): Promise<SearchResponse> {
    return this.send({ method: "POST", path: "/api/v1/memories/search", body: request, ...options });
  }

  // ------------------------------------------------------------------ graph

  related(memoryId: string, query: { depth?: number; limit?: number } & RequestOptions = {}): Promise<RelatedMemories> {
    const { signal, ...q } = query;
    return this.send({ method: "GET", path: `/api/v1/memories/${seg(memoryId)}/related`, query: q, signal });
  }

  entities(userId: string, query: { limit?: number } & RequestOptions = {}): Promise<EntityAnalysis> {
    const { signal, ...q } = query;
    return this.send({ method: "GET", path: `/api/v1/users/${seg(userId)}/entities`, query: q, signal });
  }

  graph(userId: string, query: { limit?: number } & RequestOptions = {}): Promise<UserGraph> {
    const { signal, ...q } = query;
    return this.send({ method: "GET", path: `/api/v1/users/${seg(userId)}/graph`, query: q, signal });
  }

  // ------------------------------------------------------------------ audit, governance, cost

  /** The tenant's audit records, newest first, page by page. */
  async *auditEvents(query: AuditQuery = {}): AsyncGenerator<EventView> {
    const { signal, pageSize, eventType, ...rest } = query;
    let cursor: string | undefined;
    do {
      const page = await this.send<EventPage>({
        method: "GET",
        path: "/api/v1/audit/events",
        query: { ...rest, event_type: eventType, limit: pageSize ?? 50, cursor },
        signal,
      });
      yield* page.events ?? [];
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
  }

  /** Walks the audit chain: ok, or its first broken link. */
  auditVerify(query: { from?: string; to?: string; tenant?: string } & RequestOptions = {}): Promise<VerifyView> {
    const { signal, ...q } = query;
    return this.send({ method: "GET", path: "/api/v1/audit/verify", query: q, signal });
  }

  whoami(options: RequestOptions = {}): Promise<WhoAmI> {
    return this.send({ method: "GET", path: "/api/v1/memory/whoami", ...options });
  }

  /** Model usage and cost (cost-service). */
  usage(options: RequestOptions = {}): Promise<UsageReport> {
    return this.send({ method: "GET", path: "/api/v1/cost/usage", ...options });
  }

  /** The tenant's privacy policy (governance-service). */
  policies(options: RequestOptions = {}): Promise<PolicyResponse> {
    return this.send({ method: "GET", path: "/api/v1/governance/policies", ...options });
  }

  // ------------------------------------------------------------------ transport

  private url(call: Call): string {
    const url = new URL(this.baseUrl + call.path);
    for (const [key, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  private delayMs(attempt: number, response?: Response): number {
    const after = response ? retryAfterSeconds(response) : undefined;
    if (after !== undefined) return after * 1000 + Math.random() * this.backoffMs;
    return Math.random() * Math.min(this.maxBackoffMs, this.backoffMs * 2 ** attempt);
  }

  private async send<T>(call: Call): Promise<T> {
    const headers: Record<string, string> = { Accept: "application/json", ...call.headers };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    if (call.body !== undefined) headers["Content-Type"] = "application/json";
    const idempotent = call.idempotent ?? true;
    for (let attempt = 0; ; attempt++) {
      const signals = [AbortSignal.timeout(this.timeoutMs)];
      if (call.signal) signals.push(call.signal);
      let response: Response;
      try {
        response = await this.fetchImpl(this.url(call), {
          method: call.method,
          headers,
          body: call.body === undefined ? undefined : JSON.stringify(call.body),
          signal: AbortSignal.any(signals),
        });
      } catch (error) {
        if (call.signal?.aborted) throw error; // the caller cancelled: no retry
        // A refused connection sent nothing; otherwise only idempotent calls are sent again.
        if (attempt < this.maxRetries && (idempotent || isConnectionRefused(error))) {
          await sleep(this.delayMs(attempt), call.signal);
          continue;
        }
        throw new APIConnectionError(`${call.method} ${call.path}: ${String(error)}`, { cause: error });
      }
      if (RETRY_STATUSES.has(response.status) && attempt < this.maxRetries && (response.status === 429 || idempotent)) {
        await response.body?.cancel();
        await sleep(this.delayMs(attempt, response), call.signal);
        continue;
      }
      if (!response.ok) throw await errorFromResponse(response);
      const text = await response.text();
      return (text ? JSON.parse(text) : undefined) as T;
    }
  }
}

function isConnectionRefused(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } } | undefined)?.cause;
  return cause?.code === "ECONNREFUSED";
}
