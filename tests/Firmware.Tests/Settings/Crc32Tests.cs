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
            Assert.Equal(0xCBF43926u, Crc32.Compute(data, 0, data.Length));
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
            Assert.Equal(expected, Crc32.Compute(data, 0, data.Length));
            uint running = Crc32.Update(Crc32.Initial, data, 0, 333);
            running = Crc32.Update(running, data, 333, data.Length - 333);
            Assert.Equal(expected, Crc32.Final(running));
        }

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
