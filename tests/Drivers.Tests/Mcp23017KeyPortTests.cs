using System.Collections.Generic;
using System.Linq;
using DeskPhone.Drivers.Hal;
using DeskPhone.Drivers.Input;

namespace DeskPhone.Drivers.Tests
{
    /// <summary>
    /// The MCP23017 keypad expander driven by its registers (Mcp23017KeyPort) on a fake I2C bus that records every
    /// transaction and behaves as the chip does (BANK = 0 addressing, the address pointer moving on, GPIO reads
    /// reflecting the latches and the pressed keys): the bytes are those the Iot.Device.Mcp23xxx binding sent (its
    /// address is 2 x register + port: IODIR 0, IPOL 1, GPPU 6, GPIO 9, OLAT 10), and a key matrix scans through it.
    /// </summary>
    public class Mcp23017KeyPortTests
    {
        /// <summary>An MCP23017 with a 6 x 6 key matrix: rows on port A (pins 0-5), columns on port B (pins 8-13).</summary>
        private sealed class FakeChip : II2cDevice
        {
            public readonly byte[] Registers = new byte[0x16];
            public readonly List<string> Bus = new List<string>();
            public readonly bool[,] Pressed = new bool[6, 6];

            public FakeChip()
            {
                Registers[0x00] = 0xFF;
                Registers[0x01] = 0xFF;
            }

            public void Write(byte[] data, int offset, int count)
            {
                Bus.Add("W " + Hex(data, offset, count));
                int address = data[offset];
                for (int i = 1; i < count; i++, address++)
                {
                    // A write to GPIO writes the output latch.
                    Registers[address == 0x12 || address == 0x13 ? address + 2 : address] = data[offset + i];
                }
            }

            public void WriteRead(byte[] write, int writeOffset, int writeCount, byte[] read, int readOffset, int readCount)
            {
                Bus.Add("WR " + Hex(write, writeOffset, writeCount) + " >" + readCount);
                int address = write[writeOffset];
                for (int i = 0; i < readCount; i++, address++)
                {
                    read[readOffset + i] = address == 0x13 ? Columns() : Registers[address];
                }
            }

            /// <summary>Port B's pins: pulled up, low where a pressed key joins a column to a row driven low.</summary>
            private byte Columns()
            {
                int value = 0xFF;
                for (int c = 0; c < 6; c++)
                {
                    for (int r = 0; r < 6; r++)
                    {
                        bool rowDrivenLow = (Registers[0x00] & (1 << r)) == 0 && (Registers[0x14] & (1 << r)) == 0;
                        if (Pressed[r, c] && rowDrivenLow && (Registers[0x0D] & (1 << c)) != 0)
                        {
                            value &= ~(1 << c);
                        }
                    }
                }
                return (byte)value;
            }

            private static string Hex(byte[] data, int offset, int count) =>
                string.Join(" ", data.Skip(offset).Take(count).Select(b => b.ToString("X2")));
        }

        private readonly FakeChip _chip = new FakeChip();

        /// <summary>The keypad as board/Drivers/DeviceDrivers builds it: rows 0-5 outputs (high), columns 8-13 inputs.</summary>
        private KeyMatrix Keypad() =>
            new KeyMatrix(new Mcp23017KeyPort(_chip, 6, 6), KeyLayouts.DeskKeypad6x6(), new KeyTiming(), true);

        [Fact]
        public void TheChipIsResetAndTheKeypadConfiguredWithTheBindingsBytes()
        {
            Keypad();
            // The binding's constructor: IODIR A/B all inputs, GPIO (the latches) low, IPOL not inverted, 16 bits each.
            var expected = new List<string> { "W 00 FF FF", "W 12 00 00", "W 02 00 00" };
            int latch = 0, direction = 0xFF, pullUp = 0;
            for (int r = 0; r < 6; r++)
            {
                // WriteByte(OLAT, latch, PortA) then WriteByte(IODIR, direction, PortA): the row high, then an output.
                latch |= 1 << r;
                expected.Add("W 14 " + latch.ToString("X2"));
                direction &= ~(1 << r);
                expected.Add("W 00 " + direction.ToString("X2"));
            }
            for (int c = 0; c < 6; c++)
            {
                // WriteByte(GPPU, pullUp, PortB); port B's IODIR is already all inputs, so it is not written again.
                pullUp |= 1 << c;
                expected.Add("W 0D " + pullUp.ToString("X2"));
            }
            Assert.Equal(expected, _chip.Bus);
        }

        [Fact]
        public void AScanReadsEachRowsColumnsOnceAndFindsThePressedKey()
        {
            KeyMatrix keypad = Keypad();
            var events = new List<string>();
            keypad.KeyEvent += (code, action) => events.Add(KeyCode.Name(code) + ":" + KeyActionNames.Name(action));
            _chip.Bus.Clear();

            keypad.Scan(0);
            // Per row: drive it low, one read of port B for its six columns, drive it high again.
            Assert.Equal(6, _chip.Bus.Count(t => t == "WR 13 >1"));
            Assert.DoesNotContain(_chip.Bus, t => t.StartsWith("WR 12"));

            _chip.Pressed[1, 1] = true; // digit 5, as in KeyMatrixTests
            for (long now = 5; now < 100; now += 5)
            {
                keypad.Scan(now);
            }
            Assert.Equal(new[] { "5:press" }, events);
        }
    }
}
