using DeskPhone.Drivers.Audio;
using DeskPhone.Media.Audio;
using DeskPhone.Media.Codec;
using DeskPhone.Media.Dtmf;
using DeskPhone.Media.Tones;
using nanoFramework.TestFramework;

namespace NFUnitTest
{
    /// <summary>
    /// The voice code in the real interpreter: G.711 known values (ITU-T G.711 tables, sox's rounding), every linear
    /// value and every code against the host's checksums (MediaGolden), the tones' samples, and the RFC 4733 packets of
    /// a key press byte for byte.
    /// </summary>
    [TestClass]
    public class MediaTests
    {
        [TestMethod]
        public void G711KnownValues()
        {
            short[] samples = { 0, -1, -3, 32767, -32768, 1000, -1000 };
            byte[] mu = { 0xFF, 0xFF, 0x7E, 0x80, 0x00, 0xCE, 0x4E };
            byte[] a = { 0xD5, 0xD5, 0xD5, 0xAA, 0x2A, 0xFA, 0x7A };
            var codes = new byte[samples.Length];
            G711.EncodeMuLaw(samples, 0, codes, 0, samples.Length);
            for (int i = 0; i < samples.Length; i++)
            {
                Assert.AreEqual(mu[i], codes[i], "mu-law of " + samples[i].ToString());
            }

            G711.EncodeALaw(samples, 0, codes, 0, samples.Length);
            for (int i = 0; i < samples.Length; i++)
            {
                Assert.AreEqual(a[i], codes[i], "A-law of " + samples[i].ToString());
            }

            var decoded = new short[2];
            G711.DecodeMuLaw(new byte[] { 0x80, 0xCE }, 0, decoded, 0, 2);
            Assert.AreEqual((short)32124, decoded[0]);
            Assert.AreEqual((short)988, decoded[1]);
            G711.DecodeALaw(new byte[] { 0xAA, 0x55 }, 0, decoded, 0, 2);
            Assert.AreEqual((short)32256, decoded[0]);
            Assert.AreEqual((short)-8, decoded[1]);
        }

        [TestMethod]
        public void BuiltInTonesReadTheirStepsFromStringConstants()
        {
            // The steps are chars of string constants (value + 1, no 0 char): the metadata processor and nanoCLR's
            // UTF-8 strings must give them back as written, control characters and 3-byte chars included.
            int[] ring = Tones.Ring.Steps;
            int[] expected = { 1000, 50, 1250, 50, 1000, 50, 1250, 50, 1000, 50, 1250, 50, 1000, 50, 1250, 50, 1000, 50, 1250, 50, 0, 3000 };
            Assert.AreEqual(expected.Length, ring.Length, "ring steps");
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], ring[i], "ring step " + i.ToString());
            }
            Assert.AreEqual(11, Tones.Ring.StepCount);
            Assert.AreEqual(3500, Tones.Ring.CycleMs);
            Assert.AreEqual(4000, Tones.KeyClick.Hertz(0));
            Assert.AreEqual(8, Tones.KeyClick.Milliseconds(0));
            Assert.AreEqual(0, Tones.StatusIndication.Hertz(1));
            Assert.AreEqual(80, Tones.StatusIndication.Milliseconds(1));
            Assert.AreEqual(9800, Tones.CallWaiting.Milliseconds(1));
            Assert.AreEqual(440, new TonePattern("x", new[] { 440, 200 }, false, 1).Hertz(0));
        }

        [TestMethod]
        public void G711EveryValueAsOnTheHost()
        {
            Assert.AreEqual(MediaGolden.MuLawEncoded, MediaGolden.Encoded(true), "mu-law encode of all 65,536 values");
            Assert.AreEqual(MediaGolden.ALawEncoded, MediaGolden.Encoded(false), "A-law encode of all 65,536 values");
            Assert.AreEqual(MediaGolden.MuLawDecoded, MediaGolden.Decoded(true), "mu-law decode of all 256 codes");
            Assert.AreEqual(MediaGolden.ALawDecoded, MediaGolden.Decoded(false), "A-law decode of all 256 codes");
        }

        [TestMethod]
        public void G711CodecByPayloadTypeWritesAtTheOffset()
        {
            var frame = new short[AudioFrame.Samples];
            frame[0] = 1000;
            var packet = new byte[12 + AudioFrame.Samples];
            Assert.AreEqual(160, G711Codec.ForPayloadType(8).Encode(frame, frame.Length, packet, 12));
            Assert.AreEqual((byte)0xFA, packet[12]);
            Assert.AreEqual((byte)0xD5, packet[13]);
            Assert.AreEqual((byte)0, packet[11]);
            Assert.IsNull(G711Codec.ForPayloadType(3));
        }

        [TestMethod]
        public void TonesAsOnTheHost()
        {
            Assert.AreEqual(MediaGolden.Tones, MediaGolden.AllTones(), "200 ms of every tone of every scheme");
        }

        [TestMethod]
        public void BusyToneCadenceGer()
        {
            // 425 Hz for 480 ms, 480 ms silence: frames 0-23 sound, 24-47 are silent, 48 sounds again.
            var busy = new ToneGenerator(ToneScheme.ForSetting("ger"), ToneKind.Busy);
            var frame = new short[AudioFrame.Samples];
            for (int f = 0; f < 49; f++)
            {
                busy.Read(frame);
                bool silent = true;
                for (int i = 0; i < frame.Length; i++)
                {
                    silent &= frame[i] == 0;
                }

                Assert.AreEqual(f >= 24 && f < 48, silent, "frame " + f.ToString());
            }
        }

        [TestMethod]
        public void DtmfKeyPressPacketsByteForByte()
        {
            var sender = new DtmfSender(10);
            sender.Press(TelephoneEvent.FromKey('#'));
            sender.Release();
            var payload = new byte[4];
            var receiver = new DtmfReceiver();
            int reported = 0;
            for (int p = 0; p < 8; p++)
            {
                uint now = 0xFFFFFFA0 + (uint)(p * 160); // wraps past 2^32 during the press
                Assert.IsTrue(sender.Next(now, payload, 0));
                Assert.AreEqual(p == 0, sender.Marker);
                Assert.AreEqual(0xFFFFFFA0, sender.Timestamp);
                int duration = p < 5 ? (p + 1) * 160 : 800;
                Assert.AreEqual((byte)11, payload[0]);
                Assert.AreEqual((byte)(p < 5 ? 0x0A : 0x8A), payload[1]);
                Assert.AreEqual((byte)(duration >> 8), payload[2]);
                Assert.AreEqual((byte)duration, payload[3]);
                if (receiver.Receive(payload, 0, 4, sender.Timestamp) == 11)
                {
                    reported++;
                }
            }

            Assert.IsFalse(sender.Next(0x520, payload, 0));
            Assert.AreEqual(1, reported);
        }
    }
}
