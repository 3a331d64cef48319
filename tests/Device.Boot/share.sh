#!/usr/bin/env bash
# The boot scenario's own share of the heap at chosen collections (docs/benchmarks.md, h-harness): what DeskPhone.Boot,
# the test program that plays the PBX, the network and the user, holds beside the phone. On the board there is no
# DeskPhone.Boot, so every figure run.sh gives counts this much more than the board would hold. Read from the census
# interpreter's walk of the heap (tools/HeapCensus, CENSUS rows with owners) at each collection asked for:
#   script     objects of DeskPhone.Boot's own types and the arrays and strings that they, its frames or its static
#              fields hold (the PBX's request texts, the profile's bookkeeping), but for the stand-ins below;
#   stand-ins  what stands in for an object the board has too (fair to count): the recording transport for the UDP
#              socket's objects, RTP channels for the media sockets, the fake inputs, outputs, PWM, UART, RMT and
#              keypad chip for the GPIO/I2C drivers' objects, the SPI bus and band recorder for the panel's, the flash
#              medium for the settings file, the boot board for the board's wiring, the TCP stand-in for TcpTransport's
#              connections (their buffers, its parser), the ResourceManager for the fonts',
#              the phone's delegates into the script (clocks, the RTP channel factory, the font reader) for the board's;
#   tables     DeskPhone.Boot's runtime tables (tools/PeTables/petables.sh), held from before Main to the end;
#   frames     the stack frames of the DeskPhone.Boot methods named after "=" (frames.py's sizes; the census does not
#              name a frame's method): the chain under the phone's turn at that collection, which the caller knows
#              from the script (the board's Main polls the loop from a frame of its own, so one is fair).
# Only rows the census names through DeskPhone.Boot count: what a Boot object holds through a collection of the
# phone's or the framework's (an ArrayList's array, the strings in it) is named by that collection and not counted.
#
#   tests/Device.Boot/share.sh HEAP WHAT...
#     WHAT: PROFILE:STEP            the step's collection (as run.sh prints "heap PROFILE STEP")
#           PROFILE:STEP:peak       the highest collection since the step before (run.sh's peak=)
#           PROFILE:stream-low      the lowest collection of the profile's MESSAGE stream (its call screen's line to its
#                                   messages step)
#           gc#N                    collection N
#     each optionally followed by =Method,Method,... (BootProgram's methods on the stack, outermost first)
#   SHARE_ROWS=N (default 0) also lists the N largest rows counted.
#
# Needs artifacts/device-boot as `BOOT_BOARD=1 BOOT_HEAP=HEAP tests/Device.Boot/run.sh` leaves it (the .pe files, the
# boot-HEAP-verbose.log) and the census interpreter artifacts/heap-census/nanoclr32.census (tools/HeapCensus/census.sh
# builds it). The census interpreter runs the same deterministic scenario: each collection's used= is checked against
# run.sh's log.
set -eu
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SDK="${NF_SDK:-$ROOT/../shared/nanoframework-sdk}"
OUT="$ROOT/artifacts/device-boot"
CLR="$ROOT/artifacts/heap-census/nanoclr32.census"
[ $# -ge 2 ] || { sed -n '2,33p' "$0"; exit 2; }
HEAP="$1"
shift
VERBOSE="$OUT/boot-$HEAP-verbose.log"
[ -f "$VERBOSE" ] || { echo "share.sh: no $VERBOSE (run BOOT_BOARD=1 BOOT_HEAP=$HEAP tests/Device.Boot/run.sh first)" >&2; exit 1; }
[ -x "$CLR" ] || { echo "share.sh: no census interpreter at $CLR (tools/HeapCensus/census.sh builds it)" >&2; exit 1; }
cd "$ROOT"

# The collection a WHAT names, from run.sh's log.
gc_of() {
  case "$1" in
    gc#*) echo "${1#gc#}"; return ;;
  esac
  local who="${1%%:*}" rest="${1#*:}"
  awk -v who="$who" -v rest="$rest" '
    function field(name,   i) { for (i = 1; i <= NF; i++) if (index($i, name "=") == 1) return substr($i, length(name) + 2); return "" }
    BEGIN { step = rest; peak = 0; if (rest ~ /:peak$/) { step = substr(rest, 1, length(rest) - 5); peak = 1 } }
    /^HEAPSTATS gc#/ {
      g = substr($2, 4); u = field("used") + 0
      if (u > top) { top = u; topg = g }
      if (instream && u > low) { low = u; lowg = g }
      next
    }
    /^load profile=[^ ]* screen=/ { if (field("profile") == who) { instream = 1; low = 0 } }
    /^boot step=|^load profile=[^ ]* step=/ {
      w = field("profile"); if (w == "") w = "boot"
      if (w == who && field("step") == step) { print (peak ? topg : g); exit }
      if (w == who && instream && step == "stream-low" && field("step") ~ /^messages-/) { print lowg; exit }
      top = 0
    }' "$VERBOSE"
}

WHATS=()
GCS=()
for arg in "$@"; do
  what="${arg%%=*}"
  g="$(gc_of "$what")"
  [ -n "$g" ] || { echo "share.sh: no collection for $what in $VERBOSE" >&2; exit 1; }
  WHATS+=("$arg")
  GCS+=("$g")
