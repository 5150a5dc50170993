#!/usr/bin/env python3
"""make_queries.py -- queries for the xref benchmark, drawn from a
generated list (gen_records.py): N of its records that carry an alias in
the other script, spread evenly over the list, each written as a new
record whose only name is that alias, with the record's birth date and
nationality.  Every query has its record in the list; the rest of what
xref finds are namesakes.

    python3 bench/make_queries.py LIST.csv N OUT.csv

    python3 bench/make_queries.py bench/out/records_1m.csv 10000 bench/out/queries_10k.csv
"""
import csv
import sys


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    src, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(src, encoding='utf-8', newline='') as f:
        rows = [r for r in csv.DictReader(f) if r['alias']]
    if len(rows) < n:
        sys.exit('make_queries.py: %s has %d records with an alias, fewer than %d'
                 % (src, len(rows), n))
    step = len(rows) / n
    with open(out, 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['id', 'name', 'dob', 'nationality', 'note'])
        for k in range(n):
            r = rows[int(k * step)]
            w.writerow(['q%05d' % (k + 1), r['alias'], r['dob'], r['nationality'],
                        'query for ' + r['id']])
    print('%s: %d queries from %s' % (out, n, src))


if __name__ == '__main__':
    main()
