using DeskPhone.Media.Audio;
using DeskPhone.Sip.Session;

namespace DeskPhone.Firmware.Voice
{
    /// <summary>
    /// The phone's local three-way conference (docs/calls.md, "Conference"): two connected calls joined, the held one
    /// resumed, their media mixed by a <see cref="ConferenceMixer"/> (each party hears the user and the other party,
    /// the speaker plays both). <see cref="Hangup"/> ends both calls; when one party hangs up the other stays as an
    /// ordinary call (Snom's rule when a conference member leaves). One conference at a time; the mixer (1.3 KB of
    /// frames) and the pair's state are made when the calls are joined and let go when the conference ends; this object is
    /// made when a conference is first asked for (<see cref="CallVoice.Conference"/>): few calls have one (h-callmedia:
    /// 96 B a call before, 36 then; h-smallcuts: none).
    /// </summary>
    public sealed class Conference
    {
        // Told when the calls are joined or the conference ends, so their sessions move to the mixer or back (a
        // reference, not an event: no delegate kept with the layer); its calls and audio are the conference's too.
        private readonly CallVoice _voice;
        private Joined _joined;

        // What a conference holds while it lasts.
        private sealed class Joined
        {
            internal int First;
            internal int Second;
            internal long StartMs;
            internal ConferenceMixer Mixer;
        }

        internal Conference(CallVoice voice)
        {
            _voice = voice;
        }

        /// <summary>The calls of the conference (the first leads the mix), 0 while there is none.</summary>
        public int First => _joined == null ? 0 : _joined.First;

        public int Second => _joined == null ? 0 : _joined.Second;

        public bool Active => _joined != null;

        /// <summary>When the calls were joined (the conference screen's duration).</summary>
        public long StartMs => _joined == null ? 0 : _joined.StartMs;

        /// <summary>The mixer while the conference lasts, else null.</summary>
        internal ConferenceMixer Mixer => _joined == null ? null : _joined.Mixer;

        /// <summary>
        /// Joins the phone's two connected calls (held ones are resumed: a re-INVITE with sendrecv); null when done, else
        /// why not (a conference already on, not two connected calls, more than two live calls, a resume that cannot start).
        /// </summary>
        public string Join(long nowMs)
        {
            SipCall first;
            SipCall second;
            string error = Pair(_voice, out first, out second);
            if (error != null)
            {
                return error;
            }
            CallSessions calls = _voice.Calls;
            if ((first.Held && !calls.Hold(first, false, nowMs)) || (second.Held && !calls.Hold(second, false, nowMs)))
            {
                return "the held call cannot be resumed now (an offer is pending)";
            }
            // The older call leads the mix: it is the one whose microphone and speaker the phone used.
            ICallAudio audio = _voice.Audio;
            _joined = new Joined
            {
                Mixer = new ConferenceMixer(audio.Source(first.Id), audio.Sink(first.Id)),
                First = first.Id,
                Second = second.Id,
                StartMs = nowMs
            };
            Raise(first.Id, second.Id);
            return null;
        }

        /// <summary>
        /// Two connected calls and no other live call, no conference on: <see cref="Join"/> would join them (the Conf
        /// softkey shows). Of the voice, not of a conference: the call screen asks it of every call, which makes none.
        /// </summary>
        public static bool CanJoin(CallVoice voice)
        {
            SipCall first;
            SipCall second;
            return Pair(voice, out first, out second) == null;
        }

        /// <summary>The two connected calls to join (the older first), or why there are none.</summary>
        private static string Pair(CallVoice voice, out SipCall first, out SipCall second)
        {
            first = null;
            second = null;
            if (voice.Joined != null)
            {
                return "a conference is already on";
            }
            CallSessions calls = voice.Calls;
            for (int i = 0; i < CallSessions.MaxCalls; i++)
            {
                SipCall c = calls.Slot(i);
                if (c == null)
                {
                    continue;
                }
                if (c.State != SipCall.Connected || second != null)
                {
                    return "a conference joins two connected calls, and no other call may be live";
                }
                if (first == null || c.Id < first.Id)
                {
                    second = first;
                    first = c;
                }
                else
                {
                    second = c;
                }
            }
            return second == null ? "a conference needs two connected calls" : null;
        }

        /// <summary>Ends both calls (BYE each); false when there is no conference.</summary>
        public bool Hangup(long nowMs)
        {
            if (!Active)
            {
                return false;
            }
            CallSessions calls = _voice.Calls;
            SipCall first = calls.Find(First);
            SipCall second = calls.Find(Second);
            End();
            calls.Hangup(first, 486, nowMs);
            calls.Hangup(second, 486, nowMs);
            return true;
        }

        /// <summary>The mixer's port for a call of the conference (party 0 or 1), or null when the call is no member.</summary>
        internal IAudioSource Source(int callId)
        {
            Joined j = _joined;
            return j != null && (callId == j.First || callId == j.Second) ? j.Mixer.Source(callId == j.First ? 0 : 1) : null;
        }

        internal IAudioSink Sink(int callId)
        {
            Joined j = _joined;
            return j != null && (callId == j.First || callId == j.Second) ? j.Mixer.Sink(callId == j.First ? 0 : 1) : null;
        }

        /// <summary>A call ended: a member leaving ends the conference, the other call goes on alone.</summary>
        internal void Ended(int callId)
        {
            if (Active && (callId == First || callId == Second))
            {
                End();
            }
        }

        private void End()
        {
            int first = First;
            int second = Second;
            _joined = null;
            Raise(first, second);
        }

        private void Raise(int first, int second) => _voice.ConferenceChanged(first, second);
    }
}
