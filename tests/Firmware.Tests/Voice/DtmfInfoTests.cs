using System.Collections.Generic;
using System.Text;
using DeskPhone.Domain.Calls;
using DeskPhone.Firmware.Tests.Phone;
using DeskPhone.Media.Audio;
using DeskPhone.Media.Rtp;
using DeskPhone.Media.Tests.Rtp;

namespace DeskPhone.Firmware.Tests.Voice
{
    /// <summary>
    /// DTMF as SIP INFO in the phone built by PhoneApp (fake SIP and media channels, virtual time): received INFO
    /// application/dtmf-relay and application/dtmf answered 200 and reported with the RFC 4733 digits (the media
    /// figures, the call screen); bad ones refused with the reason; keys sent as INFO per user_dtmf_info, one at a time,
    /// byte for byte.
    /// </summary>
    public class DtmfInfoTests
    {
        private const string Offer = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.7\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0 101\r\n" +
                                     "a=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n";

        private readonly List<FakeRtpChannel> _channels = new List<FakeRtpChannel>();
        private readonly SipPhone _p;
        private string _toTag;
        private int _cseq = 1;

        public DtmfInfoTests()
        {
            _p = new SipPhone(rtp: () => { var c = new FakeRtpChannel(); _channels.Add(c); return c; }, audio: new SilentAudio());
            _p.Run(100);
            _p.Register();
        }