done

LOAD="$(python3 -c "import sys; sys.path.insert(0, sys.argv[1]); import nfsdk as N; print(' '.join(N.resolve_load_list(sys.argv[2:])[0]))" \
  "$SDK/bin" "$OUT/DeskPhone.Boot.pe" "$OUT/DeskPhone.Board.pe")"
LAST="$(printf '%s\n' "${GCS[@]}" | sort -n | tail -1)"
CENSUS="$OUT/share-$HEAP.census.log"
# shellcheck disable=SC2086
NANOCLR_HEAP_CENSUS_OWNERS=1 NANOCLR_HEAP_SIZE="$HEAP" NANOCLR_HEAP_STATS=1 NANOCLR_HEAP_CENSUS="$(IFS=,; echo "${GCS[*]}")" \
  NANOCLR_HEAP_CENSUS_LAST="$LAST" timeout 900 "$CLR" $LOAD > "$CENSUS" 2>&1 || true
TABLES="$(tools/PeTables/petables.sh "$OUT" | awk '$1 == "DeskPhone.Boot" { print $(NF) }')"
FRAMES="$OUT/share-frames.txt"
python3 tools/HeapCensus/frames.py --top 100000 "$OUT" 2>/dev/null | awk '$4 ~ /^DeskPhone\.Boot\./ { print $1, $4 }' > "$FRAMES"

for i in "${!WHATS[@]}"; do
  arg="${WHATS[$i]}"
  chain=""
  [ "${arg#*=}" != "$arg" ] && chain="${arg#*=}"
  python3 - "${arg%%=*}" "${GCS[$i]}" "$CENSUS" "$VERBOSE" "$TABLES" "$chain" "${SHARE_ROWS:-0}" "$FRAMES" <<'EOF'
import re, sys
what, gc, census, verbose, tables, chain, top, framesfile = sys.argv[1:9]
tag = 'gc#' + gc
# The step's figure is the last census of that number (a compacting collection may print it again).
rows, used, seen = [], None, False
for line in open(census):
    f = line.split()
    if len(f) >= 2 and f[0] == 'HEAPSTATS' and f[1] == tag:
        rows, seen = [], True
        used = int(re.search(r'used=(\d+)', line).group(1))
    elif len(f) >= 4 and f[0] == 'CENSUS' and f[1] == tag:
        rows.append(line.rstrip('\n').split(' ', 4)[2:])
expected = None
for line in open(verbose):
    if line.startswith('HEAPSTATS ' + tag + ' '):
        expected = int(re.search(r'used=(\d+)', line).group(1))
if not seen:
    print('%s %s: no census (did the census interpreter reach it? see %s)' % (what, tag, census))
    sys.exit(0)
# What stands in for an object of the board's (named types of DeskPhone.Boot; System.Resources.ResourceManager: the fonts').
STAND_INS = ('RecordingTransport', 'RecordingRtpChannel', 'FakeInput', 'FakeOutput', 'FakeKeypadChip', 'FakePwm',
             'FakeUart', 'RecordingRmtOutput', 'RecordingSpiBus', 'FakeClock', 'RecordingBand', 'FlashSettingsMedium',
             'BootBoard', 'InterpreterHeap', 'TcpStandIn')
def kind(row):
    bytes_, count, rest = int(row[0]), int(row[1]), row[2]
    body, _, owner = rest.partition(' <- ')
    names = body + ' ' + owner
    for s in STAND_INS:
        if 'DeskPhone.Boot.' + s in names or 'DeskPhone.Boot.BootProgram+' + s in names:
            return 'stand-ins'
    # The phone's delegates into the script (its clocks, the RTP channel factory, the font reader, the event pump) are
    # the board's own delegates' stand-ins.
    if 'DeskPhone.Boot' in names and ('System.Resources.ResourceManager' in body or body.startswith('delegate ')):
        return 'stand-ins'
    if 'DeskPhone.Boot' in names:
        return 'script'
    return None
sums = {'script': 0, 'stand-ins': 0}
counted = []
for r in rows:
    if len(r) < 3:
        continue
    k = kind(r)
    if k:
        sums[k] += int(r[0])
        counted.append((int(r[0]), k, r[1] + ' ' + r[2]))
sizes = {}
for line in open(framesfile):
    b, name = line.split()
    sizes[name.split('::')[-1] if 'BootProgram::' in name else name] = int(b)
frames = sum(sizes.get(m, 0) for m in chain.split(',') if m) if chain else 0
missing = [m for m in chain.split(',') if m and m not in sizes] if chain else []
total = sums['script'] + int(tables or 0) + frames
print('%s %s used=%d%s: script %d B (objects %d + tables %d + frames %d%s), stand-ins %d B' % (
    what, tag, used, '' if expected == used else ' (run.sh: %s: NOT THE SAME RUN)' % expected, total, sums['script'],
    int(tables or 0), frames, (' of ' + chain) if chain else '', sums['stand-ins']))
if missing:
    print('  no frame size for: ' + ', '.join(missing))
for b, k, text in sorted(counted, reverse=True)[:int(top)]:
    print('  %6d %-9s %s' % (b, k, text))
EOF
done
