# shellcheck shell=bash
# demo: the main job end to end on the running suite: a short conversation (English and
# Chinese turns) goes in through the gateway, memories come out, then a contradiction, then
# hybrid search. JSON is built and read with jq.

demo_call() {
  local method=$1 path=$2 body=${3:-}
  local -a args=(-sS -X "$method" -H "Authorization: Bearer $DEMO_TOKEN" -H 'Accept: application/json')
  [[ -n "$body" ]] && args+=(-H 'Content-Type: application/json' -d "$body")
  curl "${args[@]}" "$(gateway_url)$path"
}

demo_wait_job() {
  local job=$1 body="" status="" _
  for _ in $(seq 1 100); do
    body=$(demo_call GET "/api/v1/jobs/$job")
    status=$(jq -r '.status // empty' <<<"$body")
    [[ "$status" == completed || "$status" == failed ]] && break
    sleep 0.2
  done
  printf '  job %s: %s\n' "$job" "$status"
  jq -r '(.result.decisions // [])[]
    | "    \(.event | . + " " * (10 - length)) \(if .event == "INVALIDATE" then .previous_content else .content end)"' <<<"$body"
}

demo_add() {
  local content=$1 job
  printf '\n> user says: %s\n' "$content"
  job=$(demo_call POST /api/v1/memories \
    "$(jq -cn --arg user "$DEMO_USER" --arg content "$content" '{user_id: $user, session_id: "demo-session", content: $content}')" |
    jq -r '.job_id // empty')
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
  demo_call GET "/api/v1/users/$DEMO_USER/memories?sort_by=importance" |
    jq -r '(.memories[] | "  [\(.type | . + " " * (13 - length)) \(.importance * 10 | round / 10)] \(.content)"),
      "  (\(.total) memories)"'
  printf '\n> hybrid search (search-service: BM25 full text + semantic vectors, English and Chinese): "where does the user live now" and "绿茶"\n'
  local q found _
  for q in "where does the user live now" "绿茶"; do
    printf '  query: %s\n' "$q"
    # search-service indexes memory.events asynchronously: wait (up to 30 s) for the first answer.
    for _ in $(seq 30); do
      found=$(demo_call POST /api/v1/memories/search \
        "$(jq -cn --arg user "$DEMO_USER" --arg q "$q" '{user_id: $user, query: $q, limit: 3}')" |
        jq -r '.memories[] | "    \(.score * 100 | round / 100)  \(.content)"')
      [[ -n "$found" ]] && break
      sleep 1
    done
    printf '%s\n' "${found:-    (nothing found)}"
  done
  printf '\n> the graph of %s: %s\n' "$DEMO_USER" "$(cmd_graph "$DEMO_USER")"
}
