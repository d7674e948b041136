#!/usr/bin/env python3
"""Load test of the running suite (`bin/membank loadtest`): an import at the highest rate the
suite accepts, then the checks that say whether it held.

N messages are imported through `POST /api/v1/memories/batch` (one message per conversation
entry, so one job per message, as a chat history import does), by several clients at once, each
honouring 429 Retry-After. Then every job is awaited and these are checked:

- 0 responses >= 500 in any service (the difference of `http_server_requests_seconds_count`
  with outcome SERVER_ERROR on every service's management port, before and after);
- 0 pool-exhaustion errors in the service logs written during the run (database connection
  acquisition timeouts, Redis `ConnectionPoolTooBusyException`);
- similar-memories fallbacks < 1 % (`memory_similar_lookups_total` by source);
- every job completed, none failed, each job counted once.

Standard library only. Exit status 0 when every check passes. Results go in docs/benchmarks.md.
"""
import argparse
import os
import re
import sys
import threading
import time
import urllib.request
import uuid

import stack_client

SERVICES = ["memory", "search", "graph", "audit", "governance", "diagnostics", "cost"]
POOL_ERRORS = re.compile(
    r"ConnectionPoolTooBusyException|Sorry, acquisition timeout|Unable to acquire JDBC Connection"
    r"|AgroalAcquireTimeout|acquisition timeout")
WORDS = ["tea", "Lisbon", "chess", "a dog called Rex", "Python", "jazz", "hiking", "Kyoto",
         "sourdough", "the violin", "tennis", "Berlin", "sushi", "a cat called Mia"]
TEMPLATES = ["I like {w}.", "I moved to {w} last year.", "My favourite hobby is {w}.",
             "Yesterday I talked about {w} with my sister.", "I am learning {w}."]


def scrape(url):
    with urllib.request.urlopen(url + "/q/metrics", timeout=10) as r:
        return r.read().decode()


def metric_sum(text, name, **labels):
    total = 0.0
    for line in text.splitlines():
        if not line.startswith(name + "{") and not line.startswith(name + " "):
            continue
        if all(f'{k}="{v}"' in line for k, v in labels.items()):
            # "name{labels} value # {exemplar labels} value timestamp": the value is before " # "
            total += float(line.split(" # ", 1)[0].rsplit(" ", 1)[1])
    return total


def counters(st):
    out = {}
    for name in SERVICES:
        try:
            svc = stack_client.service(st, name)
        except StopIteration:
            continue
        text = scrape(svc["management_url"])
        out[name] = {
            "5xx": metric_sum(text, "http_server_requests_seconds_count", outcome="SERVER_ERROR"),
        }
        if name == "memory":
            out[name]["lookups"] = metric_sum(text, "memory_similar_lookups_total")
            out[name]["fallbacks"] = metric_sum(
                text, "memory_similar_lookups_total", source="unavailable")
    return out


def log_offsets(st):
    logs = [s["log"] for s in st["services"] if s.get("log") and os.path.exists(s["log"])]
    return {p: os.path.getsize(p) for p in logs}


def pool_errors_since(offsets):
    found = {}
    for path, start in offsets.items():
        with open(path, "rb") as f:
            f.seek(start)
            n = len(POOL_ERRORS.findall(f.read().decode(errors="replace")))
        if n:
            found[os.path.basename(path)] = n
    return found


def importer(url, tok, user, messages, per_batch, batches, errors, throttled):
    for start in range(0, len(messages), per_batch):
        chunk = messages[start:start + per_batch]
        body = {"user_id": user, "conversations": [
            {"session_id": f"s{start + i}", "messages": [{"role": "user", "content": m}]}
            for i, m in enumerate(chunk)]}
        try:
            r = stack_client.call("POST", url + "/api/v1/memories/batch", tok, body,
                                  on_throttle=lambda: throttled.append(1))
            batches.append((r["batch_id"], r["job_count"]))
        except Exception as e:  # counted and reported: a refused import is a failed check
            errors.append(str(e)[:200])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--messages", type=int, default=10000)
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--per-batch", type=int, default=100, help="conversation entries per batch")
    ap.add_argument("--timeout", type=int, default=1800, help="seconds to wait for the jobs")
    args = ap.parse_args()

    st = stack_client.status()
    memory = stack_client.service(st, "memory")
    url = memory["url"]
    tenant = "load-" + uuid.uuid4().hex[:6]
    tok = stack_client.token(tenant, ttl=4 * 3600)
    before, offsets = counters(st), log_offsets(st)

    per_client = [[] for _ in range(args.clients)]
    for i in range(args.messages):
        w = WORDS[i % len(WORDS)] + f" {i}"
        per_client[i % args.clients].append(TEMPLATES[i % len(TEMPLATES)].format(w=w))
    batches, errors, throttled = [], [], []
    t0 = time.perf_counter()
    threads = [threading.Thread(target=importer, args=(
        url, tok, f"user-{c}", per_client[c], args.per_batch, batches, errors, throttled))
        for c in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    accepted_s = time.perf_counter() - t0

    expected = sum(n for _, n in batches)
    statuses, job_ids = {}, []
    deadline = time.time() + args.timeout
    pending = list(batches)
    while pending and time.time() < deadline:
        still = []
        for batch_id, n in pending:
            b = stack_client.call("GET", f"{url}/api/v1/batches/{batch_id}", tok)
            if b["status"] in ("completed", "completed_with_failures"):
                for s, k in b["jobs_by_status"].items():
                    statuses[s] = statuses.get(s, 0) + k
                job_ids.extend(b["job_ids"])
            else:
                still.append((batch_id, n))
        pending = still
        if pending:
            time.sleep(2)
    done_s = time.perf_counter() - t0
    after = counters(st)

    server_errors = {n: int(after[n]["5xx"] - before[n]["5xx"]) for n in after if n in before}
    lookups = after["memory"]["lookups"] - before["memory"]["lookups"]
    fallbacks = after["memory"]["fallbacks"] - before["memory"]["fallbacks"]
    pools = pool_errors_since(offsets)
    completed = statuses.get("completed", 0)
    checks = [
        ("every message accepted", not errors and expected == args.messages,
         f"{expected}/{args.messages} accepted, {len(errors)} refused"),
        ("every job completed once", completed == expected and len(set(job_ids)) == expected
         and not pending, f"{completed} completed, {statuses.get('failed', 0)} failed, "
         f"{len(pending)} batches unfinished, {len(set(job_ids))} distinct jobs"),
        ("0 responses >= 500", sum(server_errors.values()) == 0,
         ", ".join(f"{n} {v}" for n, v in server_errors.items())),
        ("0 pool-exhaustion errors", not pools, str(pools or "none")),
        ("similar-lookup fallbacks < 1 %", lookups > 0 and fallbacks / lookups < 0.01,
         f"{int(fallbacks)} of {int(lookups)}"),
    ]
    print(f"loadtest: {args.messages} messages, {args.clients} clients, {args.per_batch} per batch,"
          f" tenant {tenant}")
    print(f"  accepted in {accepted_s:.1f} s ({args.messages / accepted_s:.0f} messages/s),"
          f" all jobs done after {done_s:.1f} s ({expected / done_s:.1f} jobs/s),"
          f" 429s waited out: {len(throttled)}")
    for name, ok, detail in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {name}: {detail}")
    for e in errors[:5]:
        print("  refused:", e)
    return 0 if all(ok for _, ok, _ in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
