#!/usr/bin/env python3
"""Search benchmark for search-service: latency per ranking mode, and from the Redis cache.

Seeds one user with --memories memories through memory-service (POST /api/v1/memories, one fact
each), waits until search-service has indexed them, then runs --queries searches per mode
(keyword, vector, hybrid) with a unique marker word each (so none is a cache hit), and the same
number of repeated searches (cache hits). Prints p50/p95/p99 in ms. Standard library only. Run
against a stack started by `bin/membank up`:

    bench/search_bench.py --memories 500 --queries 200
"""
import argparse
import statistics
import time
import uuid

from stack_client import call, token

# No slot facts ("I live in …" would invalidate the previous one) and little word overlap, so
# every fact becomes its own memory.
FACTS = ["I love {w}.", "I visited {w}.", "{w} is my friend.", "I collect {w}."]
WORDS = ["Lisbon", "Oslo", "sushi", "Acme", "Kyoto", "Rex", "tennis", "jazz", "Berlin", "ramen",
         "Globex", "Lima", "chess", "Bella", "Quito", "pasta", "Initech", "golf", "Porto", "tacos"]
QUESTIONS = ["where do I live", "what food do I like", "what is my pet called",
             "where do I work", "where am I travelling", "which sports do I play",
             "what music do I like", "tell me about my weekends"]


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--memory-url", default="http://127.0.0.1:8081")
    ap.add_argument("--search-url", default="http://127.0.0.1:8082")
    ap.add_argument("--memories", type=int, default=500)
    ap.add_argument("--queries", type=int, default=200)
    args = ap.parse_args()
    tok = token("bench")
    user = "search-bench-" + uuid.uuid4().hex[:8]
    started = time.time()
    jobs = []
    for i in range(args.memories):
        fact = FACTS[i % len(FACTS)].format(w=WORDS[i % len(WORDS)] + str(i))
        jobs.append(call("POST", args.memory_url + "/api/v1/memories", tok,
                         {"user_id": user, "content": fact})["job_id"])
    for job in jobs:
        while call("GET", f"{args.memory_url}/api/v1/jobs/{job}", tok)["status"] not in (
                "completed", "failed"):
            time.sleep(0.2)
    newest = call("GET", f"{args.memory_url}/api/v1/users/{user}/memories"
                         "?limit=1&sort_by=created_at&sort_order=desc", tok)
    stored = newest["total"]
    # Indexed: a keyword search for the newest memory's unique word finds it.
    marker = newest["memories"][0]["content"].replace("I love ", "").replace("I visited ", "")
    marker = marker.replace(" is my friend", "").replace("I collect ", "").strip(".")
    while not call("POST", args.search_url + "/api/v1/memories/search", tok,
                   {"user_id": user, "query": marker, "mode": "keyword"})["memories"]:
        time.sleep(0.2)
    print(f"seeded {stored} memories for {user} in {time.time() - started:.1f} s", flush=True)
    print(f"{'mode':<8} {'cache':<5} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for mode in ("keyword", "vector", "hybrid"):
        for cached in (False, True):
            lat = []
            for q in range(args.queries):
                question = QUESTIONS[q % len(QUESTIONS)]
                text = question if cached else f"{question} m{uuid.uuid4().hex[:6]}"
                t0 = time.perf_counter()
                r = call("POST", args.search_url + "/api/v1/memories/search", tok,
                         {"user_id": user, "query": text, "mode": mode, "limit": 10})
                lat.append((time.perf_counter() - t0) * 1000)
                if cached and q >= len(QUESTIONS):
                    assert r["usage"]["cached"], "a repeated search was not a cache hit"
            print(f"{mode:<8} {'hit' if cached else 'miss':<5} {len(lat):>5} "
                  f"{statistics.median(lat):>8.1f} {pct(lat, 95):>8.1f} {pct(lat, 99):>8.1f}")


if __name__ == "__main__":
    main()
