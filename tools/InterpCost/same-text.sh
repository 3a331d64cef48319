#!/usr/bin/env bash
# Whether an interpreter built with symbols ($2) runs the same code as the SDK's stripped nanoclr32 ($1): their .text
# sections byte for byte (count.sh and gccost.sh count only that interpreter's instructions). $3: a scratch folder.
set -eu
objcopy -O binary -j .text "$1" "$3/sdk.text"
objcopy -O binary -j .text "$2" "$3/sym.text"
same=0
cmp -s "$3/sdk.text" "$3/sym.text" || same=1
rm -f "$3/sdk.text" "$3/sym.text"
exit "$same"
