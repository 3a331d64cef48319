namespace DeskPhone.Boot
{
    /// <summary>
    /// The load profiles of issue 17 ("Fit the device under real load"), defined once: the interpreter scenario
    /// (BootProgram.Main, tests/Device.Boot/run.sh) runs each on a freshly built phone and prints its heap per
    /// step; docs/benchmarks.md ("Load profiles in the interpreter") reports the figures. Plain fields and no
    /// nanoFramework API, so host code can link this file too.
    /// </summary>
    public sealed class LoadProfile
    {
        /// <summary>One identity registered, nothing else.</summary>
        public static LoadProfile Idle => new LoadProfile("idle", 1, 0, 0, 0, false, 0, 0, false, 0, false);

        /// <summary>The idle profile with one call answered (3 s of RTP both ways, then BYE from the other side).</summary>
        public static LoadProfile IdleCall => new LoadProfile("idle+call", 1, 0, 0, 0, false, 0, 0, false, 0, true);

        /// <summary>
        /// 4 identities registered, 16 BLF keys with dialog state changing, 20 active statuses, the Infobox queue full,
        /// a MESSAGE every 100 ms (for 10 s), the bench event stream open, and one call (issue 18) up from before the
        /// MESSAGE stream to its end, RTP flowing both ways.
        /// </summary>
        public static LoadProfile Office => new LoadProfile("office", 4, 16, 0, 20, true, 100, 0, true, 0, true);

        /// <summary>
        /// 12 identities, 45 BLF keys (the 16 function keys and 29 keys of the three expansion modules), 60 statuses,
        /// 16 MESSAGEs inside Timer J, 8 TCP connections.
        /// </summary>
        public static LoadProfile Worst => new LoadProfile("worst", 12, 45, 3, 60, true, 0, 16, true, 8, false);

        public LoadProfile(string name, int identities, int blfKeys, int expansionModules, int statuses, bool infoBoxFull,
                           int messageEveryMs, int messageBurst, bool eventStream, int tcpConnections, bool call)
        {
            Name = name;
            Identities = identities;
            BlfKeys = blfKeys;
            ExpansionModules = expansionModules;
            Statuses = statuses;
            InfoBoxFull = infoBoxFull;
            MessageEveryMs = messageEveryMs;
            MessageBurst = messageBurst;
            EventStream = eventStream;
            TcpConnections = tcpConnections;
            Call = call;
        }

        public readonly string Name;

        /// <summary>Identities provisioned, active and registered (1..12).</summary>
        public readonly int Identities;

        /// <summary>BLF keys: function keys 1..16 first, then the expansion modules' keys.</summary>
        public readonly int BlfKeys;

        /// <summary>Expansion modules the BLF keys beyond the 16 function keys sit on (18 keys each).</summary>
        public readonly int ExpansionModules;

        /// <summary>Statuses raised on top of what the phone raises itself.</summary>
        public readonly int Statuses;

        /// <summary>The Infobox queue filled to its maximum (InfoBoxQueue.MaxBoxes) by one NOTIFY.</summary>
        public readonly bool InfoBoxFull;

        /// <summary>A MESSAGE this often (ms) for <see cref="StreamMs"/>, each with a BLF key changing state; 0 for none.</summary>
        public readonly int MessageEveryMs;

        /// <summary>MESSAGEs sent one loop turn apart, all inside Timer J (32 s); 0 for none.</summary>
        public readonly int MessageBurst;

        /// <summary>The bench event stream (/api/events) open: its bounded queue fed by every phone event.</summary>
        public readonly bool EventStream;

        /// <summary>
        /// TCP connections opened to the phone (approximated in the interpreter, which has no sockets); the board holds
        /// DeviceSizing.TcpConnections of them and sheds the rest.
        /// </summary>
        public readonly int TcpConnections;

        /// <summary>
        /// One incoming call answered before the profile's traffic (TCP, MESSAGEs) and hung up by the other side after it,
        /// at least <see cref="CallMs"/> long, RTP flowing both ways.
        /// </summary>
        public readonly bool Call;

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
