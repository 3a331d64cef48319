#!/usr/bin/env bash
# Instructions the nanoFramework interpreter executes per request (docs/benchmarks.md, "Interpreter cost per request").
#
# Builds tests/Device.Cost (the phone built by PhoneApp on the boot scenario's fakes, registered, one BLF key subscribed)
# with the SDK's nf-build/nf-pe into artifacts/interp-cost and runs it once in the 32-bit nanoCLR under
# valgrind --tool=callgrind. The program runs each kind N times, then 2N times, and prints a marker line before each run;
# callgrind dumps its counters before every console write (--dump-before=*WriteLineNative*), so each run is one dump and
#     instructions per request = (Ir of the 2N run - Ir of the N run) / N
# which leaves out start-up, the marker and anything constant per run. Each request's answer is checked on the wire by
# the program (a failed check ends the run), so the counts are the real path.
#
# The interpreter: callgrind needs symbols (for the markers and the hotspot names) and the SDK's nanoclr/nanoclr32 is
# stripped. So the script uses an unstripped build of the same sources and patches (the SDK's
# nanoclr/src/nf-interpreter-*.tar.gz + nanoclr/patches, built as nanoclr/build-nanoclr.sh builds it, without `strip`),
# and refuses to count unless its .text section is byte-identical to the SDK's nanoclr32: then every count is exactly
# the SDK interpreter's. It is built once into artifacts/interp-cost/nanoclr32.sym (needs cmake, ninja, g++-multilib;
# about 15 minutes on 2 busy cores), or taken from $NANOCLR_SYM.
#
#   tools/InterpCost/count.sh                  # all kinds (message-agent: the MESSAGE through the user agent alone,
#                                              # tests/Device.Cost/AgentCost.cs), hotspots of the MESSAGE
#   COST_HEAP=200000 tools/InterpCost/count.sh # managed heap (default 200,000 B, the boot scenario's fitting heap;
#                                              # garbage collections are part of the cost, as on the board)
#
# Password checks (tests/Device.Cost/PasswordCost.cs): the POSIX nanoCLR has no Cryptography natives, so HMACSHA256 is
# loaded as HmacStandIn.cs (same assembly name and version, built here; one call and a 32-byte result, no hashing) and
# the hashing is counted apart: hmac_native.c, mbed TLS's HMAC-SHA256 as the native uses it, compiled for this host
# (needs gcc and libmbedtls-dev; without them the password figures are the interpreter's part only).
#
# Needs valgrind (callgrind_annotate), python3, the SDK ($NF_SDK, else ../shared/nanoframework-sdk).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SDK="${NF_SDK:-$ROOT/../shared/nanoframework-sdk}"
OUT="$ROOT/artifacts/interp-cost"
HEAP="${COST_HEAP:-200000}"
SYM="${NANOCLR_SYM:-$OUT/nanoclr32.sym}"

for tool in valgrind callgrind_annotate python3; do
  command -v "$tool" >/dev/null || { echo "count.sh: $tool is not installed (apt-get install -y valgrind python3)" >&2; exit 2; }
done
[ -x "$SDK/bin/nf-build" ] || { echo "count.sh: no nanoFramework SDK at $SDK (set NF_SDK)" >&2; exit 2; }
mkdir -p "$OUT"

# ---- the interpreter with symbols ----
if [ ! -x "$SYM" ]; then
  echo "count.sh: building the interpreter with symbols into $SYM (once)"
  "$ROOT/tools/InterpCost/build-nanoclr.sh" "$SDK" "$SYM"
fi
if ! "$ROOT/tools/InterpCost/same-text.sh" "$SDK/nanoclr/nanoclr32" "$SYM" "$OUT"; then
  echo "count.sh: $SYM is not the SDK's nanoclr32 with symbols (.text differs); delete it to rebuild" >&2
  exit 1
fi

