#!/usr/bin/env python3
"""Ingestion benchmark for memory-service: POST /api/v1/memories until completed.

Measures, for N concurrent clients each adding memories one at a time and polling its job
until completed: jobs/s, memories/s and POST->completed latency p50/p95/p99. Uses only the
Python standard library. Run against a stack started by `bin/membank up`:

    bench/ingest_bench.py --clients 1 --jobs 200
    bench/ingest_bench.py --clients 16 --jobs 800
"""
import argparse
import json
import os
import statistics
import threading
import time
import uuid

import stack_client

# What a well-behaved client does on a 429: wait as told, then retry; counted here.
THROTTLED = []


def call(method, url, tok, body=None):
    return stack_client.call(method, url, tok, body, on_throttle=lambda: THROTTLED.append(1))


SENTENCES = [
    "I live in {w}.", "I love {w}.", "My favorite food is {w}.", "I work at {w}.",
    "I am planning to visit {w} next month.", "My dog is called {w}.",
]


def client(base, tok, n, poll, latencies, memories, errors):
    user = "bench-" + uuid.uuid4().hex[:8]
    for i in range(n):
        word = "W" + uuid.uuid4().hex[:8]
        content = " ".join(s.format(w=word + str(k)) for k, s in enumerate(SENTENCES[: 1 + i % 3]))
        start = time.perf_counter()
        try:
            job = call("POST", base + "/api/v1/memories", tok, {"user_id": user, "content": content})
            while True:
                status = call("GET", base + "/api/v1/jobs/" + job["job_id"], tok)
                if status["status"] in ("completed", "failed"):
                    break
                time.sleep(poll)
            latencies.append(time.perf_counter() - start)
            if status["status"] == "completed":
                memories.append(len(status["result"]["memories"]["added"]))
            else:
                errors.append(status.get("error"))
        except Exception as e:  # noqa: BLE001 - a benchmark counts errors, it does not stop
            errors.append(str(e))


def pct(values, p):
    values = sorted(values)
    k = max(0, min(len(values) - 1, int(round(p / 100.0 * len(values) + 0.5)) - 1))
    return values[k]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", default=os.environ.get("MEMBANK_URL", "http://127.0.0.1:8081"))
    ap.add_argument("--clients", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=200, help="total jobs across all clients")
    ap.add_argument("--poll-ms", type=float, default=10.0,
                    help="pause between two job-status polls (10 ms polls make a slow job cost more)")
    args = ap.parse_args()
    tok = stack_client.token("bench")
    call("POST", args.base + "/api/v1/memories", tok, {"user_id": "warmup", "content": "I like tea."})
    per = max(1, args.jobs // args.clients)
    latencies, memories, errors = [], [], []
    threads = [threading.Thread(target=client, args=(args.base, tok, per, args.poll_ms / 1000.0, latencies, memories, errors))
               for _ in range(args.clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    done = len(latencies)
    print(json.dumps({
        "clients": args.clients, "poll_ms": args.poll_ms, "jobs": done, "errors": len(errors),
        "error_samples": sorted(set(errors))[:3], "throttled_429": len(THROTTLED),
        "seconds": round(elapsed, 2),
        "jobs_per_s": round(done / elapsed, 1), "memories_per_s": round(sum(memories) / elapsed, 1),
        "latency_ms": {"p50": round(pct(latencies, 50) * 1000, 1),
                       "p95": round(pct(latencies, 95) * 1000, 1),
                       "p99": round(pct(latencies, 99) * 1000, 1),
                       "mean": round(statistics.mean(latencies) * 1000, 1)} if latencies else None,
    }, indent=2))


if __name__ == "__main__":
    main()
