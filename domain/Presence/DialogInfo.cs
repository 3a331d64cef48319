using DeskPhone.Domain.Xml;
using DeskPhone.Sip.Text;

namespace DeskPhone.Domain.Presence
{
    /// <summary>
    /// The dialog state of one monitored extension from dialog-info NOTIFY bodies (RFC 4235): full and partial
    /// documents with versions, an empty body meaning idle. It keeps only what a BLF key shows: how many dialogs are
    /// ringing towards the extension, connected, or on hold, in a small bounded table.
    /// </summary>
    public sealed class DialogInfo
    {
        public const string ContentType = "application/dialog-info+xml";

        /// <summary>Dialogs tracked per extension; a phone line rarely has more than a handful.</summary>
        public const int MaxDialogs = 8;

        public const int Idle = 0;
        public const int Ringing = 1;
        public const int Connected = 2;
        public const int Holding = 3;
        public const int Busy = 4;

        // The dialogs' ids, as many slots as dialogs were held at once (up to MaxDialogs): null while the extension has
        // none (most keys most of the time, docs/benchmarks.md "What the boot builds"), the one id itself while it has
        // one (most busy keys: no array of 36 B), a string[] from the second on. While a ringing dialog can be picked
        // up, the field holds its DialogPickup and the ids are the pickup's (one field less a key, docs/benchmarks.md
        // h-office3): Ids reads and writes them wherever they are.
        private object _ids;

        private object Ids
        {
            get
            {
                DialogPickup pickup = _ids as DialogPickup;
                return pickup != null ? pickup.Ids : _ids;
            }
            set
            {
                DialogPickup pickup = _ids as DialogPickup;
                if (pickup != null)
                {
                    pickup.Ids = value;
                }
                else
                {
                    _ids = value;
                }
            }
        }

        // The dialogs' states, 3 bits each in id order (an int array of 8 was 60 B more per busy key), and NeedsFullState:
        // one 12-byte field (docs/benchmarks.md, "What each identity and each BLF key holds").
        private int _bits;
        private const int StateBits = 3;
        private const int StateMask = 7;
        private const int NeedsFullStateBit = 1 << (MaxDialogs * StateBits);

        private int StateAt(int i) => (_bits >> (i * StateBits)) & StateMask;

        private void SetStateAt(int i, int state) =>
            _bits = (_bits & ~(StateMask << (i * StateBits))) | ((state & StateMask) << (i * StateBits));

        // The version of the last document applied is the caller's (Apply's ref argument): MonitoredExtensions keeps it
        // for every key, with or without a DialogInfo, so a field here held it twice (12 B a busy key); why the last
        // Apply failed is its answer, not a field (docs/benchmarks.md, h-office2).
        public DialogInfo()
        {
        }

        /// <summary>Whether the extension has a dialog (or a caller to pick up): otherwise only the version is worth keeping.</summary>
        public bool HoldsDialogs => _ids != null;

        /// <summary>What the key shows: Ringing beats Connected beats Holding beats Busy (outgoing), else Idle.</summary>
        public int State
        {
            get
            {
                int best = Idle;
                int slots = Slots;
                for (int i = 0; i < slots; i++)
                {
                    if (IdAt(i) != null && Rank(StateAt(i)) > Rank(best))
                    {
                        best = StateAt(i);
                    }
                }
                return best;
            }
        }

        /// <summary>
        /// The newest ringing dialog's ids and caller for a pickup with Replaces; null while the extension does not
        /// ring or the server gave none.
        /// </summary>
        public DialogPickup Pickup
        {
            get => _ids as DialogPickup;
            private set
            {
                object ids = Ids;
                if (value != null)
                {
                    value.Ids = ids;
                    _ids = value;
                }
                else
                {
                    _ids = ids;
                }
            }
        }

        /// <summary>
        /// A partial document whose version skipped one: the watcher should refresh the subscription to get a full
        /// document (RFC 4235 section 4.1).
        /// </summary>
        public bool NeedsFullState
        {
            get => (_bits & NeedsFullStateBit) != 0;
            private set => _bits = value ? _bits | NeedsFullStateBit : _bits & ~NeedsFullStateBit;
        }

        /// <summary>Forgets every dialog, e.g. when the subscription starts again (the version is the caller's).</summary>
        public void Reset()
        {
            Clear();
            NeedsFullState = false;
            Pickup = null;
        }

