namespace DeskPhone.Sip.Message
{
    /// <summary>
    /// The verdict of <see cref="RequestCheck"/>: whether the message is well formed (accepted) and, if the phone must
    /// refuse it, the status, reason and the one header that status carries (Unsupported, Accept or Allow).
    /// Its plain state (WellFormed, Status, Drop, Reason, HeaderName, HeaderValue) is public fields, not properties: no
    /// accessor method in the runtime tables, image and calls on the device (issue #17).
    /// </summary>
    public sealed class CheckResult
    {
        /// <summary>False for a malformed message (answered 400/505/413/513, or dropped when it is a response).</summary>
        public bool WellFormed;

        /// <summary>0 when the message passes; else the status to answer (requests).</summary>
        public int Status;

        /// <summary>A response that must be dropped silently.</summary>
        public bool Drop;

        public string Reason;
        public string HeaderName;
        public string HeaderValue;

        internal CheckResult Set(bool wellFormed, int status, bool drop, string reason)
        {
            WellFormed = wellFormed;
            Status = status;
            Drop = drop;
            Reason = reason;
            HeaderName = null;
            HeaderValue = null;
            return this;
        }

        internal CheckResult With(string name, string value)
        {
            HeaderName = name;
            HeaderValue = value;
            return this;
        }
    }
}
