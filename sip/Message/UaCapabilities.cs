namespace DeskPhone.Sip.Message
{
    /// <summary>
    /// What the phone understands: <see cref="RequestCheck"/> judges by it. It keeps nothing: the lists are constants and
    /// comparisons in code, not arrays and joined strings the heap would hold for good (docs/sip-message.md).
    /// </summary>
    public sealed class UaCapabilities
    {
        /// <summary>The Allow header value: the methods <see cref="Allows"/> names.</summary>
        private const string Allow = "INVITE, ACK, BYE, CANCEL, OPTIONS, MESSAGE, NOTIFY, INFO, REFER, UPDATE, PRACK";

        /// <summary>The Accept header value: the body types <see cref="Reads(string)"/> names, in the same order.</summary>
        private const string Accept = "text/plain, application/sdp, application/snomxml, application/simple-message-summary, " +
                                      "application/dialog-info+xml, application/pidf+xml, application/x-as-feature-event+xml, " +
                                      "application/reginfo+xml, application/dtmf-relay, application/dtmf, message/sipfrag, " +
                                      "application/call-completion";

        private UaCapabilities()
        {
        }

        /// <summary>The phone's own set (docs/sip-message.md).</summary>
        public static UaCapabilities Phone() => new UaCapabilities();

        /// <summary>Methods the phone handles; other SIP methods get 405 with Allow, unknown ones 501.</summary>
        public bool Allows(string method) => IsPhoneMethod(method);

        public static bool IsKnownMethod(string method) =>
            IsPhoneMethod(method) || method == "REGISTER" || method == "SUBSCRIBE" || method == "PUBLISH";

        /// <summary>Body types the phone reads (lower case); others get 415 with Accept.</summary>
        public bool Reads(string contentType) =>
            contentType == "text/plain" || contentType == "application/sdp" || contentType == "application/snomxml" ||
            contentType == "application/simple-message-summary" || contentType == "application/dialog-info+xml" ||
            contentType == "application/pidf+xml" || contentType == "application/x-as-feature-event+xml" ||
            contentType == "application/reginfo+xml" || contentType == "application/dtmf-relay" || contentType == "application/dtmf" ||
            contentType == "message/sipfrag" || contentType == "application/call-completion";

        /// <summary>
        /// Whether a request of <paramref name="method"/> with this body type is read: multipart/mixed only in a NOTIFY,
        /// as the container of event documents (the BroadWorks as-feature-event full state), never as a call's body.
        /// </summary>
        public bool Reads(string contentType, string method) =>
            Reads(contentType) || (method == "NOTIFY" && contentType == "multipart/mixed");

        /// <summary>Option tags the phone supports; a Require naming another gets 420 with Unsupported.</summary>
        public bool Supports(string optionTag) => optionTag == "timer" || optionTag == "replaces" || optionTag == "100rel";

        /// <summary>The Allow header value.</summary>
        public string AllowList() => Allow;

        /// <summary>The Accept header value.</summary>
        public string AcceptList() => Accept;

        // MESSAGE and NOTIFY compared first: the request check asks twice per request and a string compare is a native
        // call on the device, so the stream's requests made twelve and fourteen of them (docs/benchmarks.md, cost2).
        private static bool IsPhoneMethod(string method) =>
            method == "MESSAGE" || method == "NOTIFY" || method == "INVITE" || method == "ACK" || method == "BYE" ||
            method == "CANCEL" || method == "OPTIONS" || method == "INFO" || method == "REFER" || method == "UPDATE" || method == "PRACK";
    }
}
