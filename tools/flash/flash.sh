#!/usr/bin/env bash
# Flashing helper: builds the device application for a board profile and writes it to the board with nanoff.
#
#   tools/flash/flash.sh --board m5core --port /dev/ttyUSB0            # firmware update + application deploy
#   tools/flash/flash.sh --board m5core --port /dev/ttyUSB0 --app-only # application only
#   tools/flash/flash.sh --board m5core --port /dev/ttyUSB0 --wifi     # the Wi-Fi variant of the application
#   tools/flash/flash.sh --board m5core --port /dev/ttyUSB0 --audio    # the call audio (I2S) variant; with --wifi, both
#   tools/flash/flash.sh --board m5core --port /dev/ttyUSB0 --image app.bin --app-only   # deploy a prebuilt image
#   tools/flash/flash.sh ... --dry-run                                 # print the steps, run nothing
#
# Needs: nanoff (dotnet tool install -g nanoff), and for building, msbuild with the nanoFramework project system
# (Visual Studio, or VS Code with the nanoFramework extension). The application is LAN only unless --wifi: that builds
# the Wi-Fi variant (msbuild -p:Wifi=true; docs/board-profile.md "Wi-Fi"), which costs about 1.3 KB of the board's heap
# from start-up. It has no call audio unless --audio: that builds the I2S variant (msbuild -p:CallAudio=true;
# docs/board-profile.md "Call audio") with the reference board's amplifier and microphone (profile m5core-audio: no HID
# bridge, no expansion chain), about 0.3 KB more of the heap; olimex-poe has no I2S parts. The board's profile is built
# into the image (msbuild -p:BoardProfile=NAME). Exit codes: 0 done, 1 a step failed, 2 usage.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

board="m5core"
port=""
image=""
configuration="Release"
do_update=1
do_deploy=1
dry_run=0
wifi=false
audio=false

usage() {
  sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
  echo "boards: m5core (nanoFramework target M5Core), olimex-poe (ESP32_OLIMEX); or --target NAME to override"
}
fail() { echo "flash: $*" >&2; exit 1; }
step() { echo "==> $*"; }
run() {
  echo "    \$ $*"
  if [ "$dry_run" = 0 ]; then "$@"; fi
}

# An option's value: missing at the end of the line (where `shift 2` stopped the script with no word) or another
# option in its place is a usage error that names the option.
value() {
  case "${2:-}" in
    ""|--*) echo "flash: $1 needs a value" >&2; usage >&2; exit 2 ;;
  esac
}

target=""
while [ $# -gt 0 ]; do
  case "$1" in
    --board|--port|--image|--target|--configuration) value "$@" ;;
  esac
  case "$1" in
    --board) board="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --image) image="$2"; shift 2 ;;
    --target) target="$2"; shift 2 ;;
    --configuration) configuration="$2"; shift 2 ;;
    --app-only) do_update=0; shift ;;
    --wifi) wifi=true; shift ;;
    --audio) audio=true; shift ;;
    --firmware-only) do_deploy=0; shift ;;
    --dry-run) dry_run=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "flash: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
done

if [ -z "$target" ]; then
  case "$board" in
    m5core) target="M5Core" ;;
    olimex-poe) target="ESP32_OLIMEX" ;;
    *) echo "flash: unknown board '$board' (known: m5core, olimex-poe; or give --target)" >&2; exit 2 ;;
  esac
fi
[ -n "$port" ] || { echo "flash: --port is required (e.g. /dev/ttyUSB0)" >&2; usage >&2; exit 2; }
if [ "$audio" = true ] && [ "$board" != m5core ]; then
  echo "flash: --audio needs the m5core board (its I2S amplifier and microphone, profile m5core-audio); '$board' has no I2S parts" >&2
  exit 2
fi

step "checking tools and the serial port"
command -v nanoff >/dev/null 2>&1 || fail "nanoff not found on PATH: install it with 'dotnet tool install -g nanoff' and add ~/.dotnet/tools to PATH"
[ -e "$port" ] || fail "serial port $port does not exist: is the board plugged in? (ls /dev/ttyUSB* /dev/ttyACM*)"
[ -r "$port" ] && [ -w "$port" ] || fail "serial port $port is not readable and writable: add yourself to the 'dialout' group"

if [ "$do_deploy" = 1 ] && [ -z "$image" ]; then
  variant="LAN only"
  [ "$wifi" = false ] || variant="Wi-Fi"
  [ "$audio" = false ] || variant="$variant, call audio"
  profile="$board"
  [ "$audio" = false ] || profile="m5core-audio"
  step "building the device application ($configuration, board $board, $variant; profile $profile)"
  command -v msbuild >/dev/null 2>&1 || fail "msbuild not found: build DeskPhone.sln in Visual Studio or VS Code with the nanoFramework extension, then pass --image board/bin/$configuration/DeskPhone.Board.bin"
  run msbuild "$repo/DeskPhone.sln" -restore -p:Configuration="$configuration" -p:BoardProfile="$board" -p:Wifi="$wifi" -p:CallAudio="$audio"
  image="$repo/board/bin/$configuration/DeskPhone.Board.bin"
fi
if { [ "$wifi" = true ] || [ "$audio" = true ]; } && [ -n "$image" ]; then
  echo "flash: --wifi and --audio choose what is built; a prebuilt --image is deployed as it is (build it with -p:Wifi=true, -p:CallAudio=true)" >&2
fi
if [ "$do_deploy" = 1 ] && [ "$dry_run" = 0 ]; then
  [ -f "$image" ] || fail "application image $image not found"
fi

if [ "$do_update" = 1 ]; then
  step "updating the nanoFramework firmware ($target) on $port"
  run nanoff --target "$target" --serialport "$port" --update
fi
if [ "$do_deploy" = 1 ]; then
  step "deploying the application image $image"
  run nanoff --target "$target" --serialport "$port" --deploy --image "$image"
fi
step "done: reset the board; the phone shows its address on the idle screen"
