#!/usr/bin/env bash
# Builds a build variant of the board application (board/DeskPhone.Board.nfproj with -p:Wifi=true, -p:CallAudio=true
# and/or -p:BoardProfile=olimex-poe; docs/board-profile.md, "Wi-Fi", "Call audio" and "Second board") with the
# nanoFramework SDK's nf-build and converts it with nf-pe, so that CI keeps the variants compiling beside the default
# image (the M5Stack Core, LAN only, no call audio). nf-build evaluates no MSBuild property (a Condition it does not
# know is false, so it always builds the default image): the variant is built from a copy of the .nfproj, beside it
# for its relative paths, with the conditions on the chosen properties ('$(Wifi)' == 'true', '$(CallAudio)' == 'true',
# '$(BoardProfile)' == 'olimex-poe') met (removed). Flashing a variant: tools/flash/flash.sh --wifi, --audio,
# --board olimex-poe (msbuild).
#
#   tools/flash/nf-build-variant.sh --wifi|--audio|--olimex [...] [--config Release|Debug] [--out DIR]
#                                  # default Release, artifacts/device-build-wifi, -audio, -wifi-audio, -olimex ...
#
# SDK: $NF_SDK, else ../shared/nanoframework-sdk next to the repository. Exit status: 0 built and converted, the
# variant references each chosen option's library (System.Device.Wifi, System.Device.I2s) and calls its board profile
# (BoardProfiles.M5StackCoreAudio for call audio, OlimexEsp32Poe for the Olimex board); 1 otherwise; 2 usage.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
sdk="${NF_SDK:-$repo/../shared/nanoframework-sdk}"
config="Release"
out=""
properties=()   # MSBuild property, its value, library it brings, board profile it builds in, name ("-": none)
usage() { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --wifi) properties+=("Wifi true System.Device.Wifi - wifi"); shift ;;
    --audio) properties+=("CallAudio true System.Device.I2s M5StackCoreAudio audio"); shift ;;
    --olimex) properties+=("BoardProfile olimex-poe - OlimexEsp32Poe olimex"); shift ;;
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
name=""; libraries=(); profiles=(); met=0
for entry in "${properties[@]}"; do
  read -r property value library profile short <<<"$entry"
  condition="Condition=\"'\$($property)' == '$value'\""
  conditions=$(grep -c "$condition" "$source" || true)
  [ "$conditions" -gt 0 ] || { echo "nf-build-variant: $source has no $condition" >&2; exit 1; }
  sed -i "s/ $condition//" "$variant"
  name="$name${name:+-}$short"; met=$((met + conditions))
  [ "$library" = - ] || libraries+=("$library")
  [ "$profile" = - ] || profiles+=("$profile")
done
[ -n "$out" ] || out="$repo/artifacts/device-build-$name"

rm -rf "$out"
"$sdk/bin/nf-build" "$variant" --config "$config" --out "$out"
"$sdk/bin/nf-pe" "$out/DeskPhone.Board.exe"
# What the variant is for: the board application references each option's library (the default image references none)
# and calls the board profile it is built for (the default image calls BoardProfiles.M5StackCore).
python3 - "$sdk/bin" "$out/DeskPhone.Board.pe" "$out/DeskPhone.Board.exe" "${#libraries[@]}" "${libraries[@]}" "${profiles[@]}" <<'PY' || exit 1
import sys
sys.path.insert(0, sys.argv[1])
import nfsdk
pe, exe, n = sys.argv[2], sys.argv[3], int(sys.argv[4])
libraries, profiles = sys.argv[5:5 + n], sys.argv[5 + n:]
refs = [name for name, _ in nfsdk.pe_info(pe)[3]]
for library in libraries:
    if library not in refs:
        sys.exit('nf-build-variant: %s does not reference %s (references: %s)' % (pe, library, ', '.join(refs)))
names = open(exe, 'rb').read()
for profile in profiles:
    if b'\0' + profile.encode() + b'\0' not in names:
        sys.exit('nf-build-variant: %s does not call BoardProfiles.%s' % (exe, profile))
PY
echo "nf-build-variant: the $name variant ($met conditions met) built and converted: $out/DeskPhone.Board.pe"
