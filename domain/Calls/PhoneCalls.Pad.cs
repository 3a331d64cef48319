namespace DeskPhone.Domain.Calls
{
    /// <summary>
    /// The number being typed on the dialing screen (opened by lifting the handset, the speaker or headset key, or a
    /// digit on the idle screen): digits, '*' and '#', at most <see cref="MaxDigits"/>. Opened for a transfer it is the
    /// transfer target entry of a connected call.
    /// </summary>
    // Methods and fields of the calls, not an object of their own: the object and the calls' reference to it were 60 B of
    // every call, the screen's state 12 B more (h-callcuts2). Readers still say calls.Pad.Number.
    public sealed partial class PhoneCalls
    {
        /// <summary>The number being typed on the dialing screen: the calls themselves.</summary>
        public PhoneCalls Pad => this;

        /// <summary>Longest number kept; further digits are ignored.</summary>
        public const int MaxDigits = 32;

        // What was typed (its length the count of digits: digits are ASCII, one byte each in nanoCLR's UTF-8). Three
        // fields and a 32-character array before h-callstream (36 B of every call, 84 B more once dialed).
        // Nothing typed is string.Empty, the one other fields (an identity's) hold already: the "" literal was a 12-B
        // string of the pad's own on nanoCLR (the heap census; 12 B of every call, h-callobjs).
        private string _text = string.Empty;

        // The screen's state, above the audio route's bits in their field (PhoneCalls.Audio.cs; an object field costs
        // 12 B on nanoCLR): 0 closed, 1 open for dialing, else 1 + the call whose transfer target is typed (call ids
        // stay far below 2^25, as the timers' and the held key's shifts assume).
        private const int PadShift = 6;
        private int PadState => (int)((uint)_audioState >> PadShift);

        /// <summary>The dialing screen is open.</summary>
        public bool Dialing => PadState != 0;

        /// <summary>The call whose transfer target is being typed (0: an ordinary dialing screen).</summary>
        public int TransferOf => PadState > 1 ? PadState - 1 : 0;

        /// <summary>What was typed so far.</summary>
        public string Number => _text;

        /// <summary>
        /// When the dialing screen dials by itself (monotonic ms; 0: not due): auto_dial after the last digit typed, or
        /// with nothing typed the warm line's target (auto_dial_target). Set by <see cref="CallKeys"/>; a public field,
        /// not a property (no accessor methods in the runtime tables, issue #17).
        /// </summary>
        public long DialAt;

        /// <summary>The warm line counts down: nothing typed yet and its target due at <see cref="DialAt"/>.</summary>
        public bool WarmLine => PadState == 1 && _text.Length == 0 && DialAt != 0;

        public void Open()
        {
            StartPad(1);
        }

        /// <summary>Opens the entry of a transfer target for a call.</summary>
        public void OpenTransfer(int callId)
        {
            StartPad(1 + callId);
        }

        public void Close()
        {
            StartPad(0);
        }

        private void StartPad(int state)
        {
            _audioState = (_audioState & ((1 << PadShift) - 1)) | (state << PadShift);
            _text = string.Empty;
            DialAt = 0;
        }

        /// <summary>Adds a digit ('0'-'9', '*', '#'); false when the number is full or the dialing screen is closed.</summary>
        public bool Add(char digit)
        {
            if (!Dialing || _text.Length == MaxDigits)
            {
                return false;
            }
            _text += digit.ToString();
            return true;
        }

        /// <summary>Removes the last digit; false when there is none.</summary>
        public bool Delete()
        {
            if (_text.Length == 0)
            {
                return false;
            }
            _text = _text.Substring(0, _text.Length - 1);
            return true;
        }
    }
}
