#!/usr/bin/env python3
"""Retrieval quality of search-service: recall@1/5/10 and MRR of keyword, vector and hybrid search.

Loads the labelled set bench/quality/dataset.json (hand-written: four fictional users, one
first-person statement per memory, English and Chinese, and questions labelled with the ids of
the memories that answer them; see the file's "description") into the running stack, then asks
every question in each mode and scores the rankings. Standard library only.

1. A fresh tenant `bench-quality-<random>` (so reruns never collide or hit the search cache)
   gets a reader+writer token from `bin/membank token`.
2. Every memory is added through the gateway (POST /api/v1/memories, one statement per job,
   sequentially, in file order) and its job polled until completed. The job result maps the
   dataset id to the memory id: a statement counts as stored as-is when its job added exactly
   one memory whose content is the statement. Anything else (merged into another memory, split,
   rewritten, invalidating another one, dropped) is reported; a merged statement is mapped to
   the memory it went into.
3. Waits until search-service has indexed every memory (a keyword search for each statement
   returns its memory).
4. Asks every question for its user in modes keyword, vector and hybrid with limit 10
   (POST /api/v1/memories/search), and prints per mode, for all / English / Chinese questions
   and for English questions that share a content word with their answer or not:
   recall@1, recall@5, recall@10 (share of a question's answers in the top k, averaged) and MRR
   (1 / rank of the first answer within the top 10, 0 when none). For the questions with no
   answer it prints how many results came back.
5. Unless --no-fusion: asks keyword and vector again with limit 50 (the candidates the service
   fuses, membank.search.hybrid.candidates), re-fuses them offline exactly as MemoryIndex.fuse
   does (weighted reciprocal rank, k=60, weights 1/1), checks that this reproduces the service's
   hybrid top 10, and prints the same metrics for other vector/keyword weights and RRF k — what a
   change of membank.search.hybrid.* would give, without restarting anything.

Deterministic for a given index: the same dataset, service build and settings give the same
rankings, except that BM25's term statistics are index-wide (every tenant's documents, including
earlier runs of this script), so keyword scores can shift a little from run to run. Requests answered 429 are retried after Retry-After (the gateway's per-tenant tiers).

Usage (stack started by `bin/membank up`):

    bench/retrieval_quality.py                      # load, ask, print
    bench/retrieval_quality.py --out /tmp/rq.json   # also write the mapping and every ranking
    bench/retrieval_quality.py --reuse /tmp/rq.json # ask again in that run's tenant (no loading)
    bench/retrieval_quality.py --show-misses        # list the questions hybrid misses at 10
"""
import argparse
import json
import os
import re
import sys
import time
import uuid

from stack_client import ROOT, call, token

MODES = ("keyword", "vector", "hybrid")
KS = (1, 5, 10)

# What BM25 ignores in a query: Lucene's English stop words (MemoryAnalyzer) plus
# MemoryIndex.QUERY_STOP_WORDS. Used only to classify questions as sharing a content word with
# their answer or not (StandardTokenizer-like words, no stemming, as the analyzer does).
STOP = set("""a an and are as at be but by for if in into is it no not of on or such that the
their then there these they this to was will with i me my mine we our you your what which who
whom whose where when why how do does did have has had am can could would should about any some
tell know""".split())


def words(text):
    return {w.strip("'") for w in re.findall(r"[\w']+", text.lower())} - STOP - {""}


def load(args, data, tok):
    """Adds every memory, one job each; returns ({dataset id: memory id}, problems)."""
    mapping, problems = {}, []
    started = time.time()
    for n, m in enumerate(data["memories"], 1):
        if n % 50 == 0:
            print(f"  {n} statements in {time.time() - started:.1f} s", flush=True)
        job = call("POST", args.url + "/api/v1/memories", tok,
                   {"user_id": m["user"], "content": m["text"],
                    "metadata": {"bench_id": m["id"]}})["job_id"]
        while True:
            status = call("GET", f"{args.url}/api/v1/jobs/{job}", tok)
            if status["status"] in ("completed", "failed"):
                break
            time.sleep(0.05)
        if status["status"] != "completed":
            problems.append((m["id"], "job failed: " + json.dumps(status.get("error"))))
            continue
        result = status["result"]
        mem = result["memories"]
        decisions = result.get("decisions", [])
        if len(mem["added"]) == 1 and not mem["updated"] and not mem["invalidated"] \
                and len(decisions) == 1 and decisions[0]["content"] == m["text"]:
            mapping[m["id"]] = mem["added"][0]
            continue
        summary = "; ".join(f'{d["event"]} {d.get("memory_id")} "{d["content"]}" ({d["reason"]})'
                            for d in decisions) or "no decision (nothing extracted)"
        problems.append((m["id"], summary))
        target = (mem["added"] or mem["updated"] or [None])[0]
        if target:
            mapping[m["id"]] = target
    print(f"loaded {len(data['memories'])} statements in {time.time() - started:.1f} s: "
          f"{len(data['memories']) - len(problems)} stored as exactly one memory", flush=True)
    return mapping, problems


