namespace DeskPhone.Boot
{
    /// <summary>
    /// The load profiles of issue 17 ("Fit the device under real load"), defined once: the interpreter scenario
    /// (BootProgram.Main, tests/Device.Boot/run.sh) runs each on a freshly built phone and prints its heap per
    /// step; docs/benchmarks.md ("Load profiles in the interpreter") reports the figures. No nanoFramework API, so host
    /// code can link this file too.
    /// </summary>
    public sealed class LoadProfile
    {
        /// <summary>One identity registered, nothing else.</summary>
        public static LoadProfile Idle => new LoadProfile("idle", 1, 0, 0, false, 0, 0, false, 0, false);

        /// <summary>The idle profile with one call answered (3 s of RTP both ways, then BYE from the other side).</summary>
        public static LoadProfile IdleCall => new LoadProfile("idle+call", 1, 0, 0, false, 0, 0, false, 0, true);

        /// <summary>
        /// 4 identities registered, 16 BLF keys with dialog state changing, 20 active statuses, the Infobox queue full,
        /// a MESSAGE every 100 ms (for 10 s), the bench event stream open, and one call (issue 18) up from before the
        /// MESSAGE stream to its end, RTP flowing both ways.
        /// </summary>
        public static LoadProfile Office => new LoadProfile("office", 4, 16, 20, true, 100, 0, true, 0, true);

        /// <summary>
        /// 12 identities, 45 BLF keys (the 16 function keys and 29 keys of the three expansion modules), 60 statuses,
        /// 16 MESSAGEs inside Timer J, 8 TCP connections.
        /// </summary>
        public static LoadProfile Worst => new LoadProfile("worst", 12, 45, 60, true, 0, 16, true, 8, false);

        public LoadProfile(string name, int identities, int blfKeys, int statuses, bool infoBoxFull,
                           int messageEveryMs, int messageBurst, bool eventStream, int tcpConnections, bool call)
        {
            Name = name;
            // One number, a few bits a figure (their widths hold every profile's): the profile is held from its first step
            // to its last, and eleven fields were 144 B of every figure (h-harness).
            _figures = (long)identities | (long)blfKeys << 4 | (long)statuses << 10 | (long)messageEveryMs << 17 | (long)messageBurst << 24 |
                       (long)tcpConnections << 29 | (infoBoxFull ? 1L << 33 : 0) | (eventStream ? 1L << 34 : 0) | (call ? 1L << 35 : 0);
        }

        public readonly string Name;

        private readonly long _figures;

        private int Figure(int shift, int bits) => (int)(_figures >> shift) & ((1 << bits) - 1);

        /// <summary>Identities provisioned, active and registered (1..12).</summary>
        public int Identities => Figure(0, 4);

        /// <summary>
        /// BLF keys (up to 63): function keys 1..16 first, then the expansion modules' keys (18 on each module; the worst
        /// profile's 29 on three).
        /// </summary>
        public int BlfKeys => Figure(4, 6);

        /// <summary>Statuses raised on top of what the phone raises itself (up to 127).</summary>
        public int Statuses => Figure(10, 7);

        /// <summary>A MESSAGE this often (ms, up to 127) for <see cref="StreamMs"/>, each with a BLF key changing state; 0 for none.</summary>
        public int MessageEveryMs => Figure(17, 7);

        /// <summary>MESSAGEs sent one loop turn apart, all inside Timer J (32 s; up to 31); 0 for none.</summary>
        public int MessageBurst => Figure(24, 5);

        /// <summary>
        /// TCP connections opened to the phone (up to 15; approximated in the interpreter, which has no sockets); the board
        /// holds DeviceSizing.TcpConnections of them and sheds the rest.
        /// </summary>
        public int TcpConnections => Figure(29, 4);

        /// <summary>The Infobox queue filled to its maximum (InfoBoxQueue.MaxBoxes) by one NOTIFY.</summary>
        public bool InfoBoxFull => Figure(33, 1) != 0;

        /// <summary>The bench event stream (/api/events) open: its bounded queue fed by every phone event.</summary>
        public bool EventStream => Figure(34, 1) != 0;

        /// <summary>
        /// One incoming call answered before the profile's traffic (TCP, MESSAGEs) and hung up by the other side after it,
        /// at least <see cref="CallMs"/> long, RTP flowing both ways.
        /// </summary>
        public bool Call => Figure(35, 1) != 0;

        /// <summary>RTP before the call's heap is measured (and, with no other traffic, before the BYE).</summary>
        public const int CallMs = 3000;

        /// <summary>How long the MESSAGE stream of <see cref="MessageEveryMs"/> runs.</summary>
        public const int StreamMs = 10000;

        /// <summary>How many profiles the scenario runs.</summary>
        public const int Count = 4;

        /// <summary>
        /// The profiles, in the order the scenario runs them (0..<see cref="Count"/> - 1), each made when asked for, so
        /// that the scenario holds only the one it runs (the board's heap has no room for the test's idle definitions).
        /// </summary>
        public static LoadProfile Of(int index) => index == 0 ? Idle : index == 1 ? IdleCall : index == 2 ? Office : Worst;
    }
}
