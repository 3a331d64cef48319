using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using Xunit.Abstractions;

namespace DeskPhone.Hil.Tests
{
    /// <summary>
    /// A live UDP flood on loopback: 10,000 MESSAGEs a second for 5 s at a simulator of its own. Afterwards the phone
    /// answers a normal MESSAGE within 100 ms and its memory is back within 10% of what it was before the flood.
    /// Bounded: 150,000 to 250,000 datagrams (two to four warm-up floods, until the memory settles, then the measured
    /// one), to 127.0.0.1 only.
    /// </summary>
    public class FloodScenarios
    {
        private const int Rate = 10_000;
        private const int Seconds = 5;
        private const int MaxWarmUps = 4;
        private readonly ITestOutputHelper _output;

        public FloodScenarios(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void PhoneAnswersPromptlyAndGivesMemoryBackAfterAFlood()
        {
            using PhoneUnderTest phone = PhoneUnderTest.Simulator("");
            var target = new IPEndPoint(IPAddress.Loopback, phone.SipPort);
            using var flood = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            flood.Client.ReceiveBufferSize = 1 << 20;
            int answered = 0;
            int accepted = 0;
            var receiving = true;
            var receiver = new Thread(() =>
            {
                flood.Client.ReceiveTimeout = 200;
                while (Volatile.Read(ref receiving))
                {
                    try
                    {
                        IPEndPoint from = null;
                        byte[] answer = flood.Receive(ref from);
                        if (answer.AsSpan(0, 8).SequenceEqual("SIP/2.0 "u8))
                        {
                            Interlocked.Increment(ref answered);
                        }
                        if (answer.AsSpan(0, 11).SequenceEqual("SIP/2.0 200"u8))
                        {
                            Interlocked.Increment(ref accepted);
                        }
                    }
                    catch (SocketException)
                    {
                    }
                }
            }) { IsBackground = true };
            receiver.Start();

            // Warm-up: the same flood until the phone's memory has settled, so that the baseline includes what a phone that
            // has met a flood holds (JIT, caches, the .NET collector's grown budget, about 155 MB of RSS); the measured
            // flood must then add nothing that stays. One warm-up flood is not always enough: on a loaded machine one
            // left the simulator at 127 MB and the measured flood took it to the usual 155 MB (h-peersflake2). So floods
            // are sent until one adds under 10% to what the last left (at most MaxWarmUps): memory that every flood adds
            // keeps each warm-up over 10%, and the measured flood still has to stay under it.
            var settled = new System.Collections.Generic.List<long>();
            int sent = 0;
            do
            {
                Send(flood, target, sent, Rate * Seconds, Rate);
                sent += Rate * Seconds;
                Quiet(() => answered);
                settled.Add(SettledRssKb(phone.Process));
            }
            while (settled.Count < MaxWarmUps && (settled.Count < 2 || settled[^1] > settled[^2] * 1.10));
            long before = settled[^1];

            int baseline = answered;
            int acceptedBefore = accepted;
            var clock = Stopwatch.StartNew();
            Send(flood, target, sent, Rate * Seconds, Rate);
            double sendSeconds = clock.Elapsed.TotalSeconds;
            Quiet(() => answered);
            Volatile.Write(ref receiving, false);
            receiver.Join();
            int floodAnswers = answered - baseline;
            // Most get 503: one host's flood fills the table of transactions inside Timer J (128 per 32 s).
            _output.WriteLine(Rate * Seconds + " MESSAGEs sent in " + sendSeconds.ToString("F1") + " s, " + floodAnswers + " answered, " +
                              (accepted - acceptedBefore) + " of them 200");

            double best = Enumerable.Range(0, 5).Min(i => RoundTripMs(phone, i));
            _output.WriteLine("normal MESSAGE afterwards: " + best.ToString("F1") + " ms (best of 5)");
            Assert.True(best <= 100, "a normal MESSAGE after the flood took " + best.ToString("F1") + " ms");

            long after = SettledRssKb(phone.Process);
            _output.WriteLine("simulator RSS after the warm-up floods " + string.Join(", ", settled) + " KB, after the measured flood " + after + " KB");
            Assert.True(after <= before * 1.10, "the simulator holds " + after + " KB after the flood, " + before + " KB before (after each warm-up flood: " +
                                                string.Join(", ", settled) + " KB)");
            Assert.True(floodAnswers > 0, "nothing of the flood was answered");
        }

        /// <summary>Sends MESSAGEs numbered first..first+count-1, paced at about <paramref name="perSecond"/>.</summary>
        private static void Send(UdpClient socket, IPEndPoint target, int first, int count, int perSecond)
        {
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < count; i++)
            {
                byte[] datagram = Message(i + first, ((IPEndPoint)socket.Client.LocalEndPoint).Port);
                socket.Send(datagram, datagram.Length, target);
                long due = (long)(i + 1) * 1000 / perSecond;
                while (clock.ElapsedMilliseconds < due - 1)
                {
                    Thread.Sleep(1);
                }
            }
        }

        private static byte[] Message(int n, int port)
        {
            string body = "flood " + n;
            return Encoding.ASCII.GetBytes(
                "MESSAGE sip:486@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=z9hG4bKfl" + n + ";rport\r\n" +
                "From: <sip:flood@127.0.0.1>;tag=f" + n + "\r\nTo: <sip:486@127.0.0.1>\r\nCall-ID: flood-" + n + "@127.0.0.1\r\n" +
                "CSeq: 1 MESSAGE\r\nMax-Forwards: 70\r\nContent-Type: text/plain\r\nContent-Length: " + body.Length + "\r\n\r\n" + body);
        }

        /// <summary>Waits until no answer has arrived for half a second (at most 30 s).</summary>
        private static void Quiet(Func<int> answers)
        {
            var clock = Stopwatch.StartNew();
            int last = -1;
            while (clock.ElapsedMilliseconds < 30_000)
            {
                int now = answers();
                if (now == last)
                {
                    return;
                }
                last = now;
                Thread.Sleep(500);
            }
        }

        private static double RoundTripMs(PhoneUnderTest phone, int i)
        {
            var clock = Stopwatch.StartNew();
            // From the PBX's own address (127.0.0.2), not the flooder's: the flood still fills the server transaction
            // table for Timer J, and the phone must keep answering everyone else.
            string status = phone.SendSip(
                "MESSAGE sip:486@127.0.0.1 SIP/2.0\nVia: SIP/2.0/UDP LOCAL;branch=z9hG4bKafter" + i + "\nFrom: <sip:pbx@127.0.0.2>;tag=a" + i +
                "\nTo: <sip:486@127.0.0.1>\nCall-ID: after-" + i + "@127.0.0.2\nCSeq: 1 MESSAGE\nMax-Forwards: 70\nContent-Type: text/plain\nContent-Length: 5\n\nafter", "127.0.0.2");
            double ms = clock.Elapsed.TotalMilliseconds;
            Assert.Equal("SIP/2.0 200 OK", status);
            return ms;
        }

        /// <summary>
        /// The simulator's resident memory once it has settled: the lowest of a few readings over two seconds, so that
        /// a collection in progress does not decide the verdict.
        /// </summary>
        private static long SettledRssKb(Process process)
        {
            long lowest = long.MaxValue;
            for (int i = 0; i < 5; i++)
            {
                string line = File.ReadAllLines("/proc/" + process.Id + "/status").First(l => l.StartsWith("VmRSS:"));
                lowest = Math.Min(lowest, long.Parse(line.Substring(6).Trim().Split(' ')[0]));
                Thread.Sleep(400);
            }
            return lowest;
        }
    }
}
