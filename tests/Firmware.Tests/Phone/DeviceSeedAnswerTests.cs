using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using DeskPhone.Firmware.App;
using DeskPhone.Host.Sim;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Firmware.Tests.Phone
{
    /// <summary>
    /// Ties tests/Device.Tests/SeedMessage.cs (run in the nanoCLR by nf-test) to the host: its Seed is
    /// tools/ParseCount/message484.sip byte for byte, and its ExpectedAnswer is what the phone answers here, wired as
    /// tests/Benchmarks/UserAgentBenchmarks wires it (PhoneApp). So the device test compares with the host's bytes, which
    /// cannot change without that file changing too.
    /// </summary>
    public class DeviceSeedAnswerTests
    {
        private sealed class Sink : ISipTransport
        {
            public byte[] Last;
            public string Name => "UDP";
            public int LocalPort => 5060;

            public bool Send(byte[] data, int length, string host, int port, object connection)
            {
                Last = data.Take(length).ToArray();
                return true;
            }
        }

        private static string RepoRoot() =>
            typeof(DeviceSeedAnswerTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "RepoRoot").Value;

        /// <summary>The value of "public const string NAME = "..." + "...";" in the device test's source.</summary>
        private static string DeviceConstant(string name)
        {
            string source = File.ReadAllText(Path.Combine(RepoRoot(), "tests", "Device.Tests", "SeedMessage.cs"));
            int start = source.IndexOf("public const string " + name + " =", StringComparison.Ordinal);
            Assert.True(start >= 0, name + " not found in tests/Device.Tests/SeedMessage.cs");
            int end = source.IndexOf("\";", start, StringComparison.Ordinal) + 1; // the literal that ends the statement
            var sb = new StringBuilder();
            foreach (Match m in Regex.Matches(source.Substring(start, end - start), "\"((?:[^\"\\\\]|\\\\.)*)\""))
            {
                sb.Append(Regex.Unescape(m.Groups[1].Value));
            }
            return sb.ToString();
        }

        [Fact]
        public void TheDeviceTestsSeedIsTheMeasuredMessage()
        {
            byte[] file = File.ReadAllBytes(Path.Combine(RepoRoot(), "tools", "ParseCount", "message484.sip"));
            Assert.Equal(484, file.Length);
            Assert.Equal(Encoding.ASCII.GetString(file), DeviceConstant("Seed"));
        }

        [Fact]
        public void TheDeviceTestsExpectedAnswerIsTheHostsAnswer()
        {
            var settings = SimulatedPhone.DefaultSettings(null, "486", null);
            var inbox = new SipInbox(2, 2048);
            var sink = new Sink();
            var app = new PhoneApp(new PhoneParts(settings, inbox, sink) { LocalHost = "192.0.2.10" });

            byte[] seed = Encoding.ASCII.GetBytes(DeviceConstant("Seed"));
            SipPacket p = inbox.Rent();
            Array.Copy(seed, p.Data, seed.Length);
            p.Length = seed.Length;
            p.RemoteHost = "192.0.2.1";
            p.RemotePort = 5060;
            p.Transport = sink;
            inbox.Post(p);
            app.Agent.Poll(1001);

            Assert.NotNull(sink.Last);
            Assert.Equal(DeviceConstant("ExpectedAnswer"), Encoding.UTF8.GetString(sink.Last));
            Assert.Equal(new string('x', 112), app.Core.Desktop.Text);
        }
    }
}
