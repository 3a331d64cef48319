namespace DeskPhone.Domain.MessageWaiting
{
    public delegate void MailboxChangedHandler();

    /// <summary>
    /// Message-waiting state of every identity, from message-summary NOTIFYs (subscribed or unsolicited), folded into
    /// what the status messages need: the current identity's voice and text messages, and any identity's.
    /// </summary>
    public sealed class MailboxCounts
    {
        public const int MaxIdentities = DeskPhone.Sip.UserAgent.SipUserAgent.MaxIdentities;

        private readonly int[] _voiceNew = new int[MaxIdentities + 1];
        private readonly int[] _voiceOld = new int[MaxIdentities + 1];
        private readonly int[] _textNew = new int[MaxIdentities + 1];
        private readonly bool[] _waiting = new bool[MaxIdentities + 1];

        public event MailboxChangedHandler Changed;

        /// <summary>The identity the idle screen shows (1..12).</summary>
        public int CurrentIdentity { get; set; } = 1;

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
                for (int i = 1; i <= MaxIdentities; i++)
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
            if (!Valid(identity))
            {
                return false;
            }
            bool changed = _waiting[identity] != summary.MessagesWaiting || _voiceNew[identity] != summary.VoiceNew ||
                           _voiceOld[identity] != summary.VoiceOld || _textNew[identity] != summary.TextNew;
            _waiting[identity] = summary.MessagesWaiting;
            _voiceNew[identity] = summary.VoiceNew;
            _voiceOld[identity] = summary.VoiceOld;
            _textNew[identity] = summary.TextNew;
            if (changed)
            {
                MailboxChangedHandler handler = Changed;
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

        private static bool Valid(int identity) => identity >= 1 && identity <= MaxIdentities;
    }
}
