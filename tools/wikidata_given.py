#!/usr/bin/env python3
"""wikidata_given.py -- international given names as Russian writes them.

Reads ../shared/data/wikidata_names_en_ru (CC0, Wikidata-derived Latin and
Cyrillic token pairs) and writes:

  bench/wikidata_top_tokens.tsv   the 700 most frequent Latin tokens with
                                  their count and a class: G given name,
                                  S surname, P particle or other.  The class
                                  is ours (NOT_GIVEN below), made by reading
                                  the list, independently of any table.
  data/names/given_names_intl.txt one row per given name among them: the
                                  Latin spelling and each Cyrillic spelling
                                  that carries at least a fifth of its pairs
                                  (john -> Джон; george -> Джордж, Георг).

Run by hand when the list should grow: python3 tools/wikidata_given.py
"""
import collections
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")
DATA = os.environ.get("NG_SHARED_DATA", os.path.join(ROOT, "..", "shared", "data"))
TOP = 700

# Tokens of the top 700 that are not given names: surnames (English,
# Japanese, Spanish, German...), particles, initials and the like.
NOT_GIVEN = set("""
de von van smith williams johnson jones suzuki brown satō tanaka takahashi watanabe nakamura
taylor itō miller kobayashi wilson yamamoto al davis anderson yamada yoshida katō lewis moore
kelly saitō jackson white garcia inoue king harris thompson clark mori kimura young evans
yamaguchi sasaki shimizu roberts wright campbell hayashi robinson stewart abe hall hill adams
mitchell green walker del la ibn okada ogawa ishikawa edwards russell li ishii hasegawa
hashimoto morris maeda ikeda sakai martinez murphy nelson phillips cooper collins schmidt aoki
fujita marshall di ward parker bell hughes carter gotō kim gonzalez ueda nakajima da kennedy
murakami of wood sanchez baker fernandez sakamoto rodriguez miura bennett fujii watson clarke
graham takeuchi hara matsuda turner yamazaki ivanovich der yamashita fernández ono kaneko
kojima kondō nakano perez liu okamoto harada arai cohen kikuchi nakayama harrison ford sakurai
lopez garcía rodríguez stevens uchida hamilton j. mac ishida wada hunter nishimura rogers murray
takeda richardson moreno butler walsh fischer tamura morita müller wallace shaw wang sullivan
nakagawa fukuda takagi black gonzález ōta lópez shibata ruiz ellis foster hansen shimada stone
cox endō matsui price fox brooks andō honda richards fisher o'brien imai yokoyama le cole
henderson kawai west armstrong fujiwara martínez gibson reynolds robertson miyazaki pérez simpson
nomura yasuda palmer fujimoto hoshino kawamura gray miyamoto santos powell schneider ueno cook
matsuo maruyama nagai sato meyer weber silva zhang davies hart reed wagner
""".split())


def main():
    src = os.path.join(DATA, "wikidata_names_en_ru")
    if not os.path.isdir(src):
        print(f"{src} not found", file=sys.stderr)
        return 1
    count = collections.Counter()
    cyr = collections.defaultdict(collections.Counter)
    for name in ("wd_russian_80.tsv", "wd_russian_20.tsv"):
        with open(os.path.join(src, name), encoding="utf-8") as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) != 3:
                    continue
                lat, cy, n = parts[0], parts[1].replace(" ", ""), int(parts[2])
                count[lat] += n
                cyr[lat][cy] += n
    top = [t for t, _ in count.most_common(TOP)]
    with open(os.path.join(ROOT, "bench", "wikidata_top_tokens.tsv"), "w", encoding="utf-8") as out:
        out.write("# token\tcount\tclass (G given name, S surname or other; see tools/wikidata_given.py)\n")
        for t in top:
            out.write(f"{t}\t{count[t]}\t{'S' if t in NOT_GIVEN else 'G'}\n")
    rows = []
    for t in top:
        if t in NOT_GIVEN:
            continue
        total = sum(cyr[t].values())
        spellings = [c for c, n in cyr[t].most_common() if n * 5 >= total]
        rows.append(" ".join([t.capitalize()] + [c.capitalize() for c in spellings]))
    with open(os.path.join(ROOT, "data", "names", "given_names_intl.txt"), "w", encoding="utf-8") as out:
        out.write("# given_names_intl.txt -- given names of all origins and how Russian writes\n"
                  "# them, one name a row (Latin, then Cyrillic spellings).  Generated from\n"
                  "# Wikidata name pairs (CC0) by tools/wikidata_given.py; edit freely, or\n"
                  "# rerun the tool.  Slavic names and their equivalents across languages\n"
                  "# are in given_names.txt; a row whose form that file lists joins the\n"
                  "# name there (Edward Эдвард: Эдвард is also Eduard, Эдуард).\n")
        for r in rows:
            out.write(r + "\n")
    print(f"{len(rows)} given names of {TOP} tokens")
    return 0


if __name__ == "__main__":
    sys.exit(main())
