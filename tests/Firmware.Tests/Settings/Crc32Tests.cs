using System.Text;
using DeskPhone.Domain.Settings;
using Xunit;

namespace DeskPhone.Firmware.Tests.Settings
{
    /// <summary>The settings slots' CRC-32: the IEEE check value, and bit by bit against the polynomial's definition.</summary>
    public class Crc32Tests
    {
        [Fact]
        public void GivesTheStandardCheckValue()
        {
            byte[] data = Encoding.ASCII.GetBytes("123456789");
            Assert.Equal(0xCBF43926u, Compute(data));
        }

        [Fact]
        public void AgreesWithTheBitwiseDefinitionOnEveryByteAndInPieces()
        {
            var data = new byte[1000];
            var random = new System.Random(17);
            random.NextBytes(data);
            for (int i = 0; i < 256; i++)
            {
                data[i] = (byte)i;
            }
            uint expected = Bitwise(data);
            Assert.Equal(expected, Compute(data));
            uint running = SettingsSlot.Crc32Update(SettingsSlot.Crc32Initial, data, 0, 333);
            running = SettingsSlot.Crc32Update(running, data, 333, data.Length - 333);
            Assert.Equal(expected, SettingsSlot.Crc32Final(running));
        }

        private static uint Compute(byte[] data) =>
            SettingsSlot.Crc32Final(SettingsSlot.Crc32Update(SettingsSlot.Crc32Initial, data, 0, data.Length));

        // The reflected polynomial applied one bit at a time (the definition the tables are derived from).
        private static uint Bitwise(byte[] data)
        {
            uint crc = 0xFFFFFFFF;
            foreach (byte b in data)
            {
                crc ^= b;
                for (int k = 0; k < 8; k++)
                {
                    crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
                }
            }
            return crc ^ 0xFFFFFFFF;
        }
    }
}
