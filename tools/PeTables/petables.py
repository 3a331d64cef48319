#!/usr/bin/env python3
"""What nanoCLR allocates on the managed heap for each loaded assembly's runtime tables (docs/benchmarks.md, "The
runtime tables of our assemblies"), read from the .pe files alone.

nanoCLR sizes one block per assembly in CLR_RT_Assembly::CreateInstance (nf-interpreter src/CLR/Core/TypeSystem.cpp):
the CLR_RT_Assembly header, then per table a cross reference for each record, each table rounded up to 4 bytes, and
a 12-byte heap block per static field (TypeDef.sFields_Num; a const field is no static field). On builds with
NANOCLR_ENABLE_SOURCELEVELDEBUGGING (the stock ESP32 images, M5Core included: NF_BUILD_RTM OFF, NF_FEATURE_DEBUGGER ON)
one more byte per MethodDef (CLR_RT_MethodDef_DebuggingInfo) rounded up to 4, and a 4-byte pointer in the header;
the POSIX interpreter of the SDK is built without it, so its "RAM" is the figure without them.

  petables.py [--top N] [--detail NAME ...] FILE.pe|DIR ...

prints per assembly the count and RAM bytes of each table, the sum (= nf-run --verbose "Assembly: X (N RAM ...)"),
what the ESP32 adds and the heap bytes (the block rounded to 12); then for the assemblies named by --detail (default:
those whose name starts with DeskPhone.) the largest contributors: static fields by type, types by folder (namespace)
and references by target assembly.
  --check LOG  compares each assembly's sum with the "N RAM" nf-run printed in LOG (exit 1 on a difference).
"""
import argparse
import os
import re
import signal
import struct
import sys

# Record sizes in the .pe (nanoCLR_Types.h: CLR_RECORD_*) and the runtime cross reference per record
# (nanoCLR_Runtime.h: CLR_RT_*_CrossReference on a 32-bit target).
TABLES = [
    # (name, table index, record bytes in the .pe, cross reference bytes per record)
    ('AssemblyRef', 0, 12, 4),
    ('TypeRef', 1, 8, 4),
    ('FieldRef', 2, 8, 4),
    ('MethodRef', 3, 8, 4),
    ('TypeDef', 4, 24, 8),
    ('FieldDef', 5, 8, 2),
    ('MethodDef', 6, 16, 2),
]
TBL_STRINGS = 11
STATIC_FIELD = 12          # sizeof(CLR_RT_HeapBlock)
HEADER = 136               # sizeof(CLR_RT_Assembly) in the 32-bit POSIX nanoCLR (RAM minus the tables, every assembly)
ESP32_DEBUG_HEADER = 4     # m_pDebuggingInfo_MethodDef
HEAP_BLOCK = 12

SDK_DEFAULT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'shared',
                           'nanoframework-sdk')


def round4(n):
    return (n + 3) // 4 * 4


def wellknown_strings():
    sdk = os.environ.get('NF_SDK', SDK_DEFAULT)
    path = os.path.join(sdk, 'bin', 'wellknown-strings.txt')
    if not os.path.exists(path):
        return []
    with open(path, encoding='utf-8') as f:
        return [line.rstrip('\n') for line in f]


