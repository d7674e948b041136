# shellcheck shell=bash
# demo: the main job end to end on the running suite: a short conversation (English and
# Chinese turns) goes in through the gateway, memories come out, then a contradiction.

demo_call() {
  local method=$1 path=$2 body=${3:-}
  local -a args=(-sS -X "$method" -H "Authorization: Bearer $DEMO_TOKEN" -H 'Accept: application/json')
  [[ -n "$body" ]] && args+=(-H 'Content-Type: application/json' -d "$body")
  curl "${args[@]}" "$(gateway_url)$path"
}

demo_wait_job() {
  local job=$1 status="" _
  for _ in $(seq 1 100); do
    status=$(demo_call GET "/api/v1/jobs/$job" | sed -n 's/.*"status":"\([a-z]*\)".*/\1/p')
    [[ "$status" == completed || "$status" == failed ]] && break
    sleep 0.2
  done
  printf '  job %s: %s\n' "$job" "$status"
  demo_call GET "/api/v1/jobs/$job" | python3 -c '
import json, sys
job = json.load(sys.stdin)
for d in (job.get("result") or {}).get("decisions", []):
    shown = d.get("previous_content") if d["event"] == "INVALIDATE" else d["content"]
    print("    %-10s %s" % (d["event"], shown))'
}

demo_add() {
  local content=$1 job
  printf '\n> user says: %s\n' "$content"
  job=$(demo_call POST /api/v1/memories "$(python3 -c 'import json,sys; print(json.dumps({"user_id": sys.argv[1], "session_id": "demo-session", "content": sys.argv[2]}))' "$DEMO_USER" "$content")" |
    sed -n 's/.*"job_id":"\([^"]*\)".*/\1/p')
  [[ -n "$job" ]] || die "demo: the write was not accepted (is the suite up? bin/membank up)"
  demo_wait_job "$job"
}

cmd_demo() {
  gateway_answers || die "demo: the gateway does not answer at $(gateway_url); start the suite with bin/membank up"
  DEMO_USER="demo-$(date +%s)"
  DEMO_TOKEN=$(make_token demo demo-app reader,writer 600)
  printf 'MemBank demo: user %s, through %s\n' "$DEMO_USER" "$(gateway_url)"
  demo_add "Hi! My name is Lin. I live in Shanghai and I work at Acme Robotics."
  demo_add "我喜欢喝绿茶。我对花生过敏。今天天气怎么样？"
  demo_add "I live in Shanghai."
  demo_add "Actually I moved to Singapore last month."
  printf '\n> current memories of %s:\n' "$DEMO_USER"
  demo_call GET "/api/v1/users/$DEMO_USER/memories?sort_by=importance" | python3 -c '
import json, sys
page = json.load(sys.stdin)
for m in page["memories"]:
    print("  [%-13s %.1f] %s" % (m["type"], m["importance"], m["content"]))
print("  (%d memories)" % page["total"])'
  printf '\n> search (search-service, BM25 full text; semantic search is not built yet): "moved to" and "绿茶"\n'
  sleep 1
  for q in "moved to" "绿茶"; do
    demo_call POST /api/v1/memories/search \
      "$(python3 -c 'import json,sys; print(json.dumps({"user_id": sys.argv[1], "query": sys.argv[2], "limit": 3}))' "$DEMO_USER" "$q")" |
      python3 -c '
import json, sys
for m in json.load(sys.stdin)["memories"]:
    print("  %.2f  %s" % (m["score"], m["content"]))'
  done
}