def search(args, tok, user, query, mode, limit):
    r = call("POST", args.url + "/api/v1/memories/search", tok,
             {"user_id": user, "query": query, "mode": mode, "limit": limit})
    return [(h["id"], h["score"]) for h in r["memories"]]


def wait_indexed(args, data, tok, mapping):
    deadline = time.time() + args.index_timeout
    pending = [m for m in data["memories"] if m["id"] in mapping]
    while pending and time.time() < deadline:
        pending = [m for m in pending
                   if mapping[m["id"]] not in
                   {i for i, _ in search(args, tok, m["user"], m["text"], "keyword", 10)}]
        if pending:
            time.sleep(0.5)
    if pending:
        sys.exit(f"not searchable after {args.index_timeout} s: {[m['id'] for m in pending]}")


def fuse(keyword, vector, k=60, wk=1.0, wv=1.0):
    """MemoryIndex.fuse: weighted RRF, keyword hits inserted first, stable sort by score."""
    fused = {}
    for rank, (doc, _) in enumerate(keyword):
        fused[doc] = fused.get(doc, 0.0) + wk / (k + rank + 1)
    for rank, (doc, _) in enumerate(vector):
        fused[doc] = fused.get(doc, 0.0) + wv / (k + rank + 1)
    return sorted(fused, key=lambda d: -fused[d])


def score(questions, rankings, mapping):
    """{name: (n, recall@1, recall@5, recall@10, MRR)} over answerable questions."""
    out = {}
    groups = {"all": lambda q: True, "en": lambda q: q["lang"] == "en",
              "zh": lambda q: q["lang"] == "zh",
              "en, shares a word": lambda q: q["lang"] == "en" and q["shares_word"],
              "en, no shared word": lambda q: q["lang"] == "en" and not q["shares_word"]}
    for name, keep in groups.items():
        qs = [q for q in questions if q["answers"] and keep(q)]
        if not qs:
            continue
        sums = [0.0] * (len(KS) + 1)
        for q in qs:
            relevant = {mapping.get(a) for a in q["answers"]} - {None}
            ranked = rankings[q["id"]][:10]
            for i, k in enumerate(KS):
                sums[i] += len(relevant & set(ranked[:k])) / len(q["answers"])
            first = next((r for r, d in enumerate(ranked, 1) if d in relevant), None)
            sums[-1] += 1 / first if first else 0
        out[name] = (len(qs), *[s / len(qs) for s in sums])
    return out


