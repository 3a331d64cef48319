using DeskPhone.Xml;

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

        // The dialogs' ids, kept as 32-bit hashes (FNV-1a of the id's characters: a partial document's dialog is found
        // by its id, and a new id hashes as one of the at most 8 held once in about 500 million; a string an
        // id was 24 B a busy key, docs/benchmarks.md h-office4), as many slots as dialogs were held at once (up to
        // MaxDialogs): none while the extension has none (most keys most of the time), the one hash in Packed while it
        // has one (most busy keys: no object at all), an int[] here from the second on. While a ringing dialog can be
        // picked up, the field holds its pickup's text (DialogPickup.Text), or, with an id array, a DialogPickup holding
        // both (one field less a key, docs/benchmarks.md h-office3; no pickup object for one ringing dialog, h-blfstate):
        // Ids reads and writes the array wherever it is.
        private object _ids;

        private int[] Ids
        {
            get
            {
                DialogPickup pickup = _ids as DialogPickup;
                return pickup != null ? (int[])pickup.Ids : _ids as int[];
            }
        }

        /// <summary>
        /// Keeps the id array and the pickup's text (either null: none) in the one field; <paramref name="keepPickup"/>
        /// keeps the pickup there is instead of <paramref name="pickup"/>.
        /// </summary>
        private void SetIdsAndPickup(int[] ids, string pickup, bool keepPickup)
        {
            if (keepPickup)
            {
                DialogPickup held = _ids as DialogPickup;
                pickup = held != null ? held.Text : _ids as string;
            }
            _ids = pickup == null ? (object)ids : ids == null ? pickup : new DialogPickup(pickup) { Ids = ids };
        }

        // The dialogs' states, 3 bits each in id order (an int array of 8 was 60 B more per busy key; a slot whose state
        // is Idle is free), NeedsFullState, the slot count and, while there is no array, the one id's hash (high 32
        // bits): one 12-byte field (docs/benchmarks.md, "What each identity and each BLF key holds").
        /// <summary>The states, flags, slot count and the one id's hash; the whole state while <see cref="IsPacked"/>
        /// (read by MonitoredExtensions; a field, not a getter over one: h-domslim).</summary>
        internal long Packed;
        private const int StateBits = 3;
        private const int StateMask = 7;
        private const long NeedsFullStateBit = 1L << (MaxDialogs * StateBits);
        private const int SlotsShift = MaxDialogs * StateBits + 1;
        private const long SlotsMask = 0xFL << SlotsShift;

        // Apply's reader position, as bits of one local.
        private const int InState = 1;
        private const int InRemote = 2;
        private const int InIdentity = 4;
        private const int HeldRemotely = 8;
        // A full document (not partial), and from bit DialogsShift each dialog's class, StateBits each in document
        // order: no bool and no int array beside the bits (docs/benchmarks.md, h-turnframes).
        private const int Full = 16;
        private const int DialogsShift = 5;
        // After the dialogs' classes (bits 5-28): the reader is in a dialog with an id (its hash taken at its start tag),
        // and that dialog's direction is initiator: no local for the id or the direction (h-flatnotify).
        private const int InDialog = 1 << 29;
        private const int Initiator = 1 << 30;

        /// <summary>What ends each part of a pickup's text (DialogPickup.Text).</summary>
        private const char End = '\n';
        private const string Ends = "\n";

        /// <summary>
        /// Packed's bits but its one dialog's id hash, while <see cref="IsPacked"/> (slot 0's state, NeedsFullState, one
        /// slot or none: no other bit is set then) in 5 bits: MonitoredExtensions keeps them beside the key (h-keystate).
        /// </summary>
        internal static int PackedBits(long packed) => (int)(packed & StateMask) | (int)(packed >> 21) & 0x18;

        /// <summary>Packed again from <see cref="PackedBits"/> (higher bits ignored) and the id hash (high 32 bits).</summary>
        internal static long Unpacked(int bits, int hash) => (long)(uint)((bits & StateMask) | (bits & 0x18) << 21) | (long)(uint)hash << 32;

        /// <summary>
        /// The bits of the last version a caller needs keep (MonitoredExtensions keeps these, h-keystate): the last
        /// version is taken as the one with the same low bits at most <see cref="StaleWindow"/> after the document's
        /// (a late document: stale) or else before it (a newer one, up to 15,359 ahead). RFC 4235's version goes up by
        /// one a NOTIFY, and a late one comes a few behind at most: a document further behind is a server that counts
        /// anew, applied (the whole version kept it ignored until its count passed the old one).
        /// </summary>
        internal const int VersionBits = 14;
        private const int StaleWindow = 1024;

        private int StateAt(int i) => (int)(Packed >> (i * StateBits)) & StateMask;

        private void SetStateAt(int i, int state) =>
            Packed = (Packed & ~((long)StateMask << (i * StateBits))) | ((long)(state & StateMask) << (i * StateBits));

        // The version of the last document applied is the caller's (Apply's ref argument): MonitoredExtensions keeps it
        // for every key, with or without a DialogInfo, so a field here held it twice (12 B a busy key); why the last
        // Apply failed is its answer, not a field (docs/benchmarks.md, h-office2).
        public DialogInfo()
        {
        }

        /// <summary>
        /// Whether the whole state is <see cref="Packed"/> and <see cref="PickupText"/>: no id array, as for most busy
        /// keys and a key ringing once (one dialog). <see cref="MonitoredExtensions"/> then keeps the long and the text,
        /// not this object (36 B a busy key, docs/benchmarks.md h-officerest, and a ringing one, h-blfstate).
        /// </summary>
        internal bool IsPacked => _ids == null || _ids is string;


        /// <summary>The pickup's text while <see cref="IsPacked"/> (null: none).</summary>
        internal string PickupText => _ids as string;

        /// <summary>The dialogs of a key kept as <see cref="Packed"/> (0: none) and its pickup's text, as an object again.</summary>
        internal static DialogInfo Unpack(long packed, string pickup) => new DialogInfo { Packed = packed, _ids = pickup };

        /// <summary>Whether the extension has a dialog (or a caller to pick up): otherwise only the version is worth keeping.</summary>
        public bool HoldsDialogs => _ids != null || Slots > 0;

        /// <summary>What the key shows: Ringing beats Connected beats Holding beats Busy (outgoing), else Idle.</summary>
        public int State
        {
            get
            {
                int best = Idle;
                int slots = Slots;
                for (int i = 0; i < slots; i++)
                {
                    if (Rank(StateAt(i)) > Rank(best))
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
            get
            {
                DialogPickup pickup = _ids as DialogPickup;
                string text = _ids as string;
                return pickup != null ? pickup : text != null ? new DialogPickup(text) : null;
            }
        }

        /// <summary>
        /// A partial document whose version skipped one: the watcher should refresh the subscription to get a full
        /// document (RFC 4235 section 4.1).
        /// </summary>
        public bool NeedsFullState
        {
            get => (Packed & NeedsFullStateBit) != 0;
            private set => Packed = value ? Packed | NeedsFullStateBit : Packed & ~NeedsFullStateBit;
        }

        /// <summary>Forgets every dialog, e.g. when the subscription starts again (the version is the caller's).</summary>
        public void Reset()
        {
            Clear();
            NeedsFullState = false;
            SetIdsAndPickup(Ids, null, false);
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
            // Names, the version, the states and the ids read in the body's bytes: a dialog-info document that rings no
            // key makes no string (h-notifyread); the strings made are the ones a pickup keeps.
            if (!reader.Next() || !reader.LocalNameIs("dialog-info"))
            {
                return reader.Error ?? "not a dialog-info document";
            }
            long documentVersion = reader.AttributeNumber("version");
            if (documentVersion < 0)
            {
                return "dialog-info without a valid version";
            }
            if (version >= 0)
            {
                version = LastVersion(documentVersion, version);
            }
            // Where the reader is (InState, InRemote, InIdentity, InDialog), HeldRemotely, Initiator, Full and the dialogs'
            // classes, as bits: one local, not nine (the frame of a NOTIFY's Apply, 504 B with 27 locals, is taken while
            // every key may ring, h-blfstate, h-turnframes; 384 B with 16, h-flatnotify). The document's state is
            // compared in the body's bytes, not made a string (h-applyframe).
            int at = reader.AttributeIs("state", "full") ? Full : 0;
            if (at == 0 && !reader.AttributeIs("state", "partial"))
            {
                return "dialog-info state must be full or partial";
            }

            // Parse into scratch tables first so that a malformed document leaves the key as it was. A dialog is a
            // child of the root (level 2), its state a child of the dialog (level 3). The ids' hashes, not the ids: no
            // id string at all (h-notifyxml, h-notifyread). Their table is made at the first dialog, after the reader:
            // not live while the reader's array is allocated.
            int[] ids = null;
            // Where the next dialog's class goes in at's bits (DialogsShift + 3 a dialog before it): the dialogs counted by
            // the bit position their shifts use, not beside it (a shallower evaluation stack, h-applyframe).
            int slot = DialogsShift;
            // The dialog's ids (call-id, local-tag and remote-tag, each ended by '\n') and its remote party (element
            // remote, its identity text and target uri), and the pickup text (DialogPickup.Text) of the last ringing
            // dialog of the document.
            // The dialog's state text is kept as its kind (StateKind) in the bits of its class until its end tag: no
            // string and no local for it (h-applyframe).
            string dialogIds = null, remoteTarget = null, pick = null;
            while (reader.Next())
            {
                if (reader.Kind == XmlNodeKind.StartElement)
                {
                    if (reader.Depth == 2 && reader.LocalNameIs("dialog"))
                    {
                        if (reader.IsEmptyElement)
                        {
                            return "dialog without a state";
                        }
                        at &= ~(InDialog | Initiator | HeldRemotely);
                        if (slot < DialogsShift + MaxDialogs * StateBits)
                        {
                            ids = ids ?? new int[MaxDialogs];
                            ids[(slot - DialogsShift) / StateBits] = reader.AttributeHash("id");
                            if (ids[(slot - DialogsShift) / StateBits] != 0)
                            {
                                at |= InDialog;
                            }
                        }
                        else if (reader.AttributeHash("id") != 0)
                        {
                            // A ninth dialog is refused at its end tag or here: here, before its id's hash has no slot.
                            return "more than " + MaxDialogs.ToString() + " dialogs";
                        }
                        if (reader.AttributeIs("direction", "initiator"))
                        {
                            // The extension's own call: it never rings the key, so no pickup and no ids to keep for one.
                            at |= Initiator;
                        }
                        else
                        {
                            // In three concatenations of three: no string array for one of six, and an evaluation stack of
                            // four (GetAttribute's index argument the fourth), a slot of Apply's frame less than with one of
                            // four (h-applyframe, h-notifyread).
                            dialogIds = reader.GetAttribute("call-id") + Ends;
                            dialogIds = dialogIds + reader.GetAttribute("local-tag") + Ends;
                            dialogIds = dialogIds + reader.GetAttribute("remote-tag") + Ends;
                        }
                        remoteTarget = null;
                    }
                    else if ((at & InDialog) != 0 && reader.Depth == 3 && reader.LocalNameIs("state"))
                    {
                        at = reader.IsEmptyElement ? at & ~InState : at | InState;
                    }
                    else if ((at & InDialog) != 0 && reader.Depth == 3 && reader.LocalNameIs("remote"))
                    {
                        at = reader.IsEmptyElement ? at & ~InRemote : at | InRemote;
                    }
                    else if ((at & InRemote) != 0 && reader.LocalNameIs("target"))
                    {
                        // The reader makes an attribute's value a string each time it is asked for: once here.
                        remoteTarget = reader.GetAttribute("uri") ?? remoteTarget;
                    }
                    else if ((at & InRemote) != 0 && reader.LocalNameIs("identity"))
                    {
                        at = reader.IsEmptyElement ? at & ~InIdentity : at | InIdentity;
                    }
                    else if (reader.LocalNameIs("param") && reader.AttributeIs("pname", "+sip.rendering") && reader.AttributeIs("pvalue", "no"))
                    {
                        at |= HeldRemotely;
                    }
                }
                else if (reader.Kind == XmlNodeKind.Text && (at & InState) != 0)
                {
                    at = at & ~(StateMask << slot) | StateKind(reader) << slot;
                }
                else if (reader.Kind == XmlNodeKind.Text && (at & InIdentity) != 0 && remoteTarget == null)
                {
                    remoteTarget = reader.Value.Trim();
                }
                else if (reader.Kind == XmlNodeKind.EndElement)
                {
                    if (reader.LocalNameIs("state"))
                    {
                        at &= ~InState;
                    }
                    else if (reader.LocalNameIs("remote"))
                    {
                        at &= ~InRemote;
                    }
                    else if (reader.LocalNameIs("identity"))
                    {
                        at &= ~InIdentity;
                    }
                    else if (reader.Depth == 2 && reader.LocalNameIs("dialog"))
                    {
                        if ((at & InDialog) == 0 || (at >> slot & StateMask) == 0)
                        {
                            return "dialog without an id or a state";
                        }
                        at = at & ~InDialog & ~(StateMask << slot) |
                             Classify(at >> slot & StateMask, at) << slot;
                        if ((at >> slot & StateMask) == Ringing)
                        {
                            // A pickup needs a call-id or a caller at least (a ringing dialog is no initiator's: its
                            // ids were made at its start tag).
                            pick = dialogIds[0] != End || remoteTarget != null ? dialogIds + remoteTarget + Ends : null;
                        }
                        slot += StateBits;
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
            NeedsFullState = (at & Full) == 0 && (version < 0 || documentVersion > version + 1);
            version = documentVersion;
            Take(ids, (slot - DialogsShift) / StateBits, at);
            if (pick != null || State != Ringing)
            {
                SetIdsAndPickup(Ids, pick, false);
            }
            return null;
        }

        /// <summary>
        /// The last version from its low bits (the same for a whole version as near): the document's less how far it is
        /// behind, or, when that is within the stale window after it, more. Not in Apply: a local less in its frame.
        /// </summary>
        private static long LastVersion(long documentVersion, long lowBits)
        {
            long behind = (documentVersion - lowBits) & ((1 << VersionBits) - 1);
            return documentVersion - behind + (behind < (1 << VersionBits) - StaleWindow ? 0 : 1 << VersionBits);
        }

        /// <summary>A document's dialogs (their hashes and classes in <paramref name="at"/>'s bits) taken on, after all of the new.</summary>
        private void Take(int[] ids, int count, int at)
        {
            if ((at & Full) != 0)
            {
                Clear();
            }
            for (int i = 0; i < count; i++)
            {
                Store(ids[i], (at >> (DialogsShift + i * StateBits)) & StateMask);
            }
        }

        private void Clear()
        {
            SetIdsAndPickup(null, null, true);
            Packed &= NeedsFullStateBit;
        }

        private void Store(int hash, int state)
        {
            int slots = Slots;
            int free = -1;
            for (int i = 0; i < slots; i++)
            {
                bool held = StateAt(i) != Idle;
                if (held && IdAt(i) == hash)
                {
                    SetStateAt(i, state);
                    if (state == Idle)
                    {
                        ReleaseWhenEmpty();
                    }
                    return;
                }
                if (!held && free < 0)
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
                SetIdAt(free, hash);
                SetStateAt(free, state);
            }
        }

        private int Slots => (int)((Packed & SlotsMask) >> SlotsShift);

        /// <summary>The hash of slot <paramref name="i"/>'s id (in Packed while there is no array).</summary>
        private int IdAt(int i)
        {
            int[] ids = Ids;
            return ids != null ? ids[i] : (int)(Packed >> 32);
        }

        private void SetIdAt(int i, int hash)
        {
            int[] ids = Ids;
            if (ids != null)
            {
                ids[i] = hash;
            }
            else
            {
                Packed = (Packed & 0xFFFFFFFFL) | ((long)hash << 32);
            }
        }

        /// <summary>
        /// One slot more after <paramref name="slots"/>: none is needed for the first (its hash takes the high bits of
        /// Packed), an array from the second on, one slot longer each time.
        /// </summary>
        private void AddSlot(int slots)
        {
            if (slots > 0)
            {
                var grown = new int[slots + 1];
                for (int i = 0; i < slots; i++)
                {
                    grown[i] = IdAt(i);
                }
                SetIdsAndPickup(grown, null, true);
            }
            Packed = (Packed & ~SlotsMask) | ((long)(slots + 1) << SlotsShift);
        }

        /// <summary>Lets the tables go once the extension's last dialog ended.</summary>
        private void ReleaseWhenEmpty()
        {
            int slots = Slots;
            for (int i = 0; i < slots; i++)
            {
                if (StateAt(i) != Idle)
                {
                    return;
                }
            }
            Clear();
        }

        // A dialog's state text as its kind, kept in its class's bits until its end tag (0 there: no state yet).
        private const int Terminated = 1;
        private const int Confirmed = 2;
        private const int Early = 3;

        /// <summary>
        /// The kind of the reader's text, a dialog's state: terminated, confirmed, or else early (trying, proceeding,
        /// early), compared in the body's bytes (h-notifyread).
        /// </summary>
        private static int StateKind(XmlPullReader reader) =>
            reader.ValueIs("terminated") ? Terminated : reader.ValueIs("confirmed") ? Confirmed : Early;

        /// <summary>A dialog's class from its state's kind and <paramref name="at"/>'s HeldRemotely and Initiator bits.</summary>
        private static int Classify(int kind, int at)
        {
            if (kind == Terminated)
            {
                return Idle;
            }
            if (kind == Confirmed)
            {
                return (at & HeldRemotely) != 0 ? Holding : Connected;
            }
            // trying, proceeding, early: ringing towards the monitored extension, or its own outgoing call.
            return (at & Initiator) != 0 ? Busy : Ringing;
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
    }
}
