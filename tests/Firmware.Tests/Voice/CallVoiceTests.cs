using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using DeskPhone.Firmware.Bench;
using DeskPhone.Firmware.Tests.Phone;
using DeskPhone.Media.Audio;
using DeskPhone.Media.Rtp;
using DeskPhone.Media.Tests.Rtp;

namespace DeskPhone.Firmware.Tests.Voice
{
    /// <summary>
    /// The calls' voice in the phone built by PhoneApp (fake SIP and media channels, virtual time): an answered call
    /// sends RTP to the address of the other side's SDP from the port of the phone's own, /api/calls shows its media
    /// figures, hold stops the media and resume starts it again, the end lets go of the audio devices.
    /// </summary>
    public class CallVoiceTests
    {
        private sealed class Devices : ICallAudio
        {
            public readonly List<int> Ended = new List<int>();
            private readonly SilentAudio _silence = new SilentAudio();
            public IAudioSource Source(int callId) => _silence;
            public IAudioSink Sink(int callId) => _silence;
            public void End(int callId) => Ended.Add(callId);
        }

        private const string Offer = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.7\r\nt=0 0\r\nm=audio 4000 RTP/AVP 8 101\r\n" +
                                     "a=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n";

        private readonly List<FakeRtpChannel> _channels = new List<FakeRtpChannel>();
        private readonly Devices _audio = new Devices();
        private readonly SipPhone _p;
        private readonly BenchRouter _router;

        public CallVoiceTests()
        {
            _p = new SipPhone(rtp: () => { var c = new FakeRtpChannel(); _channels.Add(c); return c; }, audio: _audio);
            _router = new BenchRouter(_p.Phone, null, (code, action) => { }, null, null) { CallLayer = _p.App };
            _p.Run(100);
            _p.Register();
        }

        private JsonElement Media()
        {
            BenchResponse r = _router.Handle("GET", "/api/calls", null, null, null);
            return JsonDocument.Parse(Encoding.UTF8.GetString(r.Body)).RootElement[0].GetProperty("media");
        }

        private void Answer(string id = "v1")
        {
            _p.Invite("z9hG4bK" + id, id, "\"Bob\" <sip:555@10.0.0.1>", sdp: Offer);
            Assert.True(_p.App.Calls.Answer(0, _p.Now));
            _p.Run(10);
        }

        /// <summary>The other side's 200 to the phone's re-INVITE, with its SDP answer; the phone ACKs it.</summary>
        private void Reply(string request, string sdp)
        {
            _p.Channel.Arrive("SIP/2.0 200 OK\r\nVia: " + SipChannel.Header(request, "Via") + "\r\nFrom: " + SipChannel.Header(request, "From") +
                              "\r\nTo: " + SipChannel.Header(request, "To") + "\r\nCall-ID: " + SipChannel.Header(request, "Call-ID") +
                              "\r\nCSeq: " + SipChannel.Header(request, "CSeq") + "\r\nContact: <sip:555@10.0.0.1>\r\n" +
                              "Content-Type: application/sdp\r\nContent-Length: " + sdp.Length + "\r\n\r\n" + sdp);
            _p.Run(10);
        }

        [Fact]
        public void WithoutMediaChannelsCallsHaveNoMediaObject()
        {
            var p = new SipPhone();
            Assert.Null(p.App.Voice);
        }

        [Fact]
        public void AnAnsweredCallSendsRtpToTheOfferedAddressFromItsOwnPort()
        {
            Answer();
            string ok = _p.Channel.Sent.FindLast(m => m.StartsWith("SIP/2.0 200 OK") && m.Contains(" INVITE\r\n"));
            Assert.Contains("m=audio 10000 RTP/AVP 8", ok);
            FakeRtpChannel rtp = _channels[0], rtcp = _channels[1];
            Assert.Equal(10000, rtp.Port);
            Assert.Equal(10001, rtcp.Port);
            _p.Run(1000);
            Assert.InRange(rtp.Sent.Count, 49, 52);
            Assert.Equal("10.0.0.7:4000", rtp.Sent[^1].To);
            var packet = new RtpPacket();
            Assert.True(packet.Read(rtp.Sent[^1].Data, 0, rtp.Sent[^1].Data.Length));
            Assert.Equal(8, packet.PayloadType);

            JsonElement media = Media();
            Assert.True(media.GetProperty("active").GetBoolean());
            Assert.Equal(10000, media.GetProperty("localPort").GetInt32());
            Assert.Equal(8, media.GetProperty("payloadType").GetInt32());
            Assert.Equal(rtp.Sent.Count, media.GetProperty("sent").GetInt32());
            Assert.Equal(0, media.GetProperty("received").GetInt32());
            Assert.Equal(-1, media.GetProperty("rttMs").GetInt32());
        }

