using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;

namespace DeskPhone.Hil.Tests
{
    /// <summary>
    /// A scripted registrar, presence and feature server on loopback: REGISTER and PUBLISH get 200, every SUBSCRIBE
    /// is kept and answered with <see cref="SubscribeAnswer"/> (200 with a to-tag by default), and the test sends the
    /// NOTIFYs it wants in the dialog of a SUBSCRIBE it took.
    /// </summary>
    internal sealed class ScriptedPbx : IDisposable
    {
        private readonly UdpClient _socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        private readonly Thread _thread;
        private volatile bool _running = true;
        private int _notifies;

        public ScriptedPbx()
        {
            _socket.Client.ReceiveTimeout = 200;
            _thread = new Thread(Run) { IsBackground = true };
            _thread.Start();
        }

        public int Port => ((IPEndPoint)_socket.Client.LocalEndPoint).Port;

        /// <summary>Every SUBSCRIBE, whole, in arrival order (refreshes and retransmissions included).</summary>
        public BlockingCollection<string> Subscribes { get; } = new BlockingCollection<string>();

        /// <summary>Every PUBLISH, whole; each gets the entity tag "e" and its number from 0.</summary>
        public BlockingCollection<string> Publishes { get; } = new BlockingCollection<string>();

        /// <summary>The status the next SUBSCRIBEs get.</summary>
        public volatile int SubscribeAnswer = 200;

        /// <summary>The next SUBSCRIBE of this event package within the time, or null.</summary>
        public string NextSubscribe(string eventPackage, int timeoutMs = 10000)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (clock.ElapsedMilliseconds < timeoutMs)
            {
                if (Subscribes.TryTake(out string s, 200) && Header(s, "Event") == eventPackage)
                {
                    return s;
                }
            }
            return null;
        }

        /// <summary>A NOTIFY in the dialog of <paramref name="subscribe"/> to the phone's SIP port.</summary>
        public void Notify(string subscribe, int phonePort, string contentType, string body)
        {
            int n = Interlocked.Increment(ref _notifies);
            Send("NOTIFY " + Header(subscribe, "Contact").Trim('<', '>') + " SIP/2.0\r\n" +
                "Via: SIP/2.0/UDP 127.0.0.1:" + Port + ";branch=z9hG4bKpbx" + n + "\r\nFrom: " + Header(subscribe, "To").Split(";tag=")[0] +
                ";tag=srv\r\nTo: " + Header(subscribe, "From") + "\r\nCall-ID: " + Header(subscribe, "Call-ID") + "\r\nCSeq: " + (100 + n) +
                " NOTIFY\r\nMax-Forwards: 70\r\nEvent: " + Header(subscribe, "Event") + "\r\nSubscription-State: active;expires=3600\r\n" +
                "Content-Type: " + contentType + "\r\nContent-Length: " + Encoding.UTF8.GetByteCount(body) + "\r\n\r\n" + body, phonePort);
        }

        /// <summary>A full dialog-info document (RFC 4235) for a BLF NOTIFY: one dialog in this state, none for null.</summary>
        public static string DialogInfo(string entity, int version, string state) =>
            "<?xml version=\"1.0\"?><dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\"" + version +
            "\" state=\"full\" entity=\"" + entity + "\">" +
            (state == null ? "" : "<dialog id=\"d1\" direction=\"recipient\"><state>" + state + "</state></dialog>") + "</dialog-info>";

        public static string Header(string message, string name) =>
            message.Split("\r\n").FirstOrDefault(l => l.StartsWith(name + ": ", StringComparison.OrdinalIgnoreCase))?.Substring(name.Length + 2);

        public static string Body(string message) => message.Substring(message.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4);

        public void Dispose()
        {
            _running = false;
            _thread.Join(1000);
            _socket.Dispose();
        }

        private void Send(string text, int port) =>
            _socket.Send(Encoding.UTF8.GetBytes(text), Encoding.UTF8.GetByteCount(text), new IPEndPoint(IPAddress.Loopback, port));

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
                if (text.StartsWith("REGISTER"))
                {
                    Send(Reply(text, 200, "Contact: " + Header(text, "Contact") + ";expires=3600\r\n"), from.Port);
                }
                else if (text.StartsWith("SUBSCRIBE"))
                {
                    int status = SubscribeAnswer;
                    Send(Reply(text, status, status == 200 ? "Expires: 3600\r\n" : ""), from.Port);
                    Subscribes.Add(text);
                }
                else if (text.StartsWith("PUBLISH"))
                {
                    Send(Reply(text, 200, "SIP-ETag: e" + Publishes.Count + "\r\nExpires: 3600\r\n"), from.Port);
                    Publishes.Add(text);
                }
            }
        }

        private static string Reply(string request, int status, string extra)
        {
            string to = Header(request, "To");
            return "SIP/2.0 " + status + (status == 200 ? " OK" : " Refused") + "\r\nVia: " + Header(request, "Via") + "\r\nFrom: " +
                Header(request, "From") + "\r\nTo: " + (to.Contains(";tag=") ? to : to + ";tag=srv") + "\r\nCall-ID: " + Header(request, "Call-ID") +
                "\r\nCSeq: " + Header(request, "CSeq") + "\r\n" + extra + "Content-Length: 0\r\n\r\n";
        }
    }
}
