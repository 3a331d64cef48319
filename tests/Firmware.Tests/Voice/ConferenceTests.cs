using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using DeskPhone.Firmware.Bench;
using DeskPhone.Firmware.Tests.Phone;
using DeskPhone.Media.Audio;
using DeskPhone.Media.Codec;
using DeskPhone.Media.Rtp;
using DeskPhone.Media.Tests.Audio;
using DeskPhone.Media.Tests.Rtp;

namespace DeskPhone.Firmware.Tests.Voice
{
    /// <summary>
    /// The local conference in the phone built by PhoneApp (fake SIP and RTP, virtual time): two answered calls, the
    /// first held, joined from the bench; the held call is resumed and each party's RTP carries the phone's microphone
    /// (440 Hz) and the other party's tone (1 kHz from the first, 1.6 kHz from the second), the speaker plays both;
    /// the conference's hang-up ends both calls. Frequencies measured with the Goertzel filter on the decoded packets.
    /// </summary>
    public class ConferenceTests
    {
        private const double Mic = 440, FirstTone = 1000, SecondTone = 1600;

        private sealed class Devices : ICallAudio, IAudioSource, IAudioSink
        {
            public readonly List<short> Played = new List<short>();
            public readonly HashSet<int> Speakers = new HashSet<int>();
            private long _at;

            public IAudioSource Source(int callId) => this;

            public IAudioSink Sink(int callId)
            {
                Speakers.Add(callId);
                return this;
            }

            public void End(int callId)
            {
            }

            public bool Read(short[] frame)
            {
                for (int i = 0; i < frame.Length; i++, _at++)
                {
                    frame[i] = (short)(6000 * Math.Sin(2 * Math.PI * Mic * _at / AudioFrame.SampleRate));
                }
                return true;
            }

            public void Write(short[] frame) => Played.AddRange(frame);
        }

        private static string Offer(string host, int port) =>
            "v=0\r\no=- 1 1 IN IP4 " + host + "\r\ns=-\r\nc=IN IP4 " + host + "\r\nt=0 0\r\nm=audio " + port + " RTP/AVP 8\r\na=sendrecv\r\n";

        private readonly List<FakeRtpChannel> _channels = new List<FakeRtpChannel>();
        private readonly Devices _audio = new Devices();
        private readonly SipPhone _p;
        private readonly BenchRouter _router;

        public ConferenceTests()
        {
            _p = new SipPhone(rtp: () => { var c = new FakeRtpChannel(); _channels.Add(c); return c; }, audio: _audio);
            _router = new BenchRouter(_p.Phone, null, (code, action) => { }, null, null) { CallLayer = _p.App };
            _p.Run(100);
            _p.Register();
        }

