using System;
using System.IO;
using System.Text;
using BenchmarkDotNet.Attributes;
using DeskPhone.Sip.Message;

namespace DeskPhone.Benchmarks
{
    /// <summary>Parsing and writing typical messages (docs/benchmarks.md).</summary>
    [MemoryDiagnoser]
    public class SipBenchmarks
    {
        /// <summary>Exactly 484 bytes, the size the project's targets are stated for; the same file tools/ParseCount counts.</summary>
        public static readonly byte[] Message484 = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "message484.sip"));

        public static readonly byte[] Register = Encoding.ASCII.GetBytes(
            "REGISTER sip:pbx.example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKnashds7;rport\r\n" +
            "Max-Forwards: 70\r\nFrom: <sip:486@pbx.example.com>;tag=a73kszlfl\r\nTo: <sip:486@pbx.example.com>\r\n" +
            "Call-ID: 1j9FpLxk3uxtm8tn@192.0.2.10\r\nCSeq: 1 REGISTER\r\nContact: <sip:486@192.0.2.10:5060;line=dp1>\r\n" +
            "Expires: 3600\r\nUser-Agent: DeskPhone\r\nContent-Length: 0\r\n\r\n");

        public static readonly byte[] InviteWithSdp = Encoding.ASCII.GetBytes(
            "INVITE sip:486@192.0.2.10 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK74bf9\r\nMax-Forwards: 70\r\n" +
            "From: \"Alice\" <sip:alice@pbx.example.com>;tag=9fxced76sl\r\nTo: <sip:486@pbx.example.com>\r\n" +
            "Call-ID: 3848276298220188511@pbx.example.com\r\nCSeq: 1 INVITE\r\nContact: <sip:alice@192.0.2.1>\r\n" +
            "Content-Type: application/sdp\r\nContent-Length: 151\r\n\r\n" +
            "v=0\r\no=alice 2890844526 2890844526 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n" +
            "m=audio 49170 RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\n");

        private readonly SipParser _parser = new SipParser();
        private readonly SipMessage _message = new SipMessage();
        private readonly ParseResult _result = new ParseResult();
        private readonly SipMessage _parsedMessage = new SipMessage();

        [GlobalSetup]
        public void Setup()
        {
            _parser.Parse(Message484, 0, Message484.Length, false, _parsedMessage, new ParseResult());
        }

        [Benchmark]
        public int ParseMessage484()
        {
            _parser.Parse(Message484, 0, Message484.Length, false, _message, _result);
            return _message.HeaderCount;
        }

        [Benchmark]
        public int ParseRegister()
        {
            _parser.Parse(Register, 0, Register.Length, false, _message, _result);
            return _message.HeaderCount;
        }

        [Benchmark]
        public int ParseInviteWithSdp()
        {
            _parser.Parse(InviteWithSdp, 0, InviteWithSdp.Length, false, _message, _result);
            return _message.BodyLength;
        }

        /// <summary>Parse plus what the phone reads of a MESSAGE before handing it over (Call-ID, CSeq, From, To, type).</summary>
        [Benchmark]
        public int ParseAndReadMessage484()
        {
            _parser.Parse(Message484, 0, Message484.Length, false, _message, _result);
            return _message.CallId.Length + (int)_message.CSeq + _message.From.Tag.Length + _message.ContentType.Length;
        }

        [Benchmark]
        public int Write200ForMessage484() =>
            SipWriter.Response(200, "OK").EchoRequest(_parsedMessage, "dp1", 0, 0).Header("User-Agent", "DeskPhone").ToBytes().Length;

        [Benchmark]
        public int WriteRegister() =>
            SipWriter.Request("REGISTER", "sip:pbx.example.com")
                .Header("Via", "SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKnashds7;rport").Header("Max-Forwards", "70")
                .Header("From", "<sip:486@pbx.example.com>;tag=a73kszlfl").Header("To", "<sip:486@pbx.example.com>")
                .Header("Call-ID", "1j9FpLxk3uxtm8tn@192.0.2.10").Header("CSeq", "1 REGISTER")
                .Header("Contact", "<sip:486@192.0.2.10:5060;line=dp1>").Header("Expires", "3600")
                .Header("User-Agent", "DeskPhone").ToBytes().Length;

        [Benchmark]
        public int WriteInviteWithSdp() =>
            SipWriter.Request("INVITE", "sip:486@192.0.2.10")
                .Header("Via", "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK74bf9").Header("Max-Forwards", "70")
                .Header("From", "\"Alice\" <sip:alice@pbx.example.com>;tag=9fxced76sl").Header("To", "<sip:486@pbx.example.com>")
                .Header("Call-ID", "3848276298220188511@pbx.example.com").Header("CSeq", "1 INVITE")
                .Header("Contact", "<sip:alice@192.0.2.1>").Body("application/sdp", Sdp).ToBytes().Length;

        private static readonly byte[] Sdp = Encoding.ASCII.GetBytes(
            "v=0\r\no=alice 2890844526 2890844526 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n" +
            "m=audio 49170 RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\n");
    }
}
