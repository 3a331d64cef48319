#!/usr/bin/env bash
# Boots the firmware in the nanoFramework interpreter (docs/benchmarks.md, "Boot in the interpreter"):
# builds tests/Device.Boot (the real composition, PhoneApp, on the host board's fakes) with the nanoFramework SDK's
# nf-build into artifacts/device-boot, converts with nf-pe (IL scan included), and runs the boot script in the
# 32-bit POSIX nanoCLR with the board's managed heap.
#
#   tests/Device.Boot/run.sh                 # heap 80,896 B (79 KB: nanoFramework's figure for ESP32_REV0 without PSRAM)
#   BOOT_HEAP=160000 tests/Device.Boot/run.sh
#
# SDK: $NF_SDK, else ../shared/nanoframework-sdk next to the repository; skipped (exit 0) with a message when missing.
# Exit status: nf-run's (0 the script ran to "boot OK"; 3 a check failed or the heap ran out; 124 timeout), 1 on a
# build error. One known exception: the static constructors of nanoFramework.Graphics (2) and System.IO.FileSystem (1)
# call natives the POSIX nanoCLR does not have. The firmware assemblies reference both libraries (their Device/ code),
# so the interpreter loads them and reports those three unhandled exceptions before Main and ends with status 3
# although nothing in the boot path uses them. Exceptions before the script's first line are therefore reported and
# not counted; any after it are.
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SDK="${NF_SDK:-$ROOT/../shared/nanoframework-sdk}"
HEAP="${BOOT_HEAP:-80896}"
OUT="$ROOT/artifacts/device-boot"

if [ ! -x "$SDK/bin/nf-run" ]; then
    echo "device-boot: skipped, no nanoFramework SDK at $SDK (set NF_SDK)"
    exit 0
fi

cd "$ROOT"
"$SDK/bin/nf-build" tests/Device.Boot/DeskPhone.Boot.nfproj --config Release --out "$OUT" || exit 1
"$SDK/bin/nf-pe" "$OUT"/*.dll "$OUT"/*.exe || exit 1

LOG="$OUT/boot.log"
"$SDK/bin/nf-run" --heap "$HEAP" --stats --timeout 120 "$OUT/DeskPhone.Boot.pe" 2>&1 | tee "$LOG"
STATUS=${PIPESTATUS[0]}

if [ "$STATUS" -eq 3 ] && grep -q '^boot OK$' "$LOG"; then
    # Unhandled exceptions after the script started are failures; before it, the libraries' static constructors.
    AFTER=$(sed -n '/^boot step=start /,$p' "$LOG" | grep -c '^Unhandled exception' || true)
    BEFORE=$(sed -n '1,/^boot step=start /p' "$LOG" | grep -c '^Unhandled exception' || true)
    if [ "$AFTER" -eq 0 ]; then
        echo "device-boot: passed ($BEFORE unhandled exception(s) before Main from library static constructors without POSIX natives, not counted)"
        exit 0
    fi
fi
LAST=$(grep '^boot step=' "$LOG" | tail -1 | sed 's/^boot step=\([^ ]*\).*/\1/')
echo "device-boot: nf-run exit status $STATUS (heap $HEAP), last step completed: ${LAST:-none}"
exit "$STATUS"
