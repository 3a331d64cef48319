using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;

namespace DeskPhone.Peers.Tests
{
    /// <summary>
    /// A raw-UDP watcher: SUBSCRIBEs to a presentity's presence at the server and answers every NOTIFY 200. It takes
    /// what real servers do: NOTIFYs before the 200 of the SUBSCRIBE, an empty first NOTIFY, retransmissions.
    /// </summary>
    public sealed class PresenceWatcher : IDisposable
    {
        private readonly UdpClient _socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        private readonly Thread _thread;
        private readonly int _serverPort;
        private volatile bool _running = true;

        public PresenceWatcher(int serverPort)
        {
            _serverPort = serverPort;
            _socket.Client.ReceiveTimeout = 200;
            _thread = new Thread(Run) { IsBackground = true };
            _thread.Start();
        }

        public int Port => ((IPEndPoint)_socket.Client.LocalEndPoint).Port;

        /// <summary>Final responses to the SUBSCRIBE, by status line.</summary>
        public BlockingCollection<string> Responses { get; } = new BlockingCollection<string>();

        /// <summary>Every NOTIFY received, whole.</summary>
        public BlockingCollection<string> Notifies { get; } = new BlockingCollection<string>();

        public void Subscribe(string presentity, int expires = 60)
        {
            string local = "127.0.0.1:" + Port;
            Send("SUBSCRIBE " + presentity + " SIP/2.0\r\nVia: SIP/2.0/UDP " + local + ";rport;branch=z9hG4bKw" + Environment.TickCount +
                "\r\nFrom: <sip:watcher@127.0.0.1>;tag=w1\r\nTo: <" + presentity + ">\r\nCall-ID: watch-" + Port + "@127.0.0.1\r\n" +
                "CSeq: 1 SUBSCRIBE\r\nContact: <sip:watcher@" + local + ">\r\nEvent: presence\r\nAccept: application/pidf+xml\r\n" +
                "Expires: " + expires + "\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
        }

        public void Dispose()
        {
            _running = false;
            _thread.Join(1000);
            _socket.Dispose();
        }

        internal static string Header(string message, string name)
        {
            Match m = Regex.Match(message, "^" + name + ":[ \t]*(.*?)\r$", RegexOptions.Multiline | RegexOptions.IgnoreCase);
            return m.Success ? m.Groups[1].Value : null;
        }

        internal static string Body(string message)
        {
            int i = message.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            return i < 0 ? "" : message.Substring(i + 4);
        }

        private void Send(string text) =>
            _socket.Send(Encoding.UTF8.GetBytes(text), Encoding.UTF8.GetByteCount(text), new IPEndPoint(IPAddress.Loopback, _serverPort));

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
                if (text.StartsWith("NOTIFY "))
                {
                    Notifies.Add(text);
                    string ok = "SIP/2.0 200 OK\r\nVia: " + Header(text, "Via") + "\r\nFrom: " + Header(text, "From") + "\r\nTo: " +
                        Header(text, "To") + "\r\nCall-ID: " + Header(text, "Call-ID") + "\r\nCSeq: " + Header(text, "CSeq") +
                        "\r\nContent-Length: 0\r\n\r\n";
                    _socket.Send(Encoding.UTF8.GetBytes(ok), Encoding.UTF8.GetByteCount(ok), from);
                }
                else if (text.StartsWith("SIP/2.0 ") && !text.StartsWith("SIP/2.0 1"))
                {
                    Responses.Add(text.Substring(0, text.IndexOf('\r')));
                }
            }
        }
    }
}
