using DeskPhone.Media.Rtp;

namespace DeskPhone.Media.Tests.Rtp
{
    /// <summary>
    /// The jitter buffer in virtual time: each Pop is one 20 ms tick of the playout clock; packets are Put between
    /// ticks as a network would deliver them. Payloads are one byte naming their sequence number, so what plays can
    /// be read back.
    /// </summary>
    public class JitterBufferTests
    {
        private readonly JitterBuffer _buffer = new JitterBuffer();

        private bool Put(int sequence, uint ssrc = 1) =>
            _buffer.Put(ssrc, sequence & 0xFFFF, new[] { (byte)sequence }, 0, 1);

        /// <summary>One tick: "p7" (frame 7 played), "c" (concealed) or "s" (silence).</summary>
        private string Tick()
        {
            int status = _buffer.Pop(out int offset, out int length);
            return status == JitterBuffer.Played ? "p" + _buffer.Frames[offset] : status == JitterBuffer.Conceal ? "c" : "s";
        }

        /// <summary>What plays when frames <paramref name="from"/> to <paramref name="to"/> do: "p4 p5 p6".</summary>
        private static string Plays(int from, int to)
        {
            var s = new System.Text.StringBuilder();
            for (int i = from; i <= to; i++)
            {
                s.Append(i == from ? "" : " ").Append('p').Append(i);
            }
            return s.ToString();
        }

        private string Ticks(int n)
        {
            var s = new System.Text.StringBuilder();
            for (int i = 0; i < n; i++)
            {
                s.Append(i == 0 ? "" : " ").Append(Tick());
            }
            return s.ToString();
        }

        [Fact]
        public void ItWaitsForItsDepthThenPlaysInOrder()
        {
            Assert.Equal("s", Tick());
            int seq = 10;
            // Silence while fewer frames than the depth wait.
            for (int i = 1; i < JitterBuffer.InitialDepth; i++)
            {
                Put(seq++);
                Assert.Equal("s", Tick());
            }
            Put(seq++);
            Assert.Equal("p10", Tick());
            Put(seq++);
            Assert.Equal("p11", Tick());
            Put(seq++);
            Assert.Equal(Plays(12, seq - 1), Ticks(seq - 12));
        }

        [Fact]
        public void PacketsArrivingOutOfOrderPlayInOrder()
        {
            Put(3);
            Put(1);
            Put(2);
            Put(5);
            Put(4);
            Assert.Equal("p1 p2 p3 p4 p5", Ticks(5));
        }

        [Fact]
        public void ALatePacketIsDropped()
        {
            Put(1); Put(2); Put(3); Put(4);
            Assert.Equal("p1 p2", Ticks(2));
            Assert.False(Put(2));
            Assert.Equal(1, _buffer.Late);
            Assert.Equal("p3 p4", Ticks(2));
        }

        [Fact]
        public void ADuplicateIsDropped()
        {
            Put(1); Put(2);
            Assert.False(Put(2));
            Put(3);
            Assert.Equal("p1 p2 p3", Ticks(3));
        }

        [Fact]
        public void OneLostFrameIsConcealedAndTwoBecomeSilence()
        {
            Put(1); Put(2); Put(4); Put(7); Put(8);
            Assert.Equal("p1 p2 c p4 c s p7 p8", Ticks(8));
            Assert.Equal(3, _buffer.Lost);
            Assert.Equal(2, _buffer.Concealed);
        }

        [Fact]
        public void AConcealmentGivesTheLastPlayedPayloadUntilAPacketTakesItsSlot()
        {
            Put(1); Put(2); Put(4);
            Assert.Equal("p1 p2", Ticks(2));
            // The player keeps no copy of the last frame: the concealment is given its payload, still in its slot.
            Assert.Equal(JitterBuffer.Conceal, _buffer.Pop(out int offset, out int length));
            Assert.Equal(1, length);
            Assert.Equal(2, _buffer.Frames[offset]);
            Assert.Equal("p4", Tick());
            // Frame 5 is lost and a frame a full ring on (the most slots) took frame 4's slot: nothing left to repeat, silence.
            Assert.True(Put(4 + JitterBuffer.Slots));
            Assert.Equal(JitterBuffer.Silence, _buffer.Pop(out offset, out length));
            Assert.Equal(0, length);
            Assert.Equal(1, _buffer.Concealed);
        }

