#!/bin/sh
# bench/run.sh -- builds and runs every benchmark of the name engine and
# prints the figures quoted in bench/README.md.  Needs ../shared/data.
# Run by hand on a quiet machine: make bench && sh bench/run.sh
set -eu
B=build/rel/bench
python3 bench/make_pairs.py
for f in eu ofac xconv; do
  "$B/quality" "bench/out/$f.tsv"
done
"$B/coverage"
"$B/speed" bench/out/names.txt --pairs 1000000
# the ledger's news extraction, on the labelled sentences of tests/ledger
for f in extract_sentences extract_fresh; do
  "$B/extract" "tests/ledger/$f.tsv"
done
