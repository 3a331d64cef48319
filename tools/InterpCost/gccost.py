#!/usr/bin/env python3
"""Reads tools/InterpCost/gccost.sh's callgrind dumps of the boot scenario and prints what the collections cost.

Usage: gccost.py DIR HEAP

DIR holds boot.log (the scenario's output with nanoCLR's HEAPSTATS lines) and cg.out.N, one dump before each console
line of the program once instrumented (gccost.sh turns it on at office's begin): dump N holds what ran between two
lines. Which two is found by the collections: the offset at which every dump's count of collections is the count of
HEAPSTATS lines between its two lines. A step's cost is the sum of the dumps between the lines that open and close it
("load profile=office step=...").
"""
import glob
import os
import re
import sys

d, heap = sys.argv[1], int(sys.argv[2])
ESP32_HZ = 240e6
# The collector's entries (PerformGarbageCollection and PerformHeapCompaction are inlined into some callers): what a call
# of one of these costs, from a caller outside them, is the collector's.
ENTRIES = ('CLR_RT_ExecutionEngine::PerformGarbageCollection()', 'CLR_RT_ExecutionEngine::PerformHeapCompaction()',
           'CLR_RT_GarbageCollector::ExecuteGarbageCollection()', 'CLR_RT_GarbageCollector::ExecuteCompaction()')
COLLECT = 'CLR_RT_GarbageCollector::ExecuteGarbageCollection()'
COMPACT = 'CLR_RT_GarbageCollector::ExecuteCompaction()'
# nanoFramework.Runtime.Native.GC.Run: what the firmware asks (HeapReserve.Measure, MemoryWatch; the scenario's own one
# per step with GC.Run(false)); the others are an allocation that found no room (ExtractHeapBlocks) or the engine's
# pending compaction after one (Execute_IL).
ASKED = 'Library_nf_rt_native_nanoFramework_Runtime_Native_GC::Run'
IN_GC = ('CLR_RT_GarbageCollector::', 'CLR_RT_HeapCluster::RecoverFromGC', 'CLR_RT_ExecutionEngine::Perform')

# The program's own lines (what went through WriteLineNative), in order, each with the collections printed before it.
lines, gcs_before = [], []
gcs = 0
started = False
for line in open(os.path.join(d, 'boot.log'), errors='replace'):
    line = line.rstrip('\n')
    if line.startswith('HEAPSTATS gc#'):
        gcs += 1
        continue
    if not started and not line.startswith('boot '):
        continue
    started = True
    if line.startswith('HEAPSTATS') or line == 'Done.':
        continue
    lines.append(line)
    gcs_before.append(gcs)


def part_no(path):
    m = re.search(r'\.(\d+)$', path)
    return int(m.group(1)) if m else 10 ** 9


def parse(path):
    """Total Ir; per (caller, callee) calls and inclusive Ir; self Ir per function."""
    names, edges, self_ir = {}, {}, {}
    total = 0
    fn = cfn = None
    pending = None
    with open(path, errors='replace') as f:
        for line in f:
            c = line[0] if line else ''
            if pending is not None:
                parts = line.split()
                if len(parts) >= 2:
                    e = edges.setdefault((fn, cfn), [0, 0])
                    e[0] += pending
                    e[1] += int(parts[1])
                pending = None
                continue
            if line.startswith(('fn=', 'cfn=')):
                key, _, rest = line.rstrip('\n').partition('=')
                m = re.match(r'\((\d+)\)(?: (.*))?', rest)
                name = m.group(2) if m and m.group(2) else None
                if m and name:
                    names[m.group(1)] = name
                name = names.get(m.group(1), m.group(1)) if m else rest
                if key == 'fn':
                    fn = name
                else:
                    cfn = name
                continue
            if line.startswith('calls='):
                pending = int(line[6:].split()[0])
                continue
            if line.startswith(('summary:', 'totals:')):
                total = int(line.split()[1])
                continue
            if c.isdigit() or c in '+-*':
                parts = line.split()
                if len(parts) >= 2 and fn is not None:
                    self_ir[fn] = self_ir.get(fn, 0) + int(parts[1])
    return total, edges, self_ir


