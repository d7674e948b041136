#!/usr/bin/env bats
# bin/membank on a running suite (a phase of `bin/membank test`, after `up`): every command's
# help runs nothing, unknown commands and arguments fail in one line, restart, status --json,
# verify-token, logs, graph. Run by hand: bats bin/tests/cli.bats (with the suite up).

bats_require_minimum_version 1.5.0

MEMBANK="$BATS_TEST_DIRNAME/../membank"
COMMANDS=(setup build up down restart status logs token verify-token revoke reindex loadtest backup restore restore-drill demo graph chaos test help)

pids() { "$MEMBANK" status --json | jq -c '[.devstack.pid, .gateway.pid, (.services[] | .pid)]'; }

setup_file() {
  "$MEMBANK" status --json | jq -e '.services | all(.readiness == "UP")' >/dev/null ||
    skip_all="the suite is not up (bin/membank up)"
  pids >"$BATS_FILE_TMPDIR/pids-before"
}

@test "--help and -h print each command's own help and exit 0" {
  for c in "${COMMANDS[@]}"; do
    for flag in --help -h; do
      run "$MEMBANK" "$c" "$flag"
      [ "$status" -eq 0 ] || { echo "$c $flag exited $status: $output"; return 1; }
      [[ "${lines[0]}" == "Usage: bin/membank $c"* ]] || { echo "$c $flag: $output"; return 1; }
    done
  done
}

@test "--help anywhere on the line wins over the other arguments" {
  run "$MEMBANK" token --tenant demo --help --subject x
  [ "$status" -eq 0 ]
  [[ "${lines[0]}" == "Usage: bin/membank token"* ]]
  [[ "$output" != *eyJ* ]]
}

@test "demo --help does not run the demo" {
  run "$MEMBANK" demo --help
  [ "$status" -eq 0 ]
  [[ "$output" != *"MemBank demo: user"* ]]
}

@test "after every --help (down, setup, test, up, restart…) the suite still runs, same pids" {
  run pids
  [ "$status" -eq 0 ]
  [ "$output" = "$(cat "$BATS_FILE_TMPDIR/pids-before")" ]
  "$MEMBANK" status --json | jq -e '.services | all(.readiness == "UP")'
}

@test "an unknown command fails with one line naming it and a hint" {
  run --separate-stderr "$MEMBANK" frobnicate
  [ "$status" -eq 2 ]
  [ "${#stderr_lines[@]}" -eq 1 ]
  [[ "$stderr" == *"unknown command 'frobnicate'"*"bin/membank help"* ]]
  [ -z "$output" ]
}

@test "an unknown argument fails with one line naming it and the command's help" {
  for args in "status --bogus" "logs memory --nope" "restart memory extra" "down now" "demo x" "backup --bogus" "restore" "restore-drill x" "loadtest --bogus"; do
    # shellcheck disable=SC2086
    run --separate-stderr "$MEMBANK" $args
    [ "$status" -eq 2 ] || { echo "$args exited $status"; return 1; }
    [ "${#stderr_lines[@]}" -eq 1 ] || { echo "$args: $stderr"; return 1; }
    [[ "$stderr" == *"see: bin/membank ${args%% *} --help"* ]] || { echo "$args: $stderr"; return 1; }
  done
}

@test "status --json: snake_case keys everywhere" {
  run bash -c "'$MEMBANK' status --json | jq -r '[paths | .[] | strings] | unique | .[]'"
  [ "$status" -eq 0 ]
  for key in "${lines[@]}"; do
    [[ "$key" =~ ^[a-z][a-z0-9_]*$ ]] || { echo "key $key"; return 1; }
  done
  "$MEMBANK" status --json | jq -e '.services[0] | has("management_url") and has("management_port")'
}

@test "verify-token reports exp: valid, then expired (exit 1)" {
  run "$MEMBANK" verify-token "$("$MEMBANK" token --tenant demo --subject t --roles reader --ttl 600)"
  [ "$status" -eq 0 ]
  [[ "$output" == *"exp:"*"valid for "* ]]
  token=$("$MEMBANK" token --tenant demo --subject t --roles reader --ttl 1)
  sleep 2
  run "$MEMBANK" verify-token "$token"
  [ "$status" -eq 1 ]
  [[ "$output" == *"EXPIRED"* ]]
}

@test "logs --no-follow pretty-prints the JSON lines; --json keeps them raw" {
  run "$MEMBANK" logs memory --no-follow
  [ "$status" -eq 0 ]
  [[ "$output" =~ [0-9]{2}:[0-9]{2}:[0-9]{2}[^\ ]*\ (INFO|WARN|DEBUG|ERROR) ]]
  run "$MEMBANK" logs memory --no-follow --json
  [ "$status" -eq 0 ]
  [[ "$output" == *'{"timestamp"'* ]]
}

@test "graph <user> prints a gateway URL whose page answers" {
  run "$MEMBANK" graph alice
  [ "$status" -eq 0 ]
  base=$("$MEMBANK" status --json | jq -r .gateway.url)
  [[ "$output" == "$base/graph/#user=alice&token=ey"* ]]
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/graph/")" = 200 ]
  token=${output##*token=}
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$base/api/v1/users/alice/graph")" = 200 ]
}

@test "restart memory: a new process, ready again" {
  before=$("$MEMBANK" status --json | jq -r '.services[] | select(.name == "memory") | .pid')
  run "$MEMBANK" restart memory
  [ "$status" -eq 0 ]
  [[ "$output" == *"service memory: ready"* ]]
  after=$("$MEMBANK" status --json | jq -r '.services[] | select(.name == "memory") | "\(.pid) \(.readiness)"')
  [ "${after% *}" != "$before" ]
  [ "${after#* }" = UP ]
}

@test "chaos refuses an unknown fault or argument in one line, before injecting anything" {
  run "$MEMBANK" chaos --fault no-such-fault
  [ "$status" -eq 2 ]
  [[ "$output" == *"unknown fault 'no-such-fault'"*"service-kill"* ]]
  [[ "$output" == *"consumer-stall error-burst llm-slow heap-leak"* ]]
  run "$MEMBANK" chaos --bogus
  [ "$status" -eq 2 ]
  [[ "$output" == *"chaos: unknown argument '--bogus'"* ]]
}
