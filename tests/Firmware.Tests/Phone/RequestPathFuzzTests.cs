using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using DeskPhone.Sip.Transport;
using Xunit.Abstractions;

namespace DeskPhone.Firmware.Tests.Phone
{
    /// <summary>
    /// A seeded mutation fuzz of the whole request path (inbox, parser, checks, transaction cache, routing, the phone's
    /// handlers, the written answer), over the RFC 4475 torture messages and the phone's own message kinds: no input may
    /// throw, be answered 500 (the loop's answer to a fault), or take over 10 ms. Longer runs: FUZZ_INPUTS=N FUZZ_SEED=S.
    /// </summary>
    public class RequestPathFuzzTests
    {
        private const int MaxMillisPerInput = 10;
        private readonly ITestOutputHelper _output;

        public RequestPathFuzzTests(ITestOutputHelper output)
        {
            _output = output;
        }

        private static readonly byte[] Interesting = Encoding.ASCII.GetBytes(":;,<>\"\\@=%[] \t\r\n0-9z.?/");

        [Fact]
        public void HundredThousandMutatedRequestsNeitherFaultNorStall()
        {
            int inputs = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_INPUTS"), out int n) ? n : 100_000;
            int seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out int s) ? s : 4475;
            List<byte[]> corpus = Corpus();
            var phone = new SipPhone(settings => settings.Set("user_name", 1, "486"));
            phone.Run(100);
            phone.Register();
            var random = new Random(seed);
            int answered = 0;
            // Warm-up: the first pass through each path pays for the JIT, which the device does not have.
            for (int w = 0; w < 2000; w++)
            {
                Feed(phone, Mutate(corpus[w % corpus.Count], corpus, new Random(w), phone.Inbox), w, out _);
            }
            phone.Channel.Sent.Clear();

            for (int i = 0; i < inputs; i++)
            {
                byte[] input = Mutate(corpus[random.Next(corpus.Count)], corpus, random, phone.Inbox);
                double ms = Feed(phone, input, i, out string fault);
                Assert.True(fault == null, "input " + i + " (seed " + seed + ") " + fault + ":\n" + Printable(input));
                if (ms > MaxMillisPerInput)
                {
                    // A slow input is judged by its best of three runs: a collection or a cold cache is not a stall.
                    double best = Enumerable.Range(0, 3).Min(k => Feed(phone, input, i, out _));
                    Assert.True(best <= MaxMillisPerInput, "input " + i + " (seed " + seed + ") took " + best.ToString("F1") + " ms:\n" + Printable(input));
                }
                answered += phone.Channel.Sent.Count;
                phone.Channel.Sent.Clear();
            }

            _output.WriteLine(inputs + " inputs, seed " + seed + ", " + answered + " messages sent by the phone");
            Assert.True(answered > inputs / 10, "the phone answered almost nothing: the mutations are not reaching the request path");
        }

        /// <summary>One input through the inbox and one loop turn; the fault (exception or 500) if there was one.</summary>
        private static double Feed(SipPhone phone, byte[] input, int index, out string fault)
        {
            fault = null;
            int before = phone.Channel.Sent.Count;
            SipPacket packet = phone.Inbox.Rent();
            if (packet == null)
            {
                fault = "found the inbox full: a slot was lost";
                return 0;
            }
            Array.Copy(input, packet.Data, input.Length);
            packet.Length = input.Length;
            packet.RemoteHost = "10.0.0." + (1 + index % 200);
            packet.RemotePort = 5060;
            packet.Transport = phone.Channel;
            phone.Inbox.Post(packet);
            double start = ThreadCpuMillis();
            try
            {
                phone.Run(1);
            }
            catch (Exception e)
            {
                fault = "threw " + e;
            }
            double ms = ThreadCpuMillis() - start;
            for (int k = before; k < phone.Channel.Sent.Count && fault == null; k++)
            {
                if (phone.Channel.Sent[k].StartsWith("SIP/2.0 500", StringComparison.Ordinal))
                {
                    fault = "was answered 500 (a handler fault)";
                }
            }
            return ms;
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct TimeSpec
        {
            public long Seconds;
            public long Nanoseconds;
        }

        [DllImport("libc", EntryPoint = "clock_gettime")]
        private static extern int ClockGetTime(int clock, out TimeSpec time);

        private const int ClockThreadCpuTime = 3;

        /// <summary>
        /// CPU time of this thread (Linux): what the input cost, not how long a loaded machine kept the thread waiting.
        /// Elsewhere wall-clock time, with the best-of-three rule above.
        /// </summary>
        private static double ThreadCpuMillis()
        {
            if (OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTime, out TimeSpec t) == 0)
            {
                return t.Seconds * 1000.0 + t.Nanoseconds / 1e6;
            }
            return Stopwatch.GetTimestamp() * 1000.0 / Stopwatch.Frequency;
        }

