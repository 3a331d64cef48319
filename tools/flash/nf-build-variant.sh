#!/usr/bin/env bash
# Builds a build variant of the board application (board/DeskPhone.Board.nfproj with -p:Wifi=true and/or
# -p:CallAudio=true; docs/board-profile.md, "Wi-Fi" and "Call audio") with the nanoFramework SDK's nf-build and converts
# it with nf-pe, so that CI keeps the variants compiling beside the default image (LAN only, no call audio). nf-build
# evaluates no MSBuild property (a Condition it does not know is false, so it always builds the default image): the
# variant is built from a copy of the .nfproj, beside it for its relative paths, with the conditions on the chosen
# properties ('$(Wifi)' == 'true', '$(CallAudio)' == 'true') met (removed). Flashing a variant: tools/flash/flash.sh
# --wifi and/or --audio (msbuild).
#
#   tools/flash/nf-build-variant.sh --wifi|--audio [--wifi|--audio] [--config Release|Debug] [--out DIR]
#                                  # default Release, artifacts/device-build-wifi, -audio or -wifi-audio
#
# SDK: $NF_SDK, else ../shared/nanoframework-sdk next to the repository. Exit status: 0 built and converted, and the
# variant references each chosen option's library (System.Device.Wifi, System.Device.I2s); 1 otherwise; 2 usage.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
sdk="${NF_SDK:-$repo/../shared/nanoframework-sdk}"
config="Release"
out=""
properties=()   # MSBuild property, library it brings, name
usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --wifi) properties+=("Wifi System.Device.Wifi wifi"); shift ;;
    --audio) properties+=("CallAudio System.Device.I2s audio"); shift ;;
    --config) config="${2:-}"; shift 2 ;;
    --out) out="${2:-}"; shift 2 ;;
    *) usage ;;
  esac
done
[ "${#properties[@]}" -gt 0 ] || usage
[ -x "$sdk/bin/nf-build" ] || { echo "nf-build-variant: no nanoFramework SDK at $sdk (set NF_SDK)" >&2; exit 1; }

source="$repo/board/DeskPhone.Board.nfproj"
variant="$repo/board/DeskPhone.Board.Variant.nfproj"
trap 'rm -f "$variant"' EXIT
cp "$source" "$variant"
name=""; libraries=(); met=0
for entry in "${properties[@]}"; do
  read -r property library short <<<"$entry"
  condition="Condition=\"'\$($property)' == 'true'\""
  conditions=$(grep -c "$condition" "$source" || true)
  [ "$conditions" -gt 0 ] || { echo "nf-build-variant: $source has no $condition" >&2; exit 1; }
  sed -i "s/ $condition//" "$variant"
  name="$name${name:+-}$short"; libraries+=("$library"); met=$((met + conditions))
done
[ -n "$out" ] || out="$repo/artifacts/device-build-$name"

rm -rf "$out"
"$sdk/bin/nf-build" "$variant" --config "$config" --out "$out"
"$sdk/bin/nf-pe" "$out/DeskPhone.Board.exe"
# What the variant is for: the board application references each option's library (the default image references none).
python3 - "$sdk/bin" "$out/DeskPhone.Board.pe" "${libraries[@]}" <<'PY' || exit 1
import sys
sys.path.insert(0, sys.argv[1])
import nfsdk
refs = [name for name, _ in nfsdk.pe_info(sys.argv[2])[3]]
for library in sys.argv[3:]:
    if library not in refs:
        sys.exit('nf-build-variant: %s does not reference %s (references: %s)' % (sys.argv[2], library, ', '.join(refs)))
PY
echo "nf-build-variant: the $name variant ($met conditions met) built and converted: $out/DeskPhone.Board.pe"
