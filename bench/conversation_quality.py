#!/usr/bin/env python3
"""MemBank's retrieval quality on the labelled conversations (bench/conversations/dataset.json),
through the public API: R_any / R_all @1/5/10/20 and MRR per category and language.

1. A fresh tenant `bench-conv-<random>` gets a reader+writer token (`bin/membank token`).
2. Each conversation is imported for its own user (`user_id` = the conversation id) with one
   `POST /api/v1/memories/batch` whose entries are its messages, one message per entry, as a chat
   history import does: `{messages: [{id: msg_id, role: user, content: "Name: text",
   timestamp: session date}], timestamp: session date, metadata: {msg_id}}`.
3. Every job of every batch is read back: a memory a job added or updated is mapped to that job's
   message (a memory several messages updated maps to all of them). Messages that no memory maps
   to are "lost" (reported; evidence messages lost are counted apart).
4. Waits until search-service has indexed the memories, then asks every question for its
   conversation's user (`POST /api/v1/memories/search`, mode hybrid unless --mode, limit 20) and
   scores the ranking of messages the returned memories stand for:
   R_any@k: some evidence message is behind one of the top k memories; R_all@k: every evidence
   message is; MRR: 1 / rank of the first memory behind an evidence message (0 beyond 20).
   Unanswerable questions (no evidence) count the results returned and their top score.
   Cross-language questions (`cross`) are reported in their own rows.

Usage (stack started by `bin/membank up`):
    bench/conversation_quality.py [--mode hybrid] [--out /tmp/cq.json] [--reuse /tmp/cq.json]
Standard library only.
"""
import argparse
import collections
import json
import os
import sys
import time
import uuid

from stack_client import ROOT, call, token

KS = (1, 5, 10, 20)
LIMIT = 20


def load(args, data, tok):
    """Imports every conversation; returns ({memory id: [msg ids]}, {msg id: [memory ids]})."""
    started = time.time()
    batches = []
    for conv in data["conversations"]:
        speakers = conv["speakers"]
        entries = []
        for s in conv["sessions"]:
            for m in s["messages"]:
                sep = ": " if conv["lang"] == "en" else "："
                entries.append({"messages": [{"id": m["id"], "role": "user",
                                              "content": m["speaker"] + sep + m["text"],
                                              "timestamp": s["date"]}],
                                "timestamp": s["date"], "metadata": {"msg_id": m["id"]}})
        r = call("POST", args.url + "/api/v1/memories/batch", tok,
                 {"user_id": conv["id"], "conversations": entries})
        batches.append((conv, r["batch_id"], [e["metadata"]["msg_id"] for e in entries]))
        assert speakers
    memory_msgs = collections.defaultdict(list)
    msg_memories = collections.defaultdict(list)
    unknown = 0
    for conv, batch, msg_ids in batches:
        while True:
            b = call("GET", f"{args.url}/api/v1/batches/{batch}", tok)
            if b["status"].startswith("completed"):
                break
            time.sleep(1)
        sep = ": " if conv["lang"] == "en" else "："
        texts = {m["id"]: m["speaker"] + sep + m["text"]
                 for s in conv["sessions"] for m in s["messages"]}
        # The batch lists its jobs in no particular order: a job's message is the msg_id in the
        # metadata of a memory it added, or else the message holding what it decided on.
        for job_id in b["job_ids"]:
            job = call("GET", f"{args.url}/api/v1/jobs/{job_id}", tok)
            if job["status"] != "completed":
                print(f"  job {job_id} {job['status']}: {job.get('error')}")
                continue
            mem = job["result"]["memories"]
            ids = mem["added"] + mem["updated"]
            if not ids:
                continue
            msg = None
            if mem["added"]:
                view = call("GET", f"{args.url}/api/v1/memories/{mem['added'][0]}", tok)
                msg = (view.get("metadata") or {}).get("msg_id")
            if msg is None:
                contents = [d["content"] for d in job["result"].get("decisions", [])]
                hits = [i for i, t in texts.items() if any(c and c in t for c in contents)]
                msg = hits[0] if len(hits) == 1 else None
            if msg is None:
                unknown += 1
                continue
            for mid in ids:
                memory_msgs[mid].append(msg)
                msg_memories[msg].append(mid)
        print(f"  {conv['id']}: {len(msg_ids)} messages imported "
              f"({time.time() - started:.0f} s)", flush=True)
    if unknown:
        print(f"  {unknown} jobs whose message could not be told (counted as lost)")
    return memory_msgs, msg_memories


def wait_indexed(args, tok, data, memory_msgs):
    """Until the last memory added for each conversation is found by a keyword search for its own
    text (search-service applies memory.events in order per user), or the timeout."""
    owner = {m["id"]: c["id"] for c in data["conversations"]
             for s in c["sessions"] for m in s["messages"]}
    last = {}
    for mid, msgs in memory_msgs.items():
        last[owner[msgs[0]]] = mid
    pending = {}
    for user, mid in last.items():
        pending[user] = (mid, call("GET", f"{args.url}/api/v1/memories/{mid}", tok)["content"])
    deadline = time.time() + args.index_timeout
    while pending and time.time() < deadline:
        for user, (mid, text) in list(pending.items()):
            r = call("POST", args.url + "/api/v1/memories/search", tok,
                     {"user_id": user, "query": text, "mode": "keyword", "limit": 100})
            if any(h["id"] == mid for h in r["memories"]) or args.no_wait:
                del pending[user]
        if pending:
            time.sleep(2)
    if pending:
        print(f"  not indexed after {args.index_timeout} s: {sorted(pending)}")


