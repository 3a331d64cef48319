#!/usr/bin/env bash
# Where a load profile's turns are low (issue #17: "office keeps 12 KB free after every collection"): takes the
# collections of PROFILE that left less than LINE bytes free in the last board-heap run of tests/Device.Boot/run.sh
# (the verbose log collections.sh reads), runs the same deterministic scenario again in the census interpreter
# (census.sh's, built once) with a census after each of them, and prints each collection's free bytes with the chain
# of frames under PhoneApp.Poll, then the collections grouped by their DEPTH frames under it, the lowest group first.
# A collection's free figure is the heap less what is live at that moment: the phone at rest, the turn's live objects
# and the frames of the call chain (nanoCLR's frames are heap blocks), so a group names a point of a turn to lift.
#
#   tools/HeapCensus/turns.sh                      # office, every collection (LINE 99999), groups by 5 frames
#   tools/HeapCensus/turns.sh office 12800 4       # office's collections under 12,800 B, groups by 4 frames
#
# Run BOOT_BOARD=1 BOOT_HEAP=80896 tests/Device.Boot/run.sh first. The census log: artifacts/heap-census/turns.log.
# The first group is often the boot's allocation probe after the last step (BootProgram::CheckAllocations), which
# fills the heap on purpose: not a point of the phone's turns.
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SDK="${NF_SDK:-$ROOT/../shared/nanoframework-sdk}"
PROFILE="${1:-office}"
LINE="${2:-99999}"
DEPTH="${3:-5}"
HEAP=80896
cd "$ROOT"
LOG="artifacts/device-boot/boot-$HEAP-verbose.log"
OUT="artifacts/heap-census"
# shellcheck source=tools/HeapCensus/clr.sh
. "$ROOT/tools/HeapCensus/clr.sh"
[ -f "$LOG" ] || { echo "turns.sh: no $LOG (run BOOT_BOARD=1 BOOT_HEAP=$HEAP tests/Device.Boot/run.sh first)" >&2; exit 1; }
[ -x "$SDK/bin/nf-run" ] || { echo "turns.sh: no nanoFramework SDK at $SDK (set NF_SDK)" >&2; exit 2; }
mkdir -p "$OUT"
census_clr turns.sh
GCS="$(awk -v p="$PROFILE" -v line="$LINE" '
    $0 == "load profile=" p " begin" { on = 1; next }
    on && /^load profile=/ && index($0, "load profile=" p " ") != 1 { on = 0 }
    on && $1 == "HEAPSTATS" { split($4, f, "="); if (f[2] + 0 < line) print substr($2, 4) }' "$LOG" | sort -un | paste -sd,)"
[ -n "$GCS" ] || { echo "turns.sh: no collection of $PROFILE under $LINE B"; exit 0; }
LAST="$(tr , '\n' <<< "$GCS" | sort -n | tail -1)"
LOAD="$(boot_load)"
# shellcheck disable=SC2086
NANOCLR_HEAP_SIZE="$HEAP" NANOCLR_HEAP_STATS=1 NANOCLR_HEAP_CENSUS="$GCS" NANOCLR_HEAP_CENSUS_LAST="$LAST" \
  timeout 900 "$CLR" $LOAD > "$OUT/turns.log" 2>&1 || true
python3 - "$ROOT/tools/HeapCensus" "$OUT/turns.log" "$GCS" "$DEPTH" <<'PY'
import collections, sys
sys.path.insert(0, sys.argv[1])
import groups as G
seen, gcs, depth = G.read(sys.argv[2]), sys.argv[3].split(','), int(sys.argv[4])
groups = collections.defaultdict(list)
for g in gcs:
    if g not in seen:
        continue
    free, chain = seen[g]
    print('gc#%s free=%d: %s' % (g, free, ' > '.join(chain)))
    groups[G.key(chain, depth)].append(free)
print('groups (lowest free, collections, the first %d frames under PhoneApp.Poll):' % depth)
for key, v in sorted(groups.items(), key=lambda kv: min(kv[1])):
    print('%7d %4d  %s' % (min(v), len(v), key))
PY
