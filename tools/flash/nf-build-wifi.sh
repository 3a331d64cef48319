#!/usr/bin/env bash
# Builds the board application's Wi-Fi variant (board/DeskPhone.Board.nfproj with -p:Wifi=true; docs/board-profile.md,
# "Wi-Fi") with the nanoFramework SDK's nf-build and converts it with nf-pe, so that CI keeps it compiling beside the
# default LAN-only image. nf-build evaluates no MSBuild property (a Condition it does not know is false, so it always
# builds the LAN-only image): the variant is built from a copy of the .nfproj, beside it for its relative paths, with
# the conditions on '$(Wifi)' == 'true' met (removed). Flashing the variant: tools/flash/flash.sh --wifi (msbuild).
#
#   tools/flash/nf-build-wifi.sh [--config Release|Debug] [--out DIR]   # default Release, artifacts/device-build-wifi
#
# SDK: $NF_SDK, else ../shared/nanoframework-sdk next to the repository. Exit status: 0 built and converted, and the
# variant references System.Device.Wifi; 1 otherwise; 2 usage.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
sdk="${NF_SDK:-$repo/../shared/nanoframework-sdk}"
config="Release"
out="$repo/artifacts/device-build-wifi"
while [ $# -gt 0 ]; do
  case "$1" in
    --config) config="${2:-}"; shift 2 ;;
    --out) out="${2:-}"; shift 2 ;;
    *) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done
[ -x "$sdk/bin/nf-build" ] || { echo "nf-build-wifi: no nanoFramework SDK at $sdk (set NF_SDK)" >&2; exit 1; }

source="$repo/board/DeskPhone.Board.nfproj"
variant="$repo/board/DeskPhone.Board.Wifi.nfproj"
trap 'rm -f "$variant"' EXIT
conditions=$(grep -c "Condition=\"'\$(Wifi)' == 'true'\"" "$source" || true)
[ "$conditions" -gt 0 ] || { echo "nf-build-wifi: $source has no Condition=\"'\$(Wifi)' == 'true'\"" >&2; exit 1; }
sed "s/ Condition=\"'\$(Wifi)' == 'true'\"//" "$source" > "$variant"

rm -rf "$out"
"$sdk/bin/nf-build" "$variant" --config "$config" --out "$out"
"$sdk/bin/nf-pe" "$out/DeskPhone.Board.exe"
# What the variant is for: the board application references the Wi-Fi library (the LAN-only image does not).
python3 - "$sdk/bin" "$out/DeskPhone.Board.pe" <<'PY' || exit 1
import sys
sys.path.insert(0, sys.argv[1])
import nfsdk
refs = [name for name, _ in nfsdk.pe_info(sys.argv[2])[3]]
if 'System.Device.Wifi' not in refs:
    sys.exit('nf-build-wifi: %s does not reference System.Device.Wifi (references: %s)' % (sys.argv[2], ', '.join(refs)))
PY
echo "nf-build-wifi: the Wi-Fi variant ($conditions conditions met) built and converted: $out/DeskPhone.Board.pe"
