using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DeskPhone.Hil.Tests
{
    /// <summary>The simulator as a newcomer starts it: usage errors, a busy port, SIGTERM. Always its own process.</summary>
    public class SimulatorCommandLine
    {
        private sealed class Run : IDisposable
        {
            private readonly StringBuilder _out = new StringBuilder();
            private readonly StringBuilder _err = new StringBuilder();

            public Run(string arguments)
            {
                string dll = Path.Combine(AppContext.BaseDirectory, "deskphone-sim.dll");
                Process = Process.Start(new ProcessStartInfo("dotnet", "\"" + dll + "\" " + arguments)
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                });
                Process.OutputDataReceived += (s, e) => { lock (_out) { _out.AppendLine(e.Data); } };
                Process.ErrorDataReceived += (s, e) => { lock (_err) { _err.AppendLine(e.Data); } };
                Process.BeginOutputReadLine();
                Process.BeginErrorReadLine();
            }

            public Process Process { get; }

            public string Out { get { lock (_out) { return _out.ToString(); } } }

            public string Err { get { lock (_err) { return _err.ToString(); } } }

            public int Exit()
            {
                Assert.True(Process.WaitForExit(30000), "the simulator did not exit; stdout: " + Out + " stderr: " + Err);
                Process.WaitForExit();
                return Process.ExitCode;
            }

            public void Dispose()
            {
                if (!Process.HasExited)
                {
                    Process.Kill();
                }
                Process.Dispose();
            }
        }

        [Fact]
        public void UnknownOptionIsAUsageError()
        {
            using var run = new Run("--frobnicate");
            Assert.Equal(2, run.Exit());
            Assert.Contains("unknown option --frobnicate", run.Err);
        }

        [Theory]
        [InlineData("tone:abc", "--mic tone:FREQ needs a frequency in Hz between 0 and 4000, not abc")]
        [InlineData("tone:5000", "--mic tone:FREQ needs a frequency in Hz between 0 and 4000, not 5000")]
        [InlineData("/nonexistent/mic.wav", "/nonexistent/mic.wav")]
        public void ABadMicrophoneIsAUsageError(string mic, string message)
        {
            using var run = new Run("--mic " + mic + " --sip-port 0 --bench-port 0");
            Assert.Equal(2, run.Exit());
            Assert.Contains(message, run.Err);
        }

        [Theory]
        [InlineData("--state")]
        [InlineData("--record-dir")]
        public void AFolderThatCannotBeMadeIsAUsageErrorNamingTheOption(string option)
        {
            // A folder under a plain file cannot be made, even by root (which /proc-style tests would not show).
            string file = Path.Combine(Path.GetTempPath(), "deskphone-file-" + Guid.NewGuid().ToString("N"));
            File.WriteAllText(file, "not a folder");
            try
            {
                using var run = new Run(option + " " + Path.Combine(file, "sub") + " --sip-port 0 --bench-port 0");
                Assert.Equal(2, run.Exit());
                Assert.StartsWith("deskphone-sim: ", run.Err);
                Assert.Contains(Path.Combine(file, "sub"), run.Err);
                Assert.DoesNotContain("unhandled exception", run.Err);
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Fact]
        public void AWavFileOfAnotherFormatIsRefusedWithTheConversion()
        {
            string file = Path.Combine(Path.GetTempPath(), "deskphone-stereo-" + Guid.NewGuid().ToString("N") + ".wav");
            byte[] wav = DeskPhone.Host.Audio.Wav.Header(4);
            wav[22] = 2;  // two channels
            File.WriteAllBytes(file, wav.Concat(new byte[8]).ToArray());
            try
            {
                using var run = new Run("--mic " + file + " --sip-port 0 --bench-port 0");
                Assert.Equal(2, run.Exit());
                Assert.Contains("2 channel(s)", run.Err);
                Assert.Contains("sox IN.wav -r 8000 -c 1 -b 16 OUT.wav", run.Err);
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Fact]
        public void BusySipPortIsAClearErrorWithExitCode1()
        {
            using var busy = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            int port = ((IPEndPoint)busy.Client.LocalEndPoint).Port;
            using var run = new Run("--sip-port " + port + " --bench-port 0");
            Assert.Equal(1, run.Exit());
            Assert.Contains("cannot listen for SIP on 127.0.0.1 port " + port, run.Err);
            Assert.Contains("--sip-port", run.Err);
        }

        [Fact]
        public void BusyBenchPortIsAClearErrorWithExitCode1NamingPortAndOption()
        {
            var busy = new TcpListener(IPAddress.Loopback, 0);
            busy.Start();
            try
            {
                int port = ((IPEndPoint)busy.LocalEndpoint).Port;
                using var run = new Run("--sip-port 0 --bench-port " + port);
                Assert.Equal(1, run.Exit());
                Assert.Contains("cannot listen for the bench on 127.0.0.1 port " + port, run.Err);
                Assert.Contains("--bench-port", run.Err);
                Assert.DoesNotContain("Exception", run.Err);
            }
            finally
            {
                busy.Stop();
            }
        }

        /// <summary>
        /// A newcomer copies what the banner prints: the export line and the phonectl it names (the binary built beside
        /// the simulator) reach this simulator's screen.
        /// </summary>
        [Fact]
        public void TheBannerNamesAPhonectlAndTheTargetThatWork()
        {
            using var run = new Run("--sip-port 0 --bench-port 0");
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!run.Out.Contains("Ctrl-C stops it") && !run.Process.HasExited && DateTime.UtcNow < deadline)
            {
                System.Threading.Thread.Sleep(50);
            }
            string[] lines = run.Out.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
            string export = lines.Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("export DESKPHONE_TARGET="));
            Assert.True(export != null, run.Out);
            string target = export.Substring("export DESKPHONE_TARGET=".Length);
            Assert.StartsWith("http://127.0.0.1:", target);
            string phonectl = lines.First(l => l.StartsWith("  phonectl: ")).Substring(12).Split(" (")[0];
            Assert.True(File.Exists(phonectl), "the banner names " + phonectl + ", which was not built");

            var start = new ProcessStartInfo(phonectl, "screen") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.Environment["DESKPHONE_TARGET"] = target;
            using Process screen = Process.Start(start);
            string output = screen.StandardOutput.ReadToEnd();
            Assert.True(screen.WaitForExit(30000));
            Assert.Equal(0, screen.ExitCode);
            Assert.Contains("[status]", output);
        }

        [SkippableFact]
        public void SigtermStopsItCleanly()
        {
            Skip.IfNot(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "SIGTERM needs a POSIX system");
            using var run = new Run("--sip-port 0 --bench-port 0");
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!run.Out.Contains("Ctrl-C stops it") && !run.Process.HasExited && DateTime.UtcNow < deadline)
            {
                System.Threading.Thread.Sleep(50);
            }
            Assert.Contains("Ctrl-C stops it", run.Out);

            using (var kill = Process.Start("kill", "-TERM " + run.Process.Id))
            {
                kill.WaitForExit();
            }

            Assert.Equal(0, run.Exit());
            Assert.Contains("DeskPhone simulator stopped", run.Out);
        }
    }
}
