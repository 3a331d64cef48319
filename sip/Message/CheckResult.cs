namespace DeskPhone.Sip.Message
{
    /// <summary>
    /// The verdict of <see cref="RequestCheck"/>: whether the message is well formed (accepted) and, if the phone must
    /// refuse it, the status, reason and the one header that status carries (Unsupported, Accept or Allow).
    /// Its plain state (WellFormed, Status, Reason, HeaderValue) is public fields, not properties: no accessor method in
    /// the runtime tables, image and calls on the device (issue #17). Drop and HeaderName follow from them: two fields
    /// fewer in an object the user agent keeps through a burst of requests (docs/benchmarks.md, h-msgparts). It is the
    /// parse's outcome too (<see cref="ParseResult"/>): the user agent parses into the object it checks with, one object
    /// and one field fewer.
    /// </summary>
    public sealed class CheckResult : ParseResult
    {
        /// <summary>False for a malformed message (answered 400/505/413/513, or dropped when it is a response).</summary>
        public bool WellFormed;

        /// <summary>0 when the message passes; else the status to answer (requests).</summary>
        public int Status;

        /// <summary>A response that must be dropped silently: a malformed message without a status to answer.</summary>
        public bool Drop => !WellFormed && Status == 0;

        public string Reason;

        /// <summary>The header the status carries (405 Allow, 415 Accept, 420 Unsupported), or null.</summary>
        public string HeaderName => HeaderValue == null ? null : Status == 405 ? HeaderNames.Allow : Status == 415 ? HeaderNames.Accept : HeaderNames.Unsupported;

        public string HeaderValue;

        internal CheckResult Set(bool wellFormed, int status, string reason)
        {
            WellFormed = wellFormed;
            Status = status;
            Reason = reason;
            HeaderValue = null;
            return this;
        }

        /// <summary>The value of the header the status carries (<see cref="HeaderName"/>).</summary>
        internal CheckResult With(string value)
        {
            HeaderValue = value;
            return this;
        }
    }
}
