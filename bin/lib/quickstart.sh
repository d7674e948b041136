# shellcheck shell=bash
# The README quickstart, run as written: the block between <!-- quickstart:begin --> and
# <!-- quickstart:end --> in README.md is cut into steps at its blank lines; the steps run one
# after the other in ONE bash (variables carry over, as in a terminal; no `set -e`, as in a
# terminal) and each step's output must match what a reader is told to expect. A phase of
# `bin/membank test`, after `up`.

# One expectation per step, in order: extended regular expressions, all of which must match
# the step's output (stdout and stderr), separated by "&&".
QUICKSTART_EXPECT=(
  'gateway: +http://127\.0\.0\.1:[0-9]+ && API docs: .*/api/v1/docs/'
  '^signature: OK && ^exp: .*valid for [0-9]+s more'
  '^API key mb_[a-z0-9]{16}… acts as apikey:[a-z0-9]{16}$'
  '^job [0-9a-f-]{36}$'
  '^status: completed$ && ^  (ADD|NOOP|UPDATE) .*Lisbon'
  'Lisbon && 绿茶'
  '^[0-9.]+	I live in Lisbon'
  'hybrid search && Singapore && /graph/#user=demo-'
  '/graph/#user=alice&token=ey'
)

# Prints the quickstart block of README.md (without the fence lines).
quickstart_block() {
  awk '/<!-- quickstart:begin -->/ {on = 1; next} /<!-- quickstart:end -->/ {on = 0}
       on && !/^```/ {print}' "$MB_ROOT/README.md"
}

run_readme_quickstart() {
  local dir n=0 i out expect pattern failed=0 step_failed
  dir=$(mktemp -d "${TMPDIR:-/tmp}/membank-quickstart.XXXXXX")
  quickstart_block | awk -v dir="$dir" 'BEGIN {n = 1} /^$/ {if (seen) {n++; seen = 0}; next}
    {print > (dir "/step-" n ".sh"); seen = 1}'
  n=$(find "$dir" -name 'step-*.sh' | wc -l)
  if ((n != ${#QUICKSTART_EXPECT[@]})); then
    warn "quickstart: README.md's block has $n steps, the test expects ${#QUICKSTART_EXPECT[@]}: update QUICKSTART_EXPECT in bin/lib/quickstart.sh"
    return 1
  fi
  # One shell for every step, at the repository root, with the caller's environment (ports).
  (cd "$MB_ROOT" && bash -c 'for ((i = 1; i <= $1; i++)); do
      source "$2/step-$i.sh" >"$2/step-$i.out" 2>&1
    done' quickstart "$n" "$dir")
  for ((i = 1; i <= n; i++)); do
    out="$dir/step-$i.out"
    expect=${QUICKSTART_EXPECT[$((i - 1))]}
    step_failed=0
    while [[ -n "$expect" ]]; do
      pattern=${expect%% && *}
      [[ "$expect" == *" && "* ]] && expect=${expect#* && } || expect=""
      if ! grep -Eq -- "$pattern" "$out"; then
        printf 'quickstart step %d: no line matches /%s/\n--- the step:\n%s\n--- its output:\n%s\n---\n' \
          "$i" "$pattern" "$(cat "$dir/step-$i.sh")" "$(tail -n 40 "$out")" >&2
        step_failed=1
        failed=1
      fi
    done
    ((step_failed)) || info "quickstart step $i: OK ($(head -n1 "$dir/step-$i.sh" | cut -c1-70))"
  done
  ((failed)) && { warn "quickstart: the steps and their outputs are kept in $dir"; return 1; }
  rm -rf "$dir"
  info "quickstart: README.md's block ran as written, $n steps OK"
}

# The CLI tests (bats, Debian package): bin/tests/*.bats against the running suite.
run_cli_tests() {
  command -v bats >/dev/null || die "bats not installed (run bin/membank setup)"
  bats --tap "$MB_ROOT/bin/tests"
}
