using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using DeskPhone.Firmware.Bench;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Firmware.Tests.Bench
{
    /// <summary>
    /// The SIP trace: what the inbox and the UDP transport record, the ring's bound, the cut, and the text the bench
    /// downloads (BenchRouter.TraceText, the firmware's since h-margin4).
    /// </summary>
    public class SipTraceTests
    {
        private static byte[] Bytes(string s) => Encoding.ASCII.GetBytes(s);

        private static string Text(SipTrace trace) => BenchRouter.TraceText(trace);

        private sealed class Room : IHeapRoom
        {
            public bool Has;
            public bool Short => !Has;
            public int Refusal(byte[] data, int length) => 0;
            public bool AdmitConnection(long bytes) => true;
        }

        [Fact]
        public void KeepsTheLastSlotsOldestFirstWithTheirHeads()
        {
            long now = 0;
            var trace = new SipTrace(2, 64, 128) { Clock = () => now };
            now = 1250;
            trace.Record(false, Bytes("MESSAGE one"), 0, 11, "UDP", "127.0.0.1", 5070);
            now = 2005;
            trace.Record(true, Bytes("SIP/2.0 200 OK"), 0, 14, "UDP", "127.0.0.1", 5070);
            now = 3000;
            trace.Record(false, Bytes("xxMESSAGE three"), 2, 13, "TCP", "::1", 5080);

            Assert.Equal(3, trace.Recorded);
            Assert.Equal("#2 2.005 s out UDP to 127.0.0.1:5070, 14 B\r\nSIP/2.0 200 OK\r\n" +
                         "#3 3.000 s in TCP from [::1]:5080, 13 B\r\nMESSAGE three\r\n", Text(trace));

            trace.Clear();
            Assert.Equal("", Text(trace));
            trace.Record(false, Bytes("again"), 0, 5, "UDP", "10.0.0.1", 5060);
            Assert.StartsWith("#4 ", Text(trace));
        }

        [Fact]
        public void WhileTheHeapIsShortNothingIsRecordedAndTheRingGoes()
        {
            var room = new Room { Has = false };
            var trace = new SipTrace(2, 64, 128) { Room = room };
            trace.Record(false, Bytes("MESSAGE one"), 0, 11, "UDP", "127.0.0.1", 5070);
            Assert.Equal("", Text(trace));

            // Room again: the next message is recorded.
            room.Has = true;
            trace.Record(false, Bytes("MESSAGE two"), 0, 11, "UDP", "127.0.0.1", 5070);
            Assert.EndsWith("MESSAGE two\r\n", Text(trace));
            // Short again (a loaded phone refusing what does not fit): the ring made before goes with its entries at the
            // next message, which is not recorded; the numbering goes on once the heap has room.
            room.Has = false;
            trace.Record(false, Bytes("MESSAGE six"), 0, 11, "UDP", "127.0.0.1", 5070);
            Assert.Equal("", Text(trace));
            Assert.Equal(1, trace.Recorded);
            room.Has = true;
            trace.Record(false, Bytes("MESSAGE ten"), 0, 11, "UDP", "127.0.0.1", 5070);
            Assert.Equal("#2 0.000 s in UDP from 127.0.0.1:5070, 11 B\r\nMESSAGE ten\r\n", Text(trace));
        }

        [Fact]
        public void WhilePausedTheRingGoesAndNothingIsRecordedUntilResumed()
        {
            var trace = new SipTrace(2, 64, 128);
            trace.Record(false, Bytes("INVITE one"), 0, 10, "UDP", "127.0.0.1", 5070);
            Assert.EndsWith("INVITE one\r\n", Text(trace));

            // A call on a short heap: the next message lets the entries go and is not recorded itself.
            trace.Pause = SipTrace.Paused;
            trace.Record(true, Bytes("SIP/2.0 180 Ringing"), 0, 19, "UDP", "127.0.0.1", 5070);
            Assert.Equal("", Text(trace));
            Assert.Equal(1, trace.Recorded);

            // The calls ended: the next message makes the ring again and is recorded.
            trace.Pause = 0;
            trace.Record(false, Bytes("BYE two"), 0, 7, "UDP", "127.0.0.1", 5070);
            Assert.Equal("#2 0.000 s in UDP from 127.0.0.1:5070, 7 B\r\nBYE two\r\n", Text(trace));
        }

        [Fact]
        public void PausedUntilArrivalRecordsNothingSentAndResumesWithTheNextMessageIn()
        {
            var trace = new SipTrace(2, 64, 128);
            trace.Record(false, Bytes("INVITE one"), 0, 10, "UDP", "127.0.0.1", 5070);

            // The calls ended on a short heap: what the phone sends in that turn neither makes the ring nor is recorded.
            trace.Pause = SipTrace.PausedUntilArrival;
            trace.Record(true, Bytes("SIP/2.0 200 OK"), 0, 14, "UDP", "127.0.0.1", 5070);
            Assert.Equal("", Text(trace));
            Assert.Equal(SipTrace.PausedUntilArrival, trace.Pause);

            // The next message that arrives resumes the trace and is recorded.
            trace.Record(false, Bytes("OPTIONS two"), 0, 11, "UDP", "127.0.0.1", 5070);
            Assert.Equal(0, trace.Pause);
            Assert.Equal("#2 0.000 s in UDP from 127.0.0.1:5070, 11 B\r\nOPTIONS two\r\n", Text(trace));
        }

        [Fact]
        public void ClearLetsTheRingGoAndTheNextMessageMakesItAgain()
        {
            // The call layer clears the trace it pauses: the ring (1 KB on the board) goes at once, not at the next message (h-reserve2).
            var trace = new SipTrace(2, 64, 128);
            trace.Record(false, Bytes("INVITE one"), 0, 10, "UDP", "127.0.0.1", 5070);
            Assert.NotNull(trace.Ring);

            trace.Clear();
            Assert.Null(trace.Ring);
            Assert.Equal("", Text(trace));

            trace.Record(false, Bytes("BYE two"), 0, 7, "UDP", "127.0.0.1", 5070);
            Assert.NotNull(trace.Ring);
            Assert.Equal("#2 0.000 s in UDP from 127.0.0.1:5070, 7 B\r\nBYE two\r\n", Text(trace));
        }

        [Fact]
        public void AMessageLongerThanASlotIsCutAndSaysSo()
        {
            var trace = new SipTrace(1, 8, 8);
            trace.Record(true, Bytes("INVITE sip:200@h SIP/2.0"), 0, 24, "UDP", "10.0.0.1", 5060);
            Assert.Equal("#1 0.000 s out UDP to 10.0.0.1:5060, 24 B, first 8 kept\r\nINVITE s\r\n", Text(trace));
        }

        [Fact]
        public void EntriesArePackedIntoTheRingAndTheOldestMakeRoom()
        {
            // 40 bytes of ring, at most 4 entries of at most 16 bytes each.
            var trace = new SipTrace(4, 16, 40);
            trace.Record(false, Bytes("aaaaaaaaaaaa"), 0, 12, "UDP", "h", 1);
            trace.Record(true, Bytes("bbbbbbbbbbbb"), 0, 12, "UDP", "h", 2);
            trace.Record(false, Bytes("cccccccccccc"), 0, 12, "UDP", "h", 3);
            // Three 12-byte entries fit the 40 bytes: all kept.
            Assert.Equal("#1 0.000 s in UDP from h:1, 12 B\r\naaaaaaaaaaaa\r\n" +
                         "#2 0.000 s out UDP to h:2, 12 B\r\nbbbbbbbbbbbb\r\n" +
                         "#3 0.000 s in UDP from h:3, 12 B\r\ncccccccccccc\r\n", Text(trace));

            // 16 of 20 bytes kept: it runs past the ring's end (36 + 16 > 40) and pushes out the first entry only.
            trace.Record(true, Bytes("0123456789abcdefghij"), 0, 20, "UDP", "h", 4);
            Assert.Equal("#2 0.000 s out UDP to h:2, 12 B\r\nbbbbbbbbbbbb\r\n" +
                         "#3 0.000 s in UDP from h:3, 12 B\r\ncccccccccccc\r\n" +
                         "#4 0.000 s out UDP to h:4, 20 B, first 16 kept\r\n0123456789abcdef\r\n", Text(trace));

            // Short ones: at most 4 entries however short.
            for (int i = 0; i < 5; i++)
            {
                trace.Record(false, Bytes("x" + i), 0, 2, "UDP", "h", 5);
            }
            Assert.Equal("#6 0.000 s in UDP from h:5, 2 B\r\nx1\r\n#7 0.000 s in UDP from h:5, 2 B\r\nx2\r\n" +
                         "#8 0.000 s in UDP from h:5, 2 B\r\nx3\r\n#9 0.000 s in UDP from h:5, 2 B\r\nx4\r\n", Text(trace));
        }

        [Fact]
        public void RecordingAllocatesNothing()
        {
            var trace = new SipTrace(4, 512, 1024);
            byte[] message = Bytes(new string('a', 600));
            trace.Record(false, message, 0, message.Length, "UDP", "10.0.0.1", 5060);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++)
            {
                trace.Record(i % 2 == 0, message, 0, message.Length, "UDP", "10.0.0.1", 5060);
            }
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        [Fact]
        public void TheInboxRecordsWhatArrivesAndTheUdpTransportWhatItSends()
        {
            var inbox = new SipInbox(4, 1500);
            var udp = new UdpTransport(inbox);
            var trace = new SipTrace(8, 1500, 8 * 1500);
            inbox.Trace = trace;
            udp.Trace = trace;
            udp.Start("127.0.0.1", 0);
            try
            {
                using var peer = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
                int peerPort = ((IPEndPoint)peer.Client.LocalEndPoint).Port;
                peer.Send(Bytes("OPTIONS sip:x SIP/2.0"), 21, new IPEndPoint(IPAddress.Loopback, udp.LocalPort));
                Assert.Equal(1, udp.ReceiveFor(5000));
                Assert.True(udp.Send(Bytes("SIP/2.0 200 OK"), 14, "127.0.0.1", peerPort, null));

                string text = Text(trace);
                Assert.Contains("#1 0.000 s in UDP from 127.0.0.1:" + peerPort + ", 21 B\r\nOPTIONS sip:x SIP/2.0\r\n", text);
                Assert.Contains("#2 0.000 s out UDP to 127.0.0.1:" + peerPort + ", 14 B\r\nSIP/2.0 200 OK\r\n", text);
            }
            finally
            {
                udp.Stop();
            }
        }
    }
}
