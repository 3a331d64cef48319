using System.Text;
using DeskPhone.Firmware.Bench;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Firmware.Tests.Phone
{
    public class BenchEventQueueTests
    {
        [Fact]
        public void FramesComeOutInOrder()
        {
            var q = new BenchEventQueue(4, null);
            q.Post("key", "F1");
            q.Post("leds", "message");

            Assert.Equal("event: key\ndata: F1\n\n", Text(q.Take()));
            Assert.Equal("event: leds\ndata: message\n\n", Text(q.Take()));
            Assert.Null(q.Take());
        }

        [Fact]
        public void FullQueueForgetsTheOldestAndCountsIt()
        {
            var q = new BenchEventQueue(2, null);
            q.Post("a", "1");
            q.Post("b", "2");
            q.Post("c", "3");

            Assert.Equal(2, q.Count);
            Assert.Equal(1, q.Dropped);
            Assert.Equal("event: b\ndata: 2\n\n", Text(q.Take()));
            Assert.Equal("event: c\ndata: 3\n\n", Text(q.Take()));
        }

        [Fact]
        public void ALaggingClientGetsEveryFrameInOrderUpToTheCapacity()
        {
            var q = new BenchEventQueue(10, null);
            // Wraps the first ring (4 frames) before it grows, then grows past it and drops only beyond the capacity.
            q.Post("e", "0");
            q.Post("e", "1");
            q.Post("e", "2");
            Assert.Equal("event: e\ndata: 0\n\n", Text(q.Take()));
            for (int i = 3; i < 14; i++)
            {
                q.Post("e", i.ToString());
            }
            Assert.Equal(10, q.Count);
            Assert.Equal(3, q.Dropped);
            for (int i = 4; i < 14; i++)
            {
                Assert.Equal("event: e\ndata: " + i + "\n\n", Text(q.Take()));
            }
            Assert.Null(q.Take());
            q.Post("e", "again");
            Assert.Equal("event: e\ndata: again\n\n", Text(q.Take()));
        }

        [Fact]
        public void LineBreaksInTheDetailCannotEndTheFrame()
        {
            Assert.Equal("event: message\ndata: two  lines\n\n", Text(BenchEventQueue.Frame("message", "two\r\nlines")));
            Assert.Equal("event: status\ndata: \n\n", Text(BenchEventQueue.Frame("status", null)));
        }

        /// <summary>The frame as the stream sent it before it was made at the reader: text, then UTF-8.</summary>
        private static byte[] TextFrame(string kind, string detail)
        {
            var sb = new StringBuilder("event: ").Append(kind).Append("\ndata: ");
            foreach (char c in detail ?? "")
            {
                sb.Append(c == '\n' || c == '\r' ? ' ' : c);
            }
            return Encoding.UTF8.GetBytes(sb.Append("\n\n").ToString());
        }

        [Theory]
        [InlineData("leds", "message red blink")]
        [InlineData("message", "sent 200 OK")]
        [InlineData("message", "Grüße\r\nvon 😀 hier\n")]
        [InlineData("settings", "")]
        [InlineData("status", null)]
        [InlineData("key", "\r")]
        public void TheClientReceivesTheSameBytesAsFromTheTextFrame(string kind, string detail)
        {
            var q = new BenchEventQueue(4, null);
            q.Post(kind, detail);

            Assert.Equal(TextFrame(kind, detail), q.Take());
            Assert.Equal(TextFrame(kind, detail), BenchEventQueue.Frame(kind, detail));
        }

        [Fact]
        public void ACapacityOfOneKeepsTheNewestEvent()
        {
            var q = new BenchEventQueue(1, null);
            q.Post("a", "1");
            q.Post("b", "2");

            Assert.Equal(1, q.Dropped);
            Assert.Equal("event: b\ndata: 2\n\n", Text(q.Take()));
            Assert.Null(q.Take());
        }

        [Fact]
        public void ATurnsSingleEventIsKeptWithoutARing()
        {
            var q = new BenchEventQueue(8, null);
            q.Post("warm", "up");
            q.Take();
            // Post under a MESSAGE's frames: one event waiting (drained after the turn) allocates nothing.
            long before = System.GC.GetAllocatedBytesForCurrentThread();
            q.Post("message", "200");
            long made = System.GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(0, made);
            Assert.Equal(1, q.Count);
            Assert.Equal("event: message\ndata: 200\n\n", Text(q.Take()));
            Assert.Equal(0, q.Count);
            Assert.Null(q.Take());
        }

        [Fact]
        public void TheSingleEventMovesIntoTheRingAheadOfTheNextOnes()
        {
            var q = new BenchEventQueue(3, null);
            q.Post("a", "1");
            q.Post("b", "2");
            Assert.Equal("event: a\ndata: 1\n\n", Text(q.Take()));
            q.Post("c", "3");
            q.Post("d", "4");
            q.Post("e", "5");
            Assert.Equal(1, q.Dropped);
            Assert.Equal("event: c\ndata: 3\n\n", Text(q.Take()));
            Assert.Equal("event: d\ndata: 4\n\n", Text(q.Take()));
            Assert.Equal("event: e\ndata: 5\n\n", Text(q.Take()));
            Assert.Null(q.Take());
            q.Post("f", "6");
            Assert.Equal("event: f\ndata: 6\n\n", Text(q.Take()));
        }

        private static string Text(byte[] frame) => frame == null ? null : Encoding.UTF8.GetString(frame);

        private sealed class Room : IHeapRoom
        {
            public bool IsShort;
            public bool Short => IsShort;
            public int Refusal(byte[] data, int length) => 0;
            public bool AdmitConnection(long bytes) => true;
        }

        [Fact]
        public void WhileTheHeapIsShortNoFrameIsBuiltAndTheGapIsSaidOnceRoomIsBack()
        {
            var room = new Room();
            var q = new BenchEventQueue(8, room);
            q.Post("a", "1");
            room.IsShort = true;
            q.Post("b", "2");
            q.Post("c", "3");
            Assert.Equal(1, q.Count);
            Assert.Equal(2, q.Dropped);
            room.IsShort = false;
            q.Post("d", "4");
            Assert.Equal("event: a\ndata: 1\n\n", Text(q.Take()));
            Assert.Equal("event: gap\ndata: 2\n\n", Text(q.Take()));
            Assert.Equal("event: d\ndata: 4\n\n", Text(q.Take()));
            Assert.Null(q.Take());
        }

        [Fact]
        public void TheGapAndTheEventAfterItEachForgetTheOldestOfAFullQueue()
        {
            var room = new Room();
            var q = new BenchEventQueue(2, room);
            q.Post("a", "1");
            q.Post("b", "2");
            room.IsShort = true;
            q.Post("c", "3");
            room.IsShort = false;
            q.Post("d", "4");

            Assert.Equal(3, q.Dropped);
            Assert.Equal("event: gap\ndata: 1\n\n", Text(q.Take()));
            Assert.Equal("event: d\ndata: 4\n\n", Text(q.Take()));
            Assert.Null(q.Take());
        }
    }
}
