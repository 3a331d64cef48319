#!/usr/bin/env python3
"""Reads the callgrind dumps of tests/Device.Cost (tools/InterpCost/count.sh) and prints instructions per request.

Usage: report.py OUT_DIR HEAP

OUT_DIR holds cost.log (the program's output: "cost mark KIND COUNT" before each run) and cg.out.N (one dump before each
console write, so dump k+1 is the run announced by the k-th marker). Per kind: (Ir of the 2N run - Ir of the N run) / N.
"""
import glob
import os
import re
import subprocess
import sys

out, heap = sys.argv[1], sys.argv[2]
ESP32_HZ = 240e6
LOOP_TURNS_PER_S = 200  # the board's main loop: app.Poll, then UdpTransport.ReceiveFor(5) (docs/architecture.md)

marks = [l.split()[2:4] for l in open(os.path.join(out, 'cost.log'), errors='replace') if l.startswith('cost mark ')]


def part_no(path):
    m = re.search(r'\.(\d+)$', path)
    return int(m.group(1)) if m else 10 ** 9


parts = sorted((p for p in glob.glob(os.path.join(out, 'cg.out*')) if os.path.getsize(p) > 0), key=part_no)
if len(parts) < len(marks) + 1:
    sys.exit('report.py: %d dumps for %d markers' % (len(parts), len(marks)))


def total(path):
    for line in open(path, errors='replace'):
        if line.startswith('summary:') or line.startswith('totals:'):
            return int(line.split()[1])
    raise SystemExit('report.py: no total in ' + path)


def calls(path):
    """Calls and inclusive Ir per called function name, from one dump."""
    names, res = {}, {}
    cfn, pending = None, False
    with open(path, errors='replace') as f:
        for line in f:
            if line.startswith(('fn=', 'cfn=', 'cfi=', 'cfl=')):
                key, _, rest = line.rstrip('\n').partition('=')
                m = re.match(r'\((\d+)\)(?: (.*))?', rest)
                if key in ('fn', 'cfn') and m:
                    if m.group(2):
                        names[m.group(1)] = m.group(2)
                    if key == 'cfn':
                        cfn = names.get(m.group(1), m.group(1))
                continue
            if line.startswith('calls='):
                count = int(line[6:].split()[0])
                c = res.setdefault(cfn, [0, 0])
                c[0] += count
                pending = True
                continue
            if pending:
                fields = line.split()
                if len(fields) >= 2:
                    res[cfn][1] += int(fields[1])
                pending = False
    return res


# segment of marker i is part i+1 (part 1 is everything before the first marker)
runs = {}
for i, (kind, count) in enumerate(marks):
    if kind not in ('prepare', 'end'):
        runs.setdefault(kind, []).append((int(count), parts[i + 1]))

KINDS = [
    ('message-new', 'MESSAGE (484 B), new transaction, answered 200', 1),
    ('message-retransmission', 'the same MESSAGE retransmitted, 200 from the cache', 1),
    ('notify-blf', 'BLF dialog NOTIFY (full state), 200, key LED follows', 1),
    ('key-scan', 'button press + release through its pin (8 loop turns)', 8),
    ('idle-turn', 'idle loop turn (PhoneApp.Poll, nothing to do)', 1),
    ('status-raise-clear', 'status raised + cleared, LED and status line follow (2 turns)', 2),
    ('message-agent', 'MESSAGE (new branch) through the user agent alone, handler 200', 1),
]

# tests/Device.Cost/MediaCost.cs: per 20 ms frame (50 a second in each direction of a call)
VOICE_KINDS = [
    ('mulaw-encode', 'G.711 mu-law encode, one 20 ms frame (160 samples) into an RTP payload'),
    ('mulaw-decode', 'G.711 mu-law decode, one 20 ms frame'),
    ('alaw-encode', 'G.711 A-law encode, one 20 ms frame'),
    ('alaw-decode', 'G.711 A-law decode, one 20 ms frame'),
    ('tone-frame', 'tone generator, one 20 ms frame of USA ringback (440 + 480 Hz)'),
    ('rtp-send', 'MediaSession turn, nothing arriving: PCMU encode + RTP sent, silence played'),
    ('rtp-both', 'MediaSession turn, one packet arriving: also RTP read, jitter buffer, decode'),
    ('conference', 'conference turn: two MediaSessions (rtp-both each) through the mixer'),
]
FRAMES_PER_S = 50

