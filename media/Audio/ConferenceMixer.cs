using System;

namespace DeskPhone.Media.Audio
{
    /// <summary>
    /// A local three-way conference (docs/media.md, "Conference"): the phone's user and <see cref="Parties"/> remote
    /// parties, each carried by its own call's media session. The sessions read and write the mixer's ports instead of
    /// the audio devices: what a party is sent is the microphone plus what the other party sent last (a saturating
    /// 16-bit add), and the speaker plays both parties' audio. The phone has one microphone and one speaker (the
    /// board's I2S parts are read and written once per 20 ms frame), so one party leads: its session's read takes the
    /// microphone's frame and makes all three sums in one pass over the samples (what each party is sent and the
    /// speaker's mix, from the parties' last written frames), then plays the mix; the other party's read takes its
    /// sum as made there, and a write only keeps the party's frame for the next sums. So a party's audio reaches the
    /// other party and the speaker at the leader's next read, at most one 20 ms frame later than a sum made at each
    /// port would (one pass instead of three: the interpreter pays per loaded sample and loop turn, docs/benchmarks.md
    /// "A conference of two calls per 20 ms"). The first party leads; when it writes nothing for
    /// <see cref="StaleFrames"/> frames (its call held, its media stopped), the other takes over and the silent party's
    /// last frame is dropped from the mixes, so a stopped stream is not repeated. Every buffer is made in the
    /// constructor: nothing is allocated per frame.
    /// </summary>
    public sealed class ConferenceMixer
    {
        /// <summary>The remote parties of a conference: the phone mixes two calls, no more.</summary>
        public const int Parties = 2;

        /// <summary>
        /// Frames a party may write nothing before it counts as gone from the mix: more than a session's catch-up
        /// (<see cref="Rtp.MediaSession.MaxCatchUpFrames"/>, 5), since after a late loop turn the first party's session
        /// plays its owed frames before the second's plays its own, and the second is not gone meanwhile.
        /// </summary>
        public const int StaleFrames = Rtp.MediaSession.MaxCatchUpFrames + 1;

        private readonly IAudioSource _microphone;
        private readonly IAudioSink _speaker;
        private readonly short[] _mic = new short[AudioFrame.Samples];
        private readonly short[] _mix = new short[AudioFrame.Samples];
        // What the party that does not lead is sent, made at the leader's read (the leader's own goes straight into
        // its session's frame).
        private readonly short[] _follower = new short[AudioFrame.Samples];
        private readonly short[][] _heard = { new short[AudioFrame.Samples], new short[AudioFrame.Samples] };
        // Frames since each party last wrote (counted at the other party's writes).
        private readonly int[] _age = new int[Parties];
        private readonly Port[] _ports;

        /// <param name="microphone">The phone's microphone (read once per frame, by the leading party's session).</param>
        /// <param name="speaker">The phone's speaker (written once per frame with both parties' audio).</param>
        public ConferenceMixer(IAudioSource microphone, IAudioSink speaker)
        {
            _microphone = microphone;
            _speaker = speaker;
            _ports = new[] { new Port(this, 0), new Port(this, 1) };
        }

        /// <summary>Sends silence instead of the microphone to both parties (the mute key); they still hear each other.</summary>
        public bool Muted { get; set; }

        /// <summary>What party 0 or 1's session sends: the microphone with the other party mixed in.</summary>
        public IAudioSource Source(int party) => _ports[party];

        /// <summary>Where party 0 or 1's session plays what it received.</summary>
        public IAudioSink Sink(int party) => _ports[party];

        private bool Leads(int party) => party == 0 || _age[0] > StaleFrames;

        private bool Read(int party, short[] frame)
        {
            if (Leads(party))
            {
                if (!_microphone.Read(_mic) || Muted)
                {
                    Array.Clear(_mic, 0, _mic.Length);
                }
                Mix(_mic, Heard(0), Heard(1), party == 0 ? frame : _follower, party == 0 ? _follower : frame, _mix);
                _speaker.Write(_mix);
                return true;
            }
            Array.Copy(_follower, frame, AudioFrame.Samples);
            return true;
        }

        private void Write(int party, short[] frame)
        {
            Array.Copy(frame, _heard[party], AudioFrame.Samples);
            _age[party] = 0;
            int other = 1 - party;
            if (_age[other] <= StaleFrames)
            {
                _age[other]++;
            }
        }

        // A party's last frame, or silence once it has written nothing for StaleFrames frames.
        private short[] Heard(int party)
        {
            short[] heard = _heard[party];
            if (_age[party] > StaleFrames)
            {
                Array.Clear(heard, 0, heard.Length);
            }
            return heard;
        }

        /// <summary>
        /// The three sums of a frame in one pass, each clipped to the 16-bit range: party 0 is sent the microphone
        /// and party 1, party 1 the microphone and party 0, the speaker plays both parties. The clip costs one
        /// compare for a sum that fits (its 16-bit cast is itself), which is almost every sample.
        /// </summary>
        public static void Mix(short[] mic, short[] heard0, short[] heard1, short[] send0, short[] send1, short[] speaker)
        {
            for (int i = 0; i < AudioFrame.Samples; i++)
            {
                int m = mic[i];
                int a = heard0[i];
                int b = heard1[i];
                int s = m + b;
                short c = (short)s;
                send0[i] = c == s ? c : s > 0 ? short.MaxValue : short.MinValue;
                s = m + a;
                c = (short)s;
                send1[i] = c == s ? c : s > 0 ? short.MaxValue : short.MinValue;
                s = a + b;
                c = (short)s;
                speaker[i] = c == s ? c : s > 0 ? short.MaxValue : short.MinValue;
            }
        }

        // One party's side of the mixer, as its session sees it.
        private sealed class Port : IAudioSource, IAudioSink
        {
            private readonly ConferenceMixer _mixer;
            private readonly int _party;

            public Port(ConferenceMixer mixer, int party)
            {
                _mixer = mixer;
                _party = party;
            }

            public bool Read(short[] frame) => _mixer.Read(_party, frame);

            public void Write(short[] frame) => _mixer.Write(_party, frame);
        }
    }
}
