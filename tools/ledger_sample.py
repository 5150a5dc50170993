#!/usr/bin/env python3
"""ledger_sample.py -- writes samples/ledger/expulsions.csv and staff.csv,
the bundled ledger of real expulsion events, from the two transcriptions
in ../shared/data (facts with their sources):

    expulsion_events/events.csv     1971-2021, replies linked (kept as is)
    expulsions_transcribed/*.csv    2018 and 2022 counts by country, one
                                    row a (source, country)

    python3 tools/ledger_sample.py [SHARED_DATA_DIR]

Each 2018 or 2022 country row becomes a claim about one event of that
country (ids S18-XXX, S18R-XXX for Russia's replies, U22-XXX); two sources
about one country are two claims about one event, kept apart when they
disagree (Slovakia 3 or 35).  Dates: the 2018 expulsions listed on the
page of 2018-03-26 are dated that day (the coordinated announcement); the
others of that wave only by the interval up to the page that lists them;
the 2022 counts are cumulative since the invasion (2022-02-24) up to the
page's date, so they are dated by that interval.  The United Kingdom's and
the United States' 2018 expulsions are the events S1 and S3 of the first
file, which the later pages report again.
"""
import csv
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, '..', 'shared', 'data')

A3 = {
    'United Kingdom': 'GBR', 'United States': 'USA', 'Germany': 'DEU', 'Canada': 'CAN',
    'Poland': 'POL', 'France': 'FRA', 'Lithuania': 'LTU', 'Moldova': 'MDA',
    'Czech Republic': 'CZE', 'Australia': 'AUS', 'Albania': 'ALB', 'Denmark': 'DNK',
    'Spain': 'ESP', 'Italy': 'ITA', 'Netherlands': 'NLD', 'Belgium': 'BEL', 'Hungary': 'HUN',
    'Ireland': 'IRL', 'Latvia': 'LVA', 'Macedonia': 'MKD', 'North Macedonia': 'MKD',
    'Norway': 'NOR', 'Romania': 'ROU', 'Finland': 'FIN', 'Croatia': 'HRV', 'Sweden': 'SWE',
    'Estonia': 'EST', 'Ukraine': 'UKR', 'NATO': 'NATO', 'Russia': 'RUS', 'Bulgaria': 'BGR',
    'Slovakia': 'SVK', 'Montenegro': 'MNE', 'Luxembourg': 'LUX', 'Portugal': 'PRT',
}
KNOWN_2018 = {'GBR': ('S1', '2018-03-14'), 'USA': ('S3', '2018-03-26')}


def main():
    out_dir = os.path.join(ROOT, 'samples', 'ledger')
    os.makedirs(out_dir, exist_ok=True)
    rows = []
    with open(os.path.join(DATA, 'expulsion_events', 'events.csv'), encoding='utf-8') as f:
        for r in csv.DictReader(f):
            rows.append([r['id'], r['date'], r['actor'], r['target'], r['count'], r['reason'],
                         r['source'], r['answers'], ''])
    with open(os.path.join(DATA, 'expulsions_transcribed', 'expulsions.csv'), encoding='utf-8') as f:
        tr = list(csv.DictReader(f))
    on_0326 = {A3[r['expelling_country']] for r in tr
               if r['episode'] == 'skripal_2018' and r['as_of'] == '2018-03-26'}
    staff = []
    for r in tr:
        actor, target = A3[r['expelling_country']], A3[r['expelled_country']]
        ep, asof, src = r['episode'], r['as_of'], r['source_url']
        note = r['note']
        if ep == 'skripal_2018':
            if actor in KNOWN_2018:
                eid, date = KNOWN_2018[actor]
            else:
                eid = 'S18-' + actor
                date = '2018-03-26' if actor in on_0326 else '2018-03-26/' + asof
            reason = 'solidarity with the United Kingdom after the Skripal poisoning'
            if actor in KNOWN_2018:
                reason = ''  # its own reason is the first file's
            if actor == 'NATO':
                reason = 'NATO reduced the Russian mission (Skripal poisoning)'
                staff.append(['NATO', 'RUS', '2018-03-26', '30', src])
            rows.append([eid, date, actor, target, r['count'], reason, src, '', note])
        elif ep == 'skripal_2018_retaliation':
            rows.append(['S18R-' + target, asof, actor, target, r['count'], 'retaliation', src, '',
                         note])
        elif ep == 'ukraine_invasion_2022':
            end = asof if len(asof) == 10 else asof + '-30'
            rows.append(['U22-' + actor, '2022-02-24/' + end, actor, target, r['count'], '', src,
                         '', note])
    with open(os.path.join(out_dir, 'expulsions.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['id', 'date', 'actor', 'target', 'count', 'reason', 'source', 'answers', 'note'])
        w.writerows(rows)
    with open(os.path.join(out_dir, 'staff.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['host', 'sending', 'date', 'count', 'source'])
        w.writerows(staff)
    print('samples/ledger: %d claims, %d staff counts' % (len(rows), len(staff)))


if __name__ == '__main__':
    main()
