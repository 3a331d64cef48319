namespace DeskPhone.Sip.Message
{
    /// <summary>Outcome of <see cref="SipParser.Parse"/>.</summary>
    // Its plain state (Code, ErrorStatus, ErrorReason, Consumed) is public fields, not properties: no accessor method
    // in the runtime tables, image and calls on the device (issue #17).
    // Not sealed: a CheckResult is one, so the user agent keeps one object for a message's parse and check.
    public class ParseResult
    {
        public const int Ok = 0;

        /// <summary>A stream holds only part of a message: read more and parse again from the same offset.</summary>
        public const int Incomplete = 1;

        /// <summary>Not a valid message: see <see cref="ErrorStatus"/> and <see cref="ErrorReason"/>.</summary>
        public const int Invalid = 2;

        public int Code;

        /// <summary>
        /// The answer a request deserves (400, 413, 505, 513), or 0 when nothing can be answered (a response, or bytes
        /// too broken to have a Via).
        /// </summary>
        public int ErrorStatus;

        public string ErrorReason;

        /// <summary>Bytes this message took, body included: where the next message of a stream starts.</summary>
        public int Consumed;

        internal void Set(int code, int status, string reason, int consumed)
        {
            Code = code;
            ErrorStatus = status;
            ErrorReason = reason;
            Consumed = consumed;
        }
    }
}
