#!/usr/bin/env bash
# Which points of a load profile's turns fall low at heaps near the board's (issue #17): the byte at which a collection
# comes moves with the heap, so one run at 80,896 B meets some points of a turn and misses others. Runs the census
# interpreter (turns.sh's, built once) with a frame chain after every collection at each heap FROM..TO by STEP, shifts
# each collection's free figure by the heap's difference to 80,896 B (what it would leave on the board's heap), and
# prints per group of DEPTH frames under PhoneApp.Poll (turns.sh's groups, tools/HeapCensus/groups.py) the lowest shifted
# figure and the heap and collection it came at, lowest first. A report to read, not a CI step: each heap is a run of
# the whole scenario (seconds to a minute, with the machine's load). The boot allocation probe (BootProgram::CheckAllocations) is left out.
#
#   tools/HeapCensus/sweep.sh                              # office at 80,696 .. 81,096 B, 100 B apart (five runs)
#   tools/HeapCensus/sweep.sh office 80696 81096 50        # nine runs
#   SWEEP_LINE=12600 SWEEP_DEPTH=4 tools/HeapCensus/sweep.sh   # only the groups under 12,600 B, by 4 frames
#
# Run BOOT_BOARD=1 BOOT_HEAP=80896 tests/Device.Boot/run.sh first (it builds the .pe files). Logs:
# artifacts/heap-census/sweep-HEAP.log.
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SDK="${NF_SDK:-$ROOT/../shared/nanoframework-sdk}"
PROFILE="${1:-office}"
FROM="${2:-80696}"
TO="${3:-81096}"
STEP="${4:-100}"
LINE="${SWEEP_LINE:-99999}"
DEPTH="${SWEEP_DEPTH:-5}"
BOARD=80896
cd "$ROOT"
OUT="artifacts/heap-census"
# shellcheck source=tools/HeapCensus/clr.sh
. "$ROOT/tools/HeapCensus/clr.sh"
[ -f artifacts/device-boot/DeskPhone.Boot.pe ] || { echo "sweep.sh: no build (run BOOT_BOARD=1 BOOT_HEAP=$BOARD tests/Device.Boot/run.sh first)" >&2; exit 1; }
[ -x "$SDK/bin/nf-run" ] || { echo "sweep.sh: no nanoFramework SDK at $SDK (set NF_SDK)" >&2; exit 2; }
census_clr sweep.sh
LOAD="$(boot_load)"
LOGS=()
for ((heap = FROM; heap <= TO; heap += STEP)); do
  # shellcheck disable=SC2086
  NANOCLR_HEAP_SIZE="$heap" NANOCLR_HEAP_STATS=1 NANOCLR_HEAP_CENSUS=all NANOCLR_HEAP_CENSUS_LAST=99999 \
    timeout 900 "$CLR" $LOAD 2>&1 | grep -E '^(HEAPSTATS|FRAMES|load profile=)' > "$OUT/sweep-$heap.log"
  LOGS+=("$OUT/sweep-$heap.log")
done
python3 - "$ROOT/tools/HeapCensus" "$PROFILE" "$BOARD" "$LINE" "$DEPTH" "${LOGS[@]}" <<'PY'
import collections, re, sys
sys.path.insert(0, sys.argv[1])
import groups as G
profile, board, line, depth, logs = sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6:]
groups = collections.defaultdict(list)
for log in logs:
    heap = int(re.search(r'(\d+)\.log$', log).group(1))
    for g, (free, chain) in G.read(log, profile).items():
        if not any('CheckAllocations' in c for c in chain):
            groups[G.key(chain, depth)].append((free - (heap - board), heap, int(g)))
low = sorted(v[0] for vs in groups.values() for v in vs)
print('%s at %d heaps (%s B), shifted to %d B: %d collections, %d under 12,288, %d under 12,800' % (
    profile, len(logs), ' '.join(re.search(r'(\d+)\.log$', l).group(1) for l in logs), board, len(low),
    sum(1 for f in low if f < 12288), sum(1 for f in low if f < 12800)))
print('groups (lowest shifted free, collections, at heap gc#, the first %d frames under PhoneApp.Poll):' % depth)
for key, v in sorted(groups.items(), key=lambda kv: min(kv[1])):
    free, heap, g = min(v)
    if free < line:
        print('%7d %4d  (%d gc#%d)  %s' % (free, len(v), heap, g, key))
PY