        [Fact]
        public void TheCallScreenShowsLossJitterAndRoundTripOnceVoiceArrives()
        {
            Answer();
            _p.Run(100);
            Assert.DoesNotContain(DeskPhone.Domain.Calls.CallDisplay.LinesOf(_p.App.Calls, _p.Now), l => l.StartsWith("Loss"));
            // 20 packets every 20 ms from the offered address, the 5th and 6th lost on the way, the 12th 15 ms late.
            for (int seq = 1; seq <= 20; seq++)
            {
                if (seq != 5 && seq != 6)
                {
                    var data = new byte[12 + AudioFrame.Samples];
                    RtpPacket.Write(data, 0, false, 8, seq, (uint)(seq * AudioFrame.Samples), 0x5151);
                    _channels[0].Arrive(data, "10.0.0.7:4000");
                }
                _p.Run(seq == 12 ? 35 : seq == 13 ? 5 : 20);
            }
            JsonElement media = Media();
            int lost = media.GetProperty("lost").GetInt32();
            int received = media.GetProperty("received").GetInt32();
            Assert.Equal(2, lost);
            Assert.Equal(18, received);
            string expected = "Loss " + (lost * 100 / (lost + received)) + "% Jitter " + media.GetProperty("jitterMs").GetInt32() + "ms RTT -";
            Assert.Equal("Loss 10% Jitter ", expected.Substring(0, 16));
            Assert.Contains(expected, DeskPhone.Domain.Calls.CallDisplay.LinesOf(_p.App.Calls, _p.Now));
        }

        [Fact]
        public void TheCallScreenShowsTheRoundTripOfTheOtherSidesReport()
        {
            Answer();
            _p.Run(100);
            var data = new byte[12 + AudioFrame.Samples];
            RtpPacket.Write(data, 0, false, 8, 1, AudioFrame.Samples, 0x5151);
            _channels[0].Arrive(data, "10.0.0.7:4000");
            _p.Run(20);
            int live;
            RtpStream stream = ((DeskPhone.Firmware.Voice.CallVoice)_p.App.Calls.Media).Find(_p.App.Calls.Current(out live).Id).Stream;
            // Our report at 10.000 s, theirs about it read 12.345 s later and held none of it: a round trip of 12,345 ms.
            Rtcp.Write(new byte[Rtcp.MaxPacket], 10_000, true, stream);
            var rr = new byte[32];
            rr[0] = 0x81;
            rr[1] = 201;
            rr[3] = 7;
            Put(rr, 8, stream.Ssrc);
            Put(rr, 24, Rtcp.Middle(10_000));
            Rtcp.Read(rr, rr.Length, 22_345, stream);
            Assert.Contains("Loss 0% Jitter 0ms RTT " + stream.RoundTripMs + "ms", DeskPhone.Domain.Calls.CallDisplay.LinesOf(_p.App.Calls, _p.Now));
            Assert.InRange(stream.RoundTripMs, 12_344, 12_346);
        }

        private static void Put(byte[] d, int at, uint v)
        {
            d[at] = (byte)(v >> 24);
            d[at + 1] = (byte)(v >> 16);
            d[at + 2] = (byte)(v >> 8);
            d[at + 3] = (byte)v;
        }

        [Fact]
        public void DigitsFromTheBenchGoOutAsTelephoneEvents()
        {
            Answer();
            _p.Run(100);
            BenchResponse r = _router.Handle("POST", "/api/calls/0/dtmf", null, Encoding.UTF8.GetBytes("{\"digits\":\"4*\"}"), null);
            Assert.Equal(200, r.Status);
            _p.Run(1000);
            Assert.Equal("4*", SentDigits());

            Assert.Equal(400, _router.Handle("POST", "/api/calls/0/dtmf", null, Encoding.UTF8.GetBytes("{\"digits\":\"4x\"}"), null).Status);
            Assert.Equal(400, _router.Handle("POST", "/api/calls/0/dtmf", null, Encoding.UTF8.GetBytes("{}"), null).Status);
            Assert.Equal(404, _router.Handle("POST", "/api/calls/9/dtmf", null, Encoding.UTF8.GetBytes("{\"digits\":\"1\"}"), null).Status);
        }

