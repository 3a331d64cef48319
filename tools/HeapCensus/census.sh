#!/usr/bin/env bash
# What the heap holds, by type, at the boot scenario's steps (docs/benchmarks.md, "Heap census"): runs the board
# scenario (tests/Device.Boot, BOOT_BOARD=1) in a nanoCLR built from the SDK's own sources and patches plus
# census.patch, which after the chosen collections walks the managed heap and prints every live block's kind, type
# and size ("CENSUS gc#N bytes count kind type [<- owner]"). The run is the same deterministic virtual-time run as
# run.sh's, so a step's collection has the same number in both.
#
#   tools/HeapCensus/census.sh idle:quiet-10s                     # the idle phone at rest, largest first
#   tools/HeapCensus/census.sh boot:start idle:quiet-10s          # the second minus the first, by type
#   CENSUS_OWNERS=1 tools/HeapCensus/census.sh office:quiet-10s   # arrays and strings named by the object (type#field
#                                                                 # slot) or array that holds them
#   CENSUS_TOP=N (default 60) rows; CENSUS_HEAP=BYTES (default 200,000, the scenario's fitting heap).
#
# The census interpreter also says which allocation could not be served (h-layoutfault), when run by hand with
# NANOCLR_HEAP_OOM=1 (=2 adds the free list: each free block's offset, size and the block after it):
#   "HEAPOOM gc#N need=BYTES blocks=N datatype=T flags=F free=BYTES largest=BYTES freeblocks=N clusters=N" for every
#   allocation still short after its collection (datatype 19 an array: newarr then compacts and retries; 36 a stack
#   frame, flags 0x5 the event heap: thrown as OutOfMemoryException), and for a frame "HEAPOOM frame of METHOD: BYTES".
#   frames.py lists the frames our methods take. Delete artifacts/heap-census/nanoclr32.census to rebuild it.
#
# A stack frame's row names its method ("stack frame <- TYPE::METHOD", "CALLER inlining CALLEE" while a call runs
# inlined in it; a frame is a block: header plus 12 B per local and stack slot, 204 B the least), and after the rows
# each thread's chain of frames is printed, outermost first: "FRAMES gc#N thread=ID ready|waiting frames=N bytes=B",
# then "FRAMES gc#N thread=ID #DEPTH BYTES METHOD" (in $OUT/census.log; h-frames2).
#
# A step is PROFILE:STEP as run.sh prints it ("heap PROFILE STEP"; the boot script's own steps are "boot:STEP").
# Needs cmake, ninja, g++-multilib (tools/InterpCost/build-nanoclr.sh, as count.sh); the interpreter is built once into
# artifacts/heap-census/nanoclr32.census. Only the census differs from the SDK's nanoclr32: it allocates nothing on
# the managed heap, so the figures are the scenario's.
set -eu
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SDK="${NF_SDK:-$ROOT/../shared/nanoframework-sdk}"
OUT="$ROOT/artifacts/heap-census"
# shellcheck source=tools/HeapCensus/clr.sh
. "$ROOT/tools/HeapCensus/clr.sh"
HEAP="${CENSUS_HEAP:-200000}"
TOP="${CENSUS_TOP:-60}"
[ $# -ge 1 ] && [ $# -le 2 ] || { sed -n '2,29p' "$0"; exit 2; }
[ -x "$SDK/bin/nf-run" ] || { echo "census.sh: no nanoFramework SDK at $SDK (set NF_SDK)" >&2; exit 2; }
mkdir -p "$OUT"

census_clr census.sh

# The scenario as run.sh builds it, and the collection before each step's line.
cd "$ROOT"
BOOT_BOARD=1 BOOT_HEAP="$HEAP" tests/Device.Boot/run.sh > "$OUT/boot.log" 2>&1 || true
VERBOSE="$ROOT/artifacts/device-boot/boot-$HEAP-verbose.log"
[ -f "$VERBOSE" ] || { echo "census.sh: the scenario did not run (see $OUT/boot.log)" >&2; exit 1; }
gc_of() {
  local who="${1%%:*}" step="${1#*:}"
  awk -v who="$who" -v step="$step" '
    /^HEAPSTATS gc#/ { g = substr($2, 4) }
    /^boot step=|^load profile=[^ ]* step=/ {
      w = "boot"; s = ""
      for (i = 1; i <= NF; i++) {
        if ($i ~ /^profile=/) w = substr($i, 9)
        if ($i ~ /^step=/) s = substr($i, 6)
      }
      if (w == who && s == step) { print g; exit }
    }' "$VERBOSE"
}
GCS=()
for s in "$@"; do
  g="$(gc_of "$s")"
  [ -n "$g" ] || { echo "census.sh: no step $s in the scenario's log ($VERBOSE)" >&2; exit 1; }
  GCS+=("$g")
done
LOAD="$(boot_load)"
# The scenario's own exit status is run.sh's business; the census interpreter stops after the last collection asked for.
# shellcheck disable=SC2086
[ -n "${CENSUS_OWNERS:-}" ] && export NANOCLR_HEAP_CENSUS_OWNERS=1
LAST="$(printf '%s\n' "${GCS[@]}" | sort -n | tail -1)"
NANOCLR_HEAP_SIZE="$HEAP" NANOCLR_HEAP_STATS=1 NANOCLR_HEAP_CENSUS="$(IFS=,; echo "${GCS[*]}")" NANOCLR_HEAP_CENSUS_LAST="$LAST" \
  timeout 600 "$CLR" $LOAD > "$OUT/census.log" 2>&1 || true

# A collection's number is printed again by the compacting collection that may follow it (GC.Run(true), the heap
# reserve's measurement), with a census of its own: the step's figure is the last one, so only the last block counts
# (h-callobj: merged, office's call showed the 200 OK and the script's copy, which the ACK had let go).
table() {
  awk -v g="gc#$1" '$1 == "HEAPSTATS" && $2 == g { n = 0; next }
                    $1 == "CENSUS" && $2 == g { rows[n++] = $0 }
                    END { for (i = 0; i < n; i++) { sub(/^CENSUS [^ ]* /, "", rows[i]); print rows[i] } }' "$OUT/census.log"
}
if [ $# -eq 1 ]; then
  table "${GCS[0]}" | sort -k1,1nr | awk -v top="$TOP" -v step="$1" '
    { total += $1; if (NR <= top) rows[NR] = $0 }
    END { printf "%s: %d B live\n  bytes count kind type\n", step, total; for (i = 1; i in rows; i++) print "  " rows[i] }'
else
  python3 - "$1" "$2" "$TOP" <(table "${GCS[0]}") <(table "${GCS[1]}") <<'EOF'
import sys
def load(path):
    d = {}
    for line in open(path):
        b, c, k = line.rstrip('\n').split(' ', 2)
        d[k] = (int(b), int(c))
    return d
a, b = load(sys.argv[4]), load(sys.argv[5])
rows = []
for k in set(a) | set(b):
    db = b.get(k, (0, 0))[0] - a.get(k, (0, 0))[0]
    dc = b.get(k, (0, 0))[1] - a.get(k, (0, 0))[1]
    if db or dc:
        rows.append((db, dc, k))
rows.sort(key=lambda r: -abs(r[0]))
print('%s - %s: %+d B live (%d -> %d)' % (sys.argv[2], sys.argv[1], sum(r[0] for r in rows),
      sum(v[0] for v in a.values()), sum(v[0] for v in b.values())))
print('  bytes count kind type')
for r in rows[:int(sys.argv[3])]:
    print('  %+d %+d %s' % r)
EOF
fi
