#!/usr/bin/env bash
# Interpreter cost of the idle screen's bands as the board draws them (BandedPanel in front of Rgb565BandTarget, no
# nanoFramework.Graphics; docs/benchmarks.md, "The panel without nanoFramework.Graphics"): builds tools/BandCost with no
# redraw, with FULL full-screen redraws and with LINE one-line redraws, runs each under callgrind in the SDK's nanoclr32
# and prints the x86 instructions (Ir) per redraw.
#   tools/BandCost/count.sh            # band of 4 rows; BAND_ROWS=N for another
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SDK="${NF_SDK:-$ROOT/../shared/nanoframework-sdk}"
OUT="$ROOT/artifacts/band-cost"
ROWS="${BAND_ROWS:-4}"
FULL=10
LINE=40
rm -rf "$OUT"
mkdir -p "$OUT/src"
cd "$ROOT"
# A copy whose Runs.cs each run rewrites, so the tracked one stays as it is.
cp tools/BandCost/*.cs tools/BandCost/*.nfproj tools/BandCost/*.resx tools/BandCost/packages.config "$OUT/src/"
# The copy's paths into the repository (the drivers project, which holds ui/ on the device; the font resource) made absolute.
sed -i 's|Include="\.\.\\\.\.\\drivers\\|Include="'"$ROOT"'/drivers/|' "$OUT/src/BandCost.nfproj"
sed -i 's|<value>\.\.\\\.\.\\board\\Display\\Resources\\|<value>'"$ROOT"'/board/Display/Resources/|' "$OUT/src/Fonts.resx"
ir() {
  sed -i -e "s/BandRows = [0-9]*/BandRows = $ROWS/" -e "s/Full = [0-9]*/Full = $1/" -e "s/Line = [0-9]*/Line = $2/" "$OUT/src/Runs.cs"
  rm -rf "$OUT/build"
  "$SDK/bin/nf-build" "$OUT/src/BandCost.nfproj" --config Release --out "$OUT/build" >/dev/null
  "$SDK/bin/nf-pe" "$OUT"/build/*.exe "$OUT"/build/*.dll >/dev/null
  NANOCLR_HEAP_SIZE=200000 valgrind --tool=callgrind --callgrind-out-file="$OUT/cg.$1.$2" \
    "$SDK/nanoclr/nanoclr32" "$SDK"/ref/mscorlib.pe "$SDK"/ref/nanoFramework.System.Text.pe \
    "$SDK"/ref/nanoFramework.ResourceManager.pe \
    "$SDK"/ref/nanoFramework.Runtime.Native.pe \
    "$SDK"/ref/System.Net.pe "$SDK"/ref/System.Threading.pe "$SDK"/ref/System.IO.Streams.pe \
    "$SDK"/ref/nanoFramework.Runtime.Events.pe "$OUT"/build/*.pe > "$OUT/run.$1.$2.log" 2>&1
  grep -q '^bandcost done' "$OUT/run.$1.$2.log" || { echo "count.sh: run $1/$2 did not finish ($OUT/run.$1.$2.log)" >&2; exit 1; }
  grep '^summary:' "$OUT/cg.$1.$2" | awk '{print $2}'
}
base=$(ir 0 0)
full=$(ir $FULL 0)
line=$(ir 0 $LINE)
echo "band of $ROWS rows ($((320 * ROWS * 2)) B): full redraw $(( (full - base) / FULL )) Ir, one line $(( (line - base) / LINE )) Ir (base $base)"