        [Fact]
        public void DigitKeysTypedDuringTheCallGoOutAsTelephoneEvents()
        {
            _p.Phone.OnKey(DeskPhone.Drivers.Input.KeyCode.Digit7, DeskPhone.Drivers.Input.KeyAction.Press, _p.Now);
            Answer();
            _p.Run(100);
            _p.Phone.OnKey(DeskPhone.Drivers.Input.KeyCode.Digit7, DeskPhone.Drivers.Input.KeyAction.Press, _p.Now);
            _p.Phone.OnKey(DeskPhone.Drivers.Input.KeyCode.Digit7, DeskPhone.Drivers.Input.KeyAction.Release, _p.Now);
            _p.Phone.OnKey(DeskPhone.Drivers.Input.KeyCode.Hash, DeskPhone.Drivers.Input.KeyAction.Press, _p.Now);
            _p.Phone.OnKey(DeskPhone.Drivers.Input.KeyCode.Up, DeskPhone.Drivers.Input.KeyAction.Press, _p.Now);
            _p.Run(1000);
            Assert.Equal("7#", SentDigits());
        }

        /// <summary>A microphone that always hears something (a square wave at a quarter of full scale).</summary>
        private sealed class LoudMicrophone : ICallAudio, IAudioSource
        {
            private readonly SilentAudio _silence = new SilentAudio();
            public IAudioSource Source(int callId) => this;
            public IAudioSink Sink(int callId) => _silence;
            public void End(int callId) { }

            public bool Read(short[] frame)
            {
                for (int i = 0; i < frame.Length; i++)
                {
                    frame[i] = (short)((i & 8) == 0 ? 8000 : -8000);
                }
                return true;
            }
        }

        /// <summary>Whether every audio packet sent from <paramref name="from"/> on carries A-law silence (0xD5) only.</summary>
        private static bool Silent(List<(byte[] Data, string To)> sent, int from)
        {
            var packet = new RtpPacket();
            for (int i = from; i < sent.Count; i++)
            {
                Assert.True(packet.Read(sent[i].Data, 0, sent[i].Data.Length));
                for (int b = packet.PayloadOffset; b < packet.PayloadOffset + packet.PayloadLength; b++)
                {
                    if (packet.PayloadType == 8 && sent[i].Data[b] != 0xD5)
                    {
                        return false;
                    }
                }
            }
            return true;
        }

        [Fact]
        public void TheMuteKeySilencesTheMicrophoneOnTheWireUntilPressedAgain()
        {
            var channels = new List<FakeRtpChannel>();
            var p = new SipPhone(rtp: () => { var c = new FakeRtpChannel(); channels.Add(c); return c; }, audio: new LoudMicrophone());
            p.Run(100);
            p.Register();
            p.Channel.Arrive("INVITE sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKm1\r\n" +
                             "From: <sip:555@10.0.0.1>;tag=a\r\nTo: <sip:100@10.0.0.1>\r\nCall-ID: m1\r\nCSeq: 1 INVITE\r\n" +
                             "Contact: <sip:555@10.0.0.1>\r\nMax-Forwards: 70\r\nContent-Type: application/sdp\r\nContent-Length: " +
                             Offer.Length + "\r\n\r\n" + Offer);
            p.Run(10);
            Assert.True(p.App.Calls.Answer(0, p.Now));
            p.Run(200);
            List<(byte[] Data, string To)> sent = channels[0].Sent;
            Assert.NotEmpty(sent);
            Assert.False(Silent(sent, 0));

            void Mute()
            {
                p.Phone.OnKey(DeskPhone.Drivers.Input.KeyCode.Mute, DeskPhone.Drivers.Input.KeyAction.Press, p.Now);
                p.Phone.OnKey(DeskPhone.Drivers.Input.KeyCode.Mute, DeskPhone.Drivers.Input.KeyAction.Release, p.Now);
            }
            Mute();
            Assert.True(p.App.Calls.Audio.Muted);
            int muted = sent.Count;
            p.Run(400);
            Assert.True(sent.Count > muted + 15);
            Assert.True(Silent(sent, muted));

            Mute();
            int unmuted = sent.Count;
            p.Run(200);
            Assert.False(Silent(sent, unmuted));
        }

