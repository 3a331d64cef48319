#!/usr/bin/env bash
# Instructions per parse of the 484-byte MESSAGE: this project's parser (NativeAOT, so callgrind counts machine code,
# not the JIT) against libosip2 (C), both under valgrind --tool=callgrind. Each program runs N=1 and N=1+ROUNDS
# times; the difference divided by ROUNDS is the cost of one parse, free of start-up. Needs valgrind, gcc,
# libosip2-dev (apt-get install -y valgrind gcc libosip2-dev) and the .NET SDK.
# Usage: tools/ParseCount/count.sh [MESSAGE_FILE] [ROUNDS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
msg="${1:-$here/message484.sip}"
rounds="${2:-1000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for tool in valgrind gcc dotnet; do
  command -v "$tool" >/dev/null || { echo "count.sh: $tool is not installed" >&2; exit 2; }
done
[ -f /usr/include/osipparser2/osip_parser.h ] || { echo "count.sh: libosip2-dev is not installed" >&2; exit 2; }

dotnet publish "$here/ParseCount.csproj" -c Release -r linux-x64 -p:PublishAot=true -o "$work/aot" -nologo -v:quiet >/dev/null
# valgrind 3.19 cannot read the DWARF 5 of the separate symbol file and gives up; the counts do not need it.
rm -f "$work/aot/parsecount.dbg"
gcc -O2 -o "$work/osip_parse" "$here/osip_parse.c" -losipparser2

# Prints the instructions callgrind counted for one run of the command.
instructions() {
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$@" >/dev/null 2>"$work/cg.log"
  sed -n 's/^summary: *//p' "$work/cg.out"
}

# One parse: the difference between N=1+ROUNDS and N=1, over ROUNDS. "$1" is the program, "$2" what follows N.
per_parse() {
  local one many
  one=$(instructions "$1" "$msg" 1 ${2:-})
  many=$(instructions "$1" "$msg" $((rounds + 1)) ${2:-})
  echo $(( (many - one) / rounds ))
}

printf 'message: %s (%d bytes), %d rounds\n' "$msg" "$(stat -c %s "$msg")" "$rounds"
printf '%-52s %s\n' "DeskPhone SipParser, parse only" "$(per_parse "$work/aot/parsecount" parse)"
printf '%-52s %s\n' "DeskPhone SipParser, parse + Call-ID/CSeq/From/type" "$(per_parse "$work/aot/parsecount" read)"
printf '%-52s %s\n' "libosip2 $(dpkg-query -W -f='${Version}' libosip2-dev 2>/dev/null), init + parse + free" "$(per_parse "$work/osip_parse")"
