# Sourced by census.sh, turns.sh and sweep.sh (needs ROOT and SDK set): the census interpreter they share, built once
# from the SDK's sources and patches plus census.patch, and the board scenario's load list (the .pe files run.sh built
# into artifacts/device-boot, with the libraries they reference).
CLR="$ROOT/artifacts/heap-census/nanoclr32.census"

# Builds $CLR unless it is there; $1 names the caller in the message.
census_clr() {
  if [ ! -x "$CLR" ]; then
    echo "$1: building the census interpreter into $CLR (once)"
    mkdir -p "$(dirname "$CLR")"
    "$ROOT/tools/InterpCost/build-nanoclr.sh" "$SDK" "$CLR" "$ROOT/tools/HeapCensus/census.patch"
  fi
}

# The files nanoCLR loads for the board scenario, space-separated; ours relative to ROOT (the caller runs there), as
# run.sh names them: the paths' lengths move the heap's layout, and a census must meet run.sh's collections.
boot_load() {
  python3 -c "import sys; sys.path.insert(0, sys.argv[1]); import nfsdk as N; print(' '.join(N.resolve_load_list(sys.argv[2:])[0]))" \
    "$SDK/bin" artifacts/device-boot/DeskPhone.Boot.pe artifacts/device-boot/DeskPhone.Board.pe
}
