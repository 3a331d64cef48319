namespace DeskPhone.Ui.Icons
{
    /// <summary>
    /// The icons as drawn art: twelve rows of twelve pixels per <see cref="IconId"/>, bit 11 the leftmost pixel
    /// (1 lit), each row three hex digits of one constant below. Kept as a constant rather than image files so
    /// nothing is loaded at run time; the panels turn a mask into pixels.
    /// </summary>
    public static class IconBitmaps
    {
        public const int Size = 12;

        // Index-aligned with IconId: icon n is rows [n * 12, n * 12 + 12), each row three hex digits (bit 11, the
        // leftmost pixel, is the top bit of the first). A string constant, not a ushort[]: an array initialiser is
        // built in the heap by the static constructor and kept for good (888 B), a literal stays in the assembly and
        // costs one 12-byte string object once used (docs/benchmarks.md, h-boardheap).
        private const string Rows =
            "000000000000000000000000000000000000" + // None
            "0007FE40256A56A40240270E1081F8000000" + // Network
            "780FC0FC0FC0780000781FC3FD6FDEFCC000" + // Registration
            "000000FFFC03A05909891861801FFF000000" + // Messages
            "00000000070E8918918917FE000000000000" + // Voicemail
            "000020030038FF8FFCFFCFF8038030020000" + // Forwarding
            "0F03FC7FE7FEFFFC03C03FFF7FE7FE3FC0F0" + // Dnd
            "0F030C402801801E07E07E07E07004018000" + // AudioDevice
            "0000400C01C0FD1FCAFC4FCA1D10C0040000" + // Mute
            "0400E0040446E464442481500E00400E00E0" + // UsbHid
            "FFF801B9D801B9D801B9D801B9D801FFF000" + // ExpansionModule
            "0606F67FE39C70EF0FF0F70E39C7FE6F6060" + // Provisioning
            "1501507FCC065F4DF65F4C067FC150150000" + // Firmware
            "0601F87FE7F27E66CE61E33C3FC1F80F0060" + // Security
            "0400602501480D00600600D0148250060040" + // Bluetooth
            "0001F86068F130C462090000060060000000" + // Wlan
            "700F00F00F007003801C00F607F03F00F002" + // Call
            "81E40620A1100A00400003FC7FEE07E07000" + // MissedCall
            "0F01981081083FC3FC39C39C3DC3FC3FC000" + // Lock
            "1F82044428418418798018014022041F8000" + // Clock
            "0F030C4624028E18618618614F240230C0F0" + // Info
            "0600600F009019819839C39C7FE79EFFF000" + // Warning
            "00060670E39C1F80F00F01F839C70E606000" + // Error
            "0F01F81F81F81F80F00003FC7FEFFFFFF000" + // Presence
            "0F03FC79E70E70E79E3FC3FC1F80F0060000" + // Location
            "1FC3567567FE7FE7FE7FE7FE7FE7FE7FE000" + // Memory
            "0600F01F83FC3FC3FC3FC7FEFFF0000F0060" + // Ringer
            "FFF8019F998D98D98D9F9981981981801FFF" + // Park
            "00601E07E77EF7EF7EF7E77E27E21E306000" + // Announcement
            "000000780FC0CFFCFFFCD78D000000000000" + // Vpn
            "1F83FC79EF9FF9FF9FF9FFFFF9F79E3FC1F8" + // CategoryEssential
            "0600F00F00F00F00600600000000600F0060" + // CategoryImportant
            "0000000F030C4628F18F146230C0F0000000" + // CategoryShowDirectly
            "000FFFFFAFFF801801801801801FFF000000" + // CategoryPopUp
            "0FF0FF08108108108138778F78F306000000" + // CategoryAudio
            "0F030C40E41C8398718E19C138270230C0F0"; // CategoryBlocked

        /// <summary>
        /// The art's text, for <see cref="Row(string, int, int)"/>: each use of the constant is an <c>ldstr</c>, which on
        /// nanoCLR makes a 12-byte string object, so a caller drawing many rows takes it once, not three times a row.
        /// </summary>
        public static string Art => Rows;

        /// <summary>One row of an icon's mask (bit 11 is x = 0); 0 for an unknown icon.</summary>
        public static int Row(int icon, int row) => Row(Rows, icon, row);

        /// <summary>
        /// One row of an icon's mask read from <paramref name="art"/> (<see cref="Art"/>), allocating nothing: the band's
        /// drawing reads its icons' rows under the band and its frames, where an allocation's collection was office's lowest
        /// (the answered call's redraw, docs/benchmarks.md h-redraw5).
        /// </summary>
        public static int Row(string art, int icon, int row)
        {
            if (icon <= 0 || icon >= IconId.Count || row < 0 || row >= Size)
            {
                return 0;
            }
            int at = (icon * Size + row) * 3;
            return Hex(art[at]) << 8 | Hex(art[at + 1]) << 4 | Hex(art[at + 2]);
        }

        private static int Hex(char c) => c <= '9' ? c - '0' : c - 'A' + 10;

        /// <summary>Whether pixel (x, y) of the icon is lit.</summary>
        public static bool IsSet(int icon, int x, int y) => x >= 0 && x < Size && (Row(icon, y) & (1 << (Size - 1 - x))) != 0;
    }
}
