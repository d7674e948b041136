# shellcheck shell=bash
# help: the command list, each command's own help (`bin/membank <command> --help`), and the
# one-line errors for an unknown command or argument. Nothing here runs a command.

MB_COMMANDS=(setup build up down restart status logs token verify-token revoke reindex loadtest backup restore restore-drill demo graph chaos test help)

is_command() {
  local c
  for c in "${MB_COMMANDS[@]}"; do [[ "$c" == "$1" ]] && return 0; done
  return 1
}

# usage_error COMMAND MESSAGE — one line naming what is wrong and where the help is; exit 2.
usage_error() {
  printf 'ERROR: %s: %s (see: bin/membank %s --help)\n' "$1" "$2" "$1" >&2
  exit 2
}

# The first line of a command's help: what it does.
command_summary() { command_help "$1" | sed -n '3p'; }

usage() {
  local c
  printf 'Usage: bin/membank <command> [options]     (bin/membank <command> --help for one command)\n\nCommands:\n'
  for c in "${MB_COMMANDS[@]}"; do
    printf '  %-13s %s\n' "$c" "$(command_summary "$c")"
  done
  printf '\nThe first hour: README.md (quickstart). Environment variables: docs/running.md.\n'
}

command_help() {
  case "$1" in
    setup) cat <<'H' ;;
Usage: bin/membank setup

Install what is missing; idempotent, one line per step.
OS packages (apt-get): postgresql-15, redis-server, nginx, prometheus, prometheus-alertmanager,
chromium, poppler-utils, jq, python3-jwt, bats, fonts-noto-cjk; the dev JWT key pairs in
.membank/keys/; actionlint, Jaeger and decK (when the Go module proxy serves them) into
.membank/tools/bin/; the SDKs' tools: a venv .membank/tools/sdk-python (pinned in
sdks/python/requirements-dev.txt) and `npm ci` in sdks/typescript (from its package-lock.json).
`up` and `test` run it first.
H
    build) cat <<'H' ;;
Usage: bin/membank build

Build every module (./mvnw -B -q install -DskipTests).
`up` builds by itself when a service jar is missing.
H
    up) cat <<'H' ;;
Usage: bin/membank up [--build] [--observability] [--timeout=SECONDS]

Start the suite (stores, services, gateway); print the URLs and a credential.
Runs setup, builds if a service jar is missing, starts the dev stack (PostgreSQL, Redis, Kafka,
Neo4j; not with MEMBANK_EXTERNAL_STORES=1), every service, then the gateway (nginx), and writes
.membank/status.json. Services already running are kept (one whose liveness is DOWN is restarted):
to apply an edited .membank/env/<service>.env use `bin/membank restart <service>`.
  --build           rebuild first (./mvnw install -DskipTests)
  --observability   also Jaeger (traces) and Prometheus (metrics, alerts); built by setup the
                    first time (needs Go, several minutes); the services then trace (OTLP)
  --timeout=S       seconds to wait for the services to be ready (default 180)
H
    down) cat <<'H' ;;
Usage: bin/membank down

Stop everything `up` (or a test kit) started.
Services, gateway, Jaeger/Prometheus, dev stores.
Data stays in .membank/ for the next `up`.
H
    restart) cat <<'H' ;;
Usage: bin/membank restart <service|gateway>

Restart one service (or the gateway) and wait until it is ready again.
The service reads .membank/env/<service>.env again (settings such as the LLM extractor).
Services: memory search graph audit governance diagnostics cost (the -service suffix is allowed).
H
    status) cat <<'H' ;;
Usage: bin/membank status [--json]

Show the services (URL, readiness, pid), the gateway and the dev stack.
  --json   the same as JSON with snake_case keys (the format of .membank/status.json)
H
    logs) cat <<'H' ;;
Usage: bin/membank logs <service|devstack|nginx-error> [--no-follow] [--json]

Show a log: the last lines, then follow it (Ctrl-C stops).
The services log JSON lines; they are shown as `time level [logger] message` (+ stack trace).
  --no-follow   print the last 200 lines and exit
  --json        the raw JSON lines
H
    token) cat <<'H' ;;
Usage: bin/membank token --tenant T --subject S --roles r1,r2 [--ttl 3600]

Print a dev credential (a JWT, RS256, signed with .membank/keys/jwt-private.pem).
  --tenant T     the tenant every request of this credential is scoped to
  --subject S    who calls (the upn claim)
  --roles LIST   comma list of: reader writer admin auditor
  --ttl S        seconds until it expires (default 3600)
Example: export MEMBANK_TOKEN=$(bin/membank token --tenant demo --subject me --roles reader,writer)
H
    verify-token) cat <<'H' ;;
Usage: bin/membank verify-token <jwt>

Check a credential: signature and expiry (exp, nbf).
The signature is checked with .membank/keys/jwt-public.pem.
Prints the header and claims; exits 0 only when the services would accept it now
(signature OK and not expired), 1 otherwise.
H
    revoke) cat <<'H' ;;
Usage: bin/membank revoke --token JWT | --jti ID [--ttl SECONDS]

Revoke a credential: every service refuses it from now on.
Its id goes on the revocation list every service checks (Redis), kept until the credential
would expire anyway (--ttl for a --jti, default 86400).
H
    reindex) cat <<'H' ;;
Usage: bin/membank reindex [--no-wait]

Rebuild search-service's index from memory.events and print progress.
Replay, re-embed, swap: searches go on meanwhile.
  --no-wait   start it and return
