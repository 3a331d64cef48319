#!/bin/sh
# Can a loader Exe run the phone's .pe set from flash files with Assembly.Load(byte[])? Builds a ~17 KB library
# (Payload), hands its bytes to Program.cs (Loader) as an array, and runs Loader in the SDK's interpreter with a
# device-sized heap; Loader prints how much heap the load keeps after the caller dropped the array.
# docs/updates.md quotes the output. The projects are written to $OUT, not kept in the repository, so the device
# build gate (tests/Conformance.Tests/DeviceBuild) does not take them for product projects.
set -e
SDK=${SDK:-/work/shared/nanoframework-sdk}
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${OUT:-/tmp/load-probe}
rm -rf "$OUT"
mkdir -p "$OUT/Payload" "$OUT/Loader"
project() { # name, output type, extra references
  cat > "$OUT/$1/$1.nfproj" <<PROJ
<?xml version="1.0" encoding="utf-8"?>
<Project ToolsVersion="15.0" DefaultTargets="Build" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
  <PropertyGroup><OutputType>$2</OutputType><RootNamespace>$1</RootNamespace><AssemblyName>$1</AssemblyName><LangVersion>9.0</LangVersion></PropertyGroup>
  <ItemGroup><Compile Include="**\\*.cs" Exclude="bin\\**;obj\\**" /></ItemGroup>
  <ItemGroup>
    <Reference Include="mscorlib, Version=1.17.11.0, Culture=neutral, PublicKeyToken=c07d481e9758c731"><HintPath>..\\packages\\nanoFramework.CoreLibrary.1.17.11\\lib\\mscorlib.dll</HintPath></Reference>
    $3
  </ItemGroup>
</Project>
PROJ
  cat > "$OUT/$1/packages.config" <<PKG
<?xml version="1.0" encoding="utf-8"?>
<packages>
  <package id="nanoFramework.CoreLibrary" version="1.17.11" targetFramework="netnano1.0" />
  $4
</packages>
PKG
}
project Payload Library "" ""
project Loader Exe \
  '<Reference Include="nanoFramework.Runtime.Native, Version=1.7.11.0, Culture=neutral, PublicKeyToken=c07d481e9758c731"><HintPath>..\packages\nanoFramework.Runtime.Native.1.7.11\lib\nanoFramework.Runtime.Native.dll</HintPath></Reference>' \
  '<package id="nanoFramework.Runtime.Native" version="1.7.11" targetFramework="netnano1.0" />'
python3 - "$OUT/Payload/Greeter.cs" <<'PY'
import sys
cases = "\n".join('                case %d: return "line %03d of a payload that makes the assembly large enough to measure";' % (i, i) for i in range(220))
open(sys.argv[1], "w").write("namespace Payload\n{\n    public static class Greeter\n    {\n        public static string Hello(int n)\n        {\n"
    "            switch (n)\n            {\n" + cases + "\n                default: return \"hello from a loaded assembly\";\n            }\n        }\n    }\n}\n")
PY
"$SDK/bin/nf-build" "$OUT/Payload/Payload.nfproj" --out "$OUT/payload-bin"
"$SDK/bin/nf-pe" "$OUT/payload-bin/Payload.dll"
cp "$HERE/Program.cs" "$OUT/Loader/Program.cs"
python3 - "$OUT/payload-bin/Payload.pe" "$OUT/Loader/PayloadBytes.cs" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
open(sys.argv[2], "w").write(
    "namespace Loader\n{\n    internal static class PayloadBytes\n    {\n"
    "        private static readonly byte[] Image = new byte[] {" + ",".join(str(b) for b in data) + "};\n"
    "        public static int Length => Image.Length;\n"
    "        // A fresh array: the static one belongs to Loader's own image; the copy stands for a .pe read from flash.\n"
    "        public static byte[] Copy() { byte[] b = new byte[Image.Length]; System.Array.Copy(Image, b, b.Length); return b; }\n"
    "    }\n}\n")
PY
"$SDK/bin/nf-build" "$OUT/Loader/Loader.nfproj" --out "$OUT/loader-bin"
"$SDK/bin/nf-pe" "$OUT/loader-bin/Loader.exe"
"$SDK/bin/nf-run" --heap "${HEAP:-81920}" --stats "$OUT/loader-bin/Loader.pe"