per = {}
print('interpreter: the SDK nanoclr32 (.text identical), heap %s B; Ir = x86 instructions executed by the interpreter' % heap)
print()
print('%-66s %14s %14s' % ('kind', 'Ir per request', 'N / 2N runs'))
for kind, label, _ in KINDS:
    (n1, p1), (n2, p2) = runs[kind][0], runs[kind][1]
    per[kind] = (total(p2) - total(p1)) / float(n2 - n1)
    print('%-66s %14s %14s' % (label, format(int(round(per[kind])), ','), '%d / %d' % (n1, n2)))
idle = per['idle-turn']
print('%-66s %14s' % ('  key press + release net of its 8 idle turns', format(int(round(per['key-scan'] - 8 * idle)), ',')))
print('%-66s %14s' % ('  status raise + clear net of its 2 idle turns', format(int(round(per['status-raise-clear'] - 2 * idle)), ',')))
# tests/Device.Cost/AgentCost.cs: the agent's part (parse, transaction, checks, routing, answer) against the whole turn
phone = per['message-new'] - per['message-agent']
print('%-66s %14s' % ('  MESSAGE: the phone beyond the agent (message-new - message-agent)', format(int(round(phone)), ',')))
print('%-66s %14s' % ('    of which the loop turn\'s other polls (one idle turn)', format(int(round(idle)), ',')))
print('%-66s %14s' % ('    the rest: the handler, its events, the screen', format(int(round(phone - idle)), ',')))

# Garbage collections are part of each figure (as on the board); how much of it per kind, so that a change of the heap's
# contents (a table more, garbage less) is told apart from a change of the path.
print()
print('%-66s %14s %14s' % ('garbage collection per request', 'Ir', 'collections'))
for kind, label, _ in KINDS:
    (n1, p1), (n2, p2) = runs[kind][0], runs[kind][1]
    a = calls(p1).get('CLR_RT_GarbageCollector::ExecuteGarbageCollection()', [0, 0])
    b = calls(p2).get('CLR_RT_GarbageCollector::ExecuteGarbageCollection()', [0, 0])
    print('%-66s %14s %14.2f' % ('  ' + kind, format(int(round((b[1] - a[1]) / float(n2 - n1))), ','), (b[0] - a[0]) / float(n2 - n1)))

print()
print('%-66s %14s %14s' % ('voice kind', 'Ir per frame', 'N / 2N runs'))
for kind, label in VOICE_KINDS:
    (n1, p1), (n2, p2) = runs[kind][0], runs[kind][1]
    per[kind] = (total(p2) - total(p1)) / float(n2 - n1)
    print('%-66s %14s %14s' % (label, format(int(round(per[kind])), ','), '%d / %d' % (n1, n2)))
for law in ('mulaw', 'alaw'):
    both = per[law + '-encode'] + per[law + '-decode']
    print('  %-64s %14s  %.2f%% of 240 MHz at %d frames/s each way' % (law + ' encode + decode per 20 ms', format(int(round(both)), ','),
                                                                       100.0 * both * FRAMES_PER_S / ESP32_HZ, FRAMES_PER_S))
receive = per['rtp-both'] - per['rtp-send']
print('  %-64s %14s' % ('receive alone (rtp-both - rtp-send): RTP read, jitter buffer, decode', format(int(round(receive)), ',')))
print('  %-64s %14s  %.2f%% of 240 MHz at %d turns/s' % ('a call both ways per 20 ms (rtp-both)', format(int(round(per['rtp-both'])), ','),
                                                           100.0 * per['rtp-both'] * FRAMES_PER_S / ESP32_HZ, FRAMES_PER_S))
print('  %-64s %14s  %.2f%% of 240 MHz at %d turns/s' % ('a conference of two calls per 20 ms', format(int(round(per['conference'])), ','),
                                                           100.0 * per['conference'] * FRAMES_PER_S / ESP32_HZ, FRAMES_PER_S))
print('  %-64s %14s' % ('  the mixer alone (conference - 2 x rtp-both)', format(int(round(per['conference'] - 2 * per['rtp-both'])), ',')))

# tests/Device.Cost/PasswordCost.cs: PasswordHash.Verify with the stand-in HMAC (count.sh), plus the native's hashing
verify_kind = next(k for k in runs if k.startswith('password-verify-') and k != 'password-verify-1')
iterations = int(verify_kind.rsplit('-', 1)[1])
for kind in (verify_kind, 'password-verify-1', 'password-digest'):
    (n1, p1), (n2, p2) = runs[kind][0], runs[kind][1]
    per[kind] = (total(p2) - total(p1)) / float(n2 - n1)
