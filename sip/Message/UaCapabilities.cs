namespace DeskPhone.Sip.Message
{
    /// <summary>What the phone understands: the user agent fills it and <see cref="RequestCheck"/> judges by it.</summary>
    public sealed class UaCapabilities
    {
        private static readonly string[] AllKnown =
        {
            "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "MESSAGE", "NOTIFY", "SUBSCRIBE", "PUBLISH",
            "INFO", "PRACK", "UPDATE", "REFER",
        };

        public UaCapabilities(string[] methods, string[] contentTypes, string[] optionTags)
        {
            Methods = methods;
            ContentTypes = contentTypes;
            OptionTags = optionTags;
        }

        /// <summary>Methods the phone handles; other SIP methods get 405 with Allow, unknown ones 501.</summary>
        public string[] Methods { get; }

        /// <summary>Body types the phone reads (lower case); others get 415 with Accept.</summary>
        public string[] ContentTypes { get; }

        /// <summary>Option tags the phone supports; a Require naming another gets 420 with Unsupported.</summary>
        public string[] OptionTags { get; }

        /// <summary>The phone's own set (docs/sip-message.md).</summary>
        public static UaCapabilities Phone() => new UaCapabilities(
            new[] { "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "MESSAGE", "NOTIFY", "INFO", "REFER", "UPDATE" },
            new[] { "text/plain", "application/sdp", "application/snomxml", "application/simple-message-summary",
                    "application/dialog-info+xml", "application/pidf+xml", "application/x-as-feature-event+xml", "application/reginfo+xml",
                    "application/dtmf-relay", "application/dtmf", "message/sipfrag", "application/call-completion" },
            new[] { "timer", "replaces" });

        public bool Allows(string method) => Contains(Methods, method);

        public static bool IsKnownMethod(string method) => Contains(AllKnown, method);

        public bool Reads(string contentType) => Contains(ContentTypes, contentType);

        /// <summary>
        /// Whether a request of <paramref name="method"/> with this body type is read: multipart/mixed only in a NOTIFY,
        /// as the container of event documents (the BroadWorks as-feature-event full state), never as a call's body.
        /// </summary>
        public bool Reads(string contentType, string method) =>
            Reads(contentType) || (method == "NOTIFY" && contentType == "multipart/mixed");

        public bool Supports(string optionTag) => Contains(OptionTags, optionTag);

        // Made once: every OPTIONS answer (and each 405 and 415) carries one of them.
        private string _allowList;
        private string _acceptList;

        /// <summary>The Allow header value.</summary>
        public string AllowList() => _allowList ?? (_allowList = Join(Methods));

        /// <summary>The Accept header value.</summary>
        public string AcceptList() => _acceptList ?? (_acceptList = Join(ContentTypes));

        private static bool Contains(string[] list, string value)
        {
            for (int i = 0; i < list.Length; i++)
            {
                if (list[i] == value)
                {
                    return true;
                }
            }
            return false;
        }

        private static string Join(string[] list)
        {
            var sb = new System.Text.StringBuilder();
            for (int i = 0; i < list.Length; i++)
            {
                if (i > 0)
                {
                    sb.Append(", ");
                }
                sb.Append(list[i]);
            }
            return sb.ToString();
        }
    }
}
