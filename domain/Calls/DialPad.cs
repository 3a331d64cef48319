namespace DeskPhone.Domain.Calls
{
    /// <summary>
    /// The number being typed on the dialing screen (opened by lifting the handset, the speaker or headset key, or a
    /// digit on the idle screen): digits, '*' and '#', at most <see cref="MaxDigits"/>. Opened for a transfer it is the
    /// transfer target entry of a connected call.
    /// </summary>
    public sealed class DialPad
    {
        /// <summary>Longest number kept; further digits are ignored.</summary>
        public const int MaxDigits = 32;

        private char[] _digits; // made at the first dialing, so the idle phone holds none
        private int _count;
        private string _text = "";

        /// <summary>The dialing screen is open.</summary>
        public bool Active { get; private set; }

        /// <summary>The call whose transfer target is being typed (0: an ordinary dialing screen).</summary>
        public int TransferOf { get; private set; }

        /// <summary>What was typed so far.</summary>
        public string Number => _text;

        /// <summary>
        /// When the dialing screen dials by itself (monotonic ms; 0: not due): auto_dial after the last digit typed, or
        /// with nothing typed the warm line's target (auto_dial_target). Set by <see cref="CallKeys"/>; a public field,
        /// not a property (no accessor methods in the runtime tables, issue #17).
        /// </summary>
        public long DialAt;

        /// <summary>The warm line counts down: nothing typed yet and its target due at <see cref="DialAt"/>.</summary>
        public bool WarmLine => Active && TransferOf == 0 && _count == 0 && DialAt != 0;

        public void Open()
        {
            if (_digits == null)
            {
                _digits = new char[MaxDigits];
            }
            Active = true;
            TransferOf = 0;
            _count = 0;
            _text = "";
            DialAt = 0;
        }

        /// <summary>Opens the entry of a transfer target for a call.</summary>
        public void OpenTransfer(int callId)
        {
            Open();
            TransferOf = callId;
        }

        public void Close()
        {
            Active = false;
            TransferOf = 0;
            _count = 0;
            _text = "";
            DialAt = 0;
        }

        /// <summary>Adds a digit ('0'-'9', '*', '#'); false when the number is full or the dialing screen is closed.</summary>
        public bool Add(char digit)
        {
            if (!Active || _count == MaxDigits)
            {
                return false;
            }
            _digits[_count++] = digit;
            _text = new string(_digits, 0, _count);
            return true;
        }

        /// <summary>Removes the last digit; false when there is none.</summary>
        public bool Delete()
        {
            if (_count == 0)
            {
                return false;
            }
            _count--;
            _text = new string(_digits, 0, _count);
            return true;
        }
    }
}