        [Fact]
        public void AnUnderrunConcealsWaitsAndDeepensTheBuffer()
        {
            for (int i = 1; i <= 3; i++) Put(i);
            Assert.Equal("p1 p2 p3", Ticks(3));
            Assert.Equal(JitterBuffer.InitialDepth, _buffer.Depth);
            // Frame 4 is late: a concealed frame, then silence until it comes, then it plays at once (20 ms later).
            Assert.Equal("c s", Ticks(2));
            Put(4);
            Assert.Equal("p4", Tick());
            // It waited two frames: the depth grew by them.
            Assert.Equal(JitterBuffer.InitialDepth + 2, _buffer.Depth);
            Put(5); Put(6);
            Assert.Equal("p5 p6", Ticks(2));
            Assert.Equal(0, _buffer.Lost);
        }

        /// <summary>
        /// A sender that stalls for 160 ms every 2 s and then sends what it owes at once (a loaded machine): the first
        /// stall is heard (concealed, then silence), the delay it added is kept, and the later stalls play through.
        /// </summary>
        [Fact]
        public void TheDelayAStallAddedIsKeptSoTheNextStallPlaysThrough()
        {
            int seq = 1, sent = 0;
            var heard = new System.Text.StringBuilder();
            for (int tick = 0; tick < 500; tick++)
            {
                // 8 frames (160 ms) late every 100 frames: nothing at ticks 100..107 (etc.), then those 8 and the 9th at once.
                int phase = tick % 100;
                if (tick < 100 || phase >= 8)
                {
                    for (; sent <= tick; sent++) Put(seq++);
                }
                heard.Append(Tick()[0]);
            }
            string played = heard.ToString();
            // Filling (the first depth: silence until that many frames wait), then the first stall (the one underrun):
            // the frames held play, then 1 concealed and silence for the rest of the 8.
            int held = JitterBuffer.InitialDepth - 1;
            Assert.Equal(new string('s', held) + "p", played.Substring(0, held + 1));
            Assert.Equal(new string('p', held) + "c" + new string('s', 8 - held - 1) + "pp", played.Substring(100, 10));
            // The filling's silence and the stall's: 7 whatever the depth.
            Assert.Equal(7, played.Split('s').Length - 1);
            Assert.Equal(1, played.Split('c').Length - 1);
            Assert.DoesNotContain("c", played.Substring(120));
            Assert.DoesNotContain("s", played.Substring(120));
            Assert.Equal(0, _buffer.Lost);
        }

        [Fact]
        public void APauseLongerThanTheDeepestBufferFillsItAgain()
        {
            for (int i = 1; i <= 3; i++) Put(i);
            Ticks(3);
            Ticks(JitterBuffer.MaxDepth + 1);
            // A pause is no jitter: the depth stays as it was (the first): silence until that many frames wait again.
            int seq = 4;
            for (int i = 1; i < JitterBuffer.InitialDepth; i++) Put(seq++);
            Assert.Equal("s", Tick());
            Put(seq++); Put(seq++);
            Assert.Equal(Plays(4, seq - 1), Ticks(seq - 4));
            Assert.Equal(JitterBuffer.InitialDepth, _buffer.Depth);
        }

        [Fact]
        public void TheDepthStaysWithinItsBounds()
        {
            for (int round = 0; round < 20; round++)
            {
                Ticks(3);
            }
            // Only underruns while never started do not count; start, then starve repeatedly.
            int seq = 1;
            for (int round = 0; round < 20; round++)
            {
                for (int i = 0; i < JitterBuffer.MaxDepth + 1; i++) Put(seq++);
                Ticks(JitterBuffer.MaxDepth + 3);
            }
            Assert.Equal(JitterBuffer.MaxDepth, _buffer.Depth);
            for (int i = 0; i < JitterBuffer.ShrinkAfterFrames * (JitterBuffer.MaxDepth + 2); i++)
            {
                Put(seq++);
                Tick();
            }
            Assert.Equal(JitterBuffer.MinDepth, _buffer.Depth);
        }