class Assembly:
    def __init__(self, path, wellknown):
        b = open(path, 'rb').read()
        if not b.startswith(b'NFMRK'):
            raise ValueError(f'{path}: not a nanoFramework .pe (no NFMRK marker)')
        self.path = path
        self._b = b
        self._wk = wellknown
        self.start = struct.unpack_from('<16I', b, 40)      # startOfTables
        self.padding = struct.unpack_from('<16B', b, 108)   # paddingOfTables
        self.name = self.string(struct.unpack_from('<H', b, 36)[0])
        self.counts = {}
        for name, idx, rec, _ in TABLES:
            self.counts[name] = self.size_of(idx) // rec
        self.asm_refs = [self.string(struct.unpack_from('<H', b, self.start[0] + 12 * i)[0])
                         for i in range(self.counts['AssemblyRef'])]
        self.type_refs = [struct.unpack_from('<HHH', b, self.start[1] + 8 * i) for i in range(self.counts['TypeRef'])]
        # FieldRef and MethodRef: name, container (a TypeRef), signature, padding
        self.field_refs = [struct.unpack_from('<H', b, self.start[2] + 8 * i + 2)[0]
                           for i in range(self.counts['FieldRef'])]
        self.method_refs = [struct.unpack_from('<H', b, self.start[3] + 8 * i + 2)[0]
                            for i in range(self.counts['MethodRef'])]
        self.types = []
        for i in range(self.counts['TypeDef']):
            o = self.start[4] + 24 * i
            name, ns, _ext, enclosing, _ifc, m_first, v_n, i_n, s_n, _dt, sf_first, if_first, sf_n, if_n, _fl = \
                struct.unpack_from('<HHHHHHBBBBHHBBH', b, o)
            self.types.append({
                'name': self.string(name), 'ns': self.string(ns), 'enclosing': enclosing,
                'methods': v_n + i_n + s_n, 'statics': sf_n, 'fields': if_n, 'sf_first': sf_first})
        for t in self.types:   # nested types carry no namespace: name them after their enclosing type
            t['full'] = self.type_name(t)

    def size_of(self, idx):
        return self.start[idx + 1] - self.start[idx] - self.padding[idx]

    def string(self, i):
        if i >= 0xFFFF - len(self._wk):
            return self._wk[0xFFFF - i]
        o = self.start[TBL_STRINGS] + i
        return self._b[o:self._b.index(b'\0', o)].decode('utf-8')

    def type_name(self, t):
        if t['enclosing'] != 0xFFFF and t['enclosing'] < len(self.types):
            return self.type_name(self.types[t['enclosing']]) + '+' + t['name']
        return (t['ns'] + '.' if t['ns'] else '') + t['name']

    def folder(self, t):
        while t['enclosing'] != 0xFFFF and t['enclosing'] < len(self.types):
            t = self.types[t['enclosing']]
        ns = t['ns']
        if ns.startswith(self.name + '.'):
            return ns[len(self.name) + 1:]
        return '(root)' if ns in ('', self.name) else ns

    def field_name(self, i):
        return self.string(struct.unpack_from('<H', self._b, self.start[5] + 8 * i)[0])

    def static_fields(self):
        return sum(t['statics'] for t in self.types)

    def table_bytes(self):
        rows = [(name, self.counts[name], round4(self.counts[name] * cr)) for name, _, _, cr in TABLES]
        n = self.static_fields()
        rows.append(('StaticFields', n, n * STATIC_FIELD))
        return rows

    def ram(self):
        return HEADER + sum(r[2] for r in self.table_bytes())

    def esp32_debug(self):
        return ESP32_DEBUG_HEADER + round4(self.counts['MethodDef'])

    def ref_target(self, type_ref_idx, depth=0):
        """The assembly a TypeRef resolves in (a nested TypeRef's scope is its enclosing TypeRef, flag 0x8000)."""
        _name, _ns, scope = self.type_refs[type_ref_idx]
        if scope & 0x8000 and depth < 16:
            return self.ref_target(scope & 0x7FFF, depth + 1)
        return self.asm_refs[scope] if scope < len(self.asm_refs) else '?'


def heap_bytes(n):
    return (n + HEAP_BLOCK - 1) // HEAP_BLOCK * HEAP_BLOCK


def print_summary(asms):
    names = [t[0] for t in TABLES] + ['StaticFields']
    print(f'{"assembly":<44}' + ''.join(f'{n:>17}' for n in names) + f'{"header":>8}{"RAM":>8}{"+ESP32":>8}{"heap":>8}')
    total = {'RAM': 0, 'esp': 0, 'heap': 0}
    for a in asms:
        cells = ''.join(f'{f"{c} {b:>5}":>17}' for _, c, b in a.table_bytes())
        ram = a.ram()
        total['RAM'] += ram
        total['esp'] += a.esp32_debug()
        total['heap'] += heap_bytes(ram)
        print(f'{a.name:<44}{cells}{HEADER:>8}{ram:>8}{a.esp32_debug():>8}{heap_bytes(ram):>8}')
    print(f'{"total (" + str(len(asms)) + " assemblies)":<44}' + ' ' * (17 * len(names)) +
          f'{"":>8}{total["RAM"]:>8}{total["esp"]:>8}{total["heap"]:>8}')
    print('(count and bytes per table; RAM = header + tables = nf-run --verbose "N RAM"; +ESP32 = what the stock ESP32 '
          'image adds with source-level debugging; heap = RAM in 12-byte heap blocks)')


