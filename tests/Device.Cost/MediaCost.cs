using System;
using DeskPhone.Media.Audio;
using DeskPhone.Media.Codec;
using DeskPhone.Media.Rtp;
using DeskPhone.Media.Tones;

namespace DeskPhone.Cost
{
    /// <summary>
    /// The voice workloads (docs/benchmarks.md, "Voice"): one 20 ms frame encoded or decoded with G.711 through the
    /// codec interface the RTP side uses, and one frame of a tone generated. They need no phone, so they run before it
    /// is built, with the same markers and N / 2N runs as the requests (count.sh, report.py). The frame is a real
    /// signal (USA ringback, 440 + 480 Hz at -19 dBm0, both signs, several segments); each result is checked.
    /// The call workloads run one 20 ms turn of a <see cref="MediaSession"/> (PCMU, the clock advanced 20 ms a turn):
    /// "rtp-send" with nothing arriving (microphone frame encoded and sent as RTP, a frame of silence played),
    /// "rtp-both" with one packet of the other side arriving each turn (also: RTP read, jitter buffer, decoded and
    /// played); receiving alone is their difference. RTCP goes out every 250 turns, as in a call. "conference" runs one
    /// 20 ms turn of a local conference: two sessions, each with a packet arriving, through a <see cref="ConferenceMixer"/>
    /// (each party sent the microphone and the other party, the speaker both).
    /// </summary>
    public static class MediaCost
    {
        private static readonly short[] Frame = new short[AudioFrame.Samples];
        private static readonly short[] Decoded = new short[AudioFrame.Samples];
        private static readonly byte[] Packet = new byte[12 + AudioFrame.Samples];
        private static ToneGenerator s_tone;
        private static MediaSession s_session;
        private static LoopRtpChannel s_rtp;
        private static long s_now;
        private static MediaSession s_other;
        private static LoopRtpChannel s_otherRtp;

        public static void Run(int n)
        {
            s_tone = new ToneGenerator(ToneScheme.ForSetting("USA"), ToneKind.Ringback);
            s_tone.Read(Frame);
            StartCall();
            CostRuns.Run(7, n, KindName, Do);
            StartConference();
            CostRuns.Run(1, n, kind => "conference", kind => Conference());

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
                case 4: return "tone-frame";
                case 5: return "rtp-send";
                default: return "rtp-both";
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
                case 4: Tone(); break;
                default: Turn(kind == 6); break;
            }
        }

        /// <summary>A call's session on loop channels: the microphone is the ringback frame, the speaker counts frames.</summary>
        private static void StartCall()
        {
            var packet = new byte[12 + AudioFrame.Samples];
            packet[0] = 0x80;
            packet[8] = 0x11;
            G711Codec.MuLaw.Encode(Frame, Frame.Length, packet, 12);
            s_rtp = new LoopRtpChannel(packet);
            s_session = new MediaSession(s_rtp, new LoopRtpChannel(null));
            var audio = new CostAudio();
            if (!s_session.Start(1, "192.0.2.20", 4000, 10000, G711Codec.MuLaw, 101, audio, audio, new Random(7)))
            {
                Fail("the session did not start");
            }
            s_now = 1000;
            s_session.Poll(s_now);
        }

        /// <summary>The call's session and a second one joined in a conference: both play and send through the mixer.</summary>
        private static void StartConference()
        {
            var packet = new byte[12 + AudioFrame.Samples];
            packet[0] = 0x80;
            packet[8] = 0x22;
            G711Codec.MuLaw.Encode(Frame, Frame.Length, packet, 12);
            s_otherRtp = new LoopRtpChannel(packet);
            s_other = new MediaSession(s_otherRtp, new LoopRtpChannel(null));
            var audio = new CostAudio();
            var mixer = new ConferenceMixer(audio, audio);
            if (!s_other.Start(2, "192.0.2.21", 4002, 10002, G711Codec.MuLaw, 101, mixer.Source(1), mixer.Sink(1), new Random(8)))
            {
                Fail("the second session did not start");
            }
            s_session.Connect(mixer.Source(0), mixer.Sink(0));
            s_rtp.Arriving = true;
            s_otherRtp.Arriving = true;
            s_other.Poll(s_now);
        }

        /// <summary>One 20 ms turn of both conference sessions, a packet arriving on each; each must send one and play one.</summary>
        private static void Conference()
        {
            int sent = s_rtp.Sent + s_otherRtp.Sent;
            int played = s_session.Played + s_other.Played;
            s_rtp.Next();
            s_otherRtp.Next();
            s_now += AudioFrame.Milliseconds;
            s_session.Poll(s_now);
            s_other.Poll(s_now);
            if (s_rtp.Sent + s_otherRtp.Sent != sent + 2)
            {
                Fail("the conference turn sent " + (s_rtp.Sent + s_otherRtp.Sent - sent).ToString() + " packets");
            }
            if (s_session.Played + s_other.Played < played + 2 && s_other.Stream.Received > 8)
            {
                Fail("the conference turn did not play both parties");
            }
        }

        /// <summary>One 20 ms turn of the session, with or without a packet of the other side; what it sent and played is checked.</summary>
        private static void Turn(bool receive)
        {
            int sent = s_rtp.Sent;
            int played = s_session.Played;
            s_rtp.Arriving = receive;
            s_rtp.Next();
            s_now += AudioFrame.Milliseconds;
            s_session.Poll(s_now);
            if (s_rtp.Sent != sent + 1 || s_rtp.SentBytes != 12 + AudioFrame.Samples)
            {
                Fail("the turn sent " + (s_rtp.Sent - sent).ToString() + " packets");
            }
            if (receive && s_session.Played == played && s_session.Stream.Received > 8)
            {
                Fail("the turn played no received frame");
            }
        }

        /// <summary>The call's microphone (the ringback frame) and speaker (the frame is dropped, as a sink's copy is not the media's cost).</summary>
        private sealed class CostAudio : IAudioSource, IAudioSink
        {
            public bool Read(short[] frame)
            {
                Array.Copy(Frame, frame, frame.Length);
                return true;
            }

            public void Write(short[] frame)
            {
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