        private static byte[] Mutate(byte[] seed, List<byte[]> corpus, Random random, SipInbox inbox)
        {
            var data = new List<byte>(seed);
            int max = inbox.PacketBytes;
            int rounds = 1 + random.Next(4);
            for (int r = 0; r < rounds && data.Count > 0; r++)
            {
                int at = random.Next(data.Count);
                switch (random.Next(8))
                {
                    case 0:
                        data[at] ^= (byte)(1 << random.Next(8));
                        break;
                    case 1:
                        data[at] = Interesting[random.Next(Interesting.Length)];
                        break;
                    case 2:
                        data.RemoveRange(at, Math.Min(data.Count - at, 1 + random.Next(16)));
                        break;
                    case 3:
                        int len = Math.Min(data.Count - at, 1 + random.Next(64));
                        data.InsertRange(random.Next(data.Count), data.GetRange(at, len));
                        break;
                    case 4:
                        data.Insert(at, (byte)random.Next(256));
                        break;
                    case 5:
                        byte[] other = corpus[random.Next(corpus.Count)];
                        int from = random.Next(other.Length);
                        data.InsertRange(at, other.Skip(from).Take(1 + random.Next(80)));
                        break;
                    case 6:
                        // A repeated list element (Via, Contact, Route ...): the linear-time promise.
                        int lineStart = data.LastIndexOf((byte)'\n', at) + 1;
                        int lineEnd = data.IndexOf((byte)'\r', lineStart);
                        if (lineEnd > lineStart)
                        {
                            byte[] element = data.GetRange(lineStart, lineEnd - lineStart).ToArray();
                            int copies = 1 + random.Next(40);
                            for (int c = 0; c < copies; c++)
                            {
                                data.InsertRange(lineEnd, new[] { (byte)',' }.Concat(element));
                            }
                        }
                        break;
                    default:
                        data.RemoveRange(at, data.Count - at);
                        break;
                }
                if (data.Count > max)
                {
                    // What a slot holds; without the cut, repeated list growth would make inputs of megabytes.
                    data.RemoveRange(max, data.Count - max);
                }
            }
            return data.ToArray();
        }

        /// <summary>The torture messages (when ../shared is there) and the requests and answers a phone meets every day.</summary>
        private static List<byte[]> Corpus()
        {
            var corpus = new List<byte[]>();
            string root = typeof(RequestPathFuzzTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .First(a => a.Key == "RepoRoot").Value;
            string torture = Path.Combine(root, "..", "shared", "sip-torture");
            if (Directory.Exists(torture))
            {
                corpus.AddRange(Directory.GetFiles(torture, "*.dat").OrderBy(f => f).Select(File.ReadAllBytes));
            }
            corpus.Add(File.ReadAllBytes(Path.Combine(root, "tools", "ParseCount", "message484.sip")));
            const string via = "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKf1;rport\r\nMax-Forwards: 70\r\n";
            const string dialog = "From: <sip:pbx@10.0.0.1>;tag=77\r\nTo: <sip:486@10.0.0.1>\r\nCall-ID: fz1@10.0.0.1\r\n";
            foreach (string text in new[]
            {
                "MESSAGE sip:486@192.0.2.10 SIP/2.0\r\n" + via + dialog + "CSeq: 1 MESSAGE\r\nContent-Type: text/plain;charset=utf-8\r\nContent-Length: 12\r\n\r\nHallo Grüße",
                "OPTIONS sip:486@192.0.2.10 SIP/2.0\r\n" + via + dialog + "CSeq: 2 OPTIONS\r\nAccept: application/sdp\r\nContent-Length: 0\r\n\r\n",
                "NOTIFY sip:486@192.0.2.10 SIP/2.0\r\n" + via + dialog + "CSeq: 3 NOTIFY\r\nEvent: message-summary\r\nSubscription-State: active\r\n" +
                    "Content-Type: application/simple-message-summary\r\nContent-Length: 50\r\n\r\nMessages-Waiting: yes\r\nVoice-Message: 2/8 (0/2)\r\n\r\n",
                "NOTIFY sip:486@192.0.2.10 SIP/2.0\r\n" + via + dialog + "CSeq: 4 NOTIFY\r\nEvent: dialog\r\nSubscription-State: active;expires=3600\r\n" +
                    "Content-Type: application/dialog-info+xml\r\nContent-Length: 178\r\n\r\n<?xml version=\"1.0\"?><dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\"1\" state=\"full\" entity=\"sip:200@10.0.0.1\"><dialog id=\"a\"><state>confirmed</state></dialog></dialog-info>",
                "INVITE sip:486@192.0.2.10 SIP/2.0\r\n" + via + dialog + "CSeq: 5 INVITE\r\nContact: <sip:pbx@10.0.0.1>\r\nContent-Type: application/sdp\r\nContent-Length: 0\r\n\r\n",
                "BYE sip:486@192.0.2.10 SIP/2.0\r\n" + via + dialog + "CSeq: 6 BYE\r\nContent-Length: 0\r\n\r\n",
                "SUBSCRIBE sip:486@192.0.2.10 SIP/2.0\r\n" + via + dialog + "CSeq: 7 SUBSCRIBE\r\nEvent: presence\r\nContact: <sip:pbx@10.0.0.1>\r\nExpires: 60\r\nContent-Length: 0\r\n\r\n",
                "SIP/2.0 200 OK\r\n" + via + dialog + "CSeq: 1 REGISTER\r\nContact: <sip:486@192.0.2.10:5060>;expires=3600, <sip:486@192.0.2.11>;expires=60\r\nContent-Length: 0\r\n\r\n",
            })
            {
                corpus.Add(Encoding.UTF8.GetBytes(text));
            }
            return corpus;
        }

        private static string Printable(byte[] input) =>
            new string(input.Select(b => b == '\r' ? '␍' : b == '\n' ? '\n' : b < 32 || b > 126 ? '·' : (char)b).ToArray());
    }
}
