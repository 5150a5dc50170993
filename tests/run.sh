#!/bin/sh
# tests/run.sh BUILD -- runs every test of nongrata against the build in
# BUILD (build/rel or build/san): the cmocka unit tests, the golden CLI
# tests of tests/golden, and the saved fuzz inputs of tests/fuzz/corpus.
# Ends with the line "N passed, N failed" and exits 1 if anything failed.
# UPDATE=1 rewrites the expected output of the golden tests instead.
set -u
B=${1:-build/rel}
export LC_ALL=C
pass=0
fail=0
failed=""

echo "== unit tests ($B)"
for t in "$B"/tests/test_*; do
  [ -x "$t" ] || continue
  name=$(basename "$t")
  out=$("$t" 2>&1)
  rc=$?
  ok=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
  bad=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
  ok=${ok:-0}
  bad=${bad:-0}
  if [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then bad=1; fi
  pass=$((pass + ok))
  fail=$((fail + bad))
  printf '%s\n' "$out" | grep -E '^(#|SKIP)' | sed "s/^/  $name: /"
  if [ "$bad" -ne 0 ]; then
    printf '%s\n' "$out" | sed "s/^/  $name| /"
    failed="$failed $name"
  fi
  echo "  $name: $ok passed, $bad failed"
done

echo "== golden CLI tests (tests/golden)"
BIN="$(cd "$(dirname "$B/nongrata")" && pwd)/nongrata"
ROOT=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset NONGRATA_DB
# the store's clock, fixed: import dates in the expected output stay put
export SOURCE_DATE_EPOCH=1700000000
for d in tests/golden/*/; do
  name=$(basename "$d")
  [ -f "$d/args" ] || continue
  # each test runs in an empty directory of its own (so the store is a
  # fresh ./nongrata.db), where tests/ leads to the repository's; a setup
  # script, when there is one, runs there first with $NONGRATA set
  w="$tmp/work"
  rm -rf "$w"
  mkdir -p "$w"
  ln -s "$ROOT/tests" "$w/tests"
  if [ -f "$d/setup" ]; then
    (cd "$w" && NONGRATA="$BIN" sh "$ROOT/$d/setup" > /dev/null 2>&1)
  fi
  # one argument per line
  set --
  while IFS= read -r a || [ -n "$a" ]; do set -- "$@" "$a"; done < "$d/args"
  if [ -f "$d/stdin" ]; then
    (cd "$w" && "$BIN" "$@") < "$d/stdin" > "$tmp/out" 2> "$tmp/err"
  else
    (cd "$w" && "$BIN" "$@") < /dev/null > "$tmp/out" 2> "$tmp/err"
  fi
  echo $? > "$tmp/status"
  if [ -f "$d/after" ]; then
    # a script whose output is checked too (the store after a failure)
    (cd "$w" && NONGRATA="$BIN" sh "$ROOT/$d/after") >> "$tmp/out" 2>> "$tmp/err" < /dev/null
    echo "after: $?" >> "$tmp/status"
  fi
  if [ "${UPDATE:-0}" = 1 ]; then
    cp "$tmp/out" "$d/stdout"; cp "$tmp/err" "$d/stderr"; cp "$tmp/status" "$d/status"
  fi
  ok=1
  for f in stdout stderr status; do
    exp="$d/$f"
    [ "$f" = stdout ] && got="$tmp/out"
    [ "$f" = stderr ] && got="$tmp/err"
    [ "$f" = status ] && got="$tmp/status"
    if ! cmp -s "$exp" "$got"; then
      ok=0
      echo "  golden $name: $f differs"
      diff "$exp" "$got" | head -20 | sed 's/^/    /'
    fi
  done
  if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); failed="$failed golden/$name"; fi
done
echo "  golden: done"

echo "== saved fuzz inputs (tests/fuzz/corpus)"
for r in "$B"/fuzz-replay/fuzz_*; do
  [ -x "$r" ] || continue
  name=$(basename "$r")
  dir="tests/fuzz/corpus/${name#fuzz_}"
  [ -d "$dir" ] || continue
  if out=$("$r" "$dir"/* 2>&1); then
    pass=$((pass + 1))
    echo "  $name: $out"
  else
    fail=$((fail + 1))
    failed="$failed $name"
    printf '%s\n' "$out" | tail -20 | sed "s/^/  $name| /"
  fi
done

[ -n "$failed" ] && echo "failed:$failed"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