        [Fact]
        public void ALongSteadyStreamAtTheLeastDepthStillGrowsAndShrinksAfterAnUnderrun()
        {
            int seq = 1;
            for (int i = 0; i < JitterBuffer.InitialDepth; i++) Put(seq++);
            // Steady far longer than the frames since an underrun are counted (they stop at ShrinkAfterFrames).
            for (int i = 0; i < JitterBuffer.ShrinkAfterFrames * 5; i++)
            {
                Put(seq++);
                Tick();
            }
            Assert.Equal(JitterBuffer.MinDepth, _buffer.Depth);
            // The stream stops: what waits plays, then the frame due is concealed and waited for two ticks.
            string played = Ticks(JitterBuffer.MinDepth + 4);
            Assert.Contains("c", played);
            for (int i = 0; i < 4; i++) Put(seq++);
            Tick();
            int grown = _buffer.Depth;
            Assert.True(grown > JitterBuffer.MinDepth);
            for (int i = 0; i < JitterBuffer.ShrinkAfterFrames - 100; i++)
            {
                Put(seq++);
                Tick();
            }
            Assert.Equal(grown, _buffer.Depth);
            for (int i = 0; i < 200; i++)
            {
                Put(seq++);
                Tick();
            }
            Assert.Equal(grown - 1, _buffer.Depth);
        }

        [Fact]
        public void ABacklogBeyondTheDepthIsTrimmed()
        {
            int seq = 1;
            for (int i = 0; i < 10; i++) Put(seq++);
            // Steady: one in, one out, with 10 waiting (the first depth): after TrimAfterFrames ticks one frame is dropped.
            // What was dropped shows as a gap in what plays (the last trim, at the last tick, in the frame after it).
            int dropped = 0, last = 0;
            for (int i = 0; i <= JitterBuffer.TrimAfterFrames * 4; i++)
            {
                if (i < JitterBuffer.TrimAfterFrames * 4) Put(seq++);
                int played = int.Parse(Tick().Substring(1));
                dropped += played - last - 1;
                last = played;
            }
            Assert.True(dropped >= 4, "dropped " + dropped);
            Assert.Equal(0, _buffer.Lost);
            Assert.True(_buffer.Count <= JitterBuffer.InitialDepth + 3, "still waiting " + _buffer.Count);
        }

        [Fact]
        public void ItNeverHoldsMoreThanItsSlots()
        {
            for (int i = 0; i < 3 * JitterBuffer.Slots; i++)
            {
                Put(i);
                Assert.True(_buffer.Count <= JitterBuffer.Slots);
            }
            Assert.Equal(JitterBuffer.Slots, _buffer.Count);
            Assert.Equal("p" + (2 * JitterBuffer.Slots), Tick());
        }

        [Fact]
        public void TheRingGrowsForABurstKeepingTheOrderAndTheFrameToConceal()
        {
            for (int i = 1; i <= 3; i++) Put(i);
            Assert.Equal("p1 p2 p3", Ticks(3));
            // Frame 4 is lost and ten frames after it come at once: more than the first slots hold, none is dropped.
            for (int i = 5; i < 5 + JitterBuffer.Slots - 3; i++) Assert.True(Put(i));
            Assert.True(JitterBuffer.Slots - 3 > JitterBuffer.InitialSlots);
            Assert.Equal(JitterBuffer.Conceal, _buffer.Pop(out int offset, out int length));
            Assert.Equal(1, length);
            Assert.Equal(3, _buffer.Frames[offset]);
            Assert.Equal("p5 p6 p7 p8 p9 p10 p11 p12 p13 p14", Ticks(JitterBuffer.Slots - 3));
            Assert.Equal(1, _buffer.Lost);
        }

        [Fact]
        public void ANewSsrcStartsOver()
        {
            Put(100); Put(101); Put(102);
            Assert.Equal("p100", Tick());
            Put(5, ssrc: 2); Put(6, ssrc: 2); Put(7, ssrc: 2);
            Assert.Equal("p5 p6 p7", Ticks(3));
        }

        [Fact]
        public void AJumpInSequenceStartsOverButAWrapDoesNot()
        {
            Put(65534); Put(65535); Put(65536); Put(65537);
            Assert.Equal("p254 p255 p0 p1", Ticks(4));
            Put(30000); Put(30001); Put(30002);
            Assert.Equal("p48 p49 p50", Ticks(3));
        }

        [Fact]
        public void OversizedAndEmptyPayloadsAreRefused()
        {
            Assert.False(_buffer.Put(1, 1, new byte[JitterBuffer.MaxPayload + 1], 0, JitterBuffer.MaxPayload + 1));
            Assert.False(_buffer.Put(1, 1, new byte[1], 0, 0));
            Assert.Equal(2, _buffer.Refused);
        }
    }
}
