using System.Security.Cryptography;
using System.Text;
using DeskPhone.Domain.Settings;
using DeskPhone.Sip.Text;

namespace DeskPhone.Firmware.Updates
{
    /// <summary>
    /// An update set's manifest (docs/updates.md, "Manifest"): ASCII lines ended by LF, in this order and nothing else:
    /// <c>deskphone-update 1</c>, <c>version V</c>, <c>chunk N</c>, one to <see cref="MaxFiles"/> lines
    /// <c>file NAME SIZE MAC</c>, and last <c>mac MAC</c>, the HMAC-SHA256 (key from <c>update_key</c>) of every byte
    /// before that line. MACs are 64 hex digits. Parsed from bytes, bounded, strict: anything else is refused with the
    /// line and the reason, and nothing in a manifest is believed before its MAC checked.
    /// </summary>
    public sealed class UpdateManifest
    {
        public const int MaxBytes = 2048;
        public const int MaxFiles = 16;
        public const int MaxNameBytes = 48;
        public const int MaxVersionBytes = 24;

        /// <summary>One file's limit; a .pe of ours is under 140 KB.</summary>
        public const int MaxFileBytes = 262144;

        /// <summary>The whole set's limit: two slots of it must fit the board's flash file system (docs/updates.md).</summary>
        public const int MaxSetBytes = 524288;

        private const string Magic = "deskphone-update 1";

        private UpdateManifest(string version, int chunkBytes, string[] names, int[] sizes, byte[][] macs)
        {
            Version = version;
            ChunkBytes = chunkBytes;
            Names = names;
            Sizes = sizes;
            Macs = macs;
        }

        public readonly string Version;

        /// <summary>1024, 2048 or 4096: the chunk of the chained MAC (<see cref="ChainMac"/>).</summary>
        public readonly int ChunkBytes;

        public readonly string[] Names;

        public readonly int[] Sizes;

        /// <summary>Each file's chained MAC.</summary>
        public readonly byte[][] Macs;

        public int TotalBytes
        {
            get
            {
                int total = 0;
                for (int i = 0; i < Sizes.Length; i++)
                {
                    total += Sizes[i];
                }
                return total;
            }
        }

        /// <summary>The manifest in data[0..length), checked with key; null with <paramref name="error"/> saying why not.</summary>
        public static UpdateManifest Parse(byte[] data, int length, byte[] key, out string error)
        {
            error = null;
            if (length > MaxBytes)
            {
                error = "manifest: over " + MaxBytes.ToString() + " bytes";
                return null;
            }
            if (length == 0 || data[length - 1] != (byte)'\n')
            {
                error = "manifest: truncated (no line end at the end)";
                return null;
            }
            // The MAC line is the last: check it before believing anything above it.
            int macLine = length - 1;
            while (macLine > 0 && data[macLine - 1] != (byte)'\n')
            {
                macLine--;
            }
            if (!Word(data, macLine, length - 1, "mac "))
            {
                error = "manifest: the last line is not its mac";
                return null;
            }
            byte[] mac = ChainMac.FromHex(data, macLine + 4, length - 1);
            if (mac == null)
            {
                error = "manifest: its mac is not 64 hex digits";
                return null;
            }
            byte[] signed = new byte[macLine];
            System.Array.Copy(data, signed, macLine);
            if (!PasswordHash.SameBytes(HMACSHA256.HashData(key, signed), mac))
            {
                error = "manifest: wrong mac (another key, or altered)";
                return null;
            }
            return Lines(signed, out error);
        }

