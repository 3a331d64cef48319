using System.Text;
using DeskPhone.Drivers.Display;
using DeskPhone.Drivers.Hal;
using nanoFramework.TestFramework;

namespace NFUnitTest
{
    /// <summary>
    /// The panel's set-up bytes as nanoCLR reads them from their literal (drivers/Display/Ili9342Panel.InitSequence:
    /// control characters and two-byte UTF-8 characters, each a byte plus 1): the bus gets every command and parameter
    /// the host test checks, in order.
    /// </summary>
    [TestClass]
    public class PanelInitTests
    {
        private sealed class Bus : ISpiBus, IDigitalOutput, IClock
        {
            public readonly StringBuilder Log = new StringBuilder();
            private bool _data;

            public void Write(byte[] data, int offset, int count)
            {
                Log.Append(_data ? "D" : "C");
                for (int i = 0; i < count; i++)
                {
                    Log.Append(' ').Append(data[offset + i].ToString("X2"));
                }
                Log.Append('\n');
            }

            public void Write(bool high) => _data = high;

            public long NowMs => 0;

            public void Delay(int milliseconds)
            {
            }
        }

        [TestMethod]
        public void TheSetUpSequenceReachesTheBusAsWritten()
        {
            var bus = new Bus();
            new Ili9342Panel(bus, bus, null, bus).Initialize(0, true);
            string log = bus.Log.ToString();
            const string expected =
                "C 01\nC C8\nD FF 93 42\nC C0\nD 12 12\nC C1\nD 03\nC C5\nD F2\nC B0\nD E0\nC F6\nD 01 00 00\nC 3A\nD 55\n" +
                "C E0\nD 00 0C 11 04 11 08 37 89 4C 06 0C 0A 2E 34 0F\nC E1\nD 00 0B 11 05 13 09 33 67 48 07 0E 0B 2E 33 0F\n" +
                "C B6\nD 08 82 1D 04\nC 36\nD 08\n";
            Assert.IsTrue(log.Length >= expected.Length && log.Substring(0, expected.Length) == expected, log);
        }
    }
}
