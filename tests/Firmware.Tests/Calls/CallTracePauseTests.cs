using System.Collections.Generic;
using DeskPhone.Firmware.Bench;
using DeskPhone.Firmware.Phone;
using DeskPhone.Firmware.Tests.Phone;
using DeskPhone.Host.Simulated;
using DeskPhone.Media.Tests.Rtp;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Firmware.Tests.Calls
{
    /// <summary>
    /// A call that finds the heap short pauses the SIP trace (its ring let go) until the calls end (firmware/App/CallLayer,
    /// docs/bench.md): the call's turns get the trace's heap on the 80,896-byte board; a call with room keeps the trace.
    /// </summary>
    public class CallTracePauseTests
    {
        private const string Offer = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.7\r\nt=0 0\r\nm=audio 4000 RTP/AVP 8\r\na=sendrecv\r\n";

        private sealed class Heap : IFreeMemory
        {
            public int Free = 40000;
            public int FreeAfterCollection() => Free;
        }

        private readonly Heap _heap = new Heap();
        private readonly SipTrace _trace = new SipTrace(4, 512, 1024);
        private readonly SipPhone _p;

        public CallTracePauseTests()
        {
            var hw = new SimulatedPhoneHardware();
            var channels = new List<FakeRtpChannel>();
            _p = new SipPhone(null, null, hw.Drivers, rtp: () => { var c = new FakeRtpChannel(); channels.Add(c); return c; }, memory: _heap);
            _p.Inbox.Trace = _trace;
            _p.Run(100);
            _p.Register();
            _p.Run(1000);
        }

        private void Options(string id)
        {
            _p.Channel.Arrive("OPTIONS sip:100@192.0.2.10:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK" + id +
                              "\r\nFrom: <sip:555@10.0.0.1>;tag=o\r\nTo: <sip:100@10.0.0.1>\r\nCall-ID: " + id +
                              "\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            _p.Run(10);
        }

        [Fact]
        public void ACallOnAShortHeapPausesTheTraceUntilItEnds()
        {
            _p.Invite("z9hG4bKt1", "t1", "<sip:555@10.0.0.1>", sdp: Offer);
            // Room at the ringing: the trace keeps the INVITE.
            Assert.Equal(0, _trace.Pause);
            Assert.Contains("INVITE sip:100@", BenchRouter.TraceText(_trace));

            // The heap short at the answer: paused, the ring let go at once (the answer's redraw follows in its turn, before
            // any next message; h-reserve2), and the next message is not kept.
            // Short: less than the request room, the trace's and the media turns' bytes (h-basecut, h-restcut).
            _heap.Free = HeapReserve.RequestRoomBytes + DeviceSizing.CallTraceBytes - 1;
            Assert.True(_p.App.Calls.Answer(0, _p.Now));
            Assert.Equal(SipTrace.Paused, _trace.Pause);
            Assert.Equal("", BenchRouter.TraceText(_trace));
            _p.Run(10);
            Options("o1");
            Assert.Equal("", BenchRouter.TraceText(_trace));

            // The call ends: the trace records again from the next message that arrives; the BYE sent in the ending turn
            // does not make the ring again (the ended call's redraw follows, h-restcut).
            _heap.Free = 40000;
            Assert.True(_p.App.Calls.Hangup(0, _p.Now));
            _p.Run(10);
            Assert.Equal(SipTrace.PausedUntilArrival, _trace.Pause);
            Assert.Equal("", BenchRouter.TraceText(_trace));
            Options("o2");
            Assert.Equal(0, _trace.Pause);
            Assert.Contains("OPTIONS sip:100@", BenchRouter.TraceText(_trace));
            Assert.Contains("Call-ID: o2", BenchRouter.TraceText(_trace));
        }

        [Fact]
        public void TheCallsMeasurementTellsTheHeapReserveTheHeapIsLow()
        {
            // The call's change is measured through the reserve (h-keyadmit): a heap below low_memory_threshold at the
            // answer makes the reserve low at once, so the call's requests are measured one by one, not a period later.
            _p.Invite("z9hG4bKt3", "t3", "<sip:555@10.0.0.1>", sdp: Offer);
            Assert.False(_p.Phone.Reserve.Low);
            _heap.Free = _p.Phone.Reserve.KeepBytes - 1;
            Assert.True(_p.App.Calls.Answer(0, _p.Now));
            _p.Run(10);
            Assert.Equal(SipTrace.Paused, _trace.Pause);
            Assert.True(_p.Phone.Reserve.Low);
        }

        [Fact]
        public void ACallWithRoomKeepsTheTrace()
        {
            _p.Invite("z9hG4bKt2", "t2", "<sip:555@10.0.0.1>", sdp: Offer);
            Assert.True(_p.App.Calls.Answer(0, _p.Now));
            _p.Run(10);
            Options("o3");
            Assert.Equal(0, _trace.Pause);
            Assert.Contains("INVITE sip:100@", BenchRouter.TraceText(_trace));
            Assert.Contains("Call-ID: o3", BenchRouter.TraceText(_trace));
        }
    }
}
