#!/usr/bin/env bash
# Builds a copy of the SDK's 32-bit nanoCLR from its own sources and patches (the SDK's
# nanoclr/src/nf-interpreter-*.tar.gz + nanoclr/patches, as nanoclr/build-nanoclr.sh builds it, without `strip`),
# plus any extra patches given, into OUT. Used by tools/InterpCost/count.sh (no extra patch: the unstripped twin of
# the SDK's nanoclr32) and tools/HeapCensus/census.sh (census.patch). Needs cmake, ninja, g++-multilib.
#
#   tools/InterpCost/build-nanoclr.sh SDK OUT [EXTRA.patch ...]
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,7p' "$0"; exit 2; }
SDK="$(realpath "$1")"
OUT="$(realpath "$2")"
shift 2
extra=()
for p in "$@"; do extra+=("$(realpath "$p")"); done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tar -xzf "$SDK"/nanoclr/src/nf-interpreter-*.tar.gz -C "$work"
(
  cd "$work/nf-interpreter"
  find src targets -type f \( -name '*.h' -o -name '*.hpp' -o -name '*.c' -o -name '*.cpp' -o -name '*.txt' -o -name '*.cmake' \) -exec sed -i 's/\r$//' {} +
  for p in "$SDK"/nanoclr/patches/*.patch "${extra[@]}"; do patch -p1 --forward -s < "$p"; done
  cmake -S targets/posix -B build/posix32 -G Ninja -DCMAKE_BUILD_TYPE=Release -DNANO_POSIX_STATIC=ON \
    -DCMAKE_C_FLAGS=-m32 -DCMAKE_CXX_FLAGS=-m32 -DCMAKE_EXE_LINKER_FLAGS="-m32 -static" >/dev/null
  cmake --build build/posix32 -j"$(nproc)" >/dev/null
)
cp "$work/nf-interpreter/build/posix32/bin/nanoFramework.nanoCLR.test" "$OUT"
