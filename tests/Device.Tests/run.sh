#!/usr/bin/env bash
# Builds tests/Device.Tests (the NFUnitTest project) with the nanoFramework SDK's nf-build, converts every assembly
# to .pe with nf-pe and runs the tests in the nanoCLR interpreter with nf-test. Exits with nf-test's status; the
# last line printed is nf-test's "N passed, N failed".
#
#   tests/Device.Tests/run.sh [SDK]      SDK: the nanoframework-sdk folder (default: $NF_SDK, else
#                                        ../shared/nanoframework-sdk beside the repository root)
#   NF_HEAP=bytes                        managed heap for nf-test (default 262144; 180224 is the smallest that
#                                        passed, 81920 runs out of memory: see docs/device-tests.md)
#
# Without the SDK folder it says so and exits 0 (a machine without the toolchain skips the device tests).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
sdk=${1:-${NF_SDK:-$root/../shared/nanoframework-sdk}}
heap=${NF_HEAP:-262144}
out=$root/artifacts/device-tests

if [ ! -x "$sdk/bin/nf-build" ] || [ ! -x "$sdk/bin/nf-test" ]; then
  echo "device tests: skipped, no nanoFramework SDK at $sdk (pass its path or set NF_SDK)"
  exit 0
fi
sdk=$(cd "$sdk" && pwd)

rm -rf "$out"
mkdir -p "$out"
cd "$root"
echo "== nf-build tests/Device.Tests/NFUnitTest.nfproj (Release) -> artifacts/device-tests"
if ! "$sdk/bin/nf-build" tests/Device.Tests/NFUnitTest.nfproj --config Release --out "$out"; then
  echo "device tests: build failed"
  echo "0 passed, 0 failed"
  exit 1
fi
shopt -s nullglob
assemblies=("$out"/*.dll "$out"/*.exe)
echo "== nf-pe ${#assemblies[@]} assemblies"
if ! "$sdk/bin/nf-pe" "${assemblies[@]}"; then
  echo "device tests: conversion to .pe failed"
  echo "0 passed, 0 failed"
  exit 1
fi
echo "== nf-test --heap $heap artifacts/device-tests/NFUnitTest.pe"
"$sdk/bin/nf-test" --heap "$heap" "$out/NFUnitTest.pe"
exit $?
