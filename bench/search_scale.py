#!/usr/bin/env python3
"""Search at scale: 100k memories over 1,000 users (plus one user holding 20k), through REST.

1. Writes `memory.events` created-events straight to Kafka with the Java loader
   (search-service test class io.membank.search.bench.SyntheticMemoryEvents), the way
   memory-service's relay would, and measures search-service's indexing throughput (events/s,
   real in-process embeddings) from its `search_index_events_total{outcome="applied"}` counter.
2. Search latency p50/p95/p99 and throughput at 1 and 16 concurrent clients, hybrid mode, for
   random users and for the big user; cold (every query distinct: cache miss) and warm (the
   same queries again: Redis cache hits).
3. search-service's RSS (VmRSS, VmHWM) after indexing and after the load.

Standard library only. Run against a stack started by `bin/membank up` (stop graph-service
first if you want search-service alone on the CPU: it consumes the same topic):

    bench/search_scale.py --users 1000 --per-user 80 --big 20000
    bench/search_scale.py --skip-load --tenant bench-scale-XXXX   # latency only, data loaded
"""
import argparse
import concurrent.futures
import json
import os
import random
import re
import statistics
import subprocess
import threading
import time
import urllib.request

from stack_client import ROOT, service, status, token
QUESTIONS = [
    "where do I live", "what food do I like", "what is my pet called", "where do I work",
    "which languages am I learning", "what am I allergic to", "what do I do on weekends",
    "where does my sister live", "what do I drink in the morning", "where do I want to travel",
    "which sports do I play", "who do I play with", "which city did I visit", "what is my job",
]


def applied_events(mgmt_url):
    with urllib.request.urlopen(mgmt_url + "/q/metrics", timeout=10) as r:
        text = r.read().decode()
    m = re.search(r'^search_index_events_total\{[^}]*outcome="applied"[^}]*\} ([0-9.eE+]+)$',
                  text, re.M)
    return float(m.group(1)) if m else 0.0


def rss(pid):
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(("VmRSS:", "VmHWM:")):
                k, v = line.split(":")
                out[k] = round(int(v.strip().split()[0]) / 1024)
    return out


def load(args, st, tenant):
    java_home = os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64")
    subprocess.check_call(
        [os.path.join(ROOT, "mvnw"), "-B", "-q", "-pl", "search-service", "test-compile",
         "dependency:build-classpath", "-Dmdep.outputFile=target/bench-classpath.txt",
         "-Dmdep.includeScope=test"], cwd=ROOT, env={**os.environ, "JAVA_HOME": java_home})
    svc = os.path.join(ROOT, "search-service")
    with open(os.path.join(svc, "target", "bench-classpath.txt")) as f:
        cp = ":".join([os.path.join(svc, "target", "test-classes"),
                       os.path.join(svc, "target", "classes"), f.read().strip()])
    java = os.path.join(java_home, "bin", "java")
    mgmt = service(st, "search")["management_url"]
    expected = args.users * args.per_user + args.big
    before = applied_events(mgmt)
    started = time.time()
    out = subprocess.check_output(
        [java, "-cp", cp, "io.membank.search.bench.SyntheticMemoryEvents",
         st["stores"]["kafka"], tenant, str(args.users), str(args.per_user), str(args.big),
         str(args.seed)], text=True)
    print("loader:", out.strip().splitlines()[-1], flush=True)
    last_print = 0
    while True:
        done = applied_events(mgmt) - before
        now = time.time()
        if now - last_print >= 30:
            print(f"  indexed {int(done)}/{expected} after {now - started:.0f} s "
                  f"({done / (now - started):.0f}/s)", flush=True)
            last_print = now
        if done >= expected:
            break
        time.sleep(2)
    seconds = time.time() - started
    return {"events": expected, "seconds": round(seconds, 1),
            "events_per_s": round(expected / seconds, 1)}


def search(url, tok, user, query, timings, lock):
    body = json.dumps({"user_id": user, "query": query, "limit": 10}).encode()
    req = urllib.request.Request(url + "/api/v1/memories/search", data=body, method="POST",
                                 headers={"Authorization": "Bearer " + tok,
                                          "Content-Type": "application/json"})
    t0 = time.perf_counter()
    with urllib.request.urlopen(req, timeout=30) as r:
        r.read()
    ms = (time.perf_counter() - t0) * 1000
    with lock:
        timings.append(ms)


def phase(url, tok, clients, queries):
    timings, lock = [], threading.Lock()
    t0 = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(lambda q: search(url, tok, q[0], q[1], timings, lock), queries))
    wall = time.perf_counter() - t0
    timings.sort()

    def pct(p):
        return round(timings[min(len(timings) - 1, int(len(timings) * p))], 1)
    return {"clients": clients, "requests": len(timings), "p50_ms": pct(0.50),
            "p95_ms": pct(0.95), "p99_ms": pct(0.99),
            "mean_ms": round(statistics.mean(timings), 1),
            "throughput_per_s": round(len(timings) / wall, 1)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--users", type=int, default=1000)
    ap.add_argument("--per-user", type=int, default=80)
    ap.add_argument("--big", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--tenant", default=None)
    ap.add_argument("--skip-load", action="store_true")
    ap.add_argument("--requests", type=int, default=400, help="per latency phase")
    args = ap.parse_args()
    st = status()
    tenant = args.tenant or f"bench-scale-{random.randrange(16**6):06x}"
    tok = token(tenant, ttl=14400)
    url = service(st, "search")["url"]
    pid = service(st, "search")["pid"]
    print(f"tenant {tenant}; load: {os.getloadavg()}", flush=True)
    result = {"tenant": tenant, "machine_load_start": os.getloadavg()}
    if not args.skip_load:
        result["indexing"] = load(args, st, tenant)
        print("indexing:", result["indexing"], flush=True)
    result["rss_after_indexing_mb"] = rss(pid)

    rnd = random.Random(args.seed)
    phases = []
    for who in ("random users", "big user (20k)"):
        for clients in (1, 16):
            qs = []
            for _ in range(args.requests):
                user = "big" if who.startswith("big") else f"u{rnd.randrange(args.users):04d}"
                # a distinct marker makes every query a cache miss without changing its meaning
                qs.append((user, f"{rnd.choice(QUESTIONS)} m{rnd.randrange(10**9)}"))
            cold = phase(url, tok, clients, qs)
            warm = phase(url, tok, clients, qs)
            for kind, r in (("cold", cold), ("warm", warm)):
                r.update({"who": who, "cache": kind})
                phases.append(r)
                print(json.dumps(r), flush=True)
    result["latency"] = phases
    result["rss_after_load_mb"] = rss(pid)
    result["machine_load_end"] = os.getloadavg()
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
