using System.Text;
using DeskPhone.Sip.Message;
using DeskPhone.Sip.Text;

namespace DeskPhone.Sip.Session
{
    /// <summary>
    /// What the phone reads from a peer's SDP (RFC 4566): the connection address (media level over session level) and
    /// port of the first audio stream, its payload types in the peer's order (at most <see cref="MaxPayloads"/>) and
    /// the telephone-event payload type. Read from the bytes, line by line; anything else is skipped.
    /// Its plain state (Address, Port, PayloadCount, Direction, TelephoneEvent) is public fields, not properties: no
    /// accessor method in the runtime tables, image and calls on the device (issue #17).
    /// </summary>
    public sealed class SdpMedia
    {
        public const int MaxPayloads = 16;

        private readonly int[] _payloads = new int[MaxPayloads];

        public string Address;

        /// <summary>The audio port; 0 when the stream is refused or there is none.</summary>
        public int Port;
        public int PayloadCount;
        public int Payload(int i) => _payloads[i];

        /// <summary>The audio stream's direction (media level over session level; sendrecv when none is given).</summary>
        public string Direction;

        /// <summary>The payload type of telephone-event, or -1.</summary>
        public int TelephoneEvent;

        /// <summary>Reads the description; false when it has no audio stream with an address (the caller answers 488).</summary>
        public bool Parse(byte[] data, int offset, int length)
        {
            Address = null;
            Port = 0;
            PayloadCount = 0;
            TelephoneEvent = -1;
            Direction = Sdp.SendRecv;
            string sessionAddress = null;
            // 0: session level, 1: in the audio stream, 2: past it (another m= line).
            int section = 0;
            int end = offset + length;
            int line = offset;
            while (line < end)
            {
                int eol = line;
                while (eol < end && data[eol] != (byte)'\n')
                {
                    eol++;
                }
                int stop = eol > line && data[eol - 1] == (byte)'\r' ? eol - 1 : eol;
                if (stop - line >= 2 && data[line + 1] == (byte)'=')
                {
                    byte kind = data[line];
                    if (kind == (byte)'m')
                    {
                        section = section == 0 && StartsWith(data, line + 2, stop, "audio ") ? ReadMedia(data, line + 8, stop) : 2;
                    }
                    else if (kind == (byte)'c' && section < 2)
                    {
                        string address = ReadAddress(data, line + 2, stop);
                        if (section == 0)
                        {
                            sessionAddress = address;
                        }
                        else
                        {
                            Address = address;
                        }
                    }
                    else if (kind == (byte)'a' && section == 1 && StartsWith(data, line + 2, stop, "rtpmap:"))
                    {
                        ReadRtpmap(data, line + 9, stop);
                    }
                    else if (kind == (byte)'a' && section < 2)
                    {
                        ReadDirection(data, line + 2, stop);
                    }
                }
                line = eol + 1;
            }
            if (Address == null)
            {
                Address = sessionAddress;
            }
            return section != 0 && Address != null;
        }

        private int ReadMedia(byte[] data, int at, int stop)
        {
            int portEnd = DecimalDigits.RunEnd(data, at, stop);
            long port = DecimalDigits.Parse(data, at, portEnd, 5);
            Port = port > 0 && port < 65536 ? (int)port : 0;
            at = portEnd;
            // The protocol (RTP/AVP), then the formats.
            at = Skip(data, at, stop);
            while (at < stop && data[at] != (byte)' ')
            {
                at++;
            }
            while (at < stop && PayloadCount < MaxPayloads)
            {
                at = Skip(data, at, stop);
                int digitsEnd = DecimalDigits.RunEnd(data, at, stop);
                long n = DecimalDigits.Parse(data, at, digitsEnd, 4);
                if (n < 0)
                {
                    break;
                }
                _payloads[PayloadCount++] = (int)n;
                at = digitsEnd;
            }
            return 1;
        }

        private void ReadRtpmap(byte[] data, int at, int stop)
        {
            int digitsEnd = DecimalDigits.RunEnd(data, at, stop);
            long n = DecimalDigits.Parse(data, at, digitsEnd, 4);
            at = Skip(data, digitsEnd, stop);
            // The encoding's name in any case, compared as header names are (h-sipreads: one such comparison in Sip).
            if (n >= 0 && stop - at >= 16 && HeaderNames.Equal("telephone-event/", data, at, 16))
            {
                TelephoneEvent = (int)n;
            }
        }

        private void ReadDirection(byte[] data, int at, int stop)
        {
            // All four are 8 letters long.
            if (stop - at != 8)
            {
                return;
            }
            Direction = StartsWith(data, at, stop, Sdp.SendOnly) ? Sdp.SendOnly
                : StartsWith(data, at, stop, Sdp.RecvOnly) ? Sdp.RecvOnly
                : StartsWith(data, at, stop, Sdp.Inactive) ? Sdp.Inactive
                : StartsWith(data, at, stop, Sdp.SendRecv) ? Sdp.SendRecv : Direction;
        }

        /// <summary>"IN IP4 addr" or "IN IP6 addr": the address, or null for anything else.</summary>
        private static string ReadAddress(byte[] data, int at, int stop)
        {
            if (!StartsWith(data, at, stop, "IN IP4 ") && !StartsWith(data, at, stop, "IN IP6 "))
            {
                return null;
            }
            int start = at + 7;
            int e = start;
            while (e < stop && data[e] != (byte)' ' && data[e] != (byte)'/')
            {
                e++;
            }
            return e > start ? Encoding.UTF8.GetString(data, start, e - start) : null;
        }

        private static int Skip(byte[] data, int at, int stop)
        {
            while (at < stop && data[at] == (byte)' ')
            {
                at++;
            }
            return at;
        }

        private static bool StartsWith(byte[] data, int at, int stop, string prefix)
        {
            if (stop - at < prefix.Length)
            {
                return false;
            }
            for (int i = 0; i < prefix.Length; i++)
            {
                if (data[at + i] != (byte)prefix[i])
                {
                    return false;
                }
            }
            return true;
        }
    }
}
