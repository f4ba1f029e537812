#!/usr/bin/python3
# what-if-check.py: commissioner-cli what-if --json on the example data,
# worked out again here from the database itself with the rule of
# docs/figures.md ("What-if"), and compared byte for byte; the database
# must be byte for byte the same afterwards.
#
#   what-if-check.py CLI
#
# Nothing here calls the project's code but the command under test: the
# spend attribution, planned costs, splits, needs priorities and figures
# are all worked out in this file, with Python's own integers and
# fractions.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from fractions import Fraction

YEAR = 2010

SCENARIOS = [
    [],
    ['--cut', 'DH-WDG=20', '--withdraw', 'CWDC-IW'],
    ['--cut', 'DH-WDG=12.5', '--cut', 'LSCB=33.33', '--allocation', 'CORE=30000'],
    ['--withdraw', 'DH-WDG', '--withdraw', 'CORE', '--allocation', 'CWDC-STEPUP=£40,000.50'],
    ['--cut', 'CWDC-YOUTH=100', '--cut', 'CWDC-WSPP=0.01'],
]


def half_up(numerator, denominator):
    """floor(n / d + 1/2) for n >= 0, symmetric for n < 0."""
    if numerator < 0:
        return -half_up(-numerator, denominator)
    return (2 * numerator + denominator) // (2 * denominator)


def parse_percent(text):
    text = text.rstrip('%')
    whole, _, fraction = text.partition('.')
    return int(whole) * 100 + int((fraction + '00')[:2])


def parse_money(text):
    text = text.replace('£', '').replace(',', '')
    whole, _, fraction = text.partition('.')
    return int(whole) * 100 + int((fraction + '00')[:2])


