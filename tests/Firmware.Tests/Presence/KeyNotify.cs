using System.Text;
using DeskPhone.Domain.Presence;
using DeskPhone.Sip.Message;

namespace DeskPhone.Firmware.Tests.Presence
{
    /// <summary>
    /// A NOTIFY in a monitored key's subscription, as the events layer hands it over (the message parsed as the agent
    /// parses one), and what the agent does after its packet: the keys' announcements (MonitoredExtensions.AfterPacket).
    /// Linked into Ui.Tests too.
    /// </summary>
    internal static class KeyNotify
    {
        /// <summary>The status the key's owner answers; <paramref name="contentType"/> null: no Content-Type header.</summary>
        public static int Send(MonitoredExtensions keys, int key, string contentType, byte[] body, string state, int expires, long nowMs)
        {
            int status = keys.OnNotify(keys.SubscriptionOf(key), Message(contentType, body, state + (expires >= 0 ? ";expires=" + expires : "")), nowMs);
            keys.AfterPacket(nowMs);
            return status;
        }

        /// <summary>A NOTIFY with the body and <paramref name="subscriptionState"/> (null: no such header), parsed.</summary>
        public static SipMessage Message(string contentType, byte[] body, string subscriptionState = null)
        {
            string head = "NOTIFY sip:phone@192.0.2.10 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKn1\r\n" +
                          "From: <sip:bob@pbx>;tag=f1\r\nTo: <sip:phone@pbx>;tag=t1\r\nCall-ID: c1\r\nCSeq: 1 NOTIFY\r\n" +
                          (subscriptionState == null ? "" : "Subscription-State: " + subscriptionState + "\r\n") +
                          (contentType == null ? "" : "Content-Type: " + contentType + "\r\n") +
                          "Content-Length: " + body.Length + "\r\n\r\n";
            byte[] bytes = new byte[Encoding.UTF8.GetByteCount(head) + body.Length];
            int n = Encoding.UTF8.GetBytes(head, 0, head.Length, bytes, 0);
            System.Array.Copy(body, 0, bytes, n, body.Length);
            var m = new SipMessage();
            new SipParser().Parse(bytes, 0, bytes.Length, false, m, new ParseResult());
            return m;
        }
    }
}
