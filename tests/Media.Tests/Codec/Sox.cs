using System;
using System.Diagnostics;
using System.IO;

namespace DeskPhone.Media.Tests.Codec
{
    /// <summary>sox as the independent G.711 implementation: converts raw bytes between encodings through temp files.</summary>
    public static class Sox
    {
        public const string Binary = "/usr/bin/sox";
        public const string Missing = "sox is not installed (apt-get install sox; .ci/run installs it)";

        /// <summary>
        /// Runs sox from raw <paramref name="input"/> in <paramref name="fromFormat"/> to raw <paramref name="toFormat"/>
        /// (both sox format options, e.g. "-e signed -b 16"). -D: sox dithers by default when the output has fewer bits
        /// than the input (16-bit linear to 8-bit G.711), which adds random noise; the comparison needs the plain
        /// conversion.
        /// </summary>
        public static byte[] Convert(byte[] input, string fromFormat, string toFormat)
        {
            Assert.True(File.Exists(Binary), Missing);
            string dir = Path.Combine(Path.GetTempPath(), "deskphone-sox-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                string inFile = Path.Combine(dir, "in.raw");
                string outFile = Path.Combine(dir, "out.raw");
                File.WriteAllBytes(inFile, input);
                var start = new ProcessStartInfo(Binary,
                    "-D -t raw -r 8000 -c 1 " + fromFormat + " " + inFile + " -t raw -r 8000 -c 1 " + toFormat + " " + outFile)
                {
                    RedirectStandardError = true,
                    UseShellExecute = false,
                };
                using Process sox = Process.Start(start);
                string errors = sox.StandardError.ReadToEnd();
                Assert.True(sox.WaitForExit(60_000), "sox did not finish within 60 s");
                Assert.True(sox.ExitCode == 0, "sox failed (" + sox.ExitCode + "): " + errors);
                return File.ReadAllBytes(outFile);
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }
    }
}
