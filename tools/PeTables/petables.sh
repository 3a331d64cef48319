#!/usr/bin/env bash
# The runtime tables of nanoFramework assemblies from their .pe files (tools/PeTables/petables.py --help).
exec python3 "$(dirname "${BASH_SOURCE[0]}")/petables.py" "$@"
