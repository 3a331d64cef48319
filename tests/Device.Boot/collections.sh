#!/usr/bin/env bash
# Every collection of a load profile, not only its steps' (issue #17: "office keeps 12 KB free after every
# collection"): reads a verbose log of tests/Device.Boot/run.sh and prints, per profile, how many collections ran
# from "load profile=P begin" to its last step, how many left less than the line free, the lowest ones, and the
# spread by KB. The harness's allocation probe after the last step fills the heap on purpose and is left out.
#
#   tests/Device.Boot/collections.sh                                   # office, board heap's log, 12 KB line
#   tests/Device.Boot/collections.sh artifacts/device-boot/boot-80896-verbose.log office 12288
#
# A report, not a check: it exits 0 whatever the figures (1 only when the log or the profile is missing).
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOG="${1:-$ROOT/artifacts/device-boot/boot-80896-verbose.log}"
PROFILE="${2:-office}"
LINE="${3:-12288}"

if [ ! -f "$LOG" ]; then
    echo "collections: no log $LOG (run BOOT_BOARD=1 tests/Device.Boot/run.sh first)" >&2
    exit 1
fi

# Between the profile's begin and its last "step=" line; HEAPSTATS lines are "HEAPSTATS gc#N used=U free=F ...".
awk -v p="$PROFILE" -v line="$LINE" '
    $0 == "load profile=" p " begin" { on = 1; next }
    on && index($0, "load profile=" p " step=") == 1 { last = NR; for (i = n0 + 1; i <= n; i++) kept[i] = 1; n0 = n; step = substr($3, 6); next }
    on && /^load profile=/ && index($0, "load profile=" p " ") != 1 { on = 0 }
    on && $1 == "HEAPSTATS" {
        n++; gc[n] = $2; split($4, f, "="); free[n] = f[2] + 0; at[n] = step
    }
    END {
        if (!n0) { print "collections: no step of profile " p " in the log" > "/dev/stderr"; exit 1 }
        for (i = 1; i <= n0; i++) {
            c++; if (free[i] < line) u++
            k = int(free[i] / 1024); h[k]++; if (k < lo || c == 1) lo = k; if (k > hi) hi = k
            if (c == 1 || free[i] < min) { min = free[i]; mingc = gc[i]; minat = at[i] }
        }
        printf "profile=%s collections=%d under-%d=%d lowest=%d at %s after step=%s\n", p, c, line, u + 0, min, mingc, minat
        s = ""
        for (k = lo; k <= hi; k++) if (h[k]) s = s sprintf(" %dK:%d", k, h[k])
        print "  free by KB:" s
    }' "$LOG" || exit 1
# The five lowest, with the step they followed.
awk -v p="$PROFILE" '
    $0 == "load profile=" p " begin" { on = 1; next }
    on && index($0, "load profile=" p " step=") == 1 { step = substr($3, 6); for (i = 0; i < m; i++) print pend[i]; m = 0; next }
    on && /^load profile=/ && index($0, "load profile=" p " ") != 1 { on = 0 }
    on && $1 == "HEAPSTATS" { split($4, f, "="); pend[m++] = f[2] " " $2 " after " (step == "" ? "begin" : step) }
' "$LOG" | sort -n | head -5 | sed 's/^/  lowest: free=/'
