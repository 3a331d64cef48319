using System.Diagnostics;
using System.IO;

namespace DeskPhone.Conformance.Tests
{
    /// <summary>The flashing helper against a stand-in nanoff that records its arguments.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public class FlashScriptTests
    {
        private static readonly string Script = Path.Combine(RepoPaths.Root, "tools", "flash", "flash.sh");

        [Fact]
        public void UpdatesFirmwareThenDeploysTheImage()
        {
            using var sandbox = new Sandbox(withNanoff: true);

            (int code, string output) = sandbox.Run("--board m5core --port " + sandbox.Port + " --image " + sandbox.Image);

            Assert.True(code == 0, output);
            string[] calls = File.ReadAllLines(sandbox.CallLog);
            Assert.Equal(2, calls.Length);
            Assert.Equal("--target M5Core --serialport " + sandbox.Port + " --update", calls[0]);
            Assert.Equal("--target M5Core --serialport " + sandbox.Port + " --deploy --image " + sandbox.Image, calls[1]);
        }

        [Fact]
        public void FailsClearlyWithoutNanoff()
        {
            using var sandbox = new Sandbox(withNanoff: false);

            (int code, string output) = sandbox.Run("--port " + sandbox.Port + " --image " + sandbox.Image);

            Assert.Equal(1, code);
            Assert.Contains("nanoff not found", output);
        }

        [Fact]
        public void FailsClearlyWithoutTheSerialPort()
        {
            using var sandbox = new Sandbox(withNanoff: true);

            (int code, string output) = sandbox.Run("--port /dev/does-not-exist --image " + sandbox.Image);

            Assert.Equal(1, code);
            Assert.Contains("serial port /dev/does-not-exist does not exist", output);
            Assert.False(File.Exists(sandbox.CallLog));
        }

        [Theory]
        [InlineData("", "-p:Wifi=false -p:CallAudio=false", "LAN only; profile m5core")]
        [InlineData(" --wifi", "-p:Wifi=true -p:CallAudio=false", "Wi-Fi; profile m5core")]
        [InlineData(" --audio", "-p:Wifi=false -p:CallAudio=true", "LAN only, call audio; profile m5core-audio")]
        [InlineData(" --wifi --audio", "-p:Wifi=true -p:CallAudio=true", "Wi-Fi, call audio; profile m5core-audio")]
        public void BuildsTheDefaultImageUnlessAVariantIsAsked(string option, string property, string variant)
        {
            using var sandbox = new Sandbox(withNanoff: true);
            sandbox.AddFakeMsbuild();

            (int code, string output) = sandbox.Run("--board m5core --port " + sandbox.Port + " --app-only --dry-run" + option);

            Assert.True(code == 0, output);
            Assert.Contains("building the device application (Release, board m5core, " + variant + ")", output);
            Assert.Contains("msbuild " + Path.Combine(RepoPaths.Root, "DeskPhone.sln") + " -restore -p:Configuration=Release -p:BoardProfile=m5core " + property, output);
        }

        /// <summary>The second board's profile is built into its image (board/Program.cs, BOARD_OLIMEX_POE), for its own firmware target.</summary>
        [Fact]
        public void BuildsTheOlimexProfileIntoTheImageForItsTarget()
        {
            using var sandbox = new Sandbox(withNanoff: true);
            sandbox.AddFakeMsbuild();

            (int code, string output) = sandbox.Run("--board olimex-poe --port " + sandbox.Port + " --dry-run");

            Assert.True(code == 0, output);
            Assert.Contains("building the device application (Release, board olimex-poe, LAN only; profile olimex-poe)", output);
            Assert.Contains("-p:Configuration=Release -p:BoardProfile=olimex-poe -p:Wifi=false -p:CallAudio=false", output);
            Assert.Contains("nanoff --target ESP32_OLIMEX --serialport " + sandbox.Port + " --update", output);
        }

        [Fact]
        public void RefusesCallAudioOnABoardWithoutI2sParts()
        {
            using var sandbox = new Sandbox(withNanoff: true);
            sandbox.AddFakeMsbuild();

            (int code, string output) = sandbox.Run("--board olimex-poe --port " + sandbox.Port + " --audio --dry-run");

            Assert.Equal(2, code);
            Assert.Contains("--audio needs the m5core board", output);
            Assert.DoesNotContain("msbuild", output);
        }

        /// <summary>
        /// An option given without its value is a usage error that names it: at the end of the line the script stopped
        /// with exit 1 and no word (`shift 2` under `set -e`), before another option it took that option as the value.
        /// </summary>
        [Theory]
        [InlineData("--board m5core --dry-run --port", "--port")]
        [InlineData("--port PORT --dry-run --image", "--image")]
        [InlineData("--port --dry-run", "--port")]
        [InlineData("--board --port PORT", "--board")]
        public void AnOptionWithoutItsValueIsAUsageError(string arguments, string option)
        {
            using var sandbox = new Sandbox(withNanoff: true);

            (int code, string output) = sandbox.Run(arguments.Replace("PORT", sandbox.Port));

            Assert.Equal(2, code);
            Assert.StartsWith("flash: " + option + " needs a value\n", output);
            Assert.False(File.Exists(sandbox.CallLog));
        }

        [Fact]
        public void RejectsUnknownBoard()
        {
            using var sandbox = new Sandbox(withNanoff: true);

            (int code, string output) = sandbox.Run("--board toaster --port " + sandbox.Port);

            Assert.Equal(2, code);
            Assert.Contains("unknown board 'toaster'", output);
        }

        private sealed class Sandbox : System.IDisposable
        {
            private readonly string _dir = Directory.CreateTempSubdirectory("flash-test").FullName;

            public Sandbox(bool withNanoff)
            {
                Port = Path.Combine(_dir, "ttyUSB0");
                Image = Path.Combine(_dir, "app.bin");
                CallLog = Path.Combine(_dir, "calls.log");
                File.WriteAllText(Port, "");
                File.WriteAllBytes(Image, new byte[] { 1, 2, 3 });
                Directory.CreateDirectory(Path.Combine(_dir, "bin"));
                if (withNanoff)
                {
                    string fake = Path.Combine(_dir, "bin", "nanoff");
                    File.WriteAllText(fake, "#!/bin/sh\necho \"$*\" >> '" + CallLog + "'\n");
                    File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }

            /// <summary>An msbuild on the PATH (the dry run only prints its command line).</summary>
            public void AddFakeMsbuild()
            {
                string fake = Path.Combine(_dir, "bin", "msbuild");
                File.WriteAllText(fake, "#!/bin/sh\nexit 1\n");
                File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            public string Port { get; }
            public string Image { get; }
            public string CallLog { get; }

            public (int, string) Run(string arguments)
            {
                var start = new ProcessStartInfo("bash", Script + " " + arguments)
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                };
                start.Environment["PATH"] = Path.Combine(_dir, "bin") + ":/usr/bin:/bin";
                using Process process = Process.Start(start);
                string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
                process.WaitForExit();
                return (process.ExitCode, output);
            }

            public void Dispose() => Directory.Delete(_dir, true);
        }
    }
}
