using System.Collections.Generic;
using System.Text;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Sip.Tests.Stack
{
    /// <summary>A transport that records what the stack sends and lets a test inject what arrives.</summary>
    internal sealed class FakeChannel : ISipTransport
    {
        public readonly List<(string Text, string Host, int Port)> Sent = new List<(string, string, int)>();
        private readonly SipInbox _inbox;

        public FakeChannel(SipInbox inbox)
        {
            _inbox = inbox;
        }

        /// <summary>"UDP" by default; "TCP" plays an identity's TCP transport (no retransmissions over it).</summary>
        public string Name { get; set; } = "UDP";
        public int LocalPort => 5060;
        public bool Fail { get; set; }

        public bool Send(byte[] data, int length, string host, int port, object connection)
        {
            Sent.Add((Encoding.UTF8.GetString(data, 0, length), host, port));
            return !Fail;
        }

        public string Last => Sent.Count == 0 ? null : Sent[Sent.Count - 1].Text;

        public void Arrive(string text, string host = "10.0.0.1", int port = 5060)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n").Replace("\n", "\r\n"));
            SipPacket p = _inbox.Rent();
            System.Array.Copy(bytes, p.Data, bytes.Length);
            p.Length = bytes.Length;
            p.RemoteHost = host;
            p.RemotePort = port;
            p.Transport = this;
            _inbox.Post(p);
        }

        /// <summary>A value of a header in the last request sent, e.g. the branch to answer.</summary>
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

        /// <summary>A response to the last request sent, echoing its Via, From, To, Call-ID and CSeq.</summary>
        public string Answer(int status, string reason, string extra = "")
        {
            string request = Last;
            return "SIP/2.0 " + status + " " + reason + "\n" +
                   "Via: " + Header(request, "Via") + "\nFrom: " + Header(request, "From") + "\nTo: " + Header(request, "To") + ";tag=srv\n" +
                   "Call-ID: " + Header(request, "Call-ID") + "\nCSeq: " + Header(request, "CSeq") + "\n" + extra + "Content-Length: 0\n\n";
        }
    }
}
