using DeskPhone.Domain.Signals;

namespace DeskPhone.Domain.MessageWaiting
{
    /// <summary>
    /// Message-waiting state of every identity, from message-summary NOTIFYs (subscribed or unsolicited), folded into
    /// what the status messages need: the current identity's voice and text messages, and any identity's.
    /// </summary>
    public sealed class MailboxCounts
    {
        public const int MaxIdentities = DeskPhone.Sip.UserAgent.SipUserAgent.MaxIdentities;

        // Made by the first summary that reports anything (MakeTables): until then every count is 0, and a phone whose
        // mailboxes stay empty keeps no per-identity arrays.
        private int[] _voiceNew;
        private int[] _voiceOld;
        private int[] _textNew;
        private bool[] _waiting;

        public event SignalHandler Changed;

        /// <summary>The identity the idle screen shows (1..12).</summary>
        public int CurrentIdentity = 1;

        public int VoiceNew(int identity) => Valid(identity) ? _voiceNew[identity] : 0;
        public int VoiceOld(int identity) => Valid(identity) ? _voiceOld[identity] : 0;
        public int TextNew(int identity) => Valid(identity) ? _textNew[identity] : 0;

        public bool CurrentIdentityHasVoiceMessages => HasVoice(CurrentIdentity);
        public bool CurrentIdentityHasTextMessages => Valid(CurrentIdentity) && _textNew[CurrentIdentity] > 0;

        public bool PhoneHasVoiceMessages
        {
            get
            {
                for (int i = 1; i <= MaxIdentities; i++)
                {
                    if (HasVoice(i))
                    {
                        return true;
                    }
                }
                return false;
            }
        }

        public bool PhoneHasTextMessages
        {
            get
            {
                for (int i = 1; _textNew != null && i <= MaxIdentities; i++)
                {
                    if (_textNew[i] > 0)
                    {
                        return true;
                    }
                }
                return false;
            }
        }

        /// <summary>Takes a parsed summary for an identity; false when the identity is out of range.</summary>
        public bool Apply(int identity, MessageSummary summary)
        {
            if (identity < 1 || identity > MaxIdentities)
            {
                return false;
            }
            if (_voiceNew == null)
            {
                if (!summary.MessagesWaiting && summary.VoiceNew == 0 && summary.VoiceOld == 0 && summary.TextNew == 0)
                {
                    // Nothing waiting, as before: no change.
                    return true;
                }
                MakeTables();
            }
            bool changed = _waiting[identity] != summary.MessagesWaiting || _voiceNew[identity] != summary.VoiceNew ||
                           _voiceOld[identity] != summary.VoiceOld || _textNew[identity] != summary.TextNew;
            _waiting[identity] = summary.MessagesWaiting;
            _voiceNew[identity] = summary.VoiceNew;
            _voiceOld[identity] = summary.VoiceOld;
            _textNew[identity] = summary.TextNew;
            if (changed)
            {
                SignalHandler handler = Changed;
                if (handler != null)
                {
                    handler();
                }
            }
            return true;
        }

        /// <summary>
        /// Voice messages wait when there are new ones, or when the server says so without counts
        /// ("Messages-Waiting: yes" alone, which some PBXs send).
        /// </summary>
        private bool HasVoice(int identity) =>
            Valid(identity) && (_voiceNew[identity] > 0 || (_waiting[identity] && _textNew[identity] == 0));

        /// <summary>An identity in range whose counts exist (before the first summary with anything in it, all are 0).</summary>
        private bool Valid(int identity) => _voiceNew != null && identity >= 1 && identity <= MaxIdentities;

        private void MakeTables()
        {
            _voiceNew = new int[MaxIdentities + 1];
            _voiceOld = new int[MaxIdentities + 1];
            _textNew = new int[MaxIdentities + 1];
            _waiting = new bool[MaxIdentities + 1];
        }
    }
}
