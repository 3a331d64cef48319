using System;
using System.IO;

namespace DeskPhone.Host.Audio
{
    /// <summary>
    /// The WAV files the simulator reads and writes: RIFF/WAVE, PCM 16-bit, mono, 8 kHz (the phone's audio frame,
    /// media/Audio/AudioFrame). Anything else is refused with the reason, not converted (sox converts: see
    /// docs/simulator.md).
    /// </summary>
    public static class Wav
    {
        public const int HeaderBytes = 44;

        /// <summary>The samples of a WAV file; throws <see cref="InvalidDataException"/> naming what is wrong.</summary>
        public static short[] Read(string path)
        {
            byte[] data = File.ReadAllBytes(path);
            if (data.Length < 12 || Text(data, 0) != "RIFF" || Text(data, 8) != "WAVE")
            {
                throw new InvalidDataException(path + " is not a WAV file (no RIFF/WAVE header)");
            }
            int at = 12;
            bool format = false;
            while (at + 8 <= data.Length)
            {
                string id = Text(data, at);
                int size = BitConverter.ToInt32(data, at + 4);
                int body = at + 8;
                if (size < 0 || body + size > data.Length || (id == "data" && size == 0))
                {
                    // A recording whose sizes are not written yet (or cut short) runs to the end of the file.
                    size = data.Length - body;
                }
                if (id == "fmt ")
                {
                    int encoding = BitConverter.ToInt16(data, body);
                    int channels = BitConverter.ToInt16(data, body + 2);
                    int rate = BitConverter.ToInt32(data, body + 4);
                    int bits = BitConverter.ToInt16(data, body + 14);
                    if (encoding != 1 || channels != 1 || rate != 8000 || bits != 16)
                    {
                        throw new InvalidDataException(path + " is " + (encoding == 1 ? "PCM" : "encoding " + encoding) + ", " + channels + " channel(s), " +
                                                       rate + " Hz, " + bits + " bit; the phone takes 16-bit PCM mono at 8000 Hz " +
                                                       "(sox IN.wav -r 8000 -c 1 -b 16 OUT.wav)");
                    }
                    format = true;
                }
                else if (id == "data")
                {
                    if (!format)
                    {
                        throw new InvalidDataException(path + " has its data before its format");
                    }
                    var samples = new short[size / 2];
                    Buffer.BlockCopy(data, body, samples, 0, samples.Length * 2);
                    return samples;
                }
                at = body + size + (size & 1);
            }
            throw new InvalidDataException(path + " has no " + (format ? "data" : "fmt ") + " chunk");
        }

        /// <summary>The 44-byte header of a PCM 16-bit mono 8 kHz file holding <paramref name="samples"/> samples.</summary>
        public static byte[] Header(int samples)
        {
            var h = new byte[HeaderBytes];
            Put(h, 0, "RIFF");
            BitConverter.GetBytes(36 + samples * 2).CopyTo(h, 4);
            Put(h, 8, "WAVE");
            Put(h, 12, "fmt ");
            BitConverter.GetBytes(16).CopyTo(h, 16);
            BitConverter.GetBytes((short)1).CopyTo(h, 20);
            BitConverter.GetBytes((short)1).CopyTo(h, 22);
            BitConverter.GetBytes(8000).CopyTo(h, 24);
            BitConverter.GetBytes(16000).CopyTo(h, 28);
            BitConverter.GetBytes((short)2).CopyTo(h, 32);
            BitConverter.GetBytes((short)16).CopyTo(h, 34);
            Put(h, 36, "data");
            BitConverter.GetBytes(samples * 2).CopyTo(h, 40);
            return h;
        }

        /// <summary>The header of a stream whose length is not known yet: both sizes 0xFFFFFFFF, the data runs to its end.</summary>
        public static byte[] StreamHeader()
        {
            byte[] h = Header(0);
            BitConverter.GetBytes(uint.MaxValue).CopyTo(h, 4);
            BitConverter.GetBytes(uint.MaxValue).CopyTo(h, 40);
            return h;
        }

        /// <summary>Writes a whole file (tests and tools).</summary>
        public static void Write(string path, short[] samples)
        {
            var bytes = new byte[HeaderBytes + samples.Length * 2];
            Header(samples.Length).CopyTo(bytes, 0);
            Buffer.BlockCopy(samples, 0, bytes, HeaderBytes, samples.Length * 2);
            File.WriteAllBytes(path, bytes);
        }

        private static string Text(byte[] data, int at) => System.Text.Encoding.ASCII.GetString(data, at, 4);

        private static void Put(byte[] data, int at, string text) => System.Text.Encoding.ASCII.GetBytes(text).CopyTo(data, at);
    }
}