native_path = os.path.join(out, 'hmac-native.txt')
native = int(open(native_path).read()) if os.path.exists(native_path) else None
per_iteration = (per[verify_kind] - per['password-verify-1']) / (iterations - 1)
print()
print('password check (PasswordHash.Verify of the right password)                 Ir, interpreter   + native HMACs      ms at 240 MHz')
for label, managed, hmacs in (('PBKDF2-HMAC-SHA256, %d iterations (admin_mode_password)' % iterations, per[verify_kind], iterations),
                              ('PBKDF2-HMAC-SHA256, 1 iteration', per['password-verify-1'], 1),
                              ('  one iteration (the difference over %d)' % (iterations - 1), per_iteration, 1),
                              ('Digest form, MD5 (http_pass, a Basic login)', per['password-digest'], 0)):
    hashing = native * hmacs if native is not None else 0
    print('  %-70s %12s %16s %10.1f' % (label, format(int(round(managed)), ','),
                                         format(hashing, ',') if native is not None else 'not counted', (managed + hashing) / ESP32_HZ * 1000))
if native is not None:
    print('  native HMAC-SHA256 of 32 bytes (mbed TLS on this host, hmac_native.c): %s Ir a call' % format(native, ','))

print()
print('At 240 MHz, if one x86 instruction of the host interpreter were one ESP32 (Xtensa LX6) cycle (an assumption, not a')
print('measurement: the same C++ compiled for Xtensa runs more, simpler instructions, and flash-cache misses add cycles,')
print('so read these as lower bounds):')
for kind, label, _ in KINDS:
    print('  %-40s %8.2f ms' % (kind, per[kind] / ESP32_HZ * 1000))
print('  idle loop at %d turns/s (5 ms wait per turn): %.1f%% of the CPU' % (LOOP_TURNS_PER_S, 100.0 * idle * LOOP_TURNS_PER_S / ESP32_HZ))
print('  MESSAGEs per second at 100%% of the CPU: %.0f' % (ESP32_HZ / per['message-new']))

(n1, p1), (n2, p2) = runs['message-new'][0], runs['message-new'][1]
c1, c2 = calls(p1), calls(p2)
n = float(n2 - n1)


def per_req(name):
    a, b = c1.get(name, [0, 0]), c2.get(name, [0, 0])
    return (b[0] - a[0]) / n, (b[1] - a[1]) / n


print()
print('MESSAGE, new transaction: the natives (managed methods implemented in C++) called per request, by calls')
rows = []
for name in set(c1) | set(c2):
    if name and name.startswith('Library_'):
        k, ir = per_req(name)
        if k > 0.5:
            rows.append((k, ir, name))
rows.sort(reverse=True)
print('%10s %12s %6s  %s' % ('calls', 'Ir incl.', 'share', 'native'))
for k, ir, name in rows[:15]:
    short = re.sub(r'^Library_\w+?_native_', '', name).split('(')[0]
    print('%10.0f %12s %5.1f%%  %s' % (k, format(int(ir), ','), 100.0 * ir / per['message-new'], short))
for name in ['CLR_RT_GarbageCollector::ExecuteGarbageCollection()']:
    k, ir = per_req(name)
    print('%10.1f %12s %5.1f%%  %s (garbage collection)' % (k, format(int(ir), ','), 100.0 * ir / per['message-new'], name))

print()
print('MESSAGE, new transaction: top 15 interpreter functions by own instructions (the %d-request run)' % n2)
ann = subprocess.run(['callgrind_annotate', '--threshold=100', p2], capture_output=True, text=True).stdout.splitlines()
shown = 0
started = False
for line in ann:
    if re.match(r'^-+$', line.strip()) and shown == 0 and started:
        continue
    if 'file:function' in line:
        started = True
        continue
    if started and re.search(r"\?\?\?:(\(below main\)('\d+)?|main|ClrStartup|nanoCLR_Run) ", line):
        continue  # the call tree's roots (callgrind_annotate lists their inclusive cost)
    if started and line.strip() and re.match(r'^\s*[\d,]+ \(', line):
        line = re.sub(r' \[[^\]]*\]$', '', line.strip()).replace('???:', '')
        print('  ' + re.sub(r'\s+', ' ', line)[:150])
        shown += 1
        if shown == 15:
            break
