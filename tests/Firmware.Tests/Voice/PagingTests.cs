using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using DeskPhone.Domain.Status;
using DeskPhone.Firmware.Tests.Phone;
using DeskPhone.Media.Audio;
using DeskPhone.Media.Codec;
using DeskPhone.Media.Rtp;
using DeskPhone.Media.Tests.Audio;
using DeskPhone.Media.Tests.Rtp;

namespace DeskPhone.Firmware.Tests.Voice
{
    /// <summary>
    /// Multicast paging in the phone built by PhoneApp (virtual time): the groups of mc_address joined, G.711 RTP that
    /// arrives on them played to the speaker (told apart by frequency, Goertzel), PhoneHasIncomingPublicAnnouncement
    /// while a page plays, priorities between pages and against a call; and once over real sockets, a page multicast on
    /// the loopback interface by a sender in the test.
    /// </summary>
    public class PagingTests
    {
        /// <summary>A multicast port in memory: the group it joined and the datagrams queued to arrive.</summary>
        private sealed class FakeGroup : IMulticastChannel
        {
            public readonly Queue<byte[]> Arriving = new Queue<byte[]>();
            public string Joined;
            public bool Join(string group, int port) { Joined = group + ":" + port; return true; }
            public int Receive(byte[] buffer)
            {
                if (Arriving.Count == 0) return 0;
                byte[] d = Arriving.Dequeue();
                d.CopyTo(buffer, 0);
                return d.Length;
            }
            public void Close() => Joined = null;
        }

        private static readonly double[] Candidates = { 440, 1000 };

        private readonly List<FakeGroup> _groups = new List<FakeGroup>();
        private readonly RecordedAudio _speakers = new RecordedAudio();
        private readonly SipPhone _p;
        private ushort _seq;

        public PagingTests()
        {
            _p = new SipPhone(rtp: () => new FakeRtpChannel(), audio: _speakers,
                              multicast: () => { var g = new FakeGroup(); _groups.Add(g); return g; });
            _p.Run(100);
            _p.Register();
        }

        /// <summary>An RTP packet of 20 ms of a sine at <paramref name="hz"/> (peak 8,000) in the payload type's G.711.</summary>
        private byte[] Packet(double hz, int payloadType = 0)
        {
            var samples = new short[160];
            for (int i = 0; i < 160; i++)
            {
                samples[i] = (short)(8000 * Math.Sin(2 * Math.PI * hz * (_seq * 160 + i) / 8000));
            }
            var packet = new byte[12 + 160];
            packet[0] = 0x80;
            packet[1] = (byte)payloadType;
            packet[2] = (byte)(_seq >> 8);
            packet[3] = (byte)_seq;
            uint ts = (uint)(_seq * 160);
            packet[4] = (byte)(ts >> 24); packet[5] = (byte)(ts >> 16); packet[6] = (byte)(ts >> 8); packet[7] = (byte)ts;
            packet[8] = 0x12; packet[9] = 0x34; packet[10] = 0x56; packet[11] = 0x78;
            IVoiceCodec codec = G711Codec.ForPayloadType(payloadType == 18 ? 0 : payloadType);
            codec.Encode(samples, 160, packet, 12);
            _seq++;
            return packet;
        }

        private FakeGroup Group(string joined) => _groups.Find(g => g.Joined == joined);

        /// <summary>Sends <paramref name="frames"/> packets on a group, one per 20 ms of the loop.</summary>
        private void Page(FakeGroup group, double hz, int frames, int payloadType = 0)
        {
            for (int i = 0; i < frames; i++)
            {
                group.Arriving.Enqueue(Packet(hz, payloadType));
                _p.Run(20);
            }
        }

        private int Frames(List<short> s, double hz, int from)
        {
            short[] a = s.ToArray();
            int n = 0;
            for (int at = from; at + 160 <= a.Length; at += 160)
            {
                n += Goertzel.Dominant(a, at, 160, Candidates) == hz ? 1 : 0;
            }
            return n;
        }

        private bool Announcing => _p.Phone.Statuses.IsActive(StatusId.PhoneHasIncomingPublicAnnouncement);

        [Fact]
        public void APagePlaysToTheSpeakerWithItsStatusUntilASecondOfSilence()
        {
            Assert.Null(_p.Settings.Set("mc_address", 1, "239.0.1.20:5555"));
            _p.Run(1100);
            FakeGroup g = Group("239.0.1.20:5555");
            Assert.NotNull(g);
            Assert.Equal(1, _p.App.Voice.Paging.Joined);

            Page(g, 1000, 50);
            // The jitter buffer's last frames play after the last packet, then one concealed frame (the last at half level).
            _p.Run(100);
            List<short> page = _speakers.Of(CallAudio.Page);
            Assert.Equal(51 * 160, page.Count);
            Assert.Equal(51, Frames(page, 1000, 0));
            Assert.True(Announcing);
            _p.Run(700);
            Assert.True(Announcing);
            Assert.DoesNotContain(CallAudio.Page, _speakers.Ended);
            _p.Run(300);
            Assert.False(Announcing);
            Assert.Contains(CallAudio.Page, _speakers.Ended);
        }