H
    loadtest) cat <<'H' ;;
Usage: bin/membank loadtest [--messages N] [--clients N] [--per-batch N] [--timeout S]

Import many messages into the running suite at full rate and check that it held.
One job per message through POST /api/v1/memories/batch (default 10000 messages, 4 clients,
100 per batch), then: every job completed once, 0 responses >= 500 in any service, 0 pool-
exhaustion errors in the logs, similar-memories fallbacks < 1 %. Exit status 1 if a check fails.
Raise the tenant rate limits first to measure the pipeline rather than the limiter
(docs/benchmarks.md shows how); results go in docs/benchmarks.md.
H
    backup) cat <<'H' ;;
Usage: bin/membank backup [DIR]

Back up every store of the running local stack into DIR (default .membank/backups/<UTC time>).
The services pause while it runs (a consistent point): pg_dump per database and the roles,
Redis SAVE, Neo4j's and Kafka's files (dev stack JVM stopped), search-service's Lucene index;
manifest.json has each file's sha256. Prints the directory last. docs/backup.md.
H
    restore) cat <<'H' ;;
Usage: bin/membank restore DIR [--yes]

Wipe every store of the local stack and restore the backup DIR, then start the suite.
Checks the manifest's checksums first. Asks before deleting unless --yes (or no terminal).
H
    restore-drill) cat <<'H' ;;
Usage: bin/membank restore-drill [--memories=N]

Prove the backups restore: write N memories (default 20), back up, write one more, wipe, restore.
Starts the suite if it is not up. Compares memories, their history, keyword search hits, the
user's graph and the audit chain's verdict before and after; the later write must be gone.
Prints counts and timings (docs/benchmarks.md); exits 1 on any difference.
H
    demo) cat <<'H' ;;
Usage: bin/membank demo

Run the main job end to end on the running suite, through the gateway.
A short conversation (English and Chinese turns) is written, the extracted memories are listed,
a contradiction closes an old memory, then hybrid search (full text + semantic) finds memories.
Needs `bin/membank up`; writes to a new user demo-<time> of tenant demo.
H
    graph) cat <<'H' ;;
Usage: bin/membank graph <user_id> [--tenant demo]

Print a link to the graph page of one user, through the gateway.
The link carries a reader credential (1 h) in its URL fragment, which the browser never sends
to a server; the page keeps it in the tab's sessionStorage. Open it in a browser.
  --tenant T   the user's tenant (default demo, the tenant of the quickstart and the demo)
H
    chaos) cat <<'H' ;;
Usage: bin/membank chaos [--fault NAME]... [--quick] [--report FILE]

Inject faults into the running suite and check that diagnostics-service finds and heals them.
One fault at a time: service-kill, kafka-stop, pg-connections, db-lock, dlq-poison, disk-fill,
consumer-stall, error-burst, llm-slow, heap-leak (default: all; --quick: service-kill and
db-lock, the subset `bin/membank test` runs). consumer-stall, error-burst and heap-leak restart
cost-service with its test-only fault switches (QUARKUS_PROFILE=prod,chaos) and llm-slow restarts
memory-service on a slow OpenAI stand-in; both are restarted plainly at the end. For each:
the diagnosis must appear within 60 s (MEMBANK_CHAOS_DETECT_SECONDS) naming the right known
issue, and clear (or the service be restarted by diagnostics) within 180 s
(MEMBANK_CHAOS_HEAL_SECONDS). Needs a running suite (bin/membank up). diagnostics-service is
restarted with healing on for the run (only restart_service runs without an admin) and restored
after (MEMBANK_CHAOS_RESTORE=0 keeps it), with a 3 m symptom window (MEMBANK_CHAOS_WINDOW). A
local PagerDuty receiver records pages to .membank/logs/chaos-pages.jsonl: a critical diagnosis
must have paged, and every diagnosis and action must be in audit-service (polled up to 90 s,
MEMBANK_CHAOS_EVIDENCE_SECONDS). heap-leak first waits until cost-service has been up for the
leak detector's warm-up (300 s, MEMBANK_CHAOS_LEAK_WARMUP_SECONDS). A restart refused by a safeguard (the rate limit) passes with its
reason; chaos then restarts the service itself. Prints the table
fault | symptom | diagnosis | action | page and audit | time to detect | time to heal | result,
also to .membank/logs/chaos-report.md.
  --fault NAME   run this fault (repeatable)
  --quick        the CI subset
  --report FILE  also write the table (Markdown) to FILE
H
    test) cat <<'H' ;;
Usage: bin/membank test

Run every test: unit, integration, CLI, README quickstart and end-to-end.
setup, ./mvnw verify (all modules but e2e), actionlint, alert rules, up --observability, the
CLI tests (bats), the README quickstart, the SDKs (Python: ruff, mypy --strict, pytest, wheel;
TypeScript: tsc, tsup, vitest, npm pack; both against the stack), the e2e suite, fuzz,
chaos --quick, then down.
A running suite is stopped first (the build rewrites its jars). Takes 25-40 minutes on 2 cores.
H
    help) cat <<'H' ;;
Usage: bin/membank help [command]

List the commands, or show one command's help (as bin/membank <command> --help).
H
  esac
}

# help_requested ARGS... — true when -h or --help is among the arguments.
help_requested() {
  local a
  for a in "$@"; do [[ "$a" == -h || "$a" == --help ]] && return 0; done
  return 1
}