def read(db):
    # From a copy: even a read-only connection may leave a -wal file
    # behind, and the file under test must not change.
    copy = db + '.check'
    for suffix in ('', '-wal'):
        if os.path.exists(copy + suffix):
            os.remove(copy + suffix)
        if os.path.exists(db + suffix):
            shutil.copyfile(db + suffix, copy + suffix)
    con = sqlite3.connect(copy)
    con.row_factory = sqlite3.Row
    q = lambda sql, *args: con.execute(sql, args).fetchall()

    streams = {r['id']: dict(r) for r in q('SELECT id, code, year, allocation_pence FROM streams')}
    competencies = {r['id']: dict(r) for r in q('SELECT * FROM competencies')}
    commissions = {}
    for r in q('SELECT * FROM commissions'):
        c = dict(r)
        e = c['events']
        c['planned'] = half_up(2 * e * c['fee_per_event_pence'] + e * c['venue_per_day_pence'] * c['half_days']
                               + 2 * e * c['places'] * (c['cost_per_place_pence'] + c['materials_per_place_pence']), 2)
        c['splits'] = {}
        commissions[c['id']] = c
    for r in q('SELECT * FROM splits'):
        c = commissions[r['commission_id']]
        if r['amount_pence'] is not None:
            value = r['amount_pence']
        else:
            value = half_up(c['planned'] * r['percent_bp'], 10000)
        c['splits'][r['stream_id']] = value
    transactions = [dict(r) for r in q('SELECT id, amount_pence, commission_id, stream_id FROM transactions')]

    settings = {r['key']: r['value'] for r in q('SELECT key, value FROM settings')}
    live_weights = [int(w) for w in settings.get('priority_weights', '30,25,15,10,20').split(',')]
    cycles = {(r['year'], r['half']): dict(r) for r in q('SELECT * FROM cycles')}
    groups = {r['id']: dict(r) for r in q('SELECT * FROM staff_groups')}
    lines = [dict(r) for r in q('SELECT * FROM requirements WHERE year = ?', YEAR)]
    con.close()

    # The needs priority of each (half, competency): the highest of its lines.
    priorities = {}
    for line in lines:
        cycle = cycles.get((line['year'], line['half']))
        closed = cycle is not None and cycle['closed_on'] is not None
        if closed:
            weights = [int(w) for w in cycle['closed_weights'].split(',')]
            headcount, turnover = line['closed_headcount'], line['closed_turnover_bp']
        else:
            weights = live_weights
            group = groups[line['staff_group_id']]
            headcount, turnover = group['headcount'], group['turnover_bp']
        competency = competencies[line['competency_id']]
        required = -(-headcount * line['coverage_bp'] // 10000)
        leavers = half_up(line['compliant'] * turnover * 6, 10000 * 12)
        still = max(0, line['compliant'] - line['expiring'] - leavers)
        needed = max(0, required - still)
        w_m, w_r, w_s, w_e, w_g = weights
        priority = (w_m * competency['mandatory'] + Fraction(w_r * competency['risk'], 3)
                    + Fraction(w_s * competency['strategic'], 2) + Fraction(w_e * line['evidence'], 2))
        if required > 0:
            priority += w_g * min(Fraction(1), Fraction(needed, required))
        key = (line['half'], line['competency_id'])
        priorities[key] = max(priorities.get(key, Fraction(0)), priority)

    return streams, competencies, commissions, transactions, priorities


def attribute(transaction, streams, commissions):
    """[(stream id, amount)], docs/figures.md "Attributing spend"."""
    amount = transaction['amount_pence']
    if transaction['stream_id'] is not None:
        return [(transaction['stream_id'], amount)]
    commission = commissions.get(transaction['commission_id'])
    if commission is None or not commission['splits']:
        return []
    shares = sorted(commission['splits'].items(),
                    key=lambda item: (streams[item[0]]['code'], streams[item[0]]['year']))
    total = sum(value for _, value in shares)
    if total == 0:
        return []
    magnitude = abs(amount)
    parts = [[sid, magnitude * value // total, magnitude * value % total, n] for n, (sid, value) in enumerate(shares)]
    left = magnitude - sum(p[1] for p in parts)
    for part in sorted(parts, key=lambda p: (-p[2], p[3]))[:left]:
        part[1] += 1
    sign = -1 if amount < 0 else 1
    return [(sid, sign * value) for sid, value, _, _ in parts if value != 0]


def figures(year_streams, commissions, actual, no_commission, statuses, allocations):
    """Forecast, proposed and available of each stream under @statuses."""
    result = {}
    for sid in year_streams:
        forecast = no_commission.get(sid, 0)
        proposed = 0
        for cid, c in commissions.items():
            has_split = sid in c['splits']
            spent = actual.get((cid, sid), 0)
            if not has_split and (cid, sid) not in actual:
                continue
            value = c['splits'].get(sid, 0)
            status = statuses.get(cid, c['status'])
            if has_split and status == 'proposed':
                proposed += max(0, value - spent)
            forecast += max(value, spent) if status in ('approved', 'contracted') else spent
        result[sid] = (forecast, proposed, allocations[sid] - forecast - proposed)
    return result


def replan(db, args):
    streams, competencies, commissions, transactions, priorities = read(db)
    year_streams = sorted((sid for sid, s in streams.items() if s['year'] == YEAR), key=lambda sid: streams[sid]['code'])
    by_code = {streams[sid]['code']: sid for sid in year_streams}

    actual, no_commission, stream_actual = {}, {}, {}
    for t in transactions:
        for sid, amount in attribute(t, streams, commissions):
            if sid not in by_code.values():
                continue
            stream_actual[sid] = stream_actual.get(sid, 0) + amount
            if t['commission_id'] is not None:
                actual[(t['commission_id'], sid)] = actual.get((t['commission_id'], sid), 0) + amount
            else:
                no_commission[sid] = no_commission.get(sid, 0) + amount

    allocations = {sid: streams[sid]['allocation_pence'] for sid in year_streams}
    for option, value in zip(args[::2], args[1::2]):
        if option == '--withdraw':
            allocations[by_code[value]] = stream_actual.get(by_code[value], 0)
            continue
        code, _, text = value.partition('=')
        sid = by_code[code]
        if option == '--cut':
            allocations[sid] = half_up(streams[sid]['allocation_pence'] * (10000 - parse_percent(text)), 10000)
        else:
            allocations[sid] = parse_money(text)

    def priority(c):
        if c['competency_id'] is None:
            return Fraction(0)
        return priorities.get((c['half'], c['competency_id']), Fraction(0))

    candidates = [c for c in commissions.values()
                  if c['year'] == YEAR and c['status'] in ('approved', 'proposed')]
    candidates.sort(key=lambda c: (-priority(c), c['status'] != 'approved', c['planned'], c['code']))

    statuses = {c['id']: 'cancelled' for c in candidates}
    base = figures(year_streams, commissions, actual, no_commission, statuses, allocations)
    fp = {sid: base[sid][0] + base[sid][1] for sid in year_streams}

    kept, deferred = [], []
    for c in candidates:
        claims = [(sid, max(0, value - actual.get((c['id'], sid), 0)))
                  for sid, value in c['splits'].items() if sid in fp]
        claims.sort(key=lambda claim: streams[claim[0]]['code'])
        short = [sid for sid, need in claims if fp[sid] + need > allocations[sid]]
        if short:
            deferred.append((c, streams[short[0]]['code']))
            continue
        for sid, need in claims:
            fp[sid] += need
        kept.append(c)
        del statuses[c['id']]

    after = figures(year_streams, commissions, actual, no_commission, statuses, allocations)

    unmet = {}
    for c, _ in deferred:
        code = competencies[c['competency_id']]['code'] if c['competency_id'] is not None else None
        places, best = unmet.get(code, (0, Fraction(0)))
        unmet[code] = (places + c['events'] * c['places'], max(best, priority(c)))
    order = sorted((code for code in unmet if code is not None),
                   key=lambda code: (-unmet[code][1], -unmet[code][0], code))
    if None in unmet:
        order.append(None)

    return {
        'year': YEAR,
        'streams': [{'code': streams[sid]['code'], 'allocation_pence': allocations[sid],
                     'forecast_pence': after[sid][0], 'proposed_pence': after[sid][1],
                     'available_pence': after[sid][2]} for sid in year_streams],
        'kept': [c['code'] for c in kept],
        'deferred': [{'code': c['code'], 'blocked_by': blocked_by} for c, blocked_by in deferred],
        'unmet': [{'competency': code, 'places': unmet[code][0]} for code in order],
    }


def fingerprint(db):
    result = {}
    for suffix in ('', '-wal'):
        path = db + suffix
        if os.path.exists(path):
            with open(path, 'rb') as f:
                result[suffix] = hashlib.sha256(f.read()).hexdigest()
    return result


def main():
    cli = sys.argv[1]
    failures = 0
    with tempfile.TemporaryDirectory(prefix='cm-what-if-check-') as work:
        db = os.path.join(work, 'example.db')
        env = dict(os.environ, COMMISSIONER_TODAY='2010-11-15', LC_ALL='C.UTF-8')
        subprocess.run([cli, '--database', db, 'demo'], check=True, env=env, stdout=subprocess.DEVNULL)

        for closed in (False, True):
            if closed:
                # A signed-off cycle's priorities come from what it stored.
                subprocess.run([cli, '--database', db, 'close-cycle', '--year', str(YEAR), '--half', '2'],
                               check=True, env=env, stdout=subprocess.DEVNULL)
            for args in SCENARIOS:
                before = fingerprint(db)
                run = subprocess.run([cli, '--database', db, 'what-if', '--year', str(YEAR), *args, '--json'],
                                     env=env, capture_output=True, text=True)
                after = fingerprint(db)
                expected = json.dumps(replan(db, args), separators=(',', ':'), ensure_ascii=False) + '\n'
                name = ' '.join(args) or '(no change)'
                if closed:
                    name += ', H2 signed off'
                if run.returncode != 0:
                    print('not ok: %s: exit %d: %s' % (name, run.returncode, run.stderr))
                    failures += 1
                elif run.stdout != expected:
                    print('not ok: %s\n  got      %s  expected %s' % (name, run.stdout, expected))
                    failures += 1
                elif before != after:
                    print('not ok: %s: the database changed: %s, then %s' % (name, before, after))
                    failures += 1
                else:
                    result = json.loads(run.stdout)
                    print('ok: %s: %d kept, %d deferred, %d places unmet' % (
                        name, len(result['kept']), len(result['deferred']),
                        sum(u['places'] for u in result['unmet'])))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
