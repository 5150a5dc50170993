#!/bin/sh
# demo.sh BIN -- the main job of nongrata on the bundled samples: import the
# sample lists into a fresh store, show what was read, the expulsion ledger,
# names compared across alphabets, and last who on the published list of
# officers is on the lists of expelled diplomats, each match with its reasons.
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
echo "== The expulsion ledger: real events with their sources (samples/ledger)"
"$BIN" ledger import samples/ledger/expulsions.csv samples/ledger/staff.csv
echo
echo "-- which event answers which (recorded, or the nearest the other way within 120 days)"
"$BIN" ledger pairs | grep -v '^S18-\|^U22-' | head -24
echo
echo "-- chains of replies (1986: the US 25, the USSR 5, the US 55, the USSR 5)"
"$BIN" ledger chains | head -9
echo
echo "-- waves: several states against one within 14 days, largest first"
"$BIN" ledger waves
echo
echo "-- each state's totals (sources that disagree give a range)"
"$BIN" ledger balance --states | head -8
echo
echo "-- events proposed from news text (samples/ledger/news.txt)"
"$BIN" ledger extract samples/ledger/news.txt --date 2021-04-19
echo
"$BIN" ledger report --out build/demo/ledger-report
echo
echo "== What the records share (links): consecutive passports, one phone or address"
"$BIN" links --limit 10
echo
"$BIN" graph --format svg --around ofac:26173 --out build/demo/morenets.svg
echo "(the neighbourhood of MORENETS drawn in build/demo/morenets.svg)"
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
