#!/usr/bin/env python3
"""The compiler's max stack of each method of a .NET assembly (the .dll or .exe a .pe was made from), read from its
method bodies' headers (ECMA-335 II.24 metadata, II.25.4 method headers), for frames.py --check: the MetadataProcessor's
figure in the .pe against the compiler's. A tiny header implies 8."""
import struct


class Assembly:
    """max_stack: (a type's own name, a method's name) -> the compiler's max stack (the largest among overloads)."""

    def __init__(self, path):
        b = open(path, 'rb').read()
        pe = struct.unpack_from('<I', b, 0x3C)[0]
        sections, opt_size = struct.unpack_from('<H', b, pe + 6)[0], struct.unpack_from('<H', b, pe + 20)[0]
        opt = pe + 24
        dirs = opt + (96 if struct.unpack_from('<H', b, opt)[0] == 0x10B else 112)
        self._sec = [struct.unpack_from('<IIII', b, opt + opt_size + 40 * i + 8) for i in range(sections)]
        self._b = b
        cli = self._at(struct.unpack_from('<I', b, dirs + 14 * 8)[0])
        root = self._at(struct.unpack_from('<I', b, cli + 8)[0])
        o = root + 16 + struct.unpack_from('<I', b, root + 12)[0]
        streams = {}
        for _ in range(struct.unpack_from('<H', b, o + 2)[0]):
            off, _size = struct.unpack_from('<II', b, o + 4)
            end = b.index(b'\0', o + 12)
            streams[b[o + 12:end].decode()] = root + off
            o = ((end + 4) & ~3) - 4   # the name is padded to 4 bytes; the next header is at o + 4
        t = streams['#~']
        heaps = b[t + 6]
        valid = struct.unpack_from('<Q', b, t + 8)[0]
        rows, o = [0] * 64, t + 24
        for i in range(64):
            if valid >> i & 1:
                rows[i] = struct.unpack_from('<I', b, o)[0]
                o += 4
        s, g, bl = (4 if heaps & 1 else 2), (4 if heaps & 2 else 2), (4 if heaps & 4 else 2)
        idx = lambda n: 2 if rows[n] < 0x10000 else 4
        coded = lambda tables, bits: 2 if max(rows[n] for n in tables) < (1 << (16 - bits)) else 4
        size = [2 + s + 3 * g, coded((0, 26, 35, 1), 2) + 2 * s, 4 + 2 * s + coded((2, 1, 27), 2) + idx(4) + idx(6),
                idx(4), 2 + s + bl, idx(6), 4 + 2 + 2 + s + bl + idx(8)]
        tables = {}
        for n in range(7):
            tables[n] = o
            o += size[n] * rows[n]
        strings = streams['#Strings']
        text = lambda i: b[strings + i:b.index(b'\0', strings + i)].decode()
        str_at = lambda p: struct.unpack_from('<I' if s == 4 else '<H', b, p)[0]
        idx_at = lambda p, n: struct.unpack_from('<I' if idx(n) == 4 else '<H', b, p)[0]
        first = []
        for i in range(rows[2]):
            p = tables[2] + size[2] * i
            first.append((idx_at(p + size[2] - idx(6), 6), text(str_at(p + 4))))
        self.max_stack = {}   # (type's own name, method name) -> the largest max stack among them (overloads)
        for ti, (start, name) in enumerate(first):
            stop = first[ti + 1][0] if ti + 1 < len(first) else rows[6] + 1
            for m in range(start, stop):
                p = tables[6] + size[6] * (m - 1)
                rva = struct.unpack_from('<I', b, p)[0]
                if rva == 0:
                    continue
                h = self._at(rva)
                stack = 8 if b[h] & 3 == 2 else struct.unpack_from('<H', b, h + 2)[0]   # a tiny header's is 8
                key = (name, text(str_at(p + 8)))
                self.max_stack[key] = max(stack, self.max_stack.get(key, 0))

    def _at(self, rva):
        for size, va, _raw_size, raw in self._sec:
            if va <= rva < va + size:
                return rva - va + raw
        raise ValueError('RVA %x in no section' % rva)