        /// <summary>
        /// Applies a NOTIFY body to the dialogs whose last document had <paramref name="version"/> (-1: none yet; the
        /// document's version afterwards). Returns null when applied, or why not (state and version unchanged) for
        /// malformed XML or a document that
        /// is not dialog-info. An empty body means no dialogs (idle). Stale versions are ignored (true, unchanged).
        /// </summary>
        public string Apply(byte[] body, int offset, int length, ref long version)
        {
            if (length == 0)
            {
                Reset();
                version = -1;
                return null;
            }
            var reader = new XmlPullReader(body, offset, length);
            if (!reader.Next() || XmlPullReader.LocalName(reader.Name) != "dialog-info")
            {
                return reader.Error ?? "not a dialog-info document";
            }
            long documentVersion;
            if (!ParseLong(reader.GetAttribute("version"), out documentVersion))
            {
                return "dialog-info without a valid version";
            }
            string docState = reader.GetAttribute("state");
            bool full = docState == "full";
            if (!full && docState != "partial")
            {
                return "dialog-info state must be full or partial";
            }

            // Parse into scratch tables first so that a malformed document leaves the key as it was. A dialog is a
            // child of the root (level 2), its state a child of the dialog (level 3).
            var ids = new string[MaxDialogs];
            var states = new int[MaxDialogs];
            int count = 0;
            string dialogId = null;
            string direction = null;
            string dialogState = null;
            bool heldRemotely = false;
            bool inState = false;
            // The dialog's ids and its remote party (element remote, its identity text and target uri), and those of
            // the last ringing dialog of the document.
            string callId = null, localTag = null, remoteTag = null, remoteTarget = null;
            string pickCallId = null, pickLocal = null, pickRemote = null, pickTarget = null;
            bool inRemote = false;
            bool inIdentity = false;
            while (reader.Next())
            {
                int kind = reader.Kind;
                if (kind == XmlNodeKind.StartElement)
                {
                    string name = XmlPullReader.LocalName(reader.Name);
                    if (reader.Depth == 2 && name == "dialog")
                    {
                        if (reader.IsEmptyElement)
                        {
                            return "dialog without a state";
                        }
                        dialogId = reader.GetAttribute("id");
                        direction = reader.GetAttribute("direction");
                        callId = reader.GetAttribute("call-id");
                        localTag = reader.GetAttribute("local-tag");
                        remoteTag = reader.GetAttribute("remote-tag");
                        remoteTarget = null;
                        dialogState = null;
                        heldRemotely = false;
                    }
                    else if (name == "state" && dialogId != null && reader.Depth == 3)
                    {
                        inState = !reader.IsEmptyElement;
                    }
                    else if (name == "remote" && dialogId != null && reader.Depth == 3)
                    {
                        inRemote = !reader.IsEmptyElement;
                    }
                    else if (inRemote && name == "target" && reader.GetAttribute("uri") != null)
                    {
                        remoteTarget = reader.GetAttribute("uri");
                    }
                    else if (inRemote && name == "identity")
                    {
                        inIdentity = !reader.IsEmptyElement;
                    }
                    else if (name == "param" && reader.GetAttribute("pname") == "+sip.rendering" && reader.GetAttribute("pvalue") == "no")
                    {
                        heldRemotely = true;
                    }
                }
                else if (kind == XmlNodeKind.Text && inState)
                {
                    dialogState = reader.Value.Trim();
                }
                else if (kind == XmlNodeKind.Text && inIdentity && remoteTarget == null)
                {
                    remoteTarget = reader.Value.Trim();
                }
                else if (kind == XmlNodeKind.EndElement)
                {
                    string name = XmlPullReader.LocalName(reader.Name);
                    if (name == "state")
                    {
                        inState = false;
                    }
                    else if (name == "remote")
                    {
                        inRemote = false;
                    }
                    else if (name == "identity")
                    {
                        inIdentity = false;
                    }
                    else if (reader.Depth == 2 && name == "dialog")
                    {
                        if (dialogId == null || dialogState == null)
                        {
                            return "dialog without an id or a state";
                        }
                        if (count == MaxDialogs)
                        {
                            return "more than " + MaxDialogs.ToString() + " dialogs";
                        }
                        ids[count] = dialogId;
                        states[count] = Classify(dialogState, direction, heldRemotely);
                        if (states[count] == Ringing)
                        {
                            pickCallId = callId;
                            pickLocal = localTag;
                            pickRemote = remoteTag;
                            pickTarget = remoteTarget;
                        }
                        count++;
                        dialogId = null;
                    }
                }
            }
            if (reader.Error != null)
            {
                return reader.Error;
            }

            if (version >= 0 && documentVersion <= version)
            {
                return null;
            }
            NeedsFullState = !full && version >= 0 && documentVersion > version + 1;
            if (!full && version < 0)
            {
                NeedsFullState = true;
            }
            if (full)
            {
                Clear();
            }
            for (int i = 0; i < count; i++)
            {
                Store(ids[i], states[i]);
            }
            version = documentVersion;
            if (pickCallId != null || pickTarget != null)
            {
                Pickup = new DialogPickup(pickCallId, pickLocal, pickRemote, pickTarget);
            }
            else if (State != Ringing)
            {
                Pickup = null;
            }
            return null;
        }

