namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// Sizes of the board's fixed buffers, in one place so that the device entry point and the retained-heap
    /// benchmark (tests/Benchmarks --retained-heap) use the same numbers.
    /// </summary>
    public static class DeviceSizing
    {
        /// <summary>
        /// The loop reads UDP itself (UdpTransport.ReceiveFor), so an inbox slot is busy only within one turn of the
        /// loop: two slots (one for the loop's datagram, one a TCP connection's thread fills meanwhile) let the loop
        /// handle two packets a turn, more than the interpreter's cost per request allows (docs/benchmarks.md), and
        /// what waits stays in the socket's buffer or behind TCP flow control. Each slot is InboxPacketBytes of heap
        /// for good (4 slots were 13,032 B in the interpreter, 2 are 6,516 B).
        /// </summary>
        public const int InboxSlots = 2;

        /// <summary>
        /// TCP connections the board holds at once (TcpTransport's capacity): each is a buffer of two packets (6 KB;
        /// one thread and parser serve them all), so the default 8 could not exist beside the phone
        /// (docs/benchmarks.md, "Load profiles"); a PBX uses one, and a new connection beyond sheds the one idle the
        /// longest.
        /// </summary>
        public const int TcpConnections = 2;

        /// <summary>The largest SIP message the board takes (UDP datagram or TCP message); larger ones are dropped.</summary>
        public const int InboxPacketBytes = 3072;

        /// <summary>
        /// The SIP trace on the board (docs/bench.md): at most the last 4 messages in and out, the first
        /// <see cref="TraceSlotBytes"/> of each (the start line and most headers), packed into
        /// <see cref="TraceRingBytes"/>; the simulator keeps 64 whole ones.
        /// </summary>
        public const int TraceSlots = 4;

        /// <summary>
        /// The trace's ring, for good once the first message is recorded: room for two cut messages (a request and its
        /// answer) and for 3 or 4 of the usual 250-500 byte ones; 4 x 512 B slots (2,048 B) were the boot's first
        /// REGISTER's out of memory in the board's heap (docs/benchmarks.md, h-boot80).
        /// </summary>
        public const int TraceRingBytes = 1024;

        /// <summary>
        /// What a call's change must find free, beside the request room (HeapReserve.RequestRoomBytes), for the SIP trace
        /// to stay on in the call (CallLayer): the trace as the board makes it, its ring with the entries' numbers, names
        /// and their strings (about 1,360 B on nanoCLR, not the ring's 1,024), and about 700 B for what the call's turns
        /// make after the change was measured. With the ring's bytes alone, office's answer on the 80,896-byte board was a
        /// few hundred bytes under the line: a phone that found the room kept the trace's 1.4 KB under every request of
        /// its stream (docs/benchmarks.md, h-restcut). 256 B more than those 2,048 since h-margin4: the office phone's
        /// ringing call measured 13,332 B there (60 B of DeskPhone.Sip's heap saved; 13,272 on main) at 81,096 B, just
        /// over the 13,312 line, and kept the trace through the INVITE's turn, the ringing screen and the answer, whose
        /// points fell to 12,268 B shifted to the 80,896-byte board (tools/HeapCensus/sweep.sh); the line is a margin,
        /// not a figure to meet to the byte.
        /// </summary>
        public const int CallTraceBytes = 2304;

        /// <summary>
        /// Rows of the panel's band on the board (Rgb565BandTarget: 640 B a row on the 320-pixel panel, while a flush draws); the
        /// boot scenario draws through the same band. 2 rows (1,280 B) redraw the full screen in about 86 M
        /// interpreter instructions, 360 ms at 240 MHz; 4 rows took 2,560 B for 270 ms, 1 row would take 540 ms, over
        /// the 0.5 s a full redraw may take (docs/benchmarks.md, h-boardheap; tools/BandCost/count.sh).
        /// </summary>
        public const int PanelBandRows = 2;

        /// <summary>Bytes of each traced message the board keeps.</summary>
        public const int TraceSlotBytes = 512;
    }
}
