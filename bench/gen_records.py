#!/usr/bin/env python3
"""gen_records.py -- a generated list of N realistic person records as CSV,
for the import and screening benchmarks.

    python3 bench/gen_records.py N OUT.csv [--seed S]

Names are drawn from the Wikidata English-Russian token pairs of
../shared/data/wikidata_names_en_ru (given names by the classes of
bench/wikidata_top_tokens.tsv, surnames from the other tokens, each drawn
as often as Wikidata's persons carry it), written in Latin or in Cyrillic,
some with an alias in the other script; birth dates in the forms lists use;
nationalities, passport numbers with a series, phone numbers.  The persons
are invented: any likeness to a real person is chance.
"""
import csv
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, '..', '..', 'shared', 'data', 'wikidata_names_en_ru')


def load_pairs():
    """Latin token -> (Cyrillic token, count), the most frequent spelling."""
    pairs = {}
    for name in ('wd_russian_80.tsv', 'wd_russian_20.tsv'):
        path = os.path.join(DATA, name)
        if not os.path.exists(path):
            sys.exit('gen_records.py: %s is missing (../shared/data)' % path)
        with open(path, encoding='utf-8') as f:
            for line in f:
                parts = line.rstrip('\n').split('\t')
                if len(parts) != 3:
                    continue
                lat, cyr, n = parts[0], parts[1].replace(' ', ''), int(parts[2])
                if not lat.isalpha() or not cyr.isalpha() or len(lat) < 2:
                    continue
                if lat not in pairs or pairs[lat][1] < n:
                    pairs[lat] = (cyr, n)
    return pairs


def load_given():
    given = set()
    with open(os.path.join(HERE, 'wikidata_top_tokens.tsv'), encoding='utf-8') as f:
        for line in f:
            if line.startswith('#'):
                continue
            tok, _, cls = line.rstrip('\n').split('\t')
            if cls == 'G':
                given.add(tok)
    return given


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    n = int(sys.argv[1])
    out = sys.argv[2]
    seed = 20261128
    if '--seed' in sys.argv:
        seed = int(sys.argv[sys.argv.index('--seed') + 1])
    rnd = random.Random(seed)
    pairs = load_pairs()
    given_set = load_given()
    given = [(t, pairs[t][0], pairs[t][1]) for t in pairs if t in given_set]
    surnames = [(t, pairs[t][0], pairs[t][1]) for t in pairs if t not in given_set]
    gw = [g[2] for g in given]
    sw = [s[2] ** 0.5 for s in surnames]  # flatter: lists hold many rare surnames
    nations = ['Russia', 'Ukraine', 'Belarus', 'Kazakhstan', 'Georgia', 'Armenia',
               'Poland', 'Germany', 'France', 'Latvia', 'Lithuania', 'Estonia']
    months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
    batch = 100000
    with open(out, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['id', 'name', 'alias', 'dob', 'nationality', 'passport', 'phone', 'note'])
        done = 0
        while done < n:
            k = min(batch, n - done)
            gs = rnd.choices(given, weights=gw, k=2 * k)
            ss = rnd.choices(surnames, weights=sw, k=k)
            for i in range(k):
                g1, g2, s = gs[2 * i], gs[2 * i + 1], ss[i]
                three = rnd.random() < 0.4
                lat = ' '.join(x[0].capitalize() for x in ((g1, g2, s) if three else (g1, s)))
                cyr = ' '.join(x[1].capitalize() for x in ((g1, g2, s) if three else (g1, s)))
                if rnd.random() < 0.3:
                    name, alias = cyr, (lat if rnd.random() < 0.5 else '')
                else:
                    name, alias = lat, (cyr if rnd.random() < 0.3 else '')
                y, m, d = rnd.randint(1940, 2000), rnd.randint(1, 12), rnd.randint(1, 28)
                form = rnd.random()
                dob = ('%d' % y if form < 0.15 else
                       '%02d %s %d' % (d, months[m - 1], y) if form < 0.5 else
                       '%02d.%02d.%d' % (d, m, y) if form < 0.75 else
                       '%d-%02d-%02d' % (y, m, d))
                passport = '%02d %07d' % (rnd.randint(10, 99), rnd.randint(0, 9999999)) if rnd.random() < 0.4 else ''
                phone = '+7 9%02d %03d %04d' % (rnd.randint(0, 99), rnd.randint(0, 999), rnd.randint(0, 9999)) if rnd.random() < 0.2 else ''
                w.writerow(['g%07d' % (done + i + 1), name, alias, dob, rnd.choice(nations),
                            passport, phone, 'generated person'])
            done += k


if __name__ == '__main__':
    main()