def print_detail(a, top):
    print(f'\n== {a.name}: {a.ram()} B RAM ({a.counts["TypeDef"]} types, {a.counts["FieldDef"]} fields, '
          f'{a.counts["MethodDef"]} methods, {a.static_fields()} static fields)')
    statics = sorted((t for t in a.types if t['statics']), key=lambda t: -t['statics'])
    if statics:
        print(f'  static fields by type ({a.static_fields() * STATIC_FIELD} B):')
        for t in statics[:top]:
            if t['name'] == '<PrivateImplementationDetails>':   # fields named by a hash: one per array initializer
                fields = f'{t["statics"]} array initializers (new T[] {{...}} of constants)'
            else:
                fields = ', '.join(a.field_name(t['sf_first'] + k) for k in range(t['statics']))
            print(f'    {t["statics"] * STATIC_FIELD:>6} B {t["statics"]:>3}  {t["full"]}: {fields}')
        if len(statics) > top:
            rest = sum(t['statics'] for t in statics[top:])
            print(f'    {rest * STATIC_FIELD:>6} B {rest:>3}  ({len(statics) - top} more types)')
    folders = {}
    for t in a.types:
        f = folders.setdefault(a.folder(t), [0, 0, 0, 0, 0])
        f[0] += 1
        f[1] += t['fields']
        f[2] += t['statics']
        f[3] += t['methods']
        # TypeDef 8 B, FieldDef 2 B per field (instance and static), MethodDef 2 B, static 12 B
        f[4] += 8 + 2 * (t['fields'] + t['statics']) + 2 * t['methods'] + STATIC_FIELD * t['statics']
    print('  types by folder (TypeDef 8 B + FieldDef 2 B + MethodDef 2 B + static field 12 B each):')
    for name, f in sorted(folders.items(), key=lambda kv: -kv[1][4])[:top]:
        print(f'    {f[4]:>6} B  {name:<28} {f[0]:>3} types {f[1]:>4} fields {f[2]:>3} static {f[3]:>4} methods')
    targets = {}
    for i in range(len(a.type_refs)):
        targets.setdefault(a.ref_target(i), [0, 0, 0])[0] += 1
    for container in a.field_refs:
        targets.setdefault(a.ref_target(container) if container < len(a.type_refs) else '?', [0, 0, 0])[1] += 1
    for container in a.method_refs:
        targets.setdefault(a.ref_target(container) if container < len(a.type_refs) else '?', [0, 0, 0])[2] += 1
    print(f'  references by target assembly (4 B each; AssemblyRef {a.counts["AssemblyRef"]} x 4 B):')
    for name, r in sorted(targets.items(), key=lambda kv: -sum(kv[1]))[:top]:
        print(f'    {4 * sum(r):>6} B  {name:<44} {r[0]:>4} TypeRef {r[1]:>4} FieldRef {r[2]:>4} MethodRef')


def nf_run_ram(log):
    """{assembly name: N} from nf-run --verbose's "Assembly: X (v) (N RAM - ...)" lines."""
    found = {}
    with open(log, encoding='utf-8', errors='replace') as f:
        for line in f:
            m = re.search(r'Assembly: (\S+) \([0-9.]+\)\s+\((\d+) RAM', line)
            if m:
                found[m.group(1)] = int(m.group(2))
    return found


def main():
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)   # quiet when piped into head
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('paths', nargs='+', help='.pe files or folders holding them')
    p.add_argument('--top', type=int, default=8, help='rows per list in the details (default 8)')
    p.add_argument('--detail', action='append', help='assembly to detail (default: DeskPhone.*); "all" for all')
    p.add_argument('--check', metavar='LOG', help='nf-run --verbose log to compare the sums with')
    args = p.parse_args()
    files = []
    for path in args.paths:
        if os.path.isdir(path):
            files += sorted(os.path.join(path, f) for f in os.listdir(path) if f.endswith('.pe'))
        else:
            files.append(path)
    missing = [f for f in files if not os.path.isfile(f)]
    if missing or not files:
        print(f'petables: no .pe file: {" ".join(missing) or " ".join(args.paths)}', file=sys.stderr)
        return 2
    wk = wellknown_strings()
    asms = [Assembly(f, wk) for f in files]
    if args.check:
        clr = nf_run_ram(args.check)
        failed = 0
        for a in asms:
            if a.name not in clr:
                print(f'petables: {a.name}: not in {args.check}, not compared')
                continue
            ok = clr[a.name] == a.ram()
            failed += not ok
            print(f'petables: {a.name}: {a.ram()} B {"=" if ok else "!="} nf-run {clr[a.name]} B'
                  + ('' if ok else f' (difference {clr[a.name] - a.ram()} B)'))
        return 1 if failed else 0
    print_summary(asms)
    wanted = args.detail or []
    for a in asms:
        if 'all' in wanted or a.name in wanted or (not wanted and a.name.startswith('DeskPhone.')):
            print_detail(a, args.top)
    return 0


if __name__ == '__main__':
    sys.exit(main())
