using DeskPhone.Sip.Transport;

namespace DeskPhone.Sip.Tests.Stack
{
    /// <summary>
    /// The inbox's packets (docs/sip-stack.md): none made at once, each made when every packet made is busy,
    /// every free one let go at the first empty take, never more than its slots.
    /// </summary>
    public class SipInboxTests
    {
        [Fact]
        public void ASecondPacketIsMadeOnlyWhenTheFirstIsBusyAndTheSlotsStayTheBound()
        {
            var inbox = new SipInbox(2, 100);
            Assert.Equal(0, inbox.Made);
            SipPacket first = inbox.Rent();
            Assert.Equal(101, first.Data.Length);
            Assert.Equal(1, inbox.Made);
            SipPacket second = inbox.Rent();
            Assert.NotNull(second);
            Assert.NotSame(first, second);
            Assert.Equal(2, inbox.Made);
            Assert.Null(inbox.Rent());
            Assert.Null(inbox.TryRent());
            Assert.Equal(1, inbox.Dropped);
        }

        [Fact]
        public void APacketForAToldSizeIsMadeToItAndLetGoWhenHandedBack()
        {
            var inbox = new SipInbox(2, 100);
            SipPacket sized = inbox.Rent(40);
            Assert.Equal(41, sized.Data.Length);
            Assert.Equal(101, inbox.Rent(500).Data.Length);
            Assert.Null(inbox.Rent(40));
            Assert.Equal(2, inbox.Made);
            inbox.Return(sized);
            Assert.Equal(1, inbox.Made);
            Assert.Equal(101, inbox.Rent(0).Data.Length);
        }

        [Fact]
        public void TheFirstEmptyTakeLetsGoOfTheFreePacketsAndTheyComeBackWhenNeeded()
        {
            var inbox = new SipInbox(2, 100);
            SipPacket last = Deliver(inbox, 2);
            Assert.Equal(2, inbox.Made);
            Assert.Null(inbox.Take());
            Assert.Equal(0, inbox.Made);
            SipPacket made = inbox.Rent();
            Assert.NotSame(last, made);
            Assert.Equal(101, made.Data.Length);
            inbox.Return(made);

            Deliver(inbox, 2);
            Assert.Equal(2, inbox.Made);
            Assert.Equal(0, inbox.Dropped);
        }

        [Fact]
        public void APacketWaitingForTheLoopIsNotLetGo()
        {
            var inbox = new SipInbox(2, 100);
            SipPacket waiting = inbox.Rent();
            waiting.Length = 1;
            inbox.Post(waiting);
            // Taken while another is still waiting: nothing is let go until the inbox is empty.
            SipPacket second = inbox.Rent();
            second.Length = 2;
            inbox.Post(second);
            SipPacket taken = inbox.Take();
            Assert.Same(waiting, taken);
            inbox.Return(taken);
            Assert.Equal(2, inbox.Made);
            Assert.Same(second, inbox.Take());
            Assert.Null(inbox.Take());
            // The second is still the loop's (not returned): only the returned one was let go.
            Assert.Equal(1, inbox.Made);
        }

        [Fact]
        public void APacketATransportIsFillingDuringTheTrimStaysUsable()
        {
            var inbox = new SipInbox(2, 100);
            SipPacket filling = inbox.Rent();
            Deliver(inbox, 1);
            Assert.Equal(2, inbox.Made);
            for (int turn = 0; turn < SipInbox.QuietTurns; turn++)
            {
                Assert.Null(inbox.Take());
            }
            // Only the packet the transport holds is left.
            Assert.Equal(1, inbox.Made);
            filling.Data[0] = (byte)'X';
            filling.Length = 1;
            inbox.Post(filling);
            SipPacket taken = inbox.Take();
            Assert.Same(filling, taken);
            inbox.Return(taken);
            Assert.Same(filling, inbox.Rent());
            Assert.NotNull(inbox.Rent());
            Assert.Equal(2, inbox.Made);
        }

        [Fact]
        public void AShortMessageIsPostedInAnArrayOfItsLengthAndItsPacketIsLetGoWhenHandedBack()
        {
            var inbox = new SipInbox(2, 3072);
            SipPacket packet = inbox.Rent();
            byte[] full = packet.Data;
            byte[] message = System.Text.Encoding.ASCII.GetBytes("SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n");
            System.Array.Copy(message, full, message.Length);
            packet.Length = message.Length;
            inbox.Post(packet);

            SipPacket taken = inbox.Take();
            Assert.Same(packet, taken);
            Assert.Equal(message, taken.Data);
            Assert.NotSame(full, taken.Data);
            inbox.Return(taken);
            Assert.Equal(0, inbox.Made);
            // The next datagram gets a whole packet again.
            Assert.Equal(3073, inbox.Rent().Data.Length);
        }

        [Fact]
        public void AMessageThatFillsMostOfItsPacketStaysInIt()
        {
            var inbox = new SipInbox(2, 1024);
            SipPacket packet = inbox.Rent();
            byte[] full = packet.Data;
            packet.Length = 600;
            inbox.Post(packet);
            Assert.Same(full, inbox.Take().Data);
            inbox.Return(packet);
            Assert.Same(packet, inbox.Rent());
        }

        /// <summary>
        /// Rents <paramref name="packets"/> at once, posts them, then takes and returns each as the loop does; returns the
        /// last one returned.
        /// </summary>
        private static SipPacket Deliver(SipInbox inbox, int packets)
        {
            var rented = new SipPacket[packets];
            for (int i = 0; i < packets; i++)
            {
                rented[i] = inbox.Rent();
                Assert.NotNull(rented[i]);
                rented[i].Length = 1;
                inbox.Post(rented[i]);
            }
            for (int i = 0; i < packets; i++)
            {
                SipPacket taken = inbox.Take();
                Assert.Same(rented[i], taken);
                inbox.Return(taken);
            }
            return rented[packets - 1];
        }
    }
}