# cg.out itself is what ran after the last line (gccost.sh ends the run there).
dumps = sorted((p for p in glob.glob(os.path.join(d, 'cg.out.*')) if os.path.getsize(p) > 0), key=part_no)
parsed = [parse(p) for p in dumps]


def collections_in(k):
    return sum(n for (caller, callee), (n, ir) in parsed[k][1].items() if callee == COLLECT)


# Dump k (0-based) is written before line offset + k; the first dump is partial (instrumented from its middle).
offset = None
for o in range(len(lines) - len(dumps) + 1):
    if all(collections_in(k) == gcs_before[o + k] - gcs_before[o + k - 1] for k in range(1, len(dumps))):
        offset = o
        break
if offset is None:
    sys.exit('gccost.py: the dumps\' collections match no place in %s/boot.log' % d)


def find(prefix):
    for i, l in enumerate(lines):
        if l.startswith(prefix):
            return i
    sys.exit('gccost.py: no line "%s" in %s/boot.log' % (prefix, d))


def vtime(i):
    m = re.search(r' t=(\d+)ms', lines[i])
    return int(m.group(1)) if m else None


def segment(name, first, last):
    """The steps between lines first and last (dumps first+1 .. last: what ran after the one and before the other)."""
    total = gc_ir = asked_ir = collections = compactions = asked = asked_compactions = 0
    funcs = {}
    if first - offset < 1:
        sys.exit('gccost.py: "%s" was not instrumented' % lines[first])
    for k in range(first + 1 - offset, last + 1 - offset):
        t, edges, self_ir = parsed[k]
        total += t
        for (caller, callee), (n, ir) in edges.items():
            if callee in ENTRIES and caller not in ENTRIES:
                gc_ir += ir
                if caller and caller.startswith(ASKED):
                    asked_ir += ir
            if callee == COLLECT:
                collections += n
            if callee == COMPACT:
                compactions += n
            if caller and caller.startswith(ASKED):
                if callee in (ENTRIES[0], COLLECT):
                    asked += n
                if callee in (ENTRIES[1], COMPACT):
                    asked_compactions += n
        for f, ir in self_ir.items():
            if f and f.startswith(IN_GC):
                funcs[f] = funcs.get(f, 0) + ir
    printed = gcs_before[last] - gcs_before[first]
    seconds = (vtime(last) - vtime(first)) / 1000.0
    print('heap %d %-22s %5.2f s  Ir %13s  in the collector %13s (%4.1f %%)  = %5.2f %% of a 240 MHz ESP32'
          % (heap, name, seconds, format(total, ','), format(gc_ir, ','), 100.0 * gc_ir / max(total, 1),
             100.0 * gc_ir / seconds / ESP32_HZ))
    print('heap %d %-22s collections %d (HEAPSTATS %d), compactions %d; asked (GC.Run) %d collections + %d compactions, %s Ir '
          '(%.2f %% of the ESP32); by allocations %d collections + %d compactions, %s Ir; %s Ir a collection'
          % (heap, name, collections, printed, compactions, asked, asked_compactions, format(asked_ir, ','),
             100.0 * asked_ir / seconds / ESP32_HZ, collections - asked, compactions - asked_compactions,
             format(gc_ir - asked_ir, ','), format(gc_ir // max(collections, 1), ',')))
    top = sorted(funcs.items(), key=lambda kv: -kv[1])[:6]
    print('heap %d %-22s by function (self Ir): %s' % (heap, name, '; '.join('%s %s' % (f.replace('CLR_RT_', '').split(')')[0] + ')', format(ir, ',')) for f, ir in top)))


ringing = find('load profile=office step=ringing')
call3 = find('load profile=office step=call-3s')
stream = find('load profile=office step=messages-')
idle = find('load profile=office step=idle-10s')
quiet = find('load profile=office step=quiet-10s')
segment('office call alone', ringing, call3)
segment('office call + stream', call3, stream)
segment('office quiet-10s', idle, quiet)
