#!/usr/bin/env python3
"""Makes an update set from built .pe files (docs/updates.md): copies them into OUT and writes OUT/update.txt, the
manifest with each file's chained HMAC-SHA256 and the manifest's own MAC, with the key the phones have in update_key.

  make-update.py --key HEX64 --version 1.4.2 [--chunk 4096] --out DIR FILE.pe [FILE.pe ...]

Serve DIR over http:// and set firmware_status to http://server/DIR/update.txt. Standard library only.
"""
import argparse
import hashlib
import hmac
import os
import re
import shutil
import struct
import sys

MAX_FILES = 16
MAX_FILE_BYTES = 262144
MAX_SET_BYTES = 524288
NAME = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9._-]{0,47}$")


def mac(key, data):
    return hmac.new(key, data, hashlib.sha256).digest()


def file_mac(key, name, data, chunk):
    """seed = HMAC(key, "DPU1" || name || size); mac[i] = HMAC(key, i || length || mac[i-1] || chunk[i])."""
    m = mac(key, b"DPU1" + name.encode("ascii") + struct.pack("<I", len(data)))
    for i, at in enumerate(range(0, len(data), chunk)):
        piece = data[at:at + chunk]
        m = mac(key, struct.pack("<II", i, len(piece)) + m + piece)
    return m


def main(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--key", required=True, help="64 hex digits, the phones' update_key")
    p.add_argument("--version", required=True)
    p.add_argument("--chunk", type=int, default=4096, choices=(1024, 2048, 4096))
    p.add_argument("--out", required=True)
    p.add_argument("files", nargs="+")
    a = p.parse_args(argv)
    if not re.fullmatch(r"[0-9A-Fa-f]{64}", a.key):
        p.error("--key must be 64 hex digits")
    if not re.fullmatch(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,23}", a.version):
        p.error("--version must be 1 to 24 of A-Z a-z 0-9 . _ -")
    if len(a.files) > MAX_FILES:
        p.error("at most %d files" % MAX_FILES)
    key = bytes.fromhex(a.key)
    os.makedirs(a.out, exist_ok=True)
    lines = ["deskphone-update 1", "version " + a.version, "chunk %d" % a.chunk]
    total = 0
    for path in a.files:
        name = os.path.basename(path)
        if not NAME.match(name) or not name.endswith(".pe"):
            p.error("%s: not a .pe file name the phone takes" % name)
        with open(path, "rb") as f:
            data = f.read()
        if not 1 <= len(data) <= MAX_FILE_BYTES:
            p.error("%s: %d bytes (1 to %d)" % (name, len(data), MAX_FILE_BYTES))
        total += len(data)
        if os.path.abspath(path) != os.path.abspath(os.path.join(a.out, name)):
            shutil.copyfile(path, os.path.join(a.out, name))
        lines.append("file %s %d %s" % (name, len(data), file_mac(key, name, data, a.chunk).hex()))
    if total > MAX_SET_BYTES:
        p.error("the set is %d bytes (at most %d)" % (total, MAX_SET_BYTES))
    signed = ("\n".join(lines) + "\n").encode("ascii")
    manifest = signed + b"mac " + mac(key, signed).hex().encode("ascii") + b"\n"
    if len(manifest) > 2048:
        p.error("the manifest would be %d bytes (at most 2048)" % len(manifest))
    with open(os.path.join(a.out, "update.txt"), "wb") as f:
        f.write(manifest)
    print("update.txt: version %s, %d files, %d bytes" % (a.version, len(a.files), total))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
