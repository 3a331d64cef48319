using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using DeskPhone.Hil.Tests;

namespace DeskPhone.Peers.Tests
{
    /// <summary>
    /// Debian's baresip as the other party of a call, on free loopback ports: no sound card (the aubridge module is
    /// its audio source and player), G.711, an account that answers calls by itself, commands and events through
    /// ctrl_tcp (JSON in netstrings), and its SIP trace (-s) on stdout for what went over the wire.
    /// </summary>
    public sealed class Baresip : IDisposable
    {
        public const string Binary = "/usr/bin/baresip";
        public const string Missing = "baresip is not installed (apt-get install baresip-core; .ci/run installs it)";

        private readonly PeerProcess _peer = new PeerProcess("baresip");
        private readonly List<string> _events = new List<string>();
        private readonly TcpClient _control;
        private int _token;

        /// <param name="user">The account's user (at 127.0.0.1).</param>
        /// <param name="accountParams">Extra account parameters, e.g. ;auth_pass=...;outbound="sip:127.0.0.1:5060".</param>
        /// <param name="audioFile">A WAV file (16-bit mono 8 kHz) baresip sends in calls (its aufile module) instead of silence.</param>
        /// <param name="recordDir">
        /// Where baresip writes what it plays and what it sends (its sndfile filter): dump-TIME-dec.wav and -enc.wav per
        /// call, complete once the call ended.
        /// </param>
        /// <param name="answerMode">baresip's answermode: auto (answers at once) or manual (rings until <see cref="Accept"/>).</param>
        public Baresip(string user, string accountParams = ";regint=0", string audioFile = null, string recordDir = null, string answerMode = "auto")
        {
            SipPort = LoopbackPorts.FreeUdpAndTcp();
            int control = LoopbackPorts.FreeTcp();
            int rtp = LoopbackPorts.FreeRtpBlock();
            User = user;
            File.WriteAllText(Path.Combine(_peer.Dir, "config"),
                "poll_method epoll\n" +
                "sip_listen 127.0.0.1:" + SipPort + "\n" +
                "net_interface 127.0.0.1\n" +
                "module_path /usr/lib/baresip/modules\n" +
                "module g711.so\n" +
                "module aubridge.so\n" +
                (audioFile == null ? "" : "module aufile.so\n") +
                (recordDir == null ? "" : "module sndfile.so\nsnd_path " + recordDir + "\n") +
                "module_app account.so\n" +
                "module_app menu.so\n" +
                "module_app ctrl_tcp.so\n" +
                "ctrl_tcp_listen 127.0.0.1:" + control + "\n" +
                "audio_player aubridge,nil\n" +
                (audioFile == null ? "audio_source aubridge,nil\n" : "audio_source aufile," + audioFile + "\n") +
                "audio_alert aubridge,nil\n" +
                "rtp_ports " + rtp + "-" + (rtp + LoopbackPorts.RtpBlock - 1) + "\n");
            File.WriteAllText(Path.Combine(_peer.Dir, "accounts"), "<sip:" + user + "@127.0.0.1>;answermode=" + answerMode + accountParams + "\n");
            _peer.Start(new ProcessStartInfo(Binary, "-f " + _peer.Dir + " -s") { RedirectStandardInput = true });
            _control = Connect(control);
            new Thread(ReadEvents) { IsBackground = true }.Start();
        }

        public string User { get; }
        public int SipPort { get; }
        public string Uri => "sip:" + User + "@127.0.0.1:" + SipPort;

        /// <summary>Everything baresip printed: its SIP trace and its messages.</summary>
        public string Log => _peer.Log;

        /// <summary>How many lines of the log start with this text (a start line of the SIP trace, e.g. "SIP/2.0 487").</summary>
        public int Lines(string start)
        {
            int n = 0;
            foreach (string line in Log.Split('\n'))
            {
                if (line.StartsWith(start, StringComparison.Ordinal))
                {
                    n++;
                }
            }
            return n;
        }