        private string SentDigits()
        {
            var events = new StringBuilder();
            var packet = new RtpPacket();
            foreach ((byte[] data, string _) in _channels[0].Sent)
            {
                packet.Read(data, 0, data.Length);
                if (packet.PayloadType == 101 && packet.Marker)
                {
                    events.Append(DeskPhone.Media.Dtmf.TelephoneEvent.ToKey(DeskPhone.Media.Dtmf.TelephoneEvent.EventCode(data, packet.PayloadOffset)));
                }
            }
            return events.ToString();
        }

        [Fact]
        public void CallsTakeTheirPortsInTurnFromTheSettingsRange()
        {
            Assert.Null(_p.Settings.Set("rtp_port_start", 0, "20000"));
            Assert.Null(_p.Settings.Set("rtp_port_end", 0, "20003"));
            int[] ports = new int[3];
            for (int i = 0; i < 3; i++)
            {
                Answer("p" + i);
                ports[i] = _channels[_channels.Count - 2].Port;
                Assert.Contains("m=audio " + ports[i] + " ", _p.Channel.Sent.FindLast(m => m.StartsWith("SIP/2.0 200 OK") && m.Contains(" INVITE\r\n")));
                Assert.True(_p.App.Calls.Hangup(0, _p.Now));
                _p.Run(10);
            }
            Assert.Equal(new[] { 20000, 20002, 20000 }, ports);
        }

        private readonly HashSet<int> _taken = new HashSet<int>();

        /// <summary>A phone whose media channels cannot bind the ports of <see cref="_taken"/> (another socket holds them).</summary>
        private SipPhone PhoneWithTakenPorts(params int[] ports)
        {
            _taken.UnionWith(ports);
            var p = new SipPhone(rtp: () =>
            {
                var c = new FakeRtpChannel();
                c.Taken.UnionWith(_taken);
                _channels.Add(c);
                return c;
            }, audio: new Devices());
            p.Run(100);
            p.Register();
            return p;
        }

        [Fact]
        public void AnIncomingCallIsAnsweredWithThePortAfterOneThatCannotBeBound()
        {
            // RTCP's port of the first pair is taken: the whole pair is skipped.
            SipPhone p = PhoneWithTakenPorts(10001);
            p.Invite("z9hG4bKt1", "t1", "\"Bob\" <sip:555@10.0.0.1>", sdp: Offer);
            Assert.True(p.App.Calls.Answer(0, p.Now));
            p.Run(10);
            string ok = p.Channel.Sent.FindLast(m => m.StartsWith("SIP/2.0 200 OK") && m.Contains(" INVITE\r\n"));
            Assert.Contains("m=audio 10002 RTP/AVP 8", ok);
            Assert.Equal(10002, _channels[0].Port);
            Assert.Equal(10003, _channels[1].Port);
            Assert.Equal(2, _channels.Count);
        }

        [Fact]
        public void AnOutgoingCallOffersThePortAfterOneThatCannotBeBound()
        {
            SipPhone p = PhoneWithTakenPorts(10000);
            Assert.NotNull(p.App.Calls.Dial(1, "200", p.Now, out _));
            Assert.Contains("m=audio 10002 RTP/AVP", SipChannel.Body(p.Last("INVITE")));
        }

        /// <summary>A phone whose RTP range 20000-20003 is all taken, called by Bob with <paramref name="branch"/> and <paramref name="tag"/>.</summary>
        private SipPhone CalledWithNoPortToBind(string branch, string tag)
        {
            SipPhone p = PhoneWithTakenPorts(20000, 20003);
            Assert.Null(p.Settings.Set("rtp_port_start", 0, "20000"));
            Assert.Null(p.Settings.Set("rtp_port_end", 0, "20003"));
            p.Invite(branch, tag, "\"Bob\" <sip:555@10.0.0.1>", sdp: Offer);
            return p;
        }

        [Fact]
        public void AnIncomingCallIsRefusedWith503WhenNoPortOfTheRangeCanBeBound()
        {
            SipPhone p = CalledWithNoPortToBind("z9hG4bKt2", "t2");
            Assert.StartsWith("SIP/2.0 503 No RTP Port\r\n", p.Channel.Sent[p.Channel.Sent.Count - 1]);
            Assert.DoesNotContain(p.Channel.Sent, m => m.StartsWith("SIP/2.0 180"));
            Assert.Null(p.App.Calls.Sessions.Slot(0));
        }