        private void Clear()
        {
            Ids = null;
            _bits &= NeedsFullStateBit;
        }

        private void Store(string id, int state)
        {
            int slots = Slots;
            int free = -1;
            for (int i = 0; i < slots; i++)
            {
                string held = IdAt(i);
                if (held == id)
                {
                    if (state == Idle)
                    {
                        SetIdAt(i, null);
                        ReleaseWhenEmpty();
                    }
                    else
                    {
                        SetStateAt(i, state);
                    }
                    return;
                }
                if (held == null && free < 0)
                {
                    free = i;
                }
            }
            if (state == Idle)
            {
                return;
            }
            if (free < 0 && slots < MaxDialogs)
            {
                free = slots;
                AddSlot(slots);
            }
            if (free >= 0)
            {
                SetIdAt(free, id);
                SetStateAt(free, state);
            }
        }

        private int Slots
        {
            get
            {
                object held = Ids;
                string[] ids = held as string[];
                return ids != null ? ids.Length : held != null ? 1 : 0;
            }
        }

        private string IdAt(int i)
        {
            object held = Ids;
            string[] ids = held as string[];
            return ids != null ? ids[i] : (string)held;
        }

        /// <summary>Slot <paramref name="i"/> (0 while there is no array: the one id is the field itself).</summary>
        private void SetIdAt(int i, string id)
        {
            string[] ids = Ids as string[];
            if (ids != null)
            {
                ids[i] = id;
            }
            else
            {
                Ids = id;
            }
        }

        /// <summary>
        /// One slot more after <paramref name="slots"/>: none is needed for the first (the id takes the field), an array
        /// from the second on, one slot longer each time. The new slot is written null explicitly: nanoCLR crashes
        /// comparing a string with a never-written string[] element (docs/benchmarks.md, "Two interpreter findings").
        /// </summary>
        private void AddSlot(int slots)
        {
            if (slots == 0)
            {
                return;
            }
            var grown = new string[slots + 1];
            for (int i = 0; i < slots; i++)
            {
                grown[i] = IdAt(i);
            }
            grown[slots] = null;
            Ids = grown;
        }

        /// <summary>Lets the tables go once the extension's last dialog ended.</summary>
        private void ReleaseWhenEmpty()
        {
            int slots = Slots;
            for (int i = 0; i < slots; i++)
            {
                if (IdAt(i) != null)
                {
                    return;
                }
            }
            Clear();
        }

        private static int Classify(string state, string direction, bool heldRemotely)
        {
            if (state == "terminated")
            {
                return Idle;
            }
            if (state == "confirmed")
            {
                return heldRemotely ? Holding : Connected;
            }
            // trying, proceeding, early: ringing towards the monitored extension, or its own outgoing call.
            return direction == "initiator" ? Busy : Ringing;
        }

        private static int Rank(int state)
        {
            switch (state)
            {
                case Ringing: return 4;
                case Connected: return 3;
                case Holding: return 2;
                case Busy: return 1;
                default: return 0;
            }
        }

        private static bool ParseLong(string text, out long value)
        {
            value = DecimalDigits.Parse(text, 18);
            if (value < 0)
            {
                value = 0;
                return false;
            }
            return true;
        }
    }
}
