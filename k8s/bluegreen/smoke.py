#!/usr/bin/env python3
"""Smoke and latency check of a deployed MemBank, used by .github/workflows/cd.yml.

  smoke.py [--url URL] [--preview] [--requests 50] [--max-p95-ms 300]

Through Kong (--url, default $MEMBANK_URL) or, with --preview, straight at the idle
colour's `<service>-preview` Services (in-cluster, colour from $MEMBANK_COLOUR): every
service's authenticated `whoami` must answer 200 with the token's tenant, and the p95 of
--requests calls must stay under --max-p95-ms. Token: $MEMBANK_TOKEN (a service JWT from
the environment's secret store). Exit 0 pass, 1 fail.
"""
import argparse
import json
import os
import sys
import time
import urllib.request

SERVICES = {"memory": "memory", "search": "search", "graph": "graph", "audit": "audit",
            "governance": "governance", "diagnostics": "diagnostics", "cost": "cost"}


def call(url, token):
    req = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    t = time.perf_counter()
    with urllib.request.urlopen(req, timeout=10) as r:
        body = json.load(r)
        return r.status, body, time.perf_counter() - t


def base_for(args, short):
    if args.preview:
        return f"http://{short}-service-preview.membank.svc:8080"
    return args.url.rstrip("/")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", default=os.environ.get("MEMBANK_URL", ""))
    ap.add_argument("--preview", action="store_true")
    ap.add_argument("--requests", type=int, default=50)
    ap.add_argument("--max-p95-ms", type=float, default=300)
    args = ap.parse_args()
    token = os.environ.get("MEMBANK_TOKEN")
    if not token or not (args.url or args.preview):
        sys.exit("smoke: set MEMBANK_TOKEN and --url (or --preview)")
    failures, timings = [], []
    for short, path in SERVICES.items():
        url = f"{base_for(args, short)}/api/v1/{path}/whoami"
        try:
            status, body, _ = call(url, token)
            if status != 200 or not body.get("tenant"):
                failures.append(f"{url}: {status} {body}")
        except Exception as e:  # noqa: BLE001 - any failure is a smoke failure
            failures.append(f"{url}: {e}")
    for i in range(args.requests):
        short = list(SERVICES)[i % len(SERVICES)]
        try:
            timings.append(call(f"{base_for(args, short)}/api/v1/{short}/whoami", token)[2])
        except Exception as e:  # noqa: BLE001
            failures.append(f"latency probe {i}: {e}")
    if timings:
        timings.sort()
        p95 = timings[int(0.95 * (len(timings) - 1))] * 1000
        print(f"smoke: {len(timings)} calls, p95 {p95:.0f} ms (limit {args.max_p95_ms:.0f} ms)")
        if p95 > args.max_p95_ms:
            failures.append(f"p95 {p95:.0f} ms over {args.max_p95_ms:.0f} ms")
    for f in failures:
        print(f"smoke: FAIL {f}", file=sys.stderr)
    print(f"smoke: {'FAILED' if failures else 'OK'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
