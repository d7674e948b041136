"""What the bench scripts share: the running stack's status, a dev credential, JSON calls.

Standard library only; the scripts beside it import it (their folder is on sys.path when they
run as `bench/<script>.py`).
"""
import json
import os
import subprocess
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def status():
    """`.membank/status.json` of the stack started by `bin/membank up`."""
    with open(os.path.join(ROOT, ".membank", "status.json")) as f:
        return json.load(f)


def service(st, name):
    """A service's entry in that status (url, management_url, pid, log, ...)."""
    return next(s for s in st["services"] if s["name"] == name)


def token(tenant, subject="bench-app", ttl=7200):
    """A reader+writer dev credential from `bin/membank token`."""
    return subprocess.check_output(
        [os.path.join(ROOT, "bin", "membank"), "token", "--tenant", tenant,
         "--subject", subject, "--roles", "reader,writer", "--ttl", str(ttl)],
        text=True).strip()


def call(method, url, tok, body=None, on_throttle=None):
    """A JSON request with the credential; its JSON answer. A 429 is waited out as Retry-After
    says and sent again (`on_throttle()` is called each time); any other error status raises."""
    data = json.dumps(body).encode() if body is not None else None
    while True:
        req = urllib.request.Request(url, data=data, method=method)
        req.add_header("Authorization", "Bearer " + tok)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                return json.loads(resp.read() or b"null")
        except urllib.error.HTTPError as e:
            if e.code != 429:
                raise RuntimeError(f"{method} {url}: {e.code} {e.read()[:300]!r}") from e
            if on_throttle is not None:
                on_throttle()
            time.sleep(float(e.headers.get("Retry-After", "1")))