        [Fact]
        public void PcmaPlaysAndOtherPayloadTypesAreIgnored()
        {
            _p.Settings.Set("mc_address", 1, "239.0.1.20:5555");
            _p.Run(1100);
            FakeGroup g = Group("239.0.1.20:5555");
            Page(g, 440, 10, 18);
            Assert.Empty(_speakers.Of(CallAudio.Page));
            Assert.False(Announcing);
            Assert.Equal(10, _p.App.Voice.Paging.Ignored);
            Page(g, 440, 10, 8);
            _p.Run(100);
            Assert.Equal(11, Frames(_speakers.Of(CallAudio.Page), 440, 0));
            Assert.True(Announcing);
        }

        [Fact]
        public void AHigherPriorityTakesOverAndALowerOneWaits()
        {
            _p.Settings.Set("mc_address", 1, "239.0.1.20:5555 priority=3");
            _p.Settings.Set("mc_address", 2, "239.0.1.21:5556 priority=8");
            _p.Run(1100);
            FakeGroup low = Group("239.0.1.20:5555"), high = Group("239.0.1.21:5556");
            Page(low, 440, 10);
            Assert.Equal(0, _p.App.Voice.Paging.Playing);
            Page(high, 1000, 10);
            Assert.Equal(1, _p.App.Voice.Paging.Playing);
            // Both send now: only the high one is heard.
            int from = _speakers.Of(CallAudio.Page).Count;
            for (int i = 0; i < 10; i++)
            {
                low.Arriving.Enqueue(Packet(440));
                high.Arriving.Enqueue(Packet(1000));
                _p.Run(20);
            }
            List<short> page = _speakers.Of(CallAudio.Page);
            Assert.Equal(from + 10 * 160, page.Count);
            Assert.Equal(10, Frames(page, 1000, from));
        }

        [Fact]
        public void DuringACallOnlyAnInterruptingAddressPlaysAndTheCallIsSilentMeanwhile()
        {
            _p.Settings.Set("mc_address", 1, "239.0.1.20:5555");
            _p.Settings.Set("mc_address", 2, "239.0.1.21:5556 interrupt=1");
            _p.Run(1100);
            const string Offer = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.7\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=sendrecv\r\n";
            _p.Channel.Arrive("INVITE sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKp1\r\n" +
                              "From: <sip:555@10.0.0.1>;tag=a\r\nTo: <sip:100@10.0.0.1>\r\nCall-ID: p1\r\nCSeq: 1 INVITE\r\n" +
                              "Contact: <sip:555@10.0.0.1>\r\nMax-Forwards: 70\r\nContent-Type: application/sdp\r\nContent-Length: " +
                              Offer.Length + "\r\n\r\n" + Offer);
            _p.Run(10);
            Assert.True(_p.App.Calls.Answer(0, _p.Now));
            _p.Run(200);
            List<short> call = _speakers.Of(1);
            Assert.NotEmpty(call);

            Page(Group("239.0.1.20:5555"), 440, 10);
            Assert.Empty(_speakers.Of(CallAudio.Page));
            Assert.False(Announcing);

            int before = call.Count;
            Page(Group("239.0.1.21:5556"), 1000, 25);
            _p.Run(100);
            Assert.Equal(26, Frames(_speakers.Of(CallAudio.Page), 1000, 0));
            Assert.True(Announcing);
            // The call's session wrote at most the frame of the turn the page began in.
            Assert.InRange(call.Count - before, 0, 160);
            _p.Run(1500);
            Assert.False(Announcing);
            int after = call.Count;
            _p.Run(200);
            Assert.InRange(call.Count - after, 9 * 160, 11 * 160);
        }