        private void Answer(string id, string host, int port)
        {
            _p.Invite("z9hG4bK" + id, id, "\"" + id + "\" <sip:" + id + "@10.0.0.1>", sdp: Offer(host, port));
            Assert.True(_p.App.Calls.Answer(0, _p.Now));
            _p.Run(10);
            string ok = _p.Channel.Sent.FindLast(m => m.StartsWith("SIP/2.0 200 OK") && m.Contains("Call-ID: " + id + "\r\n"));
            _p.Channel.Arrive("ACK sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKack" + id + "\r\n" +
                              "From: \"" + id + "\" <sip:" + id + "@10.0.0.1>;tag=a\r\nTo: " + SipChannel.Header(ok, "To") + "\r\nCall-ID: " + id + "\r\nCSeq: 1 ACK\r\n" +
                              "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            _p.Run(10);
        }

        private void Reply(string request, string sdp)
        {
            _p.Channel.Arrive("SIP/2.0 200 OK\r\nVia: " + SipChannel.Header(request, "Via") + "\r\nFrom: " + SipChannel.Header(request, "From") +
                              "\r\nTo: " + SipChannel.Header(request, "To") + "\r\nCall-ID: " + SipChannel.Header(request, "Call-ID") +
                              "\r\nCSeq: " + SipChannel.Header(request, "CSeq") + "\r\nContact: <sip:x@10.0.0.1>\r\n" +
                              "Content-Type: application/sdp\r\nContent-Length: " + sdp.Length + "\r\n\r\n" + sdp);
            _p.Run(10);
        }

        private BenchResponse Post(string path) => _router.Handle("POST", path, null, null, null);

        private static byte[] Packet(double frequency, int sequence)
        {
            var tone = new short[AudioFrame.Samples];
            for (int i = 0; i < tone.Length; i++)
            {
                tone[i] = (short)(6000 * Math.Sin(2 * Math.PI * frequency * (sequence * AudioFrame.Samples + i) / AudioFrame.SampleRate));
            }
            var data = new byte[12 + AudioFrame.Samples];
            RtpPacket.Write(data, 0, false, 8, sequence & 0xFFFF, (uint)(sequence * AudioFrame.Samples), (uint)(0x1000 + frequency));
            G711Codec.ALaw.Encode(tone, tone.Length, data, 12);
            return data;
        }

        /// <summary>The decoded audio of the RTP sent from index <paramref name="from"/> on.</summary>
        private static short[] Decoded(FakeRtpChannel rtp, int from)
        {
            var samples = new List<short>();
            var packet = new RtpPacket();
            var frame = new short[AudioFrame.Samples];
            for (int i = from; i < rtp.Sent.Count; i++)
            {
                Assert.True(packet.Read(rtp.Sent[i].Data, 0, rtp.Sent[i].Data.Length));
                G711Codec.ALaw.Decode(rtp.Sent[i].Data, packet.PayloadOffset, packet.PayloadLength, frame);
                samples.AddRange(frame);
            }
            return samples.ToArray();
        }

        private static bool Holds(short[] samples, double frequency) => Goertzel.Power(samples, frequency) > 0.002;

        [Fact]
        public void TheHeldCallIsResumedAndEachPartyHearsThePhoneAndTheOther()
        {
            Answer("201", "10.0.0.7", 4000);
            Answer("202", "10.0.0.8", 4002);
            FakeRtpChannel first = _channels.Find(c => c.Remote == "10.0.0.7:4000");
            FakeRtpChannel second = _channels.Find(c => c.Remote == "10.0.0.8:4002");
            Assert.NotNull(first);
            Assert.NotNull(second);
            // Answering the second call put the first on hold (call waiting); the first party answers recvonly.
            string hold = _p.Channel.Sent.FindLast(m => m.StartsWith("INVITE ") && m.Contains("Call-ID: 201\r\n"));
            Assert.Contains("a=sendonly", hold);
            Reply(hold, Offer("10.0.0.7", 4000).Replace("sendrecv", "recvonly"));
            Assert.Equal(-1, first.Port);

            Assert.Equal(200, Post("/api/calls/conference").Status);
            // The join resumes the held call: a re-INVITE with sendrecv.
            string resume = _p.Last("INVITE");
            Assert.Contains("a=sendrecv", resume);
            Assert.Equal(400, Post("/api/calls/conference").Status);
            Reply(resume, Offer("10.0.0.7", 4000));
            Assert.True(first.Port > 0);

            int firstFrom = first.Sent.Count, secondFrom = second.Sent.Count, played = _audio.Played.Count;
            for (int seq = 0; seq < 50; seq++)
            {
                first.Arrive(Packet(FirstTone, seq), "10.0.0.7:4000");
                second.Arrive(Packet(SecondTone, seq), "10.0.0.8:4002");
                _p.Run(20);
            }
            short[] toFirst = Decoded(first, firstFrom + 10);
            short[] toSecond = Decoded(second, secondFrom + 10);
            short[] speaker = _audio.Played.GetRange(played + 1600, _audio.Played.Count - played - 1600).ToArray();
            Assert.True(Holds(toFirst, Mic) && Holds(toFirst, SecondTone) && !Holds(toFirst, FirstTone), "the first party is not sent the phone and the second");
            Assert.True(Holds(toSecond, Mic) && Holds(toSecond, FirstTone) && !Holds(toSecond, SecondTone), "the second party is not sent the phone and the first");
            Assert.True(Holds(speaker, FirstTone) && Holds(speaker, SecondTone) && !Holds(speaker, Mic), "the speaker does not play both parties");

            string list = Encoding.UTF8.GetString(_router.Handle("GET", "/api/calls", null, null, null).Body);
            foreach (JsonElement call in JsonDocument.Parse(list).RootElement.EnumerateArray())
            {
                Assert.True(call.GetProperty("conference").GetBoolean());
            }

            // Hanging up the conference ends both calls.
            Assert.Equal(200, Post("/api/calls/conference/hangup").Status);
            _p.Run(10);
            Assert.Equal(0, _p.App.Calls.Sessions.Count);
            Assert.Equal(2, _p.Channel.Sent.FindAll(m => m.StartsWith("BYE ")).Count);
            Assert.Equal(404, Post("/api/calls/conference/hangup").Status);
        }

        [Fact]
        public void TheConferenceScreenShowsBothPartiesAndItsEndSoftkeyEndsBoth()
        {
            Answer("201", "10.0.0.7", 4000);
            Answer("202", "10.0.0.8", 4002);
            Assert.Contains("[call] <call> Connected: 202\n", _p.App.Text.GetScreenText());
            Assert.Equal(200, Post("/api/calls/conference").Status);
            _p.Run(5_000);
            string screen = _p.App.Text.GetScreenText();
            Assert.Contains("[call] <call> Conference 00:05\n[call] 201\n[call] 202\n", screen);
            Assert.DoesNotContain("Connected:", screen);
            Assert.Contains("[softkey 2] Mute\n[softkey 4] End\n", screen);

            Key(DeskPhone.Drivers.Input.KeyCode.Softkey4, DeskPhone.Drivers.Input.KeyAction.Press);
            _p.Run(10);
            Assert.Equal(0, _p.App.Calls.Sessions.Count);
            Assert.Equal(2, _p.Channel.Sent.FindAll(m => m.StartsWith("BYE ")).Count);
            Assert.DoesNotContain("[call]", _p.App.Text.GetScreenText());
        }

        [Fact]
        public void WhenOnePartyHangsUpTheOtherGoesOnAsAnOrdinaryCall()
        {
            Answer("201", "10.0.0.7", 4000);
            Answer("202", "10.0.0.8", 4002);
            Assert.Equal(200, Post("/api/calls/conference").Status);
            int secondId = _p.App.Calls.Sessions.Slot(1).Id;
            Assert.True(_p.App.Calls.Hangup(secondId, _p.Now));
            _p.Run(10);
            Assert.False(_p.App.Voice.Conference.Active);
            Assert.Equal(1, _p.App.Calls.Sessions.Count);
            Assert.Contains("[call] <call> Connected: 201\n", _p.App.Text.GetScreenText());

            // The first call plays to the phone's own speaker again, and is sent the microphone alone.
            FakeRtpChannel first = _channels.Find(c => c.Remote == "10.0.0.7:4000");
            int from = first.Sent.Count;
            _p.Run(400);
            short[] sent = Decoded(first, from);
            Assert.True(Holds(sent, Mic));
        }

        private void Key(int code, DeskPhone.Drivers.Input.KeyAction action) => _p.Phone.OnKey(code, action, _p.Now);

        [Fact]
        public void TheConferenceKeyJoinsAndHangingTheHandsetUpEndsBothCalls()
        {
            Answer("201", "10.0.0.7", 4000);
            Key(DeskPhone.Drivers.Input.KeyCode.Conference, DeskPhone.Drivers.Input.KeyAction.Press);
            Assert.False(_p.App.Voice.Conference.Active);
            Assert.Equal("Conference: a conference needs two connected calls", _p.Phone.Statuses.ParamOf(DeskPhone.Domain.Status.StatusId.StatusLineSystemMessage));

            Answer("202", "10.0.0.8", 4002);
            Key(DeskPhone.Drivers.Input.KeyCode.Hook, DeskPhone.Drivers.Input.KeyAction.Press);
            Key(DeskPhone.Drivers.Input.KeyCode.Conference, DeskPhone.Drivers.Input.KeyAction.Press);
            Assert.True(_p.App.Voice.Conference.Active);
            Key(DeskPhone.Drivers.Input.KeyCode.Hook, DeskPhone.Drivers.Input.KeyAction.Release);
            _p.Run(10);
            Assert.Equal(0, _p.App.Calls.Sessions.Count);
            Assert.Equal(2, _p.Channel.Sent.FindAll(m => m.StartsWith("BYE ")).Count);
        }

        [Fact]
        public void TheConfSoftkeyJoinsTwoConnectedCallsAndTheDevicesKeyEndsBoth()
        {
            Answer("201", "10.0.0.7", 4000);
            Assert.Contains("[softkey 2] Mute\n", _p.App.Text.GetScreenText());
            Answer("202", "10.0.0.8", 4002);
            // The first call held by the answer, the second connected: Conf where Mute was.
            Assert.Contains("[softkey 1] Hold\n[softkey 2] Conf\n[softkey 3] Transfer\n[softkey 4] End\n", _p.App.Text.GetScreenText());

            Key(DeskPhone.Drivers.Input.KeyCode.Softkey2, DeskPhone.Drivers.Input.KeyAction.Press);
            _p.Run(10);
            Assert.True(_p.App.Voice.Conference.Active);
            string screen = _p.App.Text.GetScreenText();
            Assert.Contains("[call] <call> Conference 00:00\n[call] 201\n[call] 202\n", screen);
            Assert.Contains("[softkey 2] Mute\n[softkey 4] End\n", screen);
            Assert.DoesNotContain("Conf\n", screen);

            // On the speaker (the answers' device) the headset key moves the conference to the headset; the headset
            // key again ends both calls, and no dialing screen opens.
            Key(DeskPhone.Drivers.Input.KeyCode.Headset, DeskPhone.Drivers.Input.KeyAction.Press);
            _p.Run(10);
            Assert.True(_p.App.Voice.Conference.Active);
            Assert.Equal(DeskPhone.Domain.Calls.AudioDevice.Headset, _p.App.Calls.Audio.Device);
            Key(DeskPhone.Drivers.Input.KeyCode.Headset, DeskPhone.Drivers.Input.KeyAction.Press);
            _p.Run(10);
            Assert.Equal(0, _p.App.Calls.Sessions.Count);
            Assert.Equal(2, _p.Channel.Sent.FindAll(m => m.StartsWith("BYE ")).Count);
            Assert.Equal(DeskPhone.Domain.Calls.AudioDevice.None, _p.App.Calls.Audio.Device);
            Assert.DoesNotContain("[call]", _p.App.Text.GetScreenText());
        }

        [Fact]
        public void TheSpeakerKeyEndsAConferenceOnTheSpeakerButNotWithTheHandsetLifted()
        {
            Answer("201", "10.0.0.7", 4000);
            Answer("202", "10.0.0.8", 4002);
            Key(DeskPhone.Drivers.Input.KeyCode.Softkey2, DeskPhone.Drivers.Input.KeyAction.Press);
            Key(DeskPhone.Drivers.Input.KeyCode.Hook, DeskPhone.Drivers.Input.KeyAction.Press);
            Key(DeskPhone.Drivers.Input.KeyCode.Speaker, DeskPhone.Drivers.Input.KeyAction.Press);
            Assert.Equal(DeskPhone.Domain.Calls.AudioDevice.Speaker, _p.App.Calls.Audio.Device);
            // The handset is lifted: the speaker key gives the conference back to it (the call keys' rule).
            Key(DeskPhone.Drivers.Input.KeyCode.Speaker, DeskPhone.Drivers.Input.KeyAction.Press);
            _p.Run(10);
            Assert.True(_p.App.Voice.Conference.Active);
            Assert.Equal(DeskPhone.Domain.Calls.AudioDevice.Handset, _p.App.Calls.Audio.Device);
            Key(DeskPhone.Drivers.Input.KeyCode.Speaker, DeskPhone.Drivers.Input.KeyAction.Press);
            Key(DeskPhone.Drivers.Input.KeyCode.Hook, DeskPhone.Drivers.Input.KeyAction.Release);
            _p.Run(10);
            Assert.True(_p.App.Voice.Conference.Active);
            Key(DeskPhone.Drivers.Input.KeyCode.Speaker, DeskPhone.Drivers.Input.KeyAction.Press);
            _p.Run(10);
            Assert.Equal(0, _p.App.Calls.Sessions.Count);
            Assert.Equal(2, _p.Channel.Sent.FindAll(m => m.StartsWith("BYE ")).Count);
        }

        [Fact]
        public void AConferenceNeedsTwoConnectedCalls()
        {
            Assert.Equal(400, Post("/api/calls/conference").Status);
            Answer("201", "10.0.0.7", 4000);
            BenchResponse r = Post("/api/calls/conference");
            Assert.Equal(400, r.Status);
            Assert.Contains("two connected calls", Encoding.UTF8.GetString(r.Body));
        }
    }
}
