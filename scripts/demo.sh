#!/bin/sh
# demo.sh BIN -- the main job of nongrata on the bundled samples: import the
# sample lists into a fresh store, show what was read, then compare names
# across alphabets and explain each answer.
set -eu
BIN=${1:-./nongrata}
DB=build/demo/nongrata.db
mkdir -p build/demo
rm -f "$DB" "$DB-wal" "$DB-shm"
export NONGRATA_DB="$DB"

echo "== Importing the sample lists into a fresh store ($DB)"
echo "   (persons marked FICTIONAL are invented; the others are real persons"
echo "   as official lists name them: see samples/ and samples/ofac/README.md)"
"$BIN" import samples/officers.csv --dataset officers
"$BIN" import samples/expelled_fr.csv --dataset expelled_fr
"$BIN" import samples/expelled_de.csv --dataset expelled_de
"$BIN" import samples/expelled_pl.csv --dataset expelled_pl
"$BIN" import samples/expelled_nl.csv --dataset expelled_nl
"$BIN" import samples/ofac/sdn.csv samples/ofac/alt.csv samples/ofac/add.csv --dataset ofac
echo
"$BIN" datasets
echo
echo "== One person in three lists: the published list, the Dutch expulsions, OFAC"
"$BIN" show officers:UA-103 expelled_nl:1 ofac:26173
echo
echo "== Who on the published list of officers is on a list of expelled diplomats?"
for list in expelled_fr expelled_de expelled_pl expelled_nl; do
  echo
  echo "-- officers x $list"
  "$BIN" xref officers "$list"
done
echo
echo "-- officers x ofac"
"$BIN" xref officers ofac
echo
echo "== Screening one name, in Cyrillic, against every list"
"$BIN" match "Анатолий Чепига" --explain
echo
echo "-- a namesake: the same name, another birth date (possible, not match)"
"$BIN" match "Andreï BELOV" --dob 15/02/1958 --explain
echo
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
