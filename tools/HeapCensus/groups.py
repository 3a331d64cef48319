"""A census log's collections grouped by the point of a turn they fell on (turns.sh and sweep.sh share it).

read(LOG, PROFILE) gives each collection's free bytes and its chain of frames under PhoneApp.Poll (the whole chain when
it runs outside a turn), of one load profile when named; key(CHAIN, DEPTH) names the group: the first DEPTH frames.
"""
import re


def read(log, profile=None):
    """{collection number: (free bytes, [frames under PhoneApp.Poll, outermost first])}."""
    free, frames = {}, {}
    on = profile is None
    current = None  # the collection whose frames the FRAMES lines belong to, None for a block not kept
    for line in open(log, errors='replace'):
        p = line.split()
        if not p:
            continue
        if profile is not None and line.startswith('load profile='):
            # A profile's collections run from its "begin" line to its "OK" or a line of another profile.
            if line.startswith('load profile=%s begin' % profile):
                on = True
            elif line.startswith('load profile=%s OK' % profile) or not line.startswith('load profile=%s ' % profile):
                on = False
        # A collection's number comes again with the compacting collection that may follow it (more free, the same
        # point): the block with the least free counts, as collections.sh and run.sh's gate count it.
        elif p[0] == 'HEAPSTATS':
            g = p[1][3:]
            f = next((int(f[5:]) for f in p if f.startswith('free=')), None)
            current = g if on and f is not None and (free.get(g) is None or f < free[g]) else None
            if current is not None:
                free[g] = f
                frames[g] = []
        elif p[0] == 'FRAMES' and len(p) > 3 and p[3].startswith('#') and p[1][3:] == current:
            frames[current].append(re.sub(r'^#\d+ \d+ ', '', ' '.join(p[3:])).replace('DeskPhone.', ''))
    seen = {}
    for g, f in free.items():
        chain = frames.get(g, [])
        under = max([i for i, c in enumerate(chain) if 'PhoneApp::Poll' in c] or [-1]) + 1
        seen[g] = (f, chain[under:] if under else chain)
    return seen


def key(chain, depth):
    """The group of a chain: its first DEPTH frames."""
    return ' > '.join(chain[:depth])
