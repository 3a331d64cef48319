using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;

namespace DeskPhone.Hil.Tests
{
    /// <summary>
    /// Another SIP party on loopback for the page tests: calls the phone (INVITE with a PCMU offer, ACK, BYE's answer)
    /// and takes the requests the phone sends it (a MESSAGE and a BYE get 200, a re-INVITE 200 with an answer). What it receives is kept whole, in order.
    /// </summary>
    internal sealed class SipPeer : IDisposable
    {
        private readonly UdpClient _socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        // Where the phone's RTP goes, so its media has a listener on loopback.
        private readonly UdpClient _rtp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        private readonly Thread _thread;
        private volatile bool _running = true;

        public SipPeer()
        {
            _socket.Client.ReceiveTimeout = 200;
            _thread = new Thread(Run) { IsBackground = true };
            _thread.Start();
        }

        public int Port => ((IPEndPoint)_socket.Client.LocalEndPoint).Port;

        /// <summary>Every message from the phone, requests and responses.</summary>
        public BlockingCollection<string> Received { get; } = new BlockingCollection<string>();

        /// <summary>Sends an INVITE from caller@127.0.0.1 to the phone's user with a PCMU offer.</summary>
        public void Invite(string user, int phonePort, string callId)
        {
            int rtpPort = ((IPEndPoint)_rtp.Client.LocalEndPoint).Port;
            string sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio " + rtpPort +
                         " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
            Send("INVITE sip:" + user + "@127.0.0.1:" + phonePort + " SIP/2.0\r\n" + Via("inv") + From() +
                 "To: <sip:" + user + "@127.0.0.1:" + phonePort + ">\r\nCall-ID: " + callId + "\r\nCSeq: 1 INVITE\r\n" +
                 "Contact: <sip:caller@127.0.0.1:" + Port + ">\r\nMax-Forwards: 70\r\nContent-Type: application/sdp\r\n" +
                 "Content-Length: " + sdp.Length + "\r\n\r\n" + sdp, phonePort);
        }

        /// <summary>The ACK for the phone's 200 to our INVITE (a request of its own, to the phone's Contact).</summary>
        public void Ack(string ok, int phonePort)
        {
            Send("ACK " + Header(ok, "Contact").Trim('<', '>') + " SIP/2.0\r\n" + Via("ack") + From() + "To: " + Header(ok, "To") +
                 "\r\nCall-ID: " + Header(ok, "Call-ID") + "\r\nCSeq: 1 ACK\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n", phonePort);
        }

        /// <summary>The next message from the phone whose first line starts with <paramref name="start"/>, or null.</summary>
        public string Next(string start, int timeoutMs = 15000)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (clock.ElapsedMilliseconds < timeoutMs)
            {
                if (Received.TryTake(out string m, 200) && m.StartsWith(start, StringComparison.Ordinal))
                {
                    return m;
                }
            }
            return null;
        }

        public static string Header(string message, string name) => ScriptedPbx.Header(message, name);

        public void Dispose()
        {
            _running = false;
            _thread.Join(1000);
            _socket.Dispose();
            _rtp.Dispose();
        }

        private string Via(string branch) => "Via: SIP/2.0/UDP 127.0.0.1:" + Port + ";branch=z9hG4bK" + branch + Guid.NewGuid().ToString("N") + ";rport\r\n";

        private string From() => "From: \"Bench Caller\" <sip:caller@127.0.0.1:" + Port + ">;tag=peer\r\n";

        private void Send(string text, int port) =>
            _socket.Send(Encoding.UTF8.GetBytes(text), Encoding.UTF8.GetByteCount(text), new IPEndPoint(IPAddress.Loopback, port));

        private static string Ok(string request, string headers, string body = "")
        {
            string to = Header(request, "To");
            return "SIP/2.0 200 OK\r\nVia: " + Header(request, "Via") + "\r\nFrom: " + Header(request, "From") + "\r\nTo: " +
                   (to.Contains(";tag=") ? to : to + ";tag=peer") + "\r\nCall-ID: " + Header(request, "Call-ID") + "\r\nCSeq: " +
                   Header(request, "CSeq") + "\r\n" + headers + "Content-Length: " + body.Length + "\r\n\r\n" + body;
        }

        private void Run()
        {
            while (_running)
            {
                IPEndPoint from = null;
                string text;
                try
                {
                    text = Encoding.UTF8.GetString(_socket.Receive(ref from));
                }
                catch (SocketException)
                {
                    continue;
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
                if (text.StartsWith("MESSAGE", StringComparison.Ordinal) || text.StartsWith("BYE", StringComparison.Ordinal))
                {
                    Send(Ok(text, ""), from.Port);
                }
                else if (text.StartsWith("INVITE", StringComparison.Ordinal))
                {
                    // The phone's re-INVITE (hold, resume): a held call is answered recvonly, a resumed one sendrecv.
                    string sdp = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio " +
                                 ((IPEndPoint)_rtp.Client.LocalEndPoint).Port + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n" +
                                 (text.Contains("a=sendonly") ? "a=recvonly" : "a=sendrecv") + "\r\n";
                    Send(Ok(text, "Contact: <sip:caller@127.0.0.1:" + Port + ">\r\nContent-Type: application/sdp\r\n", sdp), from.Port);
                }
                Received.Add(text);
            }
        }
    }
}
