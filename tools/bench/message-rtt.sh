#!/usr/bin/env bash
# MESSAGE round trip on loopback: the simulator against baresip, in the same run, with the same client
# (`phonectl sip rtt`, one MESSAGE at a time, a new transaction each). Needs baresip (apt-get install -y baresip).
# Usage: tools/bench/message-rtt.sh [COUNT]
set -euo pipefail
cd "$(dirname "$0")/../.."
count="${1:-5000}"
addr=127.0.0.9
sim_port=5990
bare_port=5991
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

command -v baresip >/dev/null || { echo "message-rtt.sh: baresip is not installed" >&2; exit 2; }
dotnet build tools/Simulator -c Release -nologo -v:quiet >/dev/null
dotnet build tools/PhoneCtl -c Release -nologo -v:quiet >/dev/null

dotnet artifacts/bin/DeskPhone.Simulator/release/deskphone-sim.dll --bind "$addr" --sip-port "$sim_port" --bench-port 0 >"$work/sim.log" 2>&1 &
pids+=($!)

# baresip as a plain user agent: one account without registration, the menu module answering MESSAGE with 200.
mkdir -p "$work/baresip"
printf 'sip_listen %s:%s\nmodule_path /usr/lib/baresip/modules\nmodule g711.so\nmodule_app account.so\nmodule_app menu.so\naudio_player aufile,/dev/null\naudio_source aufile,/dev/null\n' \
  "$addr" "$bare_port" >"$work/baresip/config"
echo "<sip:bob@$addr>;regint=0" >"$work/baresip/accounts"
touch "$work/baresip/contacts"
baresip -f "$work/baresip" </dev/null >"$work/baresip.log" 2>&1 &
pids+=($!)

rtt() { dotnet artifacts/bin/PhoneCtl/release/phonectl.dll sip rtt "$1" "$count"; }
for i in $(seq 50); do
  rtt "sip:486@$addr:$sim_port" 1 >/dev/null 2>&1 && rtt "sip:bob@$addr:$bare_port" 1 >/dev/null 2>&1 && break
  sleep 0.2
done
echo "baresip $(baresip -h 2>&1 | sed -n 's/^baresip v\([^ ]*\).*/\1/p' | head -1), $count MESSAGEs each, alternating twice:"
for round in 1 2; do
  rtt "sip:bob@$addr:$bare_port"
  rtt "sip:486@$addr:$sim_port"
done
