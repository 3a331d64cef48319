namespace DeskPhone.Drivers.Network
{
    /// <summary>
    /// DNS messages (RFC 1035) written and read on their bytes, for the SRV lookup of an identity's first hop
    /// (<see cref="SrvLookup"/>): nanoFramework's Dns answers A records only. No string is made here: a name is kept in
    /// wire form (length-prefixed labels), expanded out of compression pointers into a caller's buffer of
    /// <see cref="MaxName"/> bytes. Every read is bounded by the packet's length, a name by 255 bytes and its pointers by
    /// <see cref="MaxJumps"/>, so a hostile answer (a pointer loop, an oversize rdlength, a cut packet) gives -1, never an
    /// exception or an allocation.
    /// </summary>
    public static class DnsPacket
    {
        public const int TypeA = 1;
        public const int TypeSrv = 33;
        public const int MaxName = 255;
        private const int MaxJumps = 16;

        /// <summary>
        /// Writes a query (recursion desired, one question of class IN) for the wire-form <paramref name="name"/> of
        /// <paramref name="nameLength"/> bytes into <paramref name="buffer"/>; returns its length.
        /// </summary>
        public static int Query(byte[] buffer, int id, byte[] name, int nameLength, int type)
        {
            buffer[0] = (byte)(id >> 8);
            buffer[1] = (byte)id;
            // RD; QDCOUNT 1; no answer, authority or additional records.
            buffer[2] = 1;
            for (int i = 3; i < 12; i++)
            {
                buffer[i] = 0;
            }
            buffer[5] = 1;
            System.Array.Copy(name, 0, buffer, 12, nameLength);
            int n = 12 + nameLength;
            buffer[n] = 0;
            buffer[n + 1] = (byte)type;
            buffer[n + 2] = 0;
            buffer[n + 3] = 1;
            return n + 4;
        }

        /// <summary>
        /// Whether <paramref name="answer"/> answers <paramref name="query"/>: its ID, the QR bit, and the question the same
        /// bytes (names in any ASCII case). Returns the offset of its first record, 0 for an answer with an error RCODE
        /// (NXDOMAIN: no record), -1 for anything else (another query's answer, a cut or malformed packet). A truncated
        /// answer (TC) is read for what it holds: there is no TCP fallback.
        /// </summary>
        public static int Answer(byte[] answer, int length, byte[] query, int queryLength)
        {
            if (length < queryLength || answer[0] != query[0] || answer[1] != query[1] || (answer[2] & 0x80) == 0 ||
                answer[4] != 0 || answer[5] != 1)
            {
                return -1;
            }
            for (int i = 12; i < queryLength; i++)
            {
                if (Lower(answer[i]) != Lower(query[i]))
                {
                    return -1;
                }
            }
            return (answer[3] & 0x0F) != 0 ? 0 : queryLength;
        }

        /// <summary>The records after the question: answer, authority and additional ones together.</summary>
        public static int RecordCount(byte[] answer) =>
            ((answer[6] << 8) | answer[7]) + ((answer[8] << 8) | answer[9]) + ((answer[10] << 8) | answer[11]);

        /// <summary>
        /// Reads the record at <paramref name="offset"/>: its type, TTL (seconds), and where its data starts and how long it
        /// is; returns the next record's offset, or -1 when the record does not fit in the packet.
        /// </summary>
        public static int Record(byte[] p, int length, int offset, out int type, out int ttl, out int data, out int dataLength)
        {
            type = ttl = dataLength = 0;
            if (Name(p, length, offset, null, out data) < 0 || data + 10 > length)
            {
                return -1;
            }
            data += 10;
            type = (p[data - 10] << 8) | p[data - 9];
            ttl = (p[data - 6] << 24) | (p[data - 5] << 16) | (p[data - 4] << 8) | p[data - 3];
            dataLength = (p[data - 2] << 8) | p[data - 1];
            return data + dataLength > length ? -1 : data + dataLength;
        }

        /// <summary>
        /// Expands the name at <paramref name="offset"/> (following compression pointers) into <paramref name="dest"/> in
        /// wire form, or only checks it when <paramref name="dest"/> is null; returns its length with the final zero, or
        /// -1 when it is malformed (out of the packet, a label over 63 bytes, over 255 bytes, more than
        /// <see cref="MaxJumps"/> pointers: a loop). <paramref name="next"/>: where the name ends in the packet.
        /// </summary>
        public static int Name(byte[] p, int length, int offset, byte[] dest, out int next)
        {
            int n = 0;
            int jumps = 0;
            next = -1;
            while (offset < length)
            {
                int label = p[offset];
                if ((label & 0xC0) == 0xC0)
                {
                    if (offset + 1 >= length || ++jumps > MaxJumps)
                    {
                        return -1;
                    }
                    if (next < 0)
                    {
                        next = offset + 2;
                    }
                    offset = ((label & 0x3F) << 8) | p[offset + 1];
                    continue;
                }
                if (label > 63 || n + label + 1 > MaxName || offset + label >= length)
                {
                    return -1;
                }
                if (dest != null)
                {
                    System.Array.Copy(p, offset, dest, n, label + 1);
                }
                n += label + 1;
                offset += label + 1;
                if (label == 0)
                {
                    if (next < 0)
                    {
                        next = offset;
                    }
                    return n;
                }
            }
            return -1;
        }

        /// <summary>Whether two wire-form names of these lengths are the same in any ASCII case.</summary>
        public static bool SameName(byte[] a, int aLength, byte[] b, int bLength)
        {
            if (aLength != bLength)
            {
                return false;
            }
            for (int i = 0; i < aLength; i++)
            {
                if (Lower(a[i]) != Lower(b[i]))
                {
                    return false;
                }
            }
            return true;
        }

        private static int Lower(byte b) => b >= 'A' && b <= 'Z' ? b + 32 : b;
    }
}
