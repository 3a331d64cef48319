using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using DeskPhone.Hil.Tests;

namespace DeskPhone.Peers.Tests
{
    /// <summary>
    /// Debian's kamailio on a free loopback port (UDP, and TCP where the config listens on it) with a config from
    /// kamailio/ (registrar.cfg by default). A config
    /// that names @DB@ gets a db_text database in the temp folder, made from Debian's empty table files.
    /// </summary>
    public sealed class Kamailio : IDisposable
    {
        public const string Binary = "/usr/sbin/kamailio";
        public const string Missing = "kamailio is not installed (apt-get install kamailio; .ci/run installs it)";
        public const string PresenceModule = "/usr/lib/x86_64-linux-gnu/kamailio/modules/presence.so";
        public const string PresenceMissing = "kamailio's presence modules are not installed (apt-get install kamailio-presence-modules; .ci/run installs them)";
        private const string DbTextTables = "/usr/share/kamailio/dbtext/kamailio";
        private static readonly string[] PresenceTables = { "version", "presentity", "active_watchers", "watchers", "xcap", "pua" };

        private readonly PeerProcess _peer = new PeerProcess("kamailio");

        public Kamailio(string cfgName = "registrar.cfg")
        {
            string cfg = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "kamailio", cfgName));
            // A config that listens on TCP too gets a port free for both.
            Port = cfg.Contains("listen=tcp:") ? LoopbackPorts.FreeUdpAndTcp() : LoopbackPorts.FreeUdp();
            cfg = cfg.Replace("@PORT@", Port.ToString());
            if (cfg.Contains("@DB@"))
            {
                string db = Directory.CreateDirectory(Path.Combine(_peer.Dir, "db")).FullName;
                foreach (string table in PresenceTables)
                {
                    File.Copy(Path.Combine(DbTextTables, table), Path.Combine(db, table));
                }
                cfg = cfg.Replace("@DB@", db);
            }
            string cfgFile = Path.Combine(_peer.Dir, "kamailio.cfg");
            File.WriteAllText(cfgFile, cfg);
            _peer.Start(new ProcessStartInfo(Binary, "-f " + cfgFile + " -DD -E -Y " + _peer.Dir));
            WaitUntilAnswering();
        }

        public int Port { get; }

        public string Log => _peer.Log;

        /// <summary>How many times the log holds this text.</summary>
        public int Count(string text)
        {
            string log = Log;
            int n = 0;
            for (int i = log.IndexOf(text, StringComparison.Ordinal); i >= 0; i = log.IndexOf(text, i + 1, StringComparison.Ordinal))
            {
                n++;
            }
            return n;
        }

        public void Dispose() => _peer.Dispose();

        private void WaitUntilAnswering()
        {
            using var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            probe.Client.ReceiveTimeout = 200;
            byte[] options = Encoding.ASCII.GetBytes(
                "OPTIONS sip:127.0.0.1:" + Port + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + ((IPEndPoint)probe.Client.LocalEndPoint).Port +
                ";branch=z9hG4bKprobe\r\nFrom: <sip:probe@127.0.0.1>;tag=p\r\nTo: <sip:127.0.0.1>\r\nCall-ID: probe\r\nCSeq: 1 OPTIONS\r\n" +
                "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            var clock = Stopwatch.StartNew();
            while (clock.ElapsedMilliseconds < 15000)
            {
                if (_peer.HasExited)
                {
                    throw new InvalidOperationException("kamailio exited:\n" + Log);
                }
                probe.Send(options, options.Length, new IPEndPoint(IPAddress.Loopback, Port));
                try
                {
                    IPEndPoint from = null;
                    probe.Receive(ref from);
                    return;
                }
                catch (SocketException)
                {
                    Thread.Sleep(100);
                }
            }
            throw new TimeoutException("kamailio did not answer on port " + Port + ":\n" + Log);
        }
    }
}
