namespace DeskPhone.Sip.Message
{
    /// <summary>
    /// The verdict of <see cref="RequestCheck"/>: whether the message is well formed (accepted: <see cref="ParseResult.Code"/>
    /// Ok) and, if the phone must refuse it, the status (<see cref="ParseResult.ErrorStatus"/>), reason
    /// (<see cref="ParseResult.ErrorReason"/>) and the one header that status carries (Unsupported, Accept or Allow).
    /// Its plain state (HeaderValue) is public fields, not properties: no accessor method in
    /// the runtime tables, image and calls on the device (issue #17). Drop and HeaderName follow from them: two fields
    /// fewer in an object the user agent keeps through a burst of requests (docs/benchmarks.md, h-msgparts). It is the
    /// parse's outcome too (<see cref="ParseResult"/>): the user agent parses into the object it checks with, one object
    /// and one field fewer.
    /// </summary>
    public sealed class CheckResult : ParseResult
    {
        // The check runs only after a clean parse (Code Ok, ErrorStatus 0, ErrorReason null), so its verdict goes in the
        // parse's fields: Code stays Ok for a well-formed message and becomes Invalid for a malformed one, ErrorStatus is
        // the status to answer (0 when it passes: a malformed response, Code Invalid and ErrorStatus 0, is dropped silently)
        // and ErrorReason its reason. Three fields fewer (36 B on the device) in
        // an object made per burst, and per lone request in the office stream (docs/benchmarks.md, h-sipboxes).

        /// <summary>The header the status carries (405 Allow, 415 Accept, 420 Unsupported), or null.</summary>
        public string HeaderName => HeaderValue == null ? null : ErrorStatus == 405 ? HeaderNames.Allow : ErrorStatus == 415 ? HeaderNames.Accept : HeaderNames.Unsupported;

        public string HeaderValue;

        internal CheckResult Set(bool wellFormed, int status, string reason)
        {
            Code = wellFormed ? Ok : Invalid;
            ErrorStatus = status;
            ErrorReason = reason;
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
