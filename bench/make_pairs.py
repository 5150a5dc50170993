#!/usr/bin/env python3
"""make_pairs.py -- labelled name pairs for bench/quality, built from ../shared/data.

Writes TSV files (label, name1, name2, note) into bench/out/:

  eu.tsv     EU sanctions annexes: a person's Latin name against each Cyrillic
             spelling of it (positives); Latin name of one person against the
             Cyrillic or Latin name of another person who shares a surname or
             a given name (negatives).
  ofac.tsv   OFAC SDN 2021 individuals: primary name against each a.k.a. that
             is a spelling variant (positives); cover identities and other
             names are left out by an independent test (see is_variant);
             different persons sharing a surname (negatives).
  names.txt  every person name and alias of the EU annexes and the OFAC
             2021 list, one a line (for bench/speed).
  xconv.tsv  Russian and Ukrainian names of the EU annexes written under
             two different romanisations (the iuliia schemas of
             ../shared/data/translit_ru_iuliia, and German, Polish, Czech,
             Hungarian, Dutch, Spanish and Ukrainian-national tables written
             here), against similar names of other persons.

Labels never come from nongrata itself.  Run: python3 bench/make_pairs.py
"""
import csv
import glob
import json
import os
import random
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.environ.get("NG_SHARED_DATA", os.path.join(HERE, "..", "..", "shared", "data"))
OUT = os.path.join(HERE, "out")
rng = random.Random(20261128)

CYR = re.compile(r"[\u0400-\u04FF]")


def has_cyr(s):
    return bool(CYR.search(s))


def fold(s):
    s = unicodedata.normalize("NFKD", s.lower())
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("ł", "l").replace("ø", "o").replace("ß", "ss")


# A plain GOST-like transliteration, used only to *select* pairs (never to
# score them): independent of the engine under test.
SIMPLE = dict(zip("абвгґдеёєжзиіїйклмнопрстуўфхцчшщъыьэюя",
                  ["a", "b", "v", "g", "g", "d", "e", "e", "ie", "zh", "z", "i", "i", "i", "i", "k",
                   "l", "m", "n", "o", "p", "r", "s", "t", "u", "u", "f", "kh", "ts", "ch", "sh",
                   "shch", "", "y", "", "e", "iu", "ia"]))


def simple_latin(s):
    return "".join(SIMPLE.get(c, c) for c in fold_cyr(s))


def fold_cyr(s):
    return unicodedata.normalize("NFC", s.lower())


def tokens(s):
    return [t for t in re.split(r"[\s,.\-()'\"]+", s) if t]


def lev(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def latin_tokens(s):
    s = simple_latin(s) if has_cyr(s) else fold(s)
    return [t for t in tokens(s) if len(t) > 1]


def is_variant(a, b):
    """Spelling variant test for selection: at least half of the tokens of
    the shorter name have a counterpart within normalised Levenshtein 0.4,
    and so does the longest token of each (the surname, usually)."""
    ta, tb = latin_tokens(a), latin_tokens(b)
    if not ta or not tb:
        return False
    def close(x, ys):
        return any(lev(x, y) <= 0.4 * max(len(x), len(y)) for y in ys)
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    misses = sum(1 for x in short if not close(x, long_))
    if misses > (1 if len(short) >= 3 else 0):
        return False
    return close(max(ta, key=len), tb) and close(max(tb, key=len), ta)


def write(name, rows):
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, name)
    with open(path, "w", encoding="utf-8") as f:
        for label, a, b, note in rows:
            a = a.replace("\t", " ").replace("\n", " ").strip()
            b = b.replace("\t", " ").replace("\n", " ").strip()
            if a and b:
                f.write(f"{label}\t{a}\t{b}\t{note}\n")
    pos = sum(1 for r in rows if r[0] == 1)
    print(f"{path}: {len(rows)} pairs, {pos} positive, {len(rows) - pos} negative")


def surname_of(name):
    """Surname guess used to find negatives: a word in capitals, else the
    part before a comma, else the last word."""
    caps = [t for t in tokens(name) if len(t) > 1 and t.isupper()]
    if caps:
        return caps[-1]
    if "," in name:
        return name.split(",")[0].strip()
    t = tokens(name)
    return t[-1] if t else ""


def given_of(name):
    if "," in name:
        rest = tokens(name.split(",", 1)[1])
        return rest[0] if rest else ""
    t = [x for x in tokens(name) if not (len(x) > 1 and x.isupper())]
    return t[0] if t else ""


