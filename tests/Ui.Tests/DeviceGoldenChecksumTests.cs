using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using DeskPhone.Host.Panel;
using DeskPhone.Ui.Rendering;

namespace DeskPhone.Ui.Tests
{
    /// <summary>
    /// Ties the device test's screen checksums (tests/Device.Tests/RenderingTests.cs, run in the nanoCLR by nf-test) to
    /// the host: the constant written in that file and the checksum of the same model state
    /// (ScreenGoldenTests.RendererScenarios) rendered here must be one number, so the device's drawing cannot drift
    /// from the host's. (The goldens themselves now come through the composition root, so they are not this state.)
    /// </summary>
    public class DeviceGoldenChecksumTests
    {
        private static string RepoRoot() =>
            typeof(DeviceGoldenChecksumTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "RepoRoot").Value;

        /// <summary>The value of "public const uint NAME = 0x...;" in the device test's source.</summary>
        private static uint DeviceConstant(string name)
        {
            string source = File.ReadAllText(Path.Combine(RepoRoot(), "tests", "Device.Tests", "RenderingTests.cs"));
            Match m = Regex.Match(source, @"public const uint " + name + @" = 0x([0-9A-Fa-f]{8});");
            Assert.True(m.Success, name + " not found in tests/Device.Tests/RenderingTests.cs");
            return System.Convert.ToUInt32(m.Groups[1].Value, 16);
        }

        /// <summary>FNV-1a over RGB565 values row by row, low byte first (tests/Device.Tests/Fakes/GlassBandTarget.Fnv1a).</summary>
        private static uint Fnv1a(ushort[] pixels)
        {
            uint h = 2166136261;
            foreach (ushort p in pixels)
            {
                h = (h ^ (uint)(p & 0xFF)) * 16777619;
                h = (h ^ (uint)(p >> 8)) * 16777619;
            }
            return h;
        }

        private static uint HostChecksum(string scenario, DisplayProfile p)
        {
            (SoftwarePanel panel, IdleScreen screen) = ScreenGoldenTests.Screen(p);
            ScreenGoldenTests.RendererScenarios[scenario](screen);
            screen.Render();
            var pixels = new ushort[p.Width * p.Height];
            for (int y = 0; y < p.Height; y++)
            {
                for (int x = 0; x < p.Width; x++)
                {
                    pixels[y * p.Width + x] = panel.Pixel(x, y);
                }
            }
            return Fnv1a(pixels);
        }

        [Theory]
        [InlineData("idle", "IdleChecksum")]
        [InlineData("infobox", "InfoBoxChecksum")]
        public void TheDeviceTestsConstantIsTheHostsChecksum(string scenario, string constant)
        {
            uint host = HostChecksum(scenario, DisplayProfile.Mono128x64);
            Assert.Equal(host.ToString("X8"), DeviceConstant(constant).ToString("X8"));
        }
    }
}
