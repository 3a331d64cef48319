#!/usr/bin/env python3
"""The heap block each call of a method takes in nanoCLR (its stack frame), read from the .pe files alone, largest
first (docs/benchmarks.md, h-layoutfault).

nanoCLR allocates a frame per call (CLR_RT_StackFrame::Push, nf-interpreter src/CLR/Core/CLR_RT_StackFrame.cpp) from
the event heap: a block that the compaction does not move and whose allocation is not compacted and retried when the
heap is cut up (an array's is), so a large frame can fail with kilobytes free. Its size: the 76-byte header rounded
to 12-byte heap blocks (84 B), then a block per local and per evaluation-stack slot (the method's lengthEvalStack plus
3: the newobj overhead and the IL-inlining slot), at least 10 blocks: 204 B the least. The arguments live on the
caller's stack.

lengthEvalStack is what nanoFramework's MetadataProcessor computed (3.0.100, CodeWriter.CalculateStackSize): it walks
the IL in a line and a `ret` does not end a path, so a method made of `case N: return X;` counts a slot per case (the
compiler's own max stack is 1). Such a method is listed with a large stack and few locals; one exit (a store and a
break per case, then one return) gives it the least frame.

  frames.py [--top N] [--min BYTES] FILE.pe|DIR ...     (default: the DeskPhone assemblies' 40 largest frames)
  frames.py --check [--except TYPE::METHOD ...] FILE.pe|DIR ...

--check compares each method's stack in the .pe with the compiler's max stack in the .dll or .exe beside it
(ilstack.py) and lists every method of ours whose frame the MetadataProcessor made larger than the compiler's figure
gives (by two slots or more), with the one-exit advice; it exits 1 when one is listed that --except does not name (tools/PeTables/test.sh, so
CI, runs it after the boot scenario).
"""
import argparse
import glob
import os
import signal
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'PeTables'))
import petables  # noqa: E402  (the .pe reader: tables, strings, types)
import ilstack  # noqa: E402  (the compiler's max stack, from the .dll or .exe)

HEADER_BLOCKS = 7          # offsetof(CLR_RT_StackFrame, m_extension) = 76 B on the 32-bit nanoCLR, in 12-byte blocks
STACK_OVERHEAD = 3         # c_OverheadForNewObjOrInteropMethod (2) + 1 with IL inlining (the board's build and the SDK's)
MINIMUM_BLOCKS = 10        # c_MinimumStack
BLOCK = 12
METHODDEF = 6              # table index; a record is 16 bytes: name, RVA, flags, retVal, numArgs, numLocals, lengthEvalStack, 2 sigs


def frame_bytes(locals_, stack):
    return (HEADER_BLOCKS + max(MINIMUM_BLOCKS, locals_ + stack + STACK_OVERHEAD)) * BLOCK


def methods(a):
    b = a._b
    owner = {}
    # TypeDef records: methods_First at offset 10, then virtual, instance and static counts (petables reads them too)
    for i in range(a.counts['TypeDef']):
        o = a.start[4] + 24 * i
        first = struct.unpack_from('<H', b, o + 10)[0]
        v_n, i_n, s_n = struct.unpack_from('<BBB', b, o + 12)
        for m in range(first, first + v_n + i_n + s_n):
            owner[m] = a.types[i]['full']
    for m in range(a.counts['MethodDef']):
        o = a.start[METHODDEF] + 16 * m
        name, rva, _flags, _ret, _args, locals_, stack = struct.unpack_from('<HHIBBBB', b, o)
        if rva == 0xFFFF:   # abstract, native or runtime-implemented: no IL, no frame of its own
            continue
        yield owner.get(m, '?') + '::' + a.string(name), locals_, stack


def check(files, wk, every, known):
    over, failed, checked = [], 0, 0
    for f in files:
        a = petables.Assembly(f, wk)
        if not every and not a.name.startswith('DeskPhone.'):
            continue
        # Beside the .pe, or in a folder below (the boot scenario's board/ holds the board application's).
        stem = os.path.splitext(os.path.basename(f))[0]
        il = [p for d in ['.', '*'] for ext in ('.dll', '.exe')
              for p in sorted(glob.glob(os.path.join(os.path.dirname(f), d, stem + ext)))]
        if not il:
            print(f'frames-check: {f} not checked, no .dll or .exe beside it')
            continue
        compiler = ilstack.Assembly(il[0]).max_stack
        for name, locals_, stack in methods(a):
            type_name, method = name.split('::')
            least = compiler.get((type_name.split('.')[-1].split('+')[-1], method))
            checked += 1
            # Two slots or more: the MetadataProcessor's walk is off by one here and there (a conditional's branch);
            # a switch of returns is off by a slot per case.
            if least is not None and stack - least >= 2 and frame_bytes(locals_, stack) > frame_bytes(locals_, least):
                over.append((frame_bytes(locals_, stack) - frame_bytes(locals_, least), name, stack, least, locals_))
    for extra, name, stack, least, locals_ in sorted(over, reverse=True):
        tolerated = name in known
        failed += not tolerated
        print(f'{"known" if tolerated else "OVER-COUNTED"}: {name}: stack {stack} in the .pe, {least} by the compiler '
              f'({locals_} locals): its frame is {extra} B larger on every call; give it one exit (a store and a break '
              f'per case, one return after the switch) (docs/benchmarks.md, h-frames)')
    print(f'frames-check: {checked} methods, {len(over)} over-counted, {failed} not known')
    return 1 if failed or not checked else 0


def main():
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('paths', nargs='+', help='.pe files or folders holding them')
    p.add_argument('--top', type=int, default=40, help='rows (default 40)')
    p.add_argument('--min', type=int, default=0, help='only frames of at least this many bytes')
    p.add_argument('--all', action='store_true', help='every assembly, not only DeskPhone.*')
    p.add_argument('--check', action='store_true', help='list frames over-counted by the MetadataProcessor; exit 1 if any')
    p.add_argument('--except', dest='known', nargs='*', default=[], metavar='TYPE::METHOD',
                   help='with --check: over-counted methods known and tolerated (listed, not failed)')
    args = p.parse_args()
    files = []
    for path in args.paths:
        files += sorted(os.path.join(path, f) for f in os.listdir(path) if f.endswith('.pe')) if os.path.isdir(path) else [path]
    wk = petables.wellknown_strings()
    if args.check:
        return check(files, wk, args.all, set(args.known))
    rows = []
    for f in files:
        a = petables.Assembly(f, wk)
        if not args.all and not a.name.startswith('DeskPhone.'):
            continue
        for name, locals_, stack in methods(a):
            size = frame_bytes(locals_, stack)
            if size >= args.min:
                rows.append((size, locals_, stack, name))
    rows.sort(key=lambda r: (-r[0], r[3]))
    print('frame B  locals  stack  method')
    for size, locals_, stack, name in rows[:args.top]:
        print(f'{size:7d}  {locals_:6d}  {stack:5d}  {name}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
