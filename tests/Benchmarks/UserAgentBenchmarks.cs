using System;
using System.Text;
using BenchmarkDotNet.Attributes;
using DeskPhone.Firmware.App;
using DeskPhone.Firmware.Phone;
using DeskPhone.Host.Sim;
using DeskPhone.Sip.Transport;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Benchmarks
{
    /// <summary>
    /// One request through the whole phone without sockets: inbox, parse, transaction cache, checks, routing, the
    /// firmware's handler and the written answer, wired as the simulator wires it (docs/benchmarks.md).
    /// </summary>
    [MemoryDiagnoser]
    public class UserAgentBenchmarks
    {
        private const string Source = "192.0.2.1";

        private static readonly byte[] Options = Encoding.ASCII.GetBytes(
            "OPTIONS sip:486@192.0.2.10:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK000000000;rport\r\n" +
            "Max-Forwards: 70\r\nFrom: <sip:pbx@pbx.example.com>;tag=8321\r\nTo: <sip:486@pbx.example.com>\r\n" +
            "Call-ID: 0ha0isndaksdj@192.0.2.1\r\nCSeq: 63104 OPTIONS\r\nAccept: application/sdp\r\nContent-Length: 0\r\n\r\n");

        private static readonly byte[] Notify = Encoding.ASCII.GetBytes(
            "NOTIFY sip:486@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK000000000;rport\r\n" +
            "Max-Forwards: 70\r\nFrom: <sip:486@pbx.example.com>;tag=4442\r\nTo: <sip:486@pbx.example.com>\r\n" +
            "Call-ID: mwi7731@pbx.example.com\r\nCSeq: 20 NOTIFY\r\nEvent: message-summary\r\nSubscription-State: active\r\n" +
            "Content-Type: application/simple-message-summary\r\nContent-Length: 50\r\n\r\n" +
            "Messages-Waiting: yes\r\nVoice-Message: 2/8 (0/2)\r\n\r\n");

        private SipInbox _inbox;
        private Sink _sink;
        private SipUserAgent _agent;
        private long _now = 1000;
        private uint _branch;

        /// <summary>Counts what the phone sends; keeps the last answer's status for the setup check.</summary>
        private sealed class Sink : ISipTransport
        {
            public int Sent;
            public int LastStatus;

            public string Name => "UDP";
            public int LocalPort => 5060;

            public bool Send(byte[] data, int length, string host, int port, object connection)
            {
                Sent++;
                LastStatus = (data[8] - '0') * 100 + (data[9] - '0') * 10 + (data[10] - '0');
                return true;
            }
        }

        [GlobalSetup]
        public void Setup()
        {
            var settings = SimulatedPhone.DefaultSettings(null, "486", null);
            _inbox = new SipInbox(4, 8192);
            _sink = new Sink();
            _agent = new PhoneApp(new PhoneParts(settings, _inbox, _sink) { LocalHost = "192.0.2.10" }).Agent;
            Expect(SipBenchmarks.Message484, true, 200);
            Expect(SipBenchmarks.Message484, false, 200);
            Expect(Options, true, 200);
            Expect(Notify, true, 200);
        }

        private void Expect(byte[] template, bool newBranch, int status)
        {
            int sent = _sink.Sent;
            Handle(template, newBranch);
            if (_sink.Sent != sent + 1 || _sink.LastStatus != status)
            {
                throw new InvalidOperationException("the phone answered " + _sink.LastStatus + ", not " + status);
            }
        }

        /// <summary>The 484-byte MESSAGE with a new branch each time: parsed, checked, handled and answered.</summary>
        [Benchmark]
        public int Message484NewTransaction() => Handle(SipBenchmarks.Message484, true);

        /// <summary>The same MESSAGE again: a retransmission, answered from the transaction cache.</summary>
        [Benchmark]
        public int Message484Retransmission() => Handle(SipBenchmarks.Message484, false);

        [Benchmark]
        public int OptionsNewTransaction() => Handle(Options, true);

        /// <summary>An unsolicited message-summary NOTIFY (message waiting) from the registrar.</summary>
        [Benchmark]
        public int NotifyMessageSummaryNewTransaction() => Handle(Notify, true);

        private int Handle(byte[] template, bool newBranch)
        {
            SipPacket p = _inbox.Rent();
            Array.Copy(template, p.Data, template.Length);
            p.Length = template.Length;
            p.RemoteHost = Source;
            p.RemotePort = 5060;
            p.Transport = _sink;
            if (newBranch)
            {
                WriteBranch(p.Data, template.Length, ++_branch);
            }
            _inbox.Post(p);
            // A new transaction 300 ms after the last, within the rate the server transaction table is sized for (128
            // in 32 s; at 1 ms apart it would be full and answer 503 without handling); a retransmission 1 ms after.
            _now += newBranch ? 300 : 1;
            _agent.Poll(_now);
            return _sink.Sent;
        }

        /// <summary>Overwrites the 9 characters after the first "z9hG4bK" with the counter (fixed width, so lengths stay).</summary>
        private static void WriteBranch(byte[] data, int length, uint n)
        {
            for (int i = 0; i + 16 <= length; i++)
            {
                if (data[i] == 'z' && data[i + 1] == '9' && data[i + 2] == 'h' && data[i + 6] == 'K')
                {
                    for (int d = 15; d >= 7; d--)
                    {
                        data[i + d] = (byte)"0123456789abcdef"[(int)(n & 15)];
                        n >>= 4;
                    }
                    return;
                }
            }
        }
    }
}
