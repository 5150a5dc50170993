#!/bin/sh
# demo.sh BIN -- the main job of nongrata on the bundled samples: read each
# name, then compare the pairs of samples/names.tsv and explain each answer.
set -eu
BIN=${1:-./nongrata}
echo "== How nongrata reads a name"
"$BIN" normalize "Gen. Viktor Semyonovich Drozdov" "Тамара Юрьевна Щеглова" "Siergiej Ławrow"
echo
echo "== Pairs from samples/names.tsv (fictional persons first, then real ones)"
grep -v '^#' samples/names.tsv | while IFS="$(printf '\t')" read -r a b why; do
  [ -n "$a" ] || continue
  echo
  echo "-- $why"
  echo "   $a  |  $b"
  "$BIN" compare --explain "$a" "$b" | sed 's/^/   /'
done
echo
echo "== The same pairs as a pipeline (compare --pairs -)"
grep -v '^#' samples/names.tsv | cut -f1,2 | "$BIN" compare --pairs -
