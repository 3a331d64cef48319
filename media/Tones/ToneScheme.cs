namespace DeskPhone.Media.Tones
{
    /// <summary>
    /// The call progress tones of one country, chosen by Snom's <c>tone_scheme</c> setting (USA, GER, UK, FRA, ITA, NLD,
    /// SWI, SWE, AUS, JPN: the values the settings table accepts). Frequencies and cadences are those of ITU-T E.180
    /// Supplement 2 ("Various tones used in national networks") as Asterisk's indications.conf.sample lists them, in its
    /// notation (<see cref="ToneCadence"/>); levels are ours (docs/media.md, "Tones"): the North American precise tone
    /// plan's (ITU-T E.300 Supplement 3) for USA, -13 dBm0 per frequency for the other two-frequency tones, -10 dBm0
    /// for one frequency. Only the requested scheme is built.
    /// </summary>
    public sealed class ToneScheme
    {
        // Peak sample of a sine at a level: 0 dBm0 is the G.711 digital milliwatt (G.711 table 5), peak 22,580.
        private const int Minus10Dbm0 = 7140;
        private const int Minus13Dbm0 = 5055;
        private const int Minus19Dbm0 = 2534;
        private const int Minus24Dbm0 = 1425;

        // The schemes' names and tone lists are constants chosen by a switch, not arrays: an array initialiser is built
        // in the heap at boot (with a string object per literal) and kept for good, about 600 B for these three.
        private const int Schemes = 10;

        // One exit in NameOf and ListOf: a return per case made nanoFramework's MetadataProcessor count a stack slot per
        // case in the frame of every call (docs/benchmarks.md, h-frames).
        private static string NameOf(int scheme)
        {
            string name;
            switch (scheme)
            {
                case 0: name = "USA"; break;
                case 1: name = "GER"; break;
                case 2: name = "UK"; break;
                case 3: name = "FRA"; break;
                case 4: name = "ITA"; break;
                case 5: name = "NLD"; break;
                case 6: name = "SWI"; break;
                case 7: name = "SWE"; break;
                case 8: name = "AUS"; break;
                default: name = "JPN"; break;
            }
            return name;
        }

        // Per scheme, in ToneKind order: dial, ringback, busy, congestion, call waiting, separated by '|'. Where the
        // source differs: GER's call waiting repeats here for as long as the call waits (5 times there); AUS's second
        // congestion burst is 10 dB lower in ACIF S002 (same level here); JPN's ringback and call waiting are 400 Hz
        // modulated by 15-16 Hz there (plain 400 Hz here).
        private static string ListOf(int scheme)
        {
            string list;
            switch (scheme)
            {
                case 0: list = "350+440|440+480/2000,0/4000|480+620/500,0/500|480+620/250,0/250|440/300,0/10000"; break;
                case 1: list = "425|425/1000,0/4000|425/480,0/480|425/240,0/240|425/200,0/200,425/200,0/5000"; break;
                case 2: list = "350+440|400+450/400,0/200,400+450/400,0/2000|400/375,0/375|400/400,0/350,400/225,0/525|400/100,0/4000"; break;
                case 3: list = "440|440/1500,0/3500|440/500,0/500|440/250,0/250|440/300,0/10000"; break;
                case 4: list = "425/200,0/200,425/600,0/1000|425/1000,0/4000|425/500,0/500|425/200,0/200|425/400,0/100,425/250,0/100,425/150,0/14000"; break;
                case 5: list = "425|425/1000,0/4000|425/500,0/500|425/250,0/250|425/500,0/9500"; break;
                case 6: list = "425|425/1000,0/4000|425/500,0/500|425/200,0/200|425/200,0/200,425/200,0/4000"; break;
                case 7: list = "425|425/1000,0/5000|425/250,0/250|425/250,0/750|425/200,0/500,425/200,0/9100"; break;
                case 8: list = "413+438|413+438/400,0/200,413+438/400,0/2000|425/375,0/375|425/375,0/375,420/375,0/375|425/200,0/200,425/200,0/4400"; break;
                default: list = "400|400/1000,0/2000|400/500,0/500|400/500,0/500|400/500,0/8000"; break;
            }
            return list;
        }

        // USA: the precise tone plan's levels per tone (dial -13, audible ringing -19, busy and reorder -24, call waiting -13).
        private static int UsaLevel(int kind) => kind == 1 ? Minus19Dbm0 : kind == 2 || kind == 3 ? Minus24Dbm0 : Minus13Dbm0;

        private readonly ToneCadence[] _tones = new ToneCadence[5];

        private ToneScheme(int scheme)
        {
            Name = NameOf(scheme);
            string[] lists = ListOf(scheme).Split('|');
            for (int kind = 0; kind < _tones.Length; kind++)
            {
                int level = scheme == 0 ? UsaLevel(kind) : lists[kind].IndexOf('+') >= 0 ? Minus13Dbm0 : Minus10Dbm0;
                _tones[kind] = new ToneCadence(level, lists[kind]);
            }
        }

        /// <summary>The setting's value for this scheme, e.g. "GER".</summary>
        public string Name { get; }

        /// <summary>The cadence of one tone of this scheme.</summary>
        public ToneCadence Cadence(ToneKind kind)
        {
            return _tones[(int)kind];
        }

        /// <summary>The scheme a <c>tone_scheme</c> value names (any letter case), or null for a value that names none.</summary>
        public static ToneScheme ForSetting(string value)
        {
            if (value == null)
            {
                return null;
            }

            string upper = value.ToUpper();
            for (int i = 0; i < Schemes; i++)
            {
                if (NameOf(i) == upper)
                {
                    return new ToneScheme(i);
                }
            }

            return null;
        }
    }
}