        [Fact]
        public void AnIncomingCallRefusedForWantOfAPortIsSaidInTheLogOnce()
        {
            SipPhone p = CalledWithNoPortToBind("z9hG4bKt3", "t3");
            Assert.StartsWith("SIP/2.0 503 No RTP Port\r\n", p.Channel.Sent[p.Channel.Sent.Count - 1]);
            string log = p.App.Log.Text();
            Assert.Contains(" s call refused: no RTP port of 20000-20003 can be bound (503 No RTP Port)\n", log);
            Assert.Equal(log.IndexOf("no RTP port", StringComparison.Ordinal), log.LastIndexOf("no RTP port", StringComparison.Ordinal));
        }

        [Fact]
        public void APortThatBindsAfterOneThatDoesNotIsNoRefusal()
        {
            SipPhone p = PhoneWithTakenPorts(10001);
            p.Invite("z9hG4bKt4", "t4", "\"Bob\" <sip:555@10.0.0.1>", sdp: Offer);
            Assert.Contains(p.Channel.Sent, m => m.StartsWith("SIP/2.0 180"));
            Assert.DoesNotContain("no RTP port", p.App.Log.Text());
        }

        [Fact]
        public void AnOutgoingCallIsNotSentAndTheStatusLineSaysWhyWhenNoPortCanBeBound()
        {
            SipPhone p = PhoneWithTakenPorts(20000, 20002);
            Assert.Null(p.Settings.Set("rtp_port_start", 0, "20000"));
            Assert.Null(p.Settings.Set("rtp_port_end", 0, "20003"));
            string error;
            Assert.Null(p.App.Calls.Dial(1, "200", p.Now, out error));
            Assert.Equal("No RTP Port", error);
            Assert.Equal(0, p.Count("INVITE"));
            p.Run(10);
            Assert.Contains("Call failed: no RTP port\n", p.App.Text.GetScreenText());
            p.Run(3500);
            Assert.DoesNotContain("no RTP port", p.App.Text.GetScreenText());
        }

        [Fact]
        public void AnEndedCallLetsGoOfItsSessionAndTheNextCallMakesANewOne()
        {
            Answer("e1");
            _p.Run(1000);
            FakeRtpChannel first = _channels[0];
            Assert.InRange(first.Sent.Count, 49, 52);
            Assert.True(_p.App.Calls.Hangup(0, _p.Now));
            _p.Run(10);
            Assert.Equal(-1, first.Port);

            Answer("e2");
            _p.Run(1000);
            // The first session's channels (RTP, RTCP) are not reused: the new session made its own two.
            Assert.Equal(4, _channels.Count);
            Assert.Equal(-1, first.Port);
            Assert.InRange(_channels[2].Sent.Count, 49, 52);
            Assert.True(Media().GetProperty("active").GetBoolean());
        }

        [Fact]
        public void HoldStopsTheMediaResumeStartsItAndTheEndReleasesTheAudio()
        {
            Answer();
            // The offer came in the INVITE: the answer's ACK ends the transaction, then the phone may hold.
            string ok = _p.Channel.Sent.FindLast(m => m.StartsWith("SIP/2.0 200 OK") && m.Contains(" INVITE\r\n"));
            _p.Channel.Arrive("ACK sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKv2\r\n" +
                              "From: \"Bob\" <sip:555@10.0.0.1>;tag=a\r\nTo: " + SipChannel.Header(ok, "To") + "\r\nCall-ID: v1\r\nCSeq: 1 ACK\r\n" +
                              "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            _p.Run(200);
            FakeRtpChannel rtp = _channels[0];
            Assert.True(_p.App.Calls.Hold(0, true, _p.Now));
            _p.Run(10);
            string reInvite = _p.Last("INVITE");
            Reply(reInvite, Offer.Replace("sendrecv", "recvonly"));
            Assert.Equal(-1, rtp.Port);
            int sent = rtp.Sent.Count;
            _p.Run(1000);
            Assert.Equal(sent, rtp.Sent.Count);
            Assert.False(Media().GetProperty("active").GetBoolean());

            Assert.True(_p.App.Calls.Hold(0, false, _p.Now));
            _p.Run(10);
            Reply(_p.Last("INVITE"), Offer);
            _p.Run(500);
            Assert.Equal(10000, rtp.Port);
            Assert.True(rtp.Sent.Count > sent + 20);

            Assert.Empty(_audio.Ended);
            Assert.True(_p.App.Calls.Hangup(0, _p.Now));
            _p.Run(10);
            Assert.Equal(-1, rtp.Port);
            Assert.Single(_audio.Ended);
        }
    }
}
