#!/usr/bin/env python3
"""Blue-green release of the MemBank chart (used by .github/workflows/cd.yml, job production).

  bluegreen.py release --tag TAG [--namespace membank] [--values FILE]... \\
      [--prometheus URL] [--window 600] [--interval 30] [--max-error-ratio 0.01] \\
      [--max-mean-latency 0.5] [--smoke CMD]

Steps (each a `helm upgrade --reuse-values` of the release; the chart's `blueGreen` values):
  1. read the active colour from the release; the idle colour is the other one;
  2. deploy the idle colour with the new tag (blueGreen.deployIdle=true, tags.<idle>=TAG):
     its Deployments and the `<service>-preview` Services; wait for them;
  3. smoke-test the idle colour through the preview Services (--smoke, gets the colour in
     $MEMBANK_COLOUR); on failure remove the idle colour and stop: nothing was switched;
  4. switch: blueGreen.active=<idle> (the Services, which Kong routes to, select it);
  5. watch the new colour's 5xx ratio and mean latency in Prometheus for --window seconds;
     on a breach switch back (rollback) and fail;
  6. finish: blueGreen.deployIdle=false removes the old colour.
Exit code 0 released, 1 smoke failed (nothing switched), 2 rolled back.
"""
import argparse
import json
import subprocess
import sys
import time
import urllib.parse
import urllib.request

COLOURS = ("blue", "green")


def other(colour):
    return COLOURS[1 - COLOURS.index(colour)]


class Helm:
    """The release through the helm binary (a real cluster)."""

    def __init__(self, release, chart, namespace, values_files, helm="helm"):
        self.release, self.chart, self.namespace = release, chart, namespace
        self.values_files, self.helm = values_files, helm

    def values(self):
        out = subprocess.run([self.helm, "get", "values", self.release, "-n", self.namespace, "-a", "-o", "json"],
                             check=True, capture_output=True, text=True).stdout
        return json.loads(out)

    def upgrade(self, sets):
        cmd = [self.helm, "upgrade", self.release, self.chart, "-n", self.namespace, "--reuse-values",
               "--wait", "--timeout", "15m"]
        for f in self.values_files:
            cmd += ["-f", f]
        for k, v in sets.items():
            cmd += ["--set-string" if k.startswith("blueGreen.tags.") else "--set", f"{k}={v}"]
        subprocess.run(cmd, check=True)


class Prometheus:
    """Error ratio and mean latency of one colour's pods over the last minute."""

    def __init__(self, url, namespace):
        self.url, self.namespace = url.rstrip("/"), namespace

    def _query(self, q):
        u = f"{self.url}/api/v1/query?" + urllib.parse.urlencode({"query": q})
        with urllib.request.urlopen(u, timeout=10) as r:
            res = json.load(r)["data"]["result"]
        return float(res[0]["value"][1]) if res else 0.0

    def sample(self, colour):
        sel = f'namespace="{self.namespace}",pod=~".+-service-{colour}-.+"'
        total = self._query(f"sum(rate(http_server_requests_seconds_count{{{sel}}}[1m]))")
        errors = self._query(f'sum(rate(http_server_requests_seconds_count{{{sel},status=~"5.."}}[1m]))')
        secs = self._query(f"sum(rate(http_server_requests_seconds_sum{{{sel}}}[1m]))")
        return {"requests_per_s": total, "error_ratio": errors / total if total else 0.0,
                "mean_latency_s": secs / total if total else 0.0}


def log(msg):
    print(f"bluegreen: {msg}", flush=True)


def release(helm, metrics, smoke, tag, window, interval, max_error_ratio, max_latency, sleep=time.sleep):
    values = helm.values()
    bg = values.get("blueGreen", {})
    active = bg.get("active", "blue")
    if bg.get("deployIdle"):
        raise SystemExit("bluegreen: a release is already in progress (blueGreen.deployIdle=true): finish or roll it back first")
    idle = other(active)
    log(f"active {active}; deploying {idle} with tag {tag}")
    helm.upgrade({"blueGreen.deployIdle": "true", f"blueGreen.tags.{idle}": tag})
    if not smoke(idle):
        log(f"smoke tests failed on {idle}: removing it, {active} stays live")
        helm.upgrade({"blueGreen.deployIdle": "false"})
        return 1
    log(f"smoke tests passed on {idle}: switching traffic")
    helm.upgrade({"blueGreen.active": idle})
    deadline = window
    while deadline > 0:
        sleep(interval)
        deadline -= interval
        s = metrics.sample(idle)
        log(f"{idle}: {s['requests_per_s']:.1f} req/s, 5xx {s['error_ratio']:.2%}, mean {s['mean_latency_s'] * 1000:.0f} ms")
        if s["error_ratio"] > max_error_ratio or s["mean_latency_s"] > max_latency:
            log(f"breach on {idle} (limits: 5xx {max_error_ratio:.2%}, mean {max_latency * 1000:.0f} ms): rolling back to {active}")
            helm.upgrade({"blueGreen.active": active})
            helm.upgrade({"blueGreen.deployIdle": "false"})
            return 2
    log(f"{idle} healthy for {window}s: removing {active}")
    helm.upgrade({"blueGreen.deployIdle": "false"})
    return 0


def shell_smoke(cmd):
    def run(colour):
        if not cmd:
            return True
        return subprocess.run(cmd, shell=True, env={**__import__("os").environ, "MEMBANK_COLOUR": colour}).returncode == 0
    return run


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("command", choices=["release"])
    p.add_argument("--tag", required=True)
    p.add_argument("--release", default="membank")
    p.add_argument("--chart", default="k8s/membank")
    p.add_argument("--namespace", default="membank")
    p.add_argument("--values", action="append", default=[])
    p.add_argument("--prometheus", default="http://prometheus-operated.monitoring.svc:9090")
    p.add_argument("--window", type=int, default=600)
    p.add_argument("--interval", type=int, default=30)
    p.add_argument("--max-error-ratio", type=float, default=0.01)
    p.add_argument("--max-mean-latency", type=float, default=0.5)
    p.add_argument("--smoke", default="")
    a = p.parse_args(argv)
    helm = Helm(a.release, a.chart, a.namespace, a.values)
    return release(helm, Prometheus(a.prometheus, a.namespace), shell_smoke(a.smoke), a.tag, a.window, a.interval,
                   a.max_error_ratio, a.max_mean_latency)


if __name__ == "__main__":
    sys.exit(main())
