/** The MemBankError hierarchy, built from the API's RFC 7807 problem+json answers. */
import type { components } from "./generated/openapi.js";

/** The problem+json body; partial, since a proxy or a dropped connection may answer without one. */
export type Problem = Partial<components["schemas"]["Problem"]>;

export interface ErrorOptions {
  status?: number;
  problem?: Problem;
  requestId?: string;
  cause?: unknown;
}

/** Base of every error the SDK throws. */
export class MemBankError extends Error {
  readonly status: number | undefined;
  readonly problem: Problem;
  readonly requestId: string | undefined;

  constructor(message: string, options: ErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.status = options.status;
    this.problem = options.problem ?? {};
    this.requestId = options.requestId;
  }

  /** Per-field errors (field, message) of a 400. */
  get errors(): NonNullable<Problem["errors"]> {
    return this.problem.errors ?? [];
  }
}

/** The server could not be reached, or did not answer in time, after every retry. */
export class APIConnectionError extends MemBankError {}
/** 400 or 422: refused as invalid; `errors` names the fields. */
export class ValidationError extends MemBankError {}
/** 401: missing, expired or invalid credential. */
export class AuthenticationError extends MemBankError {}
/** 403: the credential lacks the role, or names another tenant. */
export class PermissionDeniedError extends MemBankError {}
/** 404: no such resource in the caller's tenant. */
export class NotFoundError extends MemBankError {}
/** 409: the resource's state does not allow the change. */
export class ConflictError extends MemBankError {}
/** 5xx: the server failed or is unavailable. */
export class ServerError extends MemBankError {}

/** 429: the tenant's rate limit; `retryAfter` is the server's Retry-After in seconds. */
export class RateLimitError extends MemBankError {
  readonly retryAfter: number | undefined;

  constructor(message: string, retryAfter: number | undefined, options: ErrorOptions = {}) {
    super(message, options);
    this.retryAfter = retryAfter;
  }
}

/** Retry-After in seconds (the API sends delta-seconds), or undefined. */
export function retryAfterSeconds(response: Response): number | undefined {
  const value = response.headers.get("Retry-After");
  if (value === null) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

/** The typed error for a non-2xx response (reads its body). */
export async function errorFromResponse(response: Response): Promise<MemBankError> {
  let problem: Problem = {};
  try {
    const body: unknown = await response.json();
    if (body !== null && typeof body === "object" && !Array.isArray(body)) problem = body as Problem;
  } catch {
    // not JSON: the status alone says what happened
  }
  const status = response.status;
  const requestId = response.headers.get("X-Request-Id") ?? problem.request_id ?? undefined;
  const detail = problem.detail ?? problem.title ?? response.statusText;
  const message = `${status} ${detail}${requestId ? ` (request id ${requestId})` : ""}`;
  const options: ErrorOptions = { status, problem, requestId };
  if (status === 429) return new RateLimitError(message, retryAfterSeconds(response), options);
  if (status === 400 || status === 422) return new ValidationError(message, options);
  if (status === 401) return new AuthenticationError(message, options);
  if (status === 403) return new PermissionDeniedError(message, options);
  if (status === 404) return new NotFoundError(message, options);
  if (status === 409) return new ConflictError(message, options);
  if (status >= 500) return new ServerError(message, options);
  return new MemBankError(message, options);
}