        private void Answer()
        {
            _p.Channel.Arrive("INVITE sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKi1\r\n" +
                              "From: \"Bob\" <sip:555@10.0.0.1>;tag=a\r\nTo: <sip:100@10.0.0.1>\r\nCall-ID: i1\r\nCSeq: 1 INVITE\r\n" +
                              "Contact: <sip:555@10.0.0.1>\r\nMax-Forwards: 70\r\nContent-Type: application/sdp\r\nContent-Length: " +
                              Offer.Length + "\r\n\r\n" + Offer);
            _p.Run(10);
            Assert.True(_p.App.Calls.Answer(0, _p.Now));
            _p.Run(10);
            string ok = _p.Channel.Sent.FindLast(m => m.StartsWith("SIP/2.0 200 OK"));
            string to = SipChannel.Header(ok, "To");
            _toTag = to.Substring(to.IndexOf(";tag=") + 5);
            _p.Channel.Arrive("ACK sip:100@192.0.2.10:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKa1\r\n" +
                              "From: \"Bob\" <sip:555@10.0.0.1>;tag=a\r\nTo: <sip:100@10.0.0.1>;tag=" + _toTag + "\r\nCall-ID: i1\r\nCSeq: 1 ACK\r\n" +
                              "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            _p.Run(100);
        }

        /// <summary>An INFO from the other side in the call's dialog (or another Call-ID); the status the phone answered.</summary>
        private string Info(string contentType, string body, string callId = "i1")
        {
            int cseq = ++_cseq;
            string branch = "z9hG4bKinfo" + cseq;
            _p.Channel.Arrive("INFO sip:100@192.0.2.10:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=" + branch + "\r\n" +
                              "From: \"Bob\" <sip:555@10.0.0.1>;tag=a\r\nTo: <sip:100@10.0.0.1>;tag=" + _toTag + "\r\nCall-ID: " + callId +
                              "\r\nCSeq: " + cseq + " INFO\r\nMax-Forwards: 70\r\n" + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n") +
                              "Content-Length: " + body.Length + "\r\n\r\n" + body);
            _p.Run(10);
            return _p.Channel.Sent.FindLast(m => m.StartsWith("SIP/2.0 ") && m.Contains(branch));
        }

        private string Digits => _p.App.Voice.Find(1).Digits;

        [Fact]
        public void ReceivedDtmfRelayAndDtmfAreAnswered200AndShownWithTheCall()
        {
            Answer();
            Assert.StartsWith("SIP/2.0 200 OK\r\n", Info("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n"));
            Assert.StartsWith("SIP/2.0 200 OK\r\n", Info("application/dtmf", "#"));
            // Signal as the RFC 4733 event number (10: *), the name in another letter case.
            Assert.StartsWith("SIP/2.0 200 OK\r\n", Info("application/dtmf-relay", "signal= 10\r\nduration=100\r\n"));
            Assert.Equal("5#*", Digits);
            Assert.Contains("Digits: 5#*", CallDisplay.LinesOf(_p.App.Calls, _p.Now));
        }

        [Fact]
        public void BadInfosAreRefusedWithTheReason()
        {
            Answer();
            Assert.StartsWith("SIP/2.0 400 No DTMF Key In Body\r\n", Info("application/dtmf-relay", "Duration=160\r\n"));
            Assert.StartsWith("SIP/2.0 400 No DTMF Key In Body\r\n", Info("application/dtmf-relay", "Signal=x\r\n"));
            string plain = Info("text/plain", "hello");
            Assert.StartsWith("SIP/2.0 415 ", plain);
            Assert.Equal("application/dtmf-relay, application/dtmf", SipChannel.Header(plain, "Accept"));
            Assert.StartsWith("SIP/2.0 481 ", Info("application/dtmf", "1", "other-call"));
            // No body: a keep-alive.
            Assert.StartsWith("SIP/2.0 200 OK\r\n", Info(null, ""));
            Assert.Equal("", Digits);
            Assert.DoesNotContain(CallDisplay.LinesOf(_p.App.Calls, _p.Now), l => l.StartsWith("Digits"));
        }

        /// <summary>The INFOs the phone sent, each once (retransmissions left out).</summary>
        private List<string> SentInfos()
        {
            var seen = new HashSet<string>();
            return _p.Channel.Sent.FindAll(m => m.StartsWith("INFO ") && seen.Add(SipChannel.Header(m, "CSeq")));
        }

        private int SentEvents()
        {
            int n = 0;
            var packet = new RtpPacket();
            foreach ((byte[] data, string _) in _channels[0].Sent)
            {
                packet.Read(data, 0, data.Length);
                n += packet.PayloadType == 101 && packet.Marker ? 1 : 0;
            }
            return n;
        }

        /// <summary>The other side's 200 to an INFO the phone sent.</summary>
        private void Ok(string request)
        {
            _p.Channel.Arrive("SIP/2.0 200 OK\r\nVia: " + SipChannel.Header(request, "Via") + "\r\nFrom: " + SipChannel.Header(request, "From") +
                              "\r\nTo: " + SipChannel.Header(request, "To") + "\r\nCall-ID: " + SipChannel.Header(request, "Call-ID") +
                              "\r\nCSeq: " + SipChannel.Header(request, "CSeq") + "\r\nContent-Length: 0\r\n\r\n");
            _p.Run(10);
        }

        [Fact]
        public void WithDtmfInfoOnKeysGoAsInfoOneAtATimeAndAsEvents()
        {
            Assert.Null(_p.Settings.Set("user_dtmf_info", 1, "on"));
            Answer();
            Assert.Null(_p.App.Voice.SendDigits(1, "1#"));
            _p.Run(1000);
            List<string> infos = SentInfos();
            // The second waits for the first's answer.
            Assert.Single(infos);
            string info = infos[0];
            Assert.StartsWith("INFO sip:555@10.0.0.1 SIP/2.0\r\n", info);
            Assert.Equal("\"Bob\" <sip:555@10.0.0.1>;tag=a", SipChannel.Header(info, "To"));
            Assert.Equal("i1", SipChannel.Header(info, "Call-ID"));
            Assert.EndsWith(" INFO", SipChannel.Header(info, "CSeq"));
            Assert.Equal("application/dtmf-relay", SipChannel.Header(info, "Content-Type"));
            Assert.Equal("Signal=1\r\nDuration=100\r\n", SipChannel.Body(info));
            Ok(info);
            _p.Run(10);
            infos = SentInfos();
            Assert.Equal(2, infos.Count);
            Assert.Equal("Signal=#\r\nDuration=100\r\n", SipChannel.Body(infos[1]));
            Assert.Equal(2, SentEvents());
        }

        [Fact]
        public void KeysAfterTheQueueEmptiedStillGoAsInfo()
        {
            // The queue is let go once empty (docs/benchmarks.md, h-lazycalls): the next key makes it again.
            Assert.Null(_p.Settings.Set("user_dtmf_info", 1, "sip_info_only"));
            Answer();
            Assert.Null(_p.App.Voice.SendDigits(1, "1"));
            _p.Run(1000);
            Ok(SentInfos()[0]);
            _p.Run(1000);
            Assert.Null(_p.App.Voice.SendDigits(1, "2"));
            _p.Run(1000);
            List<string> infos = SentInfos();
            Assert.Equal(2, infos.Count);
            Assert.Equal("Signal=2\r\nDuration=100\r\n", SipChannel.Body(infos[1]));
            Assert.Equal(2, _p.App.Voice.Info.Sent);
        }

        [Fact]
        public void SipInfoOnlySendsNoEventsAndOffSendsNoInfo()
        {
            Assert.Null(_p.Settings.Set("user_dtmf_info", 1, "sip_info_only"));
            Answer();
            Assert.Null(_p.App.Voice.SendDigits(1, "9"));
            _p.Run(1000);
            Assert.Single(SentInfos());
            Assert.Equal(0, SentEvents());

            Assert.Null(_p.Settings.Set("user_dtmf_info", 1, "off"));
            Ok(SentInfos()[0]);
            Assert.Null(_p.App.Voice.SendDigits(1, "8"));
            _p.Run(1000);
            Assert.Single(SentInfos());
            Assert.Equal(1, SentEvents());
            Assert.NotNull(_p.Settings.Set("user_dtmf_info", 1, "sometimes"));
        }
    }
}