        [Fact]
        public void ReorderedLostAndLatePacketsPlayInOrderThroughTheJitterBuffer()
        {
            _p.Settings.Set("mc_address", 1, "239.0.1.20:5555");
            _p.Run(1100);
            FakeGroup g = Group("239.0.1.20:5555");
            var packets = new List<byte[]>();
            for (int i = 0; i < 20; i++)
            {
                packets.Add(Packet(1000));
            }
            // Pairs swapped (1, 0, 3, 2, ...), 11 lost, then 3 again long after it played.
            for (int i = 0; i < 20; i++)
            {
                int seq = i ^ 1;
                if (seq != 11)
                {
                    g.Arriving.Enqueue(packets[seq]);
                }
                _p.Run(20);
            }
            g.Arriving.Enqueue(packets[3]);
            _p.Run(200);

            // Every frame in sequence order, decoded sample for sample; 11 is 10 at half level, and one concealed frame ends the page.
            short[] played = _speakers.Of(CallAudio.Page).ToArray();
            Assert.Equal(21 * 160, played.Length);
            var frame = new short[160];
            var expected = new List<short>();
            for (int seq = 0; seq < 20; seq++)
            {
                if (seq != 11)
                {
                    G711Codec.ForPayloadType(0).Decode(packets[seq], 12, 160, frame);
                }
                else
                {
                    for (int k = 0; k < 160; k++) frame[k] = (short)(frame[k] >> 1);
                }
                expected.AddRange(frame);
            }
            for (int k = 0; k < 160; k++) frame[k] = (short)(frame[k] >> 1);
            expected.AddRange(frame);
            Assert.Equal(expected.ToArray(), played);

            var router = new DeskPhone.Firmware.Bench.BenchRouter(_p.Phone, null, (code, action) => { }, null, null) { CallLayer = _p.App };
            var r = router.Handle("GET", "/api/paging", null, null, null);
            Assert.Equal(200, r.Status);
            var json = System.Text.Json.JsonDocument.Parse(System.Text.Encoding.UTF8.GetString(r.Body)).RootElement;
            Assert.Equal(1, json.GetProperty("joined").GetInt32());
            Assert.Equal(1, json.GetProperty("playing").GetInt32());
            Assert.Equal(21, json.GetProperty("frames").GetInt32());
            var media = json.GetProperty("media");
            Assert.Equal(20, media.GetProperty("received").GetInt32());
            // RFC 3550's cumulative loss: 19 expected (1, the first to arrive, to 19), 20 received with the late duplicate.
            Assert.Equal(-1, media.GetProperty("lost").GetInt32());
            Assert.Equal(2, media.GetProperty("concealed").GetInt32());
            Assert.Equal(1, media.GetProperty("late").GetInt32());
            // The depth target stays at its start (40 ms): the page's end is a pause (longer than 10 frames), not jitter,
            // so running dry there does not deepen the buffer (docs/media.md, "Jitter buffer").
            Assert.Equal(JitterBuffer.InitialDepth * 20, media.GetProperty("bufferMs").GetInt32());
        }

        [Fact]
        public void WhatWaitsIsBoundedByTheBuffer()
        {
            _p.Settings.Set("mc_address", 1, "239.0.1.20:5555");
            _p.Run(1100);
            FakeGroup g = Group("239.0.1.20:5555");
            // A burst of 100 packets (2 s of audio) at once: read 8 a turn, the buffer never holds more than its 16 slots
            // (the oldest are dropped); what plays is those 16 and the few played while the burst was read, not 2 s.
            for (int i = 0; i < 100; i++)
            {
                g.Arriving.Enqueue(Packet(1000));
            }
            for (int t = 0; t < 250; t++)
            {
                _p.Run(10);
                Assert.True(_p.App.Voice.Paging.Jitter.Count <= DeskPhone.Media.Rtp.JitterBuffer.Slots);
            }
            Assert.InRange(_speakers.Of(CallAudio.Page).Count / 160, DeskPhone.Media.Rtp.JitterBuffer.Slots, DeskPhone.Media.Rtp.JitterBuffer.Slots + 8);
        }

        [Fact]
        public void AMalformedAddressIsRefusedWithWhy()
        {
            Assert.Contains("multicast", _p.Settings.Set("mc_address", 1, "10.0.0.1:5555"));
            Assert.Contains("port", _p.Settings.Set("mc_address", 1, "239.0.1.20:99999"));
            Assert.Contains("priority", _p.Settings.Set("mc_address", 1, "239.0.1.20:5555 priority=11"));
            Assert.Null(_p.Settings.Set("mc_address", 1, "239.0.1.20:5555 priority=10 interrupt=1"));
        }

        /// <summary>
        /// A page over real sockets on the loopback interface: the phone joins 239.255.0.x on 127.0.0.1 and a sender in
        /// the test multicasts PCMU there (IP_MULTICAST_IF 127.0.0.1, loopback on, TTL 0: nothing leaves the host).
        /// </summary>
        [Fact]
        public void APageMulticastOnLoopbackPlays()
        {
            int port;
            using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
            {
                probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                port = ((IPEndPoint)probe.LocalEndPoint).Port;
            }
            var speakers = new RecordedAudio();
            var p = new SipPhone(rtp: () => new FakeRtpChannel(), audio: speakers, multicast: () => new UdpMulticastChannel("127.0.0.1"));
            string group = "239.255.0." + (1 + port % 250);
            p.Settings.Set("mc_address", 1, group + ":" + port);
            p.Run(1100);
            Assert.Equal(1, p.App.Voice.Paging.Joined);

            using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            sender.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, IPAddress.Loopback.GetAddressBytes());
            sender.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastLoopback, true);
            sender.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, 0);
            var to = new IPEndPoint(IPAddress.Parse(group), port);
            DateTime deadline = DateTime.UtcNow.AddSeconds(20);
            while (speakers.Of(CallAudio.Page).Count < 25 * 160 && DateTime.UtcNow < deadline)
            {
                sender.SendTo(Packet(1000), to);
                System.Threading.Thread.Sleep(5);
                p.Run(20);
            }
            List<short> page = speakers.Of(CallAudio.Page);
            Assert.True(page.Count >= 25 * 160, "frames played: " + page.Count / 160);
            Assert.Equal(page.Count / 160, Frames(page, 1000, 0));
            Assert.True(p.Phone.Statuses.IsActive(StatusId.PhoneHasIncomingPublicAnnouncement));
        }
    }
}
