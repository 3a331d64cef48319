using System;

namespace DeskPhone.Media.Audio
{
    /// <summary>
    /// A local three-way conference (docs/media.md, "Conference"): the phone's user and <see cref="Parties"/> remote
    /// parties, each carried by its own call's media session. The sessions read and write the mixer's ports instead of
    /// the audio devices: what a party is sent is the microphone plus what the other party sent last (a saturating
    /// 16-bit add), and the speaker plays both parties' audio. The phone has one microphone and one speaker (the
    /// board's I2S parts are read and written once per 20 ms frame), so one party leads: its session's read takes the
    /// microphone's frame and its write plays the speaker's mix; the other party's read reuses that microphone frame
    /// and its write only keeps its frame for the mix. The first party leads; when it writes nothing for
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
            if (Leads(party) && (!_microphone.Read(_mic) || Muted))
            {
                Array.Clear(_mic, 0, _mic.Length);
            }
            Add(_mic, Heard(1 - party), frame);
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
            if (Leads(party))
            {
                Add(frame, Heard(other), _mix);
                _speaker.Write(_mix);
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

        /// <summary><paramref name="sum"/> = a + b per sample, clipped to the 16-bit range.</summary>
        public static void Add(short[] a, short[] b, short[] sum)
        {
            for (int i = 0; i < AudioFrame.Samples; i++)
            {
                int s = a[i] + b[i];
                sum[i] = (short)(s > short.MaxValue ? short.MaxValue : s < short.MinValue ? short.MinValue : s);
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