        /// <summary>
        /// Waits (bounded) until at least <paramref name="count"/> lines start with this text and returns how many do:
        /// the trace comes on stdout, which may be read after the ctrl_tcp event about the same message.
        /// </summary>
        public int WaitForLines(string start, int count = 1, int timeoutMs = 15000)
        {
            var clock = Stopwatch.StartNew();
            while (Lines(start) < count && clock.ElapsedMilliseconds < timeoutMs)
            {
                Thread.Sleep(50);
            }
            return Lines(start);
        }

        public void Dial(string uri) => Command("dial", uri);

        public void Hangup() => Command("hangup", "");

        /// <summary>Answers the ringing call (answermode=manual).</summary>
        public void Accept() => Command("accept", "");

        /// <summary>Puts the current call on hold (re-INVITE with sendonly) or takes it off.</summary>
        public void Hold(bool hold) => Command(hold ? "hold" : "resume", "");

        /// <summary>Sends a DTMF digit in the current call (RFC 4733 events with the negotiated telephone-event type).</summary>
        public void SendDigit(char digit) => Command("sndcode", digit.ToString());

        /// <summary>How many times an event of this type was reported so far.</summary>
        public int EventCount(string type)
        {
            lock (_events)
            {
                int n = 0;
                foreach (string e in _events)
                {
                    n += e.Contains("\"type\":\"" + type + "\"") ? 1 : 0;
                }
                return n;
            }
        }

        /// <summary>Waits (bounded) until baresip reported an event of this type (CALL_ESTABLISHED, CALL_CLOSED ...).</summary>
        public bool WaitForEvent(string type, int timeoutMs = 15000)
        {
            var clock = Stopwatch.StartNew();
            while (clock.ElapsedMilliseconds < timeoutMs)
            {
                lock (_events)
                {
                    foreach (string e in _events)
                    {
                        if (e.Contains("\"type\":\"" + type + "\""))
                        {
                            return true;
                        }
                    }
                }
                Thread.Sleep(50);
            }
            return false;
        }

        /// <summary>The events seen so far, for failure messages.</summary>
        public string Events
        {
            get { lock (_events) { return string.Join("\n", _events); } }
        }

        private void Command(string command, string parameters)
        {
            string json = JsonSerializer.Serialize(new { command, @params = parameters, token = "t" + (++_token) });
            byte[] bytes = Encoding.UTF8.GetBytes(Encoding.UTF8.GetByteCount(json) + ":" + json + ",");
            _control.GetStream().Write(bytes, 0, bytes.Length);
        }

        /// <summary>Reads the netstrings ctrl_tcp sends (responses and events) and keeps them.</summary>
        private void ReadEvents()
        {
            try
            {
                Stream s = _control.GetStream();
                var length = new StringBuilder();
                while (true)
                {
                    int b = s.ReadByte();
                    if (b < 0)
                    {
                        return;
                    }
                    if (b != ':')
                    {
                        length.Append((char)b);
                        continue;
                    }
                    var data = new byte[int.Parse(length.ToString())];
                    length.Clear();
                    for (int read = 0; read < data.Length;)
                    {
                        int n = s.Read(data, read, data.Length - read);
                        if (n <= 0)
                        {
                            return;
                        }
                        read += n;
                    }
                    s.ReadByte();
                    lock (_events)
                    {
                        _events.Add(Encoding.UTF8.GetString(data));
                    }
                }
            }
            catch (IOException)
            {
                // Disposed.
            }
            catch (ObjectDisposedException)
            {
            }
        }

        private TcpClient Connect(int port)
        {
            var clock = Stopwatch.StartNew();
            while (true)
            {
                if (_peer.HasExited)
                {
                    throw new InvalidOperationException("baresip exited:\n" + Log);
                }
                try
                {
                    return new TcpClient("127.0.0.1", port);
                }
                catch (SocketException) when (clock.ElapsedMilliseconds < 15000)
                {
                    Thread.Sleep(100);
                }
            }
        }

        public void Dispose()
        {
            _control?.Dispose();
            _peer.Dispose();
        }
    }
}
