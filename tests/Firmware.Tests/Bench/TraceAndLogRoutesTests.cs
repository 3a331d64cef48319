using System.Text;
using DeskPhone.Firmware.Bench;
using DeskPhone.Firmware.Tests.Phone;
using DeskPhone.Firmware.Phone;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Firmware.Tests.Bench
{
    /// <summary>GET /api/trace, POST /api/trace/clear and GET /api/log on the phone built by PhoneApp (virtual time).</summary>
    public class TraceAndLogRoutesTests
    {
        private readonly SipPhone _p = new SipPhone();
        private readonly SipTrace _trace;
        private readonly BenchRouter _router;

        public TraceAndLogRoutesTests()
        {
            _trace = new SipTrace(8, 4096, 8 * 4096) { Clock = () => _p.Now };
            _p.Inbox.Trace = _trace;
            _router = new BenchRouter(_p.Phone, null, (code, action) => { }, null, null) { Trace = _trace, Log = _p.App.Log };
            _p.Run(100);
        }

        private string Get(string path)
        {
            BenchResponse r = _router.Handle("GET", path, null, null, null);
            Assert.Equal(200, r.Status);
            // The bench's text answers end with one line feed of their own.
            string text = Encoding.UTF8.GetString(r.Body);
            Assert.EndsWith("\n", text);
            return text.Substring(0, text.Length - 1);
        }

        [Fact]
        public void TheTraceShowsAMessageAsItArrivedAndClearForgetsIt()
        {
            _p.Channel.Arrive("MESSAGE sip:100@192.0.2.10 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKt1\r\n" +
                              "From: <sip:pbx@10.0.0.1>;tag=p\r\nTo: <sip:100@10.0.0.1>\r\nCall-ID: t1\r\nCSeq: 1 MESSAGE\r\n" +
                              "Max-Forwards: 70\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nHello");
            _p.Run(10);
            string trace = Get("/api/trace");
            Assert.Matches(@"^#1 0\.1\d\d s in UDP from 10\.0\.0\.1:5060, \d+ B\r\nMESSAGE sip:100@192\.0\.2\.10 SIP/2\.0\r\n", trace);
            Assert.EndsWith("\r\n\r\nHello\r\n", trace);

            Assert.Equal(200, _router.Handle("POST", "/api/trace/clear", null, null, null).Status);
            Assert.Equal("", Get("/api/trace"));
            Assert.Equal(404, _router.Handle("POST", "/api/trace/other", null, null, null).Status);
        }

        [Fact]
        public void AnEmptyTraceOnAShortHeapSaysWhy()
        {
            Assert.Equal("", Get("/api/trace"));
            // A call on a short heap pauses the trace (the heap reserve's Short does the same): the next message lets the
            // ring go, and the route says why the trace is empty rather than answering nothing.
            _trace.Pause = SipTrace.Paused;
            _p.Channel.Arrive("MESSAGE sip:100@192.0.2.10 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKt2\r\n" +
                              "From: <sip:pbx@10.0.0.1>;tag=p\r\nTo: <sip:100@10.0.0.1>\r\nCall-ID: t2\r\nCSeq: 1 MESSAGE\r\n" +
                              "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            _p.Run(10);
            Assert.Equal(BenchRouter.TraceOff, Get("/api/trace"));
            Assert.StartsWith("SIP trace off: the heap is short", BenchRouter.TraceOff);

            _trace.Pause = 0;
            Assert.Equal("", Get("/api/trace"));
        }

        [Fact]
        public void TheLogKeepsRegistrationAndStatusEventsButNotLedsOrKeys()
        {
            _p.Register();
            _p.Phone.OnKey(DeskPhone.Drivers.Input.KeyCode.Digit5, DeskPhone.Drivers.Input.KeyAction.Press, _p.Now);
            _p.Run(10);
            string log = Get("/api/log");
            Assert.Matches(@"(?m)^\d+\.\d{3} s registration 1 ", log);
            Assert.DoesNotMatch(@"(?m)^\d+\.\d{3} s (leds|key|screen)\b", log);
        }

        [Fact]
        public void TheLogIsBoundedToItsLines()
        {
            for (int i = 0; i < 40; i++)
            {
                _p.App.Log.Add("line " + i);
            }
            string[] lines = Get("/api/log").TrimEnd('\n').Split('\n');
            Assert.Equal(PhoneLog.BoardLines, lines.Length);
            Assert.Equal(8, PhoneLog.BoardLines);
            Assert.EndsWith(" s line 39", lines[^1]);
            Assert.EndsWith(" s line 32", lines[0]);
        }

        [Fact]
        public void TheLogKeepsWholeLinesOfAnyLengthAndTextOldestFirst()
        {
            // A clock whose bytes are 0xFF, the lines' end mark in the log's array: 4,294,902,015 ms.
            _p.Now = 0xFFFF00FFL - 10;
            _p.Run(10);
            // One long line among short ones, a line holding a line break and one with non-ASCII text: each is one of the
            // 8, dropped whole, and comes back as it was added.
            _p.App.Log.Add(new string('x', 600));
            _p.App.Log.Add("two\nparts");
            _p.App.Log.Add("Grüße 你好");
            for (int i = 0; i < 5; i++)
            {
                _p.App.Log.Add("line " + i);
            }
            string log = Get("/api/log");
            Assert.Matches(@"^4294902\.015 s x{600}\n4294902\.015 s two\nparts\n4294902\.015 s Grüße 你好\n", log);
            Assert.Equal(9, log.TrimEnd('\n').Split('\n').Length);
            _p.App.Log.Add("line 5");
            Assert.StartsWith("4294902.015 s two\nparts\n", Get("/api/log"));
            _p.App.Log.Add("line 6");
            _p.App.Log.Add("line 7");
            string[] lines = Get("/api/log").TrimEnd('\n').Split('\n');
            Assert.Equal(8, lines.Length);
            Assert.Equal("4294902.015 s line 0", lines[0]);
            Assert.Equal("4294902.015 s line 7", lines[7]);
        }

        [Fact]
        public void WithoutATraceOrLogTheRoutesAre404()
        {
            var router = new BenchRouter(_p.Phone, null, (code, action) => { }, null, null);
            Assert.Equal(404, router.Handle("GET", "/api/trace", null, null, null).Status);
            Assert.Equal(404, router.Handle("GET", "/api/log", null, null, null).Status);
        }
    }
}
