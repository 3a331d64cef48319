#!/usr/bin/env bash
# What nanoCLR's garbage collections cost the CPU in the boot scenario's office profile (docs/benchmarks.md, h-gccost).
#
# Runs the boot scenario (tests/Device.Boot with the board's libraries, the .pe files `BOOT_BOARD=1 tests/Device.Boot/run.sh`
# built into artifacts/device-boot) once per heap in the 32-bit nanoCLR with symbols (count.sh's interpreter: its .text
# byte-identical to the SDK's nanoclr32) under valgrind --tool=callgrind, one dump before each console line, and prints
# per office step (the call alone: ringing -> call-3s; the call with its MESSAGE stream: call-3s -> messages-...; the
# quiet rest: idle-10s -> quiet-10s):
#   - instructions in all and in the collector (the inclusive cost of nanoCLR's
#     CLR_RT_ExecutionEngine::PerformGarbageCollection and ::PerformHeapCompaction: mark, sweep, compaction, relocation),
#     and the collector's share of a 240 MHz ESP32 over the step's virtual time (1 Ir = 1 cycle, as "Interpreter cost
#     per request" converts: a lower bound);
#   - the collections: how many, and how many the firmware asked (GC.Run: HeapReserve.Measure, MemoryWatch and the
#     scenario's own one per step) against those an allocation that found no room made.
#
#   tools/InterpCost/gccost.sh                 # heaps 80896 and 200000
#   tools/InterpCost/gccost.sh 80896           # one heap (about 4 minutes on a busy core)
#
# Needs valgrind, python3, the SDK ($NF_SDK, else ../shared/nanoframework-sdk), the interpreter with symbols
# ($NANOCLR_SYM, else artifacts/interp-cost/nanoclr32.sym; tools/InterpCost/count.sh builds it).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SDK="${NF_SDK:-$ROOT/../shared/nanoframework-sdk}"
OUT="$ROOT/artifacts/gc-cost"
SYM="${NANOCLR_SYM:-$ROOT/artifacts/interp-cost/nanoclr32.sym}"
BOOT="$ROOT/artifacts/device-boot"
HEAPS=("$@")
[ ${#HEAPS[@]} -gt 0 ] || HEAPS=(80896 200000)

command -v valgrind >/dev/null || { echo "gccost.sh: valgrind is not installed" >&2; exit 2; }
[ -x "$SYM" ] || { echo "gccost.sh: no interpreter with symbols at $SYM (tools/InterpCost/count.sh builds it, or set NANOCLR_SYM)" >&2; exit 2; }
[ -f "$BOOT/DeskPhone.Board.pe" ] || { echo "gccost.sh: no board .pe files in $BOOT (run BOOT_BOARD=1 tests/Device.Boot/run.sh first)" >&2; exit 2; }
mkdir -p "$OUT"
if ! "$ROOT/tools/InterpCost/same-text.sh" "$SDK/nanoclr/nanoclr32" "$SYM" "$OUT"; then
  echo "gccost.sh: $SYM is not the SDK's nanoclr32 with symbols (.text differs)" >&2
  exit 1
fi

mapfile -t LOAD < <(python3 -c 'import sys; sys.path.insert(0, sys.argv[1]); import nfsdk as N; l, p = N.resolve_load_list(sys.argv[2:]); print("\n".join(l))' \
  "$SDK/bin" "$BOOT/DeskPhone.Boot.pe" "$BOOT/DeskPhone.Board.pe")

for heap in "${HEAPS[@]}"; do
  dir="$OUT/$heap"
  rm -rf "$dir"
  mkdir -p "$dir"
  # Instrumented only from office's begin (callgrind_control) to its quiet-10s step, then ended: the rest of the scenario
  # runs uninstrumented, several times faster. gccost.py places the dumps by their collections (each dump's against the
  # HEAPSTATS lines between two console lines).
  NANOCLR_HEAP_SIZE="$heap" NANOCLR_HEAP_STATS=1 valgrind --tool=callgrind --callgrind-out-file="$dir/cg.out" \
    --instr-atstart=no --dump-before='*WriteLineNative*' --dump-instr=no "$SYM" "${LOAD[@]}" > "$dir/boot.log" 2> "$dir/callgrind.log" &
  pid=$!
  until grep -q '^load profile=office begin' "$dir/boot.log" 2>/dev/null || ! kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  callgrind_control -i on "$pid" >/dev/null
  until grep -q '^load profile=office step=quiet-10s' "$dir/boot.log" 2>/dev/null || ! kill -0 "$pid" 2>/dev/null; do sleep 0.5; done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  grep -q '^load profile=office step=quiet-10s' "$dir/boot.log" || { echo "gccost.sh: office did not reach quiet-10s at $heap B ($dir/boot.log)" >&2; exit 1; }
  python3 "$ROOT/tools/InterpCost/gccost.py" "$dir" "$heap"
done
