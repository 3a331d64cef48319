using System;
using DeskPhone.Media.Audio;
using DeskPhone.Media.Codec;
using DeskPhone.Media.Tones;

namespace DeskPhone.Cost
{
    /// <summary>
    /// The voice workloads (docs/benchmarks.md, "Voice"): one 20 ms frame encoded or decoded with G.711 through the
    /// codec interface the RTP side uses, and one frame of a tone generated. They need no phone, so they run before it
    /// is built, with the same markers and N / 2N runs as the requests (count.sh, report.py). The frame is a real
    /// signal (USA ringback, 440 + 480 Hz at -19 dBm0, both signs, several segments); each result is checked.
    /// </summary>
    public static class MediaCost
    {
        private static readonly short[] Frame = new short[AudioFrame.Samples];
        private static readonly short[] Decoded = new short[AudioFrame.Samples];
        private static readonly byte[] Packet = new byte[12 + AudioFrame.Samples];
        private static ToneGenerator s_tone;

        public static void Run(int n)
        {
            s_tone = new ToneGenerator(ToneScheme.ForSetting("USA"), ToneKind.Ringback);
            s_tone.Read(Frame);
            CostRuns.Run(5, n, KindName, Do);

            // Ends the last run's dump: what follows (building the phone) is in no run.
            Console.WriteLine("cost mark prepare phone");
        }

        private static string KindName(int kind)
        {
            switch (kind)
            {
                case 0: return "mulaw-encode";
                case 1: return "mulaw-decode";
                case 2: return "alaw-encode";
                case 3: return "alaw-decode";
                default: return "tone-frame";
            }
        }

        private static void Do(int kind)
        {
            switch (kind)
            {
                case 0: Encode(G711Codec.MuLaw); break;
                case 1: Decode(G711Codec.MuLaw); break;
                case 2: Encode(G711Codec.ALaw); break;
                case 3: Decode(G711Codec.ALaw); break;
                default: Tone(); break;
            }
        }

        /// <summary>The frame into an RTP packet's payload (after the 12-byte header), as the sending side does.</summary>
        private static void Encode(G711Codec codec)
        {
            if (codec.Encode(Frame, Frame.Length, Packet, 12) != AudioFrame.Samples || Packet[12 + 5] == 0)
            {
                Fail(codec.Name + " encode wrote nothing");
            }
        }

        /// <summary>The packet's payload back into a frame, as the receiving side does; each sample within G.711's step.</summary>
        private static void Decode(G711Codec codec)
        {
            int length = codec.Decode(Packet, 12, AudioFrame.Samples, Decoded);
            int error = Decoded[37] - Frame[37];
            if (length != AudioFrame.Samples || error >= 300 || error <= -300)
            {
                // The message is built only here: a string built on every frame would be counted as the codec's cost.
                Fail(codec.Name + " decoded sample 37 is " + Decoded[37].ToString() + ", sent " + Frame[37].ToString());
            }
        }

        /// <summary>The next 20 ms of ringback (the first 2 s sound: the runs stay within them).</summary>
        private static void Tone()
        {
            if (!s_tone.Read(Frame) || Frame[3] == 0)
            {
                Fail("no ringback in the tone frame");
            }
        }

        private static void Fail(string what)
        {
            Console.WriteLine("cost FAIL media: " + what);
            throw new InvalidOperationException(what);
        }
    }
}