def years(dob):
    return set(re.findall(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)", dob or ""))


def negatives(people, key, limit, note):
    """Pairs of different persons whose names agree on key (surname or
    given name), with different birth dates when both are known."""
    by = {}
    for i, p in enumerate(people):
        k = key(p)
        if k:
            by.setdefault(k, []).append(i)
    out = []
    groups = [v for v in by.values() if len(v) > 1]
    rng.shuffle(groups)
    for g in groups * 3:
        i, j = rng.sample(g, 2)
        a, b = people[i], people[j]
        # only persons known to differ: both birth years given, none shared
        # (the lists write one date many ways: 5.4.1979, 5 April 1979)
        ya, yb = years(a["dob"]), years(b["dob"])
        if not ya or not yb or ya & yb:
            continue
        na = rng.choice(a["names"])
        nb = rng.choice(b["names"])
        if fold(na) == fold(nb):
            continue
        out.append((0, na, nb, note))
        if len(out) >= limit:
            break
    return out


def split_names(s):
    """The annexes sometimes write several names in one cell: 'A (a.k.a. B,
    C)', 'A / B', 'A (original script: B)'.  Split them."""
    s = re.sub(r"\((?:a\.k\.a\.|aka|also|original script:|укр\.)\s*", "/", s, flags=re.I)
    s = s.replace("(", "/").replace(")", "/")
    parts = re.split(r"\s+/\s*|/|;| or ", s)
    return [p.strip(" ,.") for p in parts if len(p.strip(" ,.")) > 2]


def eu_people():
    people = []
    for path in sorted(glob.glob(os.path.join(DATA, "eu_journal_sanctions", "*.csv"))):
        with open(path, encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row.get("schema") != "Person" or not row.get("name"):
                    continue
                names = split_names(row["name"]) + [a.strip() for a in row.get("alias", "").split("; ") if a.strip()]
                names = [n for a in names for n in split_names(a)]
                people.append({"names": names, "dob": row.get("birthDate", ""),
                               "src": os.path.basename(path)[:-4] + "#" + row["recordId"]})
    return people


def build_eu():
    people = eu_people()
    rows = []
    for p in people:
        lat = [n for n in p["names"] if not has_cyr(n)]
        cyr = [n for n in p["names"] if has_cyr(n)]
        if not lat:
            continue
        for c in cyr:
            # the Latin name this Cyrillic spelling writes: the closest one
            best = max(lat, key=lambda l: sum(1 for t in latin_tokens(c) if any(
                lev(t, u) <= 0.4 * max(len(t), len(u)) for u in latin_tokens(l))))
            if is_variant(c, best):
                rows.append((1, best, c, p["src"]))
    # negatives: Cyrillic against Latin, and Latin against Latin
    def sur(p):
        return fold(surname_of(p["names"][0]))
    def giv(p):
        return fold(given_of(p["names"][0]))
    pos = len(rows)
    rows += negatives(people, sur, pos // 2, "eu-same-surname")
    rows += negatives(people, giv, pos // 2, "eu-same-given")
    return rows


def ofac_people():
    base = os.path.join(DATA, "ofac_sdn_2021")
    people = {}
    with open(os.path.join(base, "sdn.csv"), encoding="utf-8", errors="replace", newline="") as f:
        for row in csv.reader(f):
            if len(row) < 12 or row[2].strip() != "individual":
                continue
            m = re.search(r"DOB ([^;]+);", row[11] or "")
            people[row[0]] = {"names": [row[1].strip()], "dob": m.group(1) if m else "", "src": "sdn" + row[0]}
    with open(os.path.join(base, "alt.csv"), encoding="utf-8", errors="replace", newline="") as f:
        for row in csv.reader(f):
            if len(row) >= 4 and row[0] in people and row[2].strip() in ("aka", "fka", "nka"):
                people[row[0]]["names"].append(row[3].strip())
    return list(people.values())


def build_ofac():
    people = ofac_people()
    rows = []
    for p in people:
        primary = p["names"][0]
        for alias in p["names"][1:]:
            if is_variant(primary, alias) and fold(primary) != fold(alias):
                rows.append((1, primary, alias, p["src"]))
    pos = len(rows)
    rows += negatives(people, lambda p: fold(surname_of(p["names"][0])), pos, "ofac-same-surname")
    rows += negatives(people, lambda p: fold(given_of(p["names"][0])), pos // 3, "ofac-same-given")
    return rows


# ---- romanisations for xconv -------------------------------------------------
def iuliia(path):
    d = json.load(open(path, encoding="utf-8"))
    mp, prev, nxt, end = d["mapping"], d.get("prev_mapping") or {}, d.get("next_mapping") or {}, d.get("ending_mapping") or {}

    def word(w):
        low = w.lower()
        stem, ending = low, ""
        for e in sorted(end, key=len, reverse=True):
            if len(low) > len(e) and low.endswith(e):
                stem, ending = low[:-len(e)], end[e]
                break
        out = []
        for i, c in enumerate(stem):
            p = (stem[i - 1] if i else "") + c
            n = c + (stem[i + 1] if i + 1 < len(stem) else "")
            if p in prev:
                out.append(prev[p])
            elif n in nxt:
                out.append(nxt[n])
            else:
                out.append(mp.get(c, c))
        r = "".join(out) + ending
        return r[:1].upper() + r[1:] if w[:1].isupper() else r

    return lambda s: re.sub(r"[\u0400-\u04FF]+", lambda m: word(m.group(0)), s)


def table(pairs, initial=None, after_vowel=None):
    """A simple letter table with optional word-initial / after-vowel forms."""
    vowels = set("аеёиоуыэюяіїє")

    def word(w):
        low = w.lower()
        out = []
        for i, c in enumerate(low):
            first = i == 0 or low[i - 1] in vowels or low[i - 1] in "ьъ'"
            if first and initial and c in initial:
                out.append(initial[c])
            else:
                out.append(pairs.get(c, c))
        r = "".join(out)
        return r[:1].upper() + r[1:] if w[:1].isupper() else r

    return lambda s: re.sub(r"[\u0400-\u04FF']+", lambda m: word(m.group(0)), s)


def letters(spec):
    out = {}
    for item in spec.split():
        k, v = item.split("=")
        out[k] = v
    return out


GERMAN = table(letters("а=a б=b в=w г=g д=d е=e ё=jo ж=sch з=s и=i й=i к=k л=l м=m н=n о=o п=p "
                       "р=r с=s т=t у=u ф=f х=ch ц=z ч=tsch ш=sch щ=schtsch ъ= ы=y ь= э=e ю=ju я=ja "
                       "і=i ї=ji є=je ґ=g"),
               initial=letters("е=je ё=jo ю=ju я=ja"))
POLISH = table(letters("а=a б=b в=w г=g д=d е=e ё=io ж=ż з=z и=i й=j к=k л=ł м=m н=n о=o п=p "
                       "р=r с=s т=t у=u ф=f х=ch ц=c ч=cz ш=sz щ=szcz ъ= ы=y ь= э=e ю=iu я=ia "
                       "і=i ї=ji є=je ґ=g"),
               initial=letters("е=je ё=jo ю=ju я=ja"))
CZECH = table(letters("а=a б=b в=v г=g д=d е=e ё=jo ж=ž з=z и=i й=j к=k л=l м=m н=n о=o п=p "
                      "р=r с=s т=t у=u ф=f х=ch ц=c ч=č ш=š щ=šč ъ= ы=y ь= э=e ю=ju я=ja "
                      "і=i ї=ji є=je ґ=g"),
              initial=letters("е=je"))
HUNGARIAN = table(letters("а=a б=b в=v г=g д=d е=e ё=jo ж=zs з=z и=i й=j к=k л=l м=m н=n о=o п=p "
                          "р=r с=sz т=t у=u ф=f х=h ц=c ч=cs ш=s щ=scs ъ= ы=i ь= э=e ю=ju я=ja "
                          "і=i ї=ji є=je ґ=g"),
                  initial=letters("е=je"))
DUTCH = table(letters("а=a б=b в=v г=g д=d е=e ё=jo ж=zj з=z и=i й=j к=k л=l м=m н=n о=o п=p "
                      "р=r с=s т=t у=oe ф=f х=ch ц=ts ч=tsj ш=sj щ=sjtsj ъ= ы=y ь= э=e ю=joe я=ja "
                      "і=i ї=ji є=je ґ=g"),
              initial=letters("е=je"))
SPANISH = table(letters("а=a б=b в=v г=g д=d е=e ё=io ж=zh з=z и=i й=i к=k л=l м=m н=n о=o п=p "
                        "р=r с=s т=t у=u ф=f х=j ц=ts ч=ch ш=sh щ=shch ъ= ы=y ь= э=e ю=iu я=ia "
                        "і=i ї=yi є=ye ґ=g"),
                initial=letters("е=ye"))
UKR_KMU = table(letters("а=a б=b в=v г=h ґ=g д=d е=e є=ie ж=zh з=z и=y і=i ї=i й=i к=k л=l м=m "
                        "н=n о=o п=p р=r с=s т=t у=u ф=f х=kh ц=ts ч=ch ш=sh щ=shch ь= ю=iu я=ia "
                        "'= ё=io ы=y э=e ъ="),
                initial=letters("є=ye ї=yi й=y ю=yu я=ya"))


def conventions():
    convs = {}
    base = os.path.join(DATA, "translit_ru_iuliia")
    for name in ("bgn_pcgn", "icao_doc_9303", "mvd_310_fr", "scientific", "wikipedia", "gost_779",
                 "ala_lc", "ungegn_1987"):
        p = os.path.join(base, name + ".json")
        if os.path.exists(p):
            convs[name] = iuliia(p)
    convs.update({"de": GERMAN, "pl": POLISH, "cs": CZECH, "hu": HUNGARIAN, "nl": DUTCH,
                  "es": SPANISH})
    return convs


def skeleton(surname):
    """Consonants of a surname with its gender and Belarusian endings made
    masculine and Russian: two surnames with one skeleton are forms of one
    name (Artamonov / Artamonova, Lukashenka / Lukashenko, Avakau /
    Avakov), not namesakes."""
    s = surname.lower().replace("ё", "е").replace("ў", "в").replace("і", "и").replace("ь", "")
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = simple_latin(s).replace("w", "v")
    for fem, masc in (("skaia", "skii"), ("skaya", "skii"), ("ska", "ski"), ("ova", "ov"),
                      ("eva", "ev"), ("ina", "in"), ("enka", "enko"), ("au", "ov"), ("ou", "ov")):
        if s.endswith(fem):
            s = s[:-len(fem)] + masc
            break
    return re.sub(r"[aeiouyj]", "", s)


def cap(s):
    """Given Patronymic Surname, capitalised as the press writes it."""
    return " ".join(w[:1].upper() + w[1:].lower() for w in s.split())


def build_xconv():
    convs = conventions()
    names = []
    person = {}
    seen = set()
    for pi, p in enumerate(eu_people()):
        for n in p["names"]:
            if has_cyr(n) and n not in seen and 2 <= len(tokens(n)) <= 4:
                seen.add(n)
                names.append(n)
                person[n] = (pi, p["dob"])
    rng.shuffle(names)
    names = names[:3000]
    keys = list(convs)
    rows = []
    ukr = re.compile("[іїєґІЇЄҐ]")
    for n in names:
        is_ukr = bool(ukr.search(n))
        pool = keys + (["ua_kmu"] * 3 if is_ukr else [])
        a, b = rng.sample(pool, 2)
        fa = UKR_KMU if a == "ua_kmu" else convs[a]
        fb = UKR_KMU if b == "ua_kmu" else convs[b]
        x, y = fa(n), fb(n)
        # casing as the press writes it: Given Patronymic Surname
        rows.append((1, cap(x), cap(y), f"{a}~{b}"))
    # negatives: two different names sharing a surname or a given name,
    # each in its own romanisation
    by_tok = {}
    for n in names:
        for t in tokens(n):
            by_tok.setdefault(t.lower(), []).append(n)
    negs = []
    groups = [v for v in by_tok.values() if len(set(v)) > 1]
    rng.shuffle(groups)
    for g in groups:
        x, y = rng.sample(sorted(set(g)), 2)
        if len(negs) >= len(rows):
            break
        (px, dx), (py, dy) = person[x], person[y]
        if px == py or not years(dx) or not years(dy) or years(dx) & years(dy):
            continue
        a, b = rng.sample(keys, 2)
        negs.append((0, cap(convs[a](x)), cap(convs[b](y)), f"neg {a}~{b}"))
    # hard negatives: the same given name and patronymic with a surname of
    # another person that differs by one or two letters (Ivanov / Ivashov),
    # as two namesakes would be written
    surnames = {}
    for n in names:
        t = tokens(n)
        if len(t) >= 3:
            surnames.setdefault(len(simple_latin(t[-1])), []).append(t[-1])
    near = []
    for n in names:
        t = tokens(n)
        if len(t) < 3 or len(near) >= len(rows) // 2:
            continue
        sl = simple_latin(t[-1])
        if len(sl) < 5:
            continue
        cands = [x for L in (len(sl) - 1, len(sl), len(sl) + 1) for x in surnames.get(L, [])
                 if x.lower() != t[-1].lower() and 1 <= lev(simple_latin(x), sl) <= 2
                 and x[:1].lower() == t[-1][:1].lower()
                 and skeleton(x) != skeleton(t[-1])]
        if not cands:
            continue
        other = " ".join(t[:-1] + [rng.choice(cands)])
        a, b = rng.sample(keys, 2)
        near.append((0, cap(convs[a](n)), cap(convs[b](other)), f"near {a}~{b}"))
    return rows + negs + near


def main():
    if not os.path.isdir(DATA):
        print(f"make_pairs: {DATA} not found; set NG_SHARED_DATA", file=sys.stderr)
        return 1
    names = [n for p in eu_people() for n in p["names"]] + [n for p in ofac_people() for n in p["names"]]
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "names.txt"), "w", encoding="utf-8") as f:
        for n in names:
            n = n.replace("\t", " ").replace("\n", " ").strip()
            if n:
                f.write(n + "\n")
    print(f"{os.path.join(OUT, 'names.txt')}: {len(names)} names of the EU and OFAC lists")
    write("eu.tsv", build_eu())
    write("ofac.tsv", build_ofac())
    write("xconv.tsv", build_xconv())
    return 0


if __name__ == "__main__":
    sys.exit(main())
