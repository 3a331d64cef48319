using System.Collections.Generic;
using System.Text;
using DeskPhone.Sip.Message;
using DeskPhone.Sip.Transaction;
using DeskPhone.Sip.Transport;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Sip.Tests.Events
{
    /// <summary>
    /// The core as a layer over it sees it, in a test: tokens t1, t2, ... in order, the phone at 192.0.2.10:5060,
    /// identities set by the test, client transaction slots counted (16 less the requests not yet answered), and
    /// every request a layer sends recorded with its builder and answer handler, so the test reads its bytes and
    /// answers it.
    /// </summary>
    internal sealed class FakeClientCore : ISipClientCore
    {
        public sealed class Request
        {
            public SipIdentity Identity;
            public string Method;
            public string Uri;
            public string Address;
            public int Port;
            public RequestBuilder Build;
            public ResponseHandler Done;
            public bool Answered;

            /// <summary>The bytes as they went out with branch z9hG4bKb (no credentials): built when sent, as the core does.</summary>
            public string Text;
        }

        private readonly Dictionary<int, SipIdentity> _identities = new Dictionary<int, SipIdentity>();
        private int _tokens;

        public readonly List<Request> Sent = new List<Request>();

        public Request Last => Sent[Sent.Count - 1];

        public string NewToken() => "t" + (++_tokens);

        public string LocalHost => "192.0.2.10";

        public int LocalPort => 5060;

        public ISipTransport Udp => null;

        public string ContactOf(SipIdentity identity) => "<sip:" + identity.User + "@192.0.2.10:5060;line=" + identity.LineToken + ">";

        public ISipTransport TransportOf(SipIdentity identity) => null;

        public string ViaOf(ISipTransport transport, string branch) =>
            "SIP/2.0/" + (transport == null ? "UDP" : transport.Name) + " 192.0.2.10:5060;branch=" + branch + ";rport";

        public bool Start(ClientTransaction transaction, long nowMs) => false;

        /// <summary>Slots other requests (REGISTER, MESSAGE) hold.</summary>
        public int HeldByOthers { get; set; }

        public int FreeClientTransactions
        {
            get
            {
                int busy = HeldByOthers;
                foreach (Request r in Sent)
                {
                    busy += r.Answered ? 0 : 1;
                }
                return SipUserAgent.MaxClientTransactions - busy;
            }
        }

        public SipIdentity GetIdentity(int index) => _identities.TryGetValue(index, out SipIdentity id) && id.Active ? id : null;

        public SipIdentity RetiredIdentity(int index) => _retired.TryGetValue(index, out SipIdentity id) ? id : null;

        private readonly Dictionary<int, SipIdentity> _retired = new Dictionary<int, SipIdentity>();

        public SipIdentity SetIdentity(int index, string user, string registrar, bool active = true)
        {
            var id = new SipIdentity { Index = index, Active = active, User = user, Registrar = registrar };
            // As the core: a turned-off identity's last active object stays until it is turned on again.
            if (active)
            {
                _retired.Remove(index);
            }
            else if (GetIdentity(index) != null)
            {
                _retired[index] = GetIdentity(index);
            }
            _identities[index] = id;
            return id;
        }

        public bool SendRequest(SipIdentity identity, string method, string uri, string address, int port, RequestBuilder build,
                                ResponseHandler done, long nowMs)
        {
            Sent.Add(new Request
            {
                Identity = identity, Method = method, Uri = uri, Address = address, Port = port, Build = build, Done = done,
                Text = Encoding.UTF8.GetString(build("z9hG4bKb", null, null)),
            });
            return true;
        }

        /// <summary>Answers <paramref name="request"/> with <paramref name="status"/> and the given headers (To tag "srv").</summary>
        public void Answer(Request request, int status, string headers, long nowMs)
        {
            string sent = request.Text;
            string text = "SIP/2.0 " + status + " X\r\nVia: " + Header(sent, "Via") + "\r\nFrom: " + Header(sent, "From") +
                          "\r\nTo: " + Header(sent, "To") + (Header(sent, "To").Contains(";tag=") ? "" : ";tag=srv") +
                          "\r\nCall-ID: " + Header(sent, "Call-ID") + "\r\nCSeq: " + Header(sent, "CSeq") + "\r\n" + headers +
                          "Content-Length: 0\r\n\r\n";
            request.Answered = true;
            request.Done(null, Parse(text), nowMs);
        }

        public static SipMessage Parse(string text)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            var m = new SipMessage();
            var r = new ParseResult();
            new SipParser().Parse(bytes, 0, bytes.Length, false, m, r);
            return m;
        }

        public static string Header(string message, string name)
        {
            foreach (string line in message.Split("\r\n"))
            {
                if (line.StartsWith(name + ": "))
                {
                    return line.Substring(name.Length + 2);
                }
            }
            return null;
        }
    }
}
