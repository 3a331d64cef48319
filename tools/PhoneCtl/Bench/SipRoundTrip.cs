using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using DeskPhone.Sip.Message;

namespace DeskPhone.PhoneCtl.Bench
{
    /// <summary>
    /// `phonectl sip rtt TARGET [COUNT]`: sends COUNT MESSAGEs one after another over UDP (each a new transaction) and
    /// prints the round-trip percentiles of their final answers, so the phone can be compared with another user
    /// agent in the same run (tools/bench/message-rtt.sh).
    /// </summary>
    internal static class SipRoundTrip
    {
        private const int WarmUp = 500;
        private const int TimeoutMs = 2000;

        public static int Run(string[] args, TextWriter output, TextWriter error)
        {
            int count = 1000;
            if (args.Length < 1 || args.Length > 2 || (args.Length == 2 && (!int.TryParse(args[1], out count) || count < 1 || count > 1000000)))
            {
                error.WriteLine("usage: phonectl sip rtt TARGET [COUNT]   (COUNT 1..1000000, default 1000)");
                return 2;
            }
            string target = args[0];
            SipUri uri = SipUri.Parse(target);
            if (uri == null || !uri.IsSip || !IPAddress.TryParse(uri.Host.Trim('[', ']'), out IPAddress address) || !IPAddress.IsLoopback(address))
            {
                error.WriteLine("phonectl: target must be a sip: URI with a loopback address, e.g. sip:486@127.0.0.1:5060");
                return 2;
            }
            var remote = new IPEndPoint(address, uri.Port == 0 ? 5060 : uri.Port);
            using var socket = new UdpClient(new IPEndPoint(address, 0));
            socket.Client.ReceiveTimeout = TimeoutMs;
            var local = (IPEndPoint)socket.Client.LocalEndPoint;
            string host = local.Address + ":" + local.Port;
            string callId = Guid.NewGuid().ToString("N") + "@" + local.Address;
            string tag = Guid.NewGuid().ToString("N").Substring(0, 8);
            byte[] body = Encoding.UTF8.GetBytes("rtt");
            var parser = new SipParser();
            var response = new SipMessage();
            var result = new ParseResult();
            var buffer = new byte[65536];
            var times = new double[count];
            int failed = 0;
            for (int i = -WarmUp; i < count; i++)
            {
                string branch = "z9hG4bKrtt" + (i + WarmUp).ToString() + tag;
                byte[] request = SipWriter.Request("MESSAGE", target)
                    .Header("Via", "SIP/2.0/UDP " + host + ";branch=" + branch + ";rport")
                    .Header("Max-Forwards", "70")
                    .Header("From", "<sip:phonectl@" + host + ">;tag=" + tag)
                    .Header("To", "<" + target + ">")
                    .Header("Call-ID", callId)
                    .Header("CSeq", (i + WarmUp + 1).ToString() + " MESSAGE")
                    .Body("text/plain", body)
                    .ToBytes();
                long start = Stopwatch.GetTimestamp();
                socket.Client.SendTo(request, remote);
                int status = 0;
                while (status == 0)
                {
                    int n;
                    try
                    {
                        n = socket.Client.Receive(buffer);
                    }
                    catch (SocketException ex)
                    {
                        error.WriteLine("phonectl: no answer from " + remote + " to MESSAGE " + (i + WarmUp + 1) + " (" + ex.SocketErrorCode + ")");
                        return 1;
                    }
                    parser.Parse(buffer, 0, n, false, response, result);
                    if (result.Code == ParseResult.Ok && !response.IsRequest && response.StatusCode >= 200 && response.GetVia(0)?.Branch == branch)
                    {
                        status = response.StatusCode;
                    }
                }
                if (i >= 0)
                {
                    times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds * 1000;
                    failed += status < 300 ? 0 : 1;
                }
            }
            Array.Sort(times);
            output.WriteLine("{0}: {1} MESSAGEs, {2} not 2xx; round trip us: p50 {3:F0}  p90 {4:F0}  p99 {5:F0}  max {6:F0}",
                target, count, failed, Percentile(times, 50), Percentile(times, 90), Percentile(times, 99), times[count - 1]);
            return failed == 0 ? 0 : 1;
        }

        private static double Percentile(double[] sorted, int p) => sorted[Math.Min(sorted.Length - 1, sorted.Length * p / 100)];
    }
}
