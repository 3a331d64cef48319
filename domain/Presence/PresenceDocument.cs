using DeskPhone.Xml;

namespace DeskPhone.Domain.Presence
{
    /// <summary>
    /// What a BLF key shows for a colleague watched through the presence package (RFC 3856): the PIDF body
    /// (RFC 3863) read for its basic status, RPID activities (RFC 4480) and note. The mapping mirrors
    /// <see cref="Write"/> (PidfWriter.cs): on-the-phone is Busy, busy is Do not disturb, away-like activities are Away,
    /// closed is Offline, open is Available.
    /// </summary>
    public static partial class PresenceDocument
    {
        public const string ContentType = "application/pidf+xml";

        public const int Offline = 0;
        public const int Available = 1;
        public const int Busy = 2;
        public const int DoNotDisturb = 3;
        public const int Away = 4;

        /// <summary>Parses a PIDF body into one of the constants above; -1 (and <paramref name="error"/>) when malformed.</summary>
        public static int Parse(byte[] body, int offset, int length, out string error)
        {
            error = null;
            if (length == 0)
            {
                // An empty NOTIFY body: the server knows nothing yet (or hides it); show the colleague as offline.
                return Offline;
            }
            var reader = new XmlPullReader(body, offset, length);
            bool sawPresence = false, open = false, closed = false;
            bool onThePhone = false, busy = false, away = false, dndNote = false;
            string textOf = null;
            while (reader.Next())
            {
                int kind = reader.Kind;
                if (kind == XmlNodeKind.StartElement)
                {
                    string name = XmlPullReader.LocalName(reader.Name);
                    if (!sawPresence)
                    {
                        if (name != "presence")
                        {
                            error = "not a PIDF document";
                            return -1;
                        }
                        sawPresence = true;
                    }
                    // Comparisons, not a switch: a switch of this many strings compiles to a hash of the name and a
                    // tree of hash tests, 248 B more of DeskPhone.Domain's byte code with the hash's helper
                    // (docs/benchmarks.md, h-domroom).
                    if (name == "on-the-phone")
                    {
                        onThePhone = true;
                    }
                    else if (name == "busy" || name == "meal" || name == "meeting")
                    {
                        busy = true;
                    }
                    else if (name == "away" || name == "vacation" || name == "sleeping" || name == "appointment"
                        || name == "holiday" || name == "steering" || name == "travel")
                    {
                        away = true;
                    }
                    textOf = reader.IsEmptyElement ? null : name;
                }
                else if (kind == XmlNodeKind.Text && textOf != null)
                {
                    string value = reader.Value.Trim().ToLower();
                    if (textOf == "basic")
                    {
                        open |= value == "open";
                        closed |= value == "closed";
                    }
                    else if (textOf == "note" && (value == "do not disturb" || value == "dnd"))
                    {
                        dndNote = true;
                    }
                }
                else if (kind == XmlNodeKind.EndElement)
                {
                    textOf = null;
                }
            }
            if (reader.Error != null)
            {
                error = reader.Error;
                return -1;
            }
            if (!sawPresence)
            {
                error = "not a PIDF document";
                return -1;
            }
            if (dndNote || (busy && !onThePhone))
            {
                return DoNotDisturb;
            }
            if (onThePhone)
            {
                return Busy;
            }
            if (!open && closed)
            {
                return Offline;
            }
            if (away)
            {
                return Away;
            }
            return open ? Available : Offline;
        }
    }
}