        private static UpdateManifest Lines(byte[] b, out string error)
        {
            error = null;
            string version = null;
            int chunk = 0;
            var names = new string[MaxFiles];
            var sizes = new int[MaxFiles];
            var macs = new byte[MaxFiles][];
            int files = 0;
            int total = 0;
            int line = 0;
            for (int start = 0; start < b.Length;)
            {
                int end = start;
                while (b[end] != (byte)'\n')
                {
                    end++;
                }
                line++;
                string problem = null;
                if (line == 1)
                {
                    problem = end - start == Magic.Length && Word(b, start, end, Magic) ? null : "not a deskphone-update 1 manifest";
                }
                else if (line == 2)
                {
                    problem = Word(b, start, end, "version ") ? null : "expected: version V";
                    if (problem == null && (version = Token(b, start + 8, end, MaxVersionBytes)) == null)
                    {
                        problem = "the version must be 1 to " + MaxVersionBytes.ToString() + " of A-Z a-z 0-9 . _ -";
                    }
                }
                else if (line == 3)
                {
                    chunk = Word(b, start, end, "chunk ") ? (int)DecimalDigits.Parse(b, start + 6, end, 4) : 0;
                    problem = chunk == 1024 || chunk == 2048 || chunk == 4096 ? null : "expected: chunk 1024, 2048 or 4096";
                }
                else if (!Word(b, start, end, "file "))
                {
                    problem = "expected: file NAME SIZE MAC";
                }
                else if (files == MaxFiles)
                {
                    problem = "more than " + MaxFiles.ToString() + " files";
                }
                else
                {
                    problem = File(b, start + 5, end, names, sizes, macs, files);
                    if (problem == null)
                    {
                        total += sizes[files++];
                        if (total > MaxSetBytes)
                        {
                            problem = "the set is over " + MaxSetBytes.ToString() + " bytes";
                        }
                    }
                }
                if (problem != null)
                {
                    error = "manifest line " + line.ToString() + ": " + problem;
                    return null;
                }
                start = end + 1;
            }
            if (files == 0)
            {
                error = "manifest: no files";
                return null;
            }
            var n = new string[files];
            var s = new int[files];
            var m = new byte[files][];
            System.Array.Copy(names, n, files);
            System.Array.Copy(sizes, s, files);
            System.Array.Copy(macs, m, files);
            return new UpdateManifest(version, chunk, n, s, m);
        }

        /// <summary>"NAME SIZE MAC" into entry i; null, or what is wrong.</summary>
        private static string File(byte[] b, int start, int end, string[] names, int[] sizes, byte[][] macs, int i)
        {
            int space = start;
            while (space < end && b[space] != (byte)' ')
            {
                space++;
            }
            string name = Token(b, start, space, MaxNameBytes);
            if (name == null || space - start < 4 || !Word(b, space - 3, space, ".pe"))
            {
                return "the name must be a .pe file name of at most " + MaxNameBytes.ToString() + " of A-Z a-z 0-9 . _ -";
            }
            for (int k = 0; k < i; k++)
            {
                if (names[k] == name)
                {
                    return name + " is listed twice";
                }
            }
            int sizeEnd = DecimalDigits.RunEnd(b, space + 1, end);
            long size = sizeEnd == space + 1 ? -1 : DecimalDigits.Parse(b, space + 1, sizeEnd, 7);
            if (size < 1 || size > MaxFileBytes)
            {
                return "the size must be 1 to " + MaxFileBytes.ToString() + " bytes";
            }
            byte[] mac = sizeEnd < end && b[sizeEnd] == (byte)' ' ? ChainMac.FromHex(b, sizeEnd + 1, end) : null;
            if (mac == null)
            {
                return "the file's mac must be 64 hex digits";
            }
            names[i] = name;
            sizes[i] = (int)size;
            macs[i] = mac;
            return null;
        }

        /// <summary>b[start..end) when it is 1..max of A-Z a-z 0-9 . _ - (no dot first: no hidden or parent names).</summary>
        private static string Token(byte[] b, int start, int end, int max)
        {
            if (end <= start || end - start > max || b[start] == (byte)'.')
            {
                return null;
            }
            for (int i = start; i < end; i++)
            {
                int c = b[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
                if (!ok)
                {
                    return null;
                }
            }
            return Encoding.UTF8.GetString(b, start, end - start);
        }

        /// <summary>b[start..end) begins with the ASCII text.</summary>
        private static bool Word(byte[] b, int start, int end, string text)
        {
            if (end - start < text.Length)
            {
                return false;
            }
            for (int i = 0; i < text.Length; i++)
            {
                if (b[start + i] != (byte)text[i])
                {
                    return false;
                }
            }
            return true;
        }
    }
}