def ask(args, tok, q):
    r = call("POST", args.url + "/api/v1/memories/search", tok,
             {"user_id": q["conversation"], "query": q["text"], "mode": args.mode,
              "limit": LIMIT})
    return [(h["id"], h["score"]) for h in r["memories"]]


def score(questions, rankings, memory_msgs):
    """Rows of metrics per (group) over answerable questions, plus unanswerable stats."""
    groups = collections.defaultdict(list)
    unans = collections.defaultdict(list)
    for q in questions:
        ranked = rankings[q["id"]]
        lang = q["lang"] + ("→" + ("en" if q["lang"] == "zh" else "zh") if q["cross"] else "")
        if not q["evidence"]:
            unans[lang].append((len(ranked), ranked[0][1] if ranked else 0.0))
            continue
        ev = set(q["evidence"])
        first = 0
        covered_at = {}
        for i, (mid, _) in enumerate(ranked, 1):
            for msg in memory_msgs.get(mid, []):
                if msg in ev and msg not in covered_at:
                    covered_at[msg] = i
                    first = first or i
        row = {"mrr": 1.0 / first if first else 0.0}
        for k in KS:
            row[f"any@{k}"] = 1.0 if first and first <= k else 0.0
            row[f"all@{k}"] = 1.0 if len(covered_at) == len(ev) and max(covered_at.values()) <= k else 0.0
        keys = [("all", "all"), (lang, "all")] if q["cross"] else \
            [("all", "all"), (lang, "all"), ("all", q["category"]), (lang, q["category"])]
        if q["cross"]:
            keys = [(lang, "all")]
        for key in keys:
            groups[key].append(row)
    return groups, unans


def print_table(title, groups, unans):
    print(f"\n{title}")
    print("| lang | category | n | " + " | ".join(f"R_any@{k}" for k in KS) + " | "
          + " | ".join(f"R_all@{k}" for k in KS) + " | MRR |")
    print("|---" * (4 + 2 * len(KS)) + "|")
    order = ["single_hop", "multi_hop", "temporal", "preference", "all"]
    for lang in ["all", "en", "zh", "en→zh", "zh→en"]:
        for cat in order:
            rows = groups.get((lang, cat))
            if not rows:
                continue
            n = len(rows)
            avg = {k: sum(r[k] for r in rows) / n for k in rows[0]}
            print(f"| {lang} | {cat} | {n} | " + " | ".join(f"{avg[f'any@{k}']:.3f}" for k in KS)
                  + " | " + " | ".join(f"{avg[f'all@{k}']:.3f}" for k in KS)
                  + f" | {avg['mrr']:.3f} |")
    for lang, rows in sorted(unans.items()):
        n = len(rows)
        print(f"unanswerable {lang}: {n} questions, {sum(r[0] for r in rows) / n:.1f} results on "
              f"average, top score mean {sum(r[1] for r in rows) / n:.3f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    gw = os.environ.get("MEMBANK_GATEWAY_PORT", "8080")
    ap.add_argument("--url", default=f"http://127.0.0.1:{gw}", help="gateway")
    ap.add_argument("--dataset", default=os.path.join(ROOT, "bench", "conversations", "dataset.json"))
    ap.add_argument("--mode", default="hybrid", choices=["hybrid", "keyword", "vector"])
    ap.add_argument("--out", help="write the mapping and every ranking here (JSON)")
    ap.add_argument("--reuse", help="a previous --out: ask again in its tenant, no import")
    ap.add_argument("--index-timeout", type=float, default=300)
    ap.add_argument("--no-wait", action="store_true")
    args = ap.parse_args()
    with open(args.dataset, encoding="utf-8") as f:
        data = json.load(f)
    if args.reuse:
        with open(args.reuse) as f:
            prev = json.load(f)
        tenant, memory_msgs = prev["tenant"], prev["memory_msgs"]
        msg_memories = prev["msg_memories"]
        tok = token(tenant)
    else:
        tenant = "bench-conv-" + uuid.uuid4().hex[:8]
        tok = token(tenant)
        print(f"tenant {tenant}: importing {len(data['conversations'])} conversations", flush=True)
        memory_msgs, msg_memories = load(args, data, tok)
        wait_indexed(args, tok, data, memory_msgs)
    all_msgs = [m["id"] for c in data["conversations"] for s in c["sessions"] for m in s["messages"]]
    evidence = {e for q in data["questions"] for e in q["evidence"]}
    lost = [m for m in all_msgs if m not in msg_memories]
    print(f"memories: {len(memory_msgs)} for {len(all_msgs)} messages "
          f"({len(memory_msgs) / len(all_msgs):.2f} per message); messages with no memory: "
          f"{len(lost)} ({len(lost) / len(all_msgs):.0%}), of them evidence: "
          f"{len([m for m in lost if m in evidence])} of {len(evidence)}")
    started = time.time()
    rankings = {q["id"]: ask(args, tok, q) for q in data["questions"]}
    print(f"asked {len(rankings)} questions in {time.time() - started:.1f} s (mode {args.mode})")
    groups, unans = score(data["questions"], rankings, memory_msgs)
    print_table(f"MemBank {args.mode}, limit {LIMIT} (dataset v{data['version']})", groups, unans)
    if args.out:
        with open(args.out, "w") as f:
            json.dump({"tenant": tenant, "memory_msgs": memory_msgs, "msg_memories": msg_memories,
                       "rankings": rankings, "lost": lost}, f)


if __name__ == "__main__":
    sys.exit(main())
