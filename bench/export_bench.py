#!/usr/bin/env python3
"""Subject export bench (issue 17): seeds N memories (each with one history row) for one subject
straight into memory-service's PostgreSQL, exports the subject through governance-service, and
prints the time, the bundle's size and governance-service's peak heap during the export (sampled
from its Prometheus endpoint, `jvm_memory_used_bytes{area="heap"}` summed over pools, every
0.2 s), then verifies the bundle's hashes against its manifest.

Standard library plus `psql`. Run against a stack started by `bin/membank up` (ports.env sourced):
  bench/export_bench.py --n 100000
"""
import argparse
import hashlib
import json
import os
import re
import subprocess
import tempfile
import threading
import time
import urllib.request
import uuid
import zipfile

import stack_client


def seed(tenant, user, n):
    sql = f"""
insert into memories (id, tenant_id, user_id, content, normalized_content, type, importance,
                      version, valid_from, created_at, updated_at)
select gen_random_uuid(), '{tenant}', '{user}', 'bench fact number ' || i || ' about the user',
       'bench fact number ' || i || ' about the user', 'fact', 0.5, 1, now(), now(), now()
from generate_series(1, {n}) i;
insert into memory_history (memory_id, tenant_id, version, reason, content, actor)
select id, tenant_id, 1, 'extracted', content, 'bench' from memories
where tenant_id = '{tenant}' and user_id = '{user}';
"""
    env = dict(os.environ, PGPASSWORD="membank_memory")
    subprocess.run(
        ["psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
         "-p", os.environ.get("MEMBANK_PG_PORT", "15432"), "-U", "membank_memory",
         "-d", "membank_memory", "-c", sql],
        check=True, env=env)


def heap_bytes(metrics_url):
    with urllib.request.urlopen(metrics_url, timeout=5) as r:
        text = r.read().decode()
    total = 0.0
    for line in text.splitlines():
        if line.startswith("jvm_memory_used_bytes{") and 'area="heap"' in line:
            total += float(line.rsplit(" ", 1)[1])
    return total


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=100000, help="memories to seed (default 100000)")
    args = p.parse_args()
    st = stack_client.status()
    gov = stack_client.service(st, "governance")
    metrics = gov["management_url"].rstrip("/") + "/q/metrics"
    tenant = "exb-" + uuid.uuid4().hex[:8]
    user = "subject-1"
    t0 = time.time()
    seed(tenant, user, args.n)
    print(f"seeded {args.n} memories (+ history) in {time.time() - t0:.1f} s")
    admin = subprocess.check_output(
        [os.path.join(stack_client.ROOT, "bin", "membank"), "token", "--tenant", tenant,
         "--subject", "bench-admin", "--roles", "admin", "--ttl", "7200"], text=True).strip()

    baseline = heap_bytes(metrics)
    peak = [baseline]
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            try:
                peak[0] = max(peak[0], heap_bytes(metrics))
            except OSError:
                pass
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    base = gov["url"].rstrip("/")
    start = time.time()
    status = stack_client.call("POST", f"{base}/api/v1/governance/subjects/{user}/export", admin)
    export_id = status["export_id"]
    while status["status"] == "running":
        time.sleep(0.5)
        status = stack_client.call("GET", f"{base}/api/v1/governance/exports/{export_id}", admin)
    elapsed = time.time() - start
    stop.set()
    sampler.join()
    if status["status"] != "done":
        raise SystemExit(f"export {status['status']}: {status.get('status_reason')}")

    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "bundle.zip")
        req = urllib.request.Request(f"{base}/api/v1/governance/exports/{export_id}/bundle")
        req.add_header("Authorization", "Bearer " + admin)
        with urllib.request.urlopen(req, timeout=300) as r, open(path, "wb") as f:
            while chunk := r.read(1 << 20):
                f.write(chunk)
        with zipfile.ZipFile(path) as z:
            manifest = json.loads(z.read("manifest.json"))
            for entry in manifest["files"]:
                h = hashlib.sha256()
                with z.open(entry["name"]) as f:
                    while chunk := f.read(1 << 20):
                        h.update(chunk)
                if h.hexdigest() != entry["sha256"]:
                    raise SystemExit(f"hash mismatch: {entry['name']}")
        size = os.path.getsize(path)
    progress = {p["source"]: p["done"] for p in status["progress"]}
    mib = 1024 * 1024
    print(f"export {export_id}: {progress} in {elapsed:.1f} s, bundle {size / mib:.1f} MiB,"
          f" hashes verified")
    print(f"governance heap: {baseline / mib:.0f} MiB before, peak {peak[0] / mib:.0f} MiB during"
          f" (sampled every 0.2 s)")


if __name__ == "__main__":
    main()