# ---- the program ----
cd "$ROOT"
"$SDK/bin/nf-build" tests/Device.Cost/DeskPhone.Cost.nfproj --config Release --out "$OUT" >/dev/null
"$SDK/bin/nf-pe" "$OUT"/*.dll "$OUT"/*.exe >/dev/null
# HMACSHA256 for the interpreter (no natives for it there): the stand-in, in a folder of its own so that it replaces
# only the SDK's Cryptography .pe in the load list below.
STANDIN="$OUT/crypto-stand-in"
mkdir -p "$STANDIN"
cat > "$STANDIN/nanoFramework.System.Security.Cryptography.nfproj" <<EOF
<Project ToolsVersion="15.0" DefaultTargets="Build" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
  <PropertyGroup><OutputType>Library</OutputType><AssemblyName>nanoFramework.System.Security.Cryptography</AssemblyName><LangVersion>9.0</LangVersion></PropertyGroup>
  <ItemGroup><Compile Include="$ROOT/tools/InterpCost/HmacStandIn.cs" /></ItemGroup>
  <ItemGroup><Reference Include="mscorlib, Version=1.17.11.0, Culture=neutral, PublicKeyToken=c07d481e9758c731"><HintPath>packages/nanoFramework.CoreLibrary.1.17.11/lib/mscorlib.dll</HintPath></Reference></ItemGroup>
</Project>
EOF
printf '<packages><package id="nanoFramework.CoreLibrary" version="1.17.11" targetFramework="netnano1.0" /></packages>\n' > "$STANDIN/packages.config"
"$SDK/bin/nf-build" "$STANDIN/nanoFramework.System.Security.Cryptography.nfproj" --config Release --out "$STANDIN/bin" >/dev/null
"$SDK/bin/nf-pe" "$STANDIN/bin/nanoFramework.System.Security.Cryptography.dll" >/dev/null
# nf-run's load list (mscorlib and every referenced .pe in dependency order), run here without nf-run so that
# valgrind sits directly on the interpreter; the stand-in in place of the SDK's Cryptography.
mapfile -t LOAD < <(python3 - "$SDK/bin" "$OUT/DeskPhone.Cost.pe" "$STANDIN/bin/nanoFramework.System.Security.Cryptography.pe" <<'EOF'
import os, sys
sys.path.insert(0, sys.argv[1])
import nfsdk
load, problems = nfsdk.resolve_load_list([sys.argv[2]])
if problems:
    sys.exit('count.sh: ' + '; '.join(problems))
print('\n'.join(sys.argv[3] if os.path.basename(p) == os.path.basename(sys.argv[3]) else p for p in load))
EOF
)

# The native HMAC's own instructions (see the top): N and 2N calls, counted inside work() only.
rm -f "$OUT/hmac-native.txt"
if command -v gcc >/dev/null && [ -f /usr/include/mbedtls/md.h ]; then
  gcc -O2 -o "$OUT/hmac_native" "$ROOT/tools/InterpCost/hmac_native.c" -lmbedcrypto
  for n in 1000 2000; do
    valgrind --tool=callgrind --toggle-collect=work --callgrind-out-file="$OUT/hmac.$n" "$OUT/hmac_native" "$n" >/dev/null 2>&1
  done
  python3 - "$OUT" > "$OUT/hmac-native.txt" <<'EOF'
import sys
def total(path):
    for line in open(path):
        if line.startswith(('summary:', 'totals:')):
            return int(line.split()[1])
print((total(sys.argv[1] + '/hmac.2000') - total(sys.argv[1] + '/hmac.1000')) // 1000)
EOF
else
  echo "count.sh: no gcc or libmbedtls-dev: the password figures leave out the native HMAC's own cost" >&2
fi

rm -f "$OUT"/cg.out*
echo "count.sh: running DeskPhone.Cost under callgrind (heap $HEAP B; several minutes)"
NANOCLR_HEAP_SIZE="$HEAP" valgrind --tool=callgrind --callgrind-out-file="$OUT/cg.out" --dump-before='*WriteLineNative*' \
  "$SYM" "${LOAD[@]}" > "$OUT/cost.log" 2> "$OUT/callgrind.log" || true
if grep -q '^cost FAIL' "$OUT/cost.log" || ! grep -q '^cost mark end' "$OUT/cost.log"; then
  grep -v '^HEAPSTATS' "$OUT/cost.log" | tail -5 >&2
  echo "count.sh: the program did not run to its end (log: $OUT/cost.log)" >&2
  exit 1
fi

python3 "$ROOT/tools/InterpCost/report.py" "$OUT" "$HEAP"
