using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using DeskPhone.Hil.Tests;
using DeskPhone.Host.Audio;
using DeskPhone.Media.Codec;
using DeskPhone.Media.Tests.Audio;

namespace DeskPhone.Peers.Tests
{
    /// <summary>
    /// A multicast page played by the simulator (docs/media.md, "Multicast paging"): a small sender in the test
    /// multicasts 2 s of 1 kHz PCMU RTP to the group of mc_address on the loopback interface (IP_MULTICAST_IF
    /// 127.0.0.1, loopback on, TTL 0: nothing leaves the host); the simulator shows PhoneHasIncomingPublicAnnouncement
    /// while it plays, clears it after a second of silence, and its page-1.wav holds the 1 kHz.
    /// </summary>
    public class PagingTests
    {
        private static bool Announcing(PhoneUnderTest phone) =>
            phone.Status().GetProperty("active").EnumerateArray().Any(s => s.GetProperty("id").GetString() == "PhoneHasIncomingPublicAnnouncement");

        [Fact]
        public void APageMulticastOnLoopbackPlaysOnTheSimulator()
        {
            string recordings = Directory.CreateTempSubdirectory("page-recordings").FullName;
            int port = LoopbackPorts.FreeUdp();
            string group = "239.255.1." + (1 + port % 250);
            using PhoneUnderTest phone = PhoneUnderTest.Simulator("--record-dir " + recordings);
            phone.Set("mc_address", group + ":" + port + " priority=7", 1);

            using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            sender.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, IPAddress.Loopback.GetAddressBytes());
            sender.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastLoopback, true);
            sender.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, 0);
            var to = new IPEndPoint(IPAddress.Parse(group), port);
            var packet = new byte[12 + 160];
            var frame = new short[160];
            packet[0] = 0x80;
            packet[8] = 0x42;
            // The phone reads mc_address again every second: the page starts once it joined (at most 1 s after the setting).
            Thread.Sleep(1500);
            for (int seq = 0; seq < 100; seq++)
            {
                for (int i = 0; i < 160; i++)
                {
                    frame[i] = (short)(8000 * Math.Sin(2 * Math.PI * 1000 * (seq * 160 + i) / 8000.0));
                }
                packet[2] = (byte)(seq >> 8);
                packet[3] = (byte)seq;
                uint ts = (uint)(seq * 160);
                packet[4] = (byte)(ts >> 24); packet[5] = (byte)(ts >> 16); packet[6] = (byte)(ts >> 8); packet[7] = (byte)ts;
                G711Codec.MuLaw.Encode(frame, 160, packet, 12);
                sender.SendTo(packet, to);
                if (seq == 50)
                {
                    Assert.True(Announcing(phone), "no announcement while the page plays");
                }
                Thread.Sleep(20);
            }
            Assert.False(phone.WaitFor(() => Announcing(phone), a => !a, 10000), "the announcement stayed after the page");

            string file = Path.Combine(recordings, "page-1.wav");
            Assert.True(File.Exists(file), "no page-1.wav in " + string.Join(", ", Directory.GetFiles(recordings)));
            short[] page = Wav.Read(file);
            int frames = page.Length / 160;
            int tone = 0;
            for (int f = 0; f < frames; f++)
            {
                tone += Goertzel.Dominant(page, f * 160, 160, new double[] { 440, 1000 }) == 1000 ? 1 : 0;
            }
            // Every packet is a frame (a loaded machine may drop a few datagrams), and where the sender's 20 ms ran late the
            // jitter buffer conceals one frame (the last at half level, still 1 kHz): at most one more per packet; none
            // plays another tone.
            Assert.InRange(frames, 90, 200);
            Assert.Equal(frames, tone);
        }
    }
}