def table(title, rows):
    print(f"\n{title}")
    print("| mode | questions | n | recall@1 | recall@5 | recall@10 | MRR |")
    print("|---|---|---|---|---|---|---|")
    for mode, scores in rows:
        for group, (n, r1, r5, r10, mrr) in scores.items():
            print(f"| {mode} | {group} | {n} | {r1:.3f} | {r5:.3f} | {r10:.3f} | {mrr:.3f} |")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--url", default="http://127.0.0.1:8080", help="gateway")
    ap.add_argument("--dataset", default=os.path.join(ROOT, "bench", "quality", "dataset.json"))
    ap.add_argument("--out", help="write the mapping and every ranking here (JSON)")
    ap.add_argument("--reuse", help="a previous --out: ask again in its tenant, no loading")
    ap.add_argument("--index-timeout", type=float, default=120)
    ap.add_argument("--no-fusion", action="store_true", help="skip the offline RRF sweep")
    ap.add_argument("--show-misses", action="store_true")
    args = ap.parse_args()
    data = json.load(open(args.dataset, encoding="utf-8"))
    questions = data["questions"]
    texts = {m["id"]: m["text"] for m in data["memories"]}
    for q in questions:
        q["shares_word"] = any(words(q["text"]) & words(texts[a]) for a in q["answers"])
    print(f"dataset: {len(data['memories'])} memories "
          f"({sum(m['lang'] == 'zh' for m in data['memories'])} Chinese), "
          f"{len(questions)} questions ({sum(q['lang'] == 'zh' for q in questions)} Chinese, "
          f"{sum(not q['answers'] for q in questions)} without an answer), "
          f"{len({m['user'] for m in data['memories']})} users")
    print("load: " + open("/proc/loadavg").read().strip() if os.path.exists("/proc/loadavg")
          else "")

    if args.reuse:
        prev = json.load(open(args.reuse, encoding="utf-8"))
        tenant, mapping, problems = prev["tenant"], prev["mapping"], prev["problems"]
        tok = token(tenant, subject="bench-quality")
    else:
        tenant = "bench-quality-" + uuid.uuid4().hex[:8]
        tok = token(tenant, subject="bench-quality")
        print(f"tenant {tenant}", flush=True)
        mapping, problems = load(args, data, tok)
        wait_indexed(args, data, tok, mapping)
    for mid, what in problems:
        print(f"  not stored as-is: {mid} \"{texts[mid]}\" -> {what}")

    started = time.time()
    rankings = {mode: {} for mode in MODES}
    scores_of = {mode: {} for mode in MODES}
    for q in questions:
        for mode in MODES:
            hits = search(args, tok, q["user"], q["text"], mode, 10)
            rankings[mode][q["id"]] = [i for i, _ in hits]
            scores_of[mode][q["id"]] = [s for _, s in hits]
    print(f"\nasked {len(questions)} questions x {len(MODES)} modes in "
          f"{time.time() - started:.1f} s; load: {open('/proc/loadavg').read().split()[0]}")
    table("search-service, limit 10", [(m, score(questions, rankings[m], mapping)) for m in MODES])
    print("\nquestions without an answer (what comes back is a false positive), and answerable"
          " questions that get no result at all")
    print("| mode | language | no-answer questions | mean results | with 0 results "
          "| with 10 results | answerable questions with 0 results |")
    print("|---|---|---|---|---|---|---|")
    for mode in MODES:
        for lang in ("en", "zh"):
            n = [len(rankings[mode][q["id"]]) for q in questions
                 if not q["answers"] and q["lang"] == lang]
            empty = sum(not rankings[mode][q["id"]] for q in questions
                        if q["answers"] and q["lang"] == lang)
            print(f"| {mode} | {lang} | {len(n)} | {sum(n) / len(n):.1f} | "
                  f"{sum(x == 0 for x in n)} | {sum(x == 10 for x in n)} | {empty} |")

    id_to_text = {v: texts[k] for k, v in mapping.items()}
    if args.show_misses:
        print("\nanswerable questions whose answer hybrid does not return in the top 10:")
        for q in questions:
            relevant = {mapping.get(a) for a in q["answers"]}
            if q["answers"] and not relevant & set(rankings["hybrid"][q["id"]]):
                top = rankings["hybrid"][q["id"]][:1]
                print(f"  {q['id']} {q['user']}: {q['text']}  (answer: "
                      f"{' / '.join(texts[a] for a in q['answers'])}; hybrid #1: "
                      f"{id_to_text.get(top[0], '?') if top else 'nothing'})")

    candidates = {}
    if not args.no_fusion:
        for q in questions:
            candidates[q["id"]] = {m: search(args, tok, q["user"], q["text"], m, 50)
                                   for m in ("keyword", "vector")}
        same = sum(fuse(c["keyword"], c["vector"])[:10] == rankings["hybrid"][qid]
                   for qid, c in candidates.items())
        print(f"\noffline re-fusion of the service's 50 keyword + 50 vector candidates "
              f"(k=60, weights 1/1) reproduces the service's hybrid top 10 for "
              f"{same}/{len(questions)} questions")
        rows = []
        for k, wk, wv in [(60, 1, 1), (60, 1, 1.1), (60, 1, 1.5), (60, 1, 3), (60, 1.5, 1),
                          (60, 2, 1), (20, 1, 1.5), (100, 1, 1.5)]:
            fused = {qid: fuse(c["keyword"], c["vector"], k, wk, wv)
                     for qid, c in candidates.items()}
            s = score(questions, fused, mapping)
            rows.append((f"hybrid k={k} kw={wk} vw={wv}",
                         {g: s[g] for g in ("all", "en", "zh", "en, no shared word")}))
        table("offline re-fusion (what membank.search.hybrid.rrf-k / keyword-weight / "
              "vector-weight would give)", rows)

    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump({"tenant": tenant, "mapping": mapping, "problems": problems,
                       "rankings": rankings, "scores": scores_of, "candidates": candidates},
                      f, ensure_ascii=False, indent=1)
        print(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()
