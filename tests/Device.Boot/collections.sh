#!/usr/bin/env bash
# Every collection of a load profile, not only its steps' (issue #17: "office keeps 12 KB free after every
# collection"): reads a verbose log of tests/Device.Boot/run.sh and prints, per profile, how many collections ran
# from "load profile=P begin" to its last step, how many left less than the line free, the lowest ones, and the
# spread by KB. The harness's allocation probe after the last step fills the heap on purpose and is left out.
#
#   tests/Device.Boot/collections.sh                                   # office, board heap's log, 12 KB line
#   tests/Device.Boot/collections.sh artifacts/device-boot/boot-80896-verbose.log office 12288
#
# A report: it exits 0 whatever the figures (1 only when the log or the profile is missing); run.sh fails a run when a
# profile of its $BOOT_MUST_KEEP (default office) has a collection under the line.
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOG="${1:-$ROOT/artifacts/device-boot/boot-80896-verbose.log}"
PROFILE="${2:-office}"
LINE="${3:-12288}"

if [ ! -f "$LOG" ]; then
    echo "collections: no log $LOG (run BOOT_BOARD=1 tests/Device.Boot/run.sh first)" >&2
    exit 1
fi

# The profile's collections, one "FREE gc#N STEP" line each (STEP: the step before it), from its begin to its last
# "step=" line; HEAPSTATS lines are "HEAPSTATS gc#N used=U free=F ...".
rows="$(awk -v p="$PROFILE" '
    $0 == "load profile=" p " begin" { on = 1; step = "begin"; next }
    on && index($0, "load profile=" p " step=") == 1 { for (i = 0; i < m; i++) print pend[i]; m = 0; step = substr($3, 6); next }
    on && /^load profile=/ && index($0, "load profile=" p " ") != 1 { on = 0 }
    on && $1 == "HEAPSTATS" { split($4, f, "="); pend[m++] = f[2] " " $2 " " step }
' "$LOG")"
if [ -z "$rows" ]; then
    echo "collections: no step of profile $PROFILE in the log" >&2
    exit 1
fi
awk -v p="$PROFILE" -v line="$LINE" '
    { c++; if ($1 < line) u++; k = int($1 / 1024); h[k]++; if (c == 1 || k < lo) lo = k; if (k > hi) hi = k
      if (c == 1 || $1 < min) { min = $1; mingc = $2; minat = $3 } }
    END {
        printf "profile=%s collections=%d under-%d=%d lowest=%d at %s after step=%s\n", p, c, line, u + 0, min, mingc, minat
        s = ""
        for (k = lo; k <= hi; k++) if (h[k]) s = s sprintf(" %dK:%d", k, h[k])
        print "  free by KB:" s
    }' <<< "$rows"
# The five lowest, with the step they followed.
sort -n <<< "$rows" | head -5 | awk '{ print "  lowest: free=" $1 " " $2 " after " $3 }'
