using DeskPhone.Domain.Signals;

namespace DeskPhone.Domain.Messages
{
    /// <summary>
    /// The text message on the idle screen, from a SIP MESSAGE (text/plain) to one of the phone's identities.
    /// A newer message replaces the older one. An empty body (or one with only white space and control characters)
    /// clears the message, so a server can take back what it showed. A body longer than <see cref="MaxBytes"/> is
    /// answered 413 and changes nothing. A message whose Call-ID belongs to a current call is shown with that call.
    /// Its plain state (Text, Identity, ReceivedAtMs) is public fields, not properties: no accessor method in the
    /// runtime tables, image and calls on the device (issue #17).
    /// </summary>
    public sealed partial class DesktopMessageStore
    {
        public DesktopMessageStore(ICallMessageSink calls)
        {
            Calls = calls;
            MaxBytes = 512;
        }

        /// <summary>The call layer, which shows a message with its call (set once it is built, after the core).</summary>
        public ICallMessageSink Calls;

        public event FlagHandler Changed;

        /// <summary>Setting desktop_message_max_bytes.</summary>
        public int MaxBytes;

        /// <summary>The message shown, or null.</summary>
        public string Text;

        /// <summary>The identity (1..12) the message was sent to.</summary>
        public int Identity;

        public long ReceivedAtMs;

        /// <summary>Takes a MESSAGE body and returns the SIP status to answer.</summary>
        public int OnMessage(int identity, byte[] body, int offset, int length, string callId, long nowMs)
        {
            if (length > MaxBytes)
            {
                return 413;
            }
            string text = length > 0 ? FromUtf8(body, offset, length) : "";
            if (callId != null && Calls != null && Calls.TryShowCallMessage(callId, text))
            {
                return 200;
            }
            if (text.Length == 0)
            {
                Clear();
                return 200;
            }
            Text = text;
            Identity = identity;
            ReceivedAtMs = nowMs;
            Raise(true);
            return 200;
        }

        /// <summary>
        /// The Cancel key on the idle screen: with cancel_desktop on it deletes the message (true: key consumed);
        /// off, the message stays until replaced.
        /// </summary>
        public bool OnCancelKey(bool cancelDesktop)
        {
            if (!cancelDesktop || Text == null)
            {
                return false;
            }
            Clear();
            return true;
        }

        public void Clear()
        {
            if (Text == null)
            {
                return;
            }
            Text = null;
            Identity = 0;
            Raise(false);
        }

        private void Raise(bool present)
        {
            FlagHandler handler = Changed;
            if (handler != null)
            {
                handler(present);
            }
        }
    }
}
