using DeskPhone.Sip.Events;
using DeskPhone.Sip.Message;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Domain.Presence
{
    /// <summary>
    /// The colleagues watched on function keys and expansion-module keys: one subscription per configured key
    /// (dialog package for "blf", presence package for "presence"), its NOTIFY bodies turned into the key state names
    /// the LED settings use (IDLE, RINGING, CONNECTED, HOLDING, BUSY, DND, AVAILABLE, AWAY, OFFLINE).
    /// Only the keys that monitor something have an entry (most of the 70 keys monitor nothing), kept in the order
    /// their subscriptions were made (the order of this owner's chain of them, <see cref="First"/>).
    /// It owns the keys' subscriptions: the events layer hands it their NOTIFYs (<see cref="INotifyConsumer"/>). What a
    /// NOTIFY changes is told to the <see cref="Listener"/> after the NOTIFY's packet (<see cref="AfterPacket"/>).
    /// </summary>
    public sealed class MonitoredExtensions : INotifyConsumer, IAfterPacket
    {
        /// <summary>16 function keys and 3 modules of 18 keys.</summary>
        public const int MaxKeys = 70;

        public const int DefaultExpires = 3600;

        // A key's state as a code: the dialog states (DialogInfo.Idle..Busy) from 1, the presence states from PresenceBase.
        private const int DialogBase = 1;
        private const int PresenceBase = 8;
        private const int IdleCode = DialogBase + DialogInfo.Idle;
        private const int RingingCode = DialogBase + DialogInfo.Ringing;
        private const int OfflineCode = PresenceBase;

        // The state names as code, not a static array: nanoFramework runs every static initialiser at boot, so an array
        // of literals would take heap from the start; a literal returned from code keeps its text in flash, and a key
        // keeps its state as a byte, not a string object of 12 B.
        // One exit: a return per case made nanoFramework's MetadataProcessor count a stack slot per case in the frame of
        // every call (docs/benchmarks.md, h-frames).
        private static string NameOf(int code)
        {
            string name;
            switch (code)
            {
                case DialogBase + DialogInfo.Idle: name = "IDLE"; break;
                case DialogBase + DialogInfo.Ringing: name = "RINGING"; break;
                case DialogBase + DialogInfo.Connected: name = "CONNECTED"; break;
                case DialogBase + DialogInfo.Holding: name = "HOLDING"; break;
                case DialogBase + DialogInfo.Busy: name = "BUSY"; break;
                case PresenceBase: name = "OFFLINE"; break;
                case PresenceBase + 1: name = "AVAILABLE"; break;
                case PresenceBase + 2: name = "BUSY"; break;
                case PresenceBase + 3: name = "DND"; break;
                case PresenceBase + 4: name = "AWAY"; break;
                default: name = null; break;
            }
            return name;
        }

        /// <summary>Entries added at a time: keys are configured one by one, so doubling left up to half the arrays unused.</summary>
        private const int Growth = 4;

        private readonly ISubscribeSender _sender;

        // One entry per monitoring key, in the order of the subscriptions' chain (First, Subscription.Next: entry at's
        // subscription is the chain's at-th, no array of them: 12 B a key, docs/benchmarks.md h-blfstate): the key, its
        // state code, and for a "blf" key (dialog package) the version of its last dialog-info document and its dialogs
        // while the extension has one: packed (DialogInfo.Packed's bits, none for none) for one dialog, as most busy keys
        // have, with a ringing dialog's pickup text in _dialogs, a DialogInfo there only for more dialogs. _dialogs holds
        // only the entries that keep one (KeptBit), in entry order, and exists only while one does: a slot of an object
        // array is 12 B on nanoCLR, so one slot per entry was 216 B for office's 16 keys once one rang (h-keystate); an
        // office phone's 16 busy keys kept 16 objects and the array, 792 B, docs/benchmarks.md h-officerest.
        private object[] _dialogs;
        // Entry at's key (bits 0-6), state code (7-10), KeptBit, its packed dialog's bits (12-16: DialogInfo.PackedBits),
        // VersionBit and its version's low VersionBits bits (18-31) at [2 * at], and its one dialog's id hash at
        // [2 * at + 1]: ints, 8 B an entry, where two longs were 16 (276 B for office's 16 keys, h-keystate). Made by the
        // first monitoring key and let go when the last one goes: a phone without BLF keys holds none.
        private int[] _entries;
        private const int KeyMask = 0x7F;
        private const int CodeShift = 7;
        private const int KeptShift = 11;
        private const int KeptBit = 1 << KeptShift;
        private const int DialogShift = 12;
        private const int VersionBit = 1 << 17;
        private const int VersionShift = 18;

        private int KeyAt(int at) => _entries[2 * at] & KeyMask;

        private int CodeAt(int at) => (_entries[2 * at] >> CodeShift) & 0xF;

        /// <summary>
        /// The low <see cref="DialogInfo.VersionBits"/> bits of the entry's last dialog-info version, -1 for none
        /// (DialogInfo.Apply takes the last version as the one nearest the document's with these bits).
        /// </summary>
        private long VersionAt(int at) => (_entries[2 * at] & VersionBit) == 0 ? -1 : (long)((uint)_entries[2 * at] >> VersionShift);

        /// <summary>Keeps the entry's version (-1: none) as its low bits.</summary>
        private void SetVersion(int at, long version) =>
            _entries[2 * at] = (_entries[2 * at] & (VersionBit - 1)) | (version < 0 ? 0 : VersionBit | (int)version << VersionShift);
        // The entries in use (low 8 bits), the refused keys from 64 on (bits 8-13) and from PendingShift the announcements
        // not told yet (no field of their own, 12 B at every step).
        private int _usedAndRefused;
        private const int UsedMask = 0xFF;
        private const int RefusedHighShift = 8;

        // The announcements (Announce) not told yet, at PendingShift: a key (bits 0-6), its state code (7-10, 0: the key
        // monitors nothing now), the ringing before (WasRingingBit) and after it (RingingBit), PendingBit; and AgainBit
        // for a second one, which a NOTIFY that ends its subscription makes (the same key, Idle or Offline, EndCode, from
        // the ringing the first left), with the ringing after it (AgainRingingBit). A NOTIFY's are told after its packet
        // (AfterPacket): the LEDs, key and status events ran 12 levels under the request's handling and its XML, the BLF
        // NOTIFY's turn's lowest collection on the board (26 frames, 5.7 KB, docs/benchmarks.md h-flatnotify).
        private const int PendingShift = 14;
        private const int WasRingingBit = 1 << 11;
        private const int RingingBit = 1 << 12;
        private const int PendingBit = 1 << 13;
        private const int AgainBit = 1 << 14;
        private const int AgainRingingBit = 1 << 15;

        // The keys that monitor something but were refused for lack of heap (bit k: key k), to be taken on later; keys
        // 64 and up in _usedAndRefused above the entry count (a field less, docs/benchmarks.md h-officerest).
        private long _refusedLow;

        // The keys whose extension rings, the newest first (the pickup list): made when one starts ringing, made again
        // at each change (rare), null while none rings (AnyRinging: no flag of its own).
        private byte[] _ringing;

        public MonitoredExtensions(ISubscribeSender sender)
        {
            _sender = sender;
        }

        /// <summary>
        /// Told of the keys' states and ringing, and asked to admit each key's subscription (the phone's heap reserve).
        /// Null: nobody is told, and every key is taken on.
        /// </summary>
        public IMonitoredListener Listener;

        /// <summary>Keys that monitor something now (refused ones not counted): the entries in use.</summary>
        public int Count
        {
            get => _usedAndRefused & UsedMask;
            private set => _usedAndRefused = (_usedAndRefused & ~UsedMask) | value;
        }

        /// <summary>Whether the key's definition monitors something but its subscription was refused (no heap for it).</summary>
        public bool IsRefused(int key) => key >= 0 && key < MaxKeys && ((key < 64 ? _refusedLow >> key : _usedAndRefused >> (key - 64 + RefusedHighShift)) & 1) != 0;

        /// <summary>How many keys were refused.</summary>
        public int RefusedCount
        {
            get
            {
                int n = 0;
                for (int key = 0; key < MaxKeys; key++)
                {
                    if (IsRefused(key))
                    {
                        n++;
                    }
                }
                return n;
            }
        }

        public bool AnyRinging => _ringing != null;

        /// <summary>How many monitored extensions ring (the pickup list's length).</summary>
        public int RingingCount => _ringing == null ? 0 : _ringing.Length;

        /// <summary>The key of the <paramref name="index"/>-th ringing extension, the one that began ringing last first.</summary>
        public int RingingKeyAt(int index) => _ringing[index];

        /// <summary>
        /// Sets what key <paramref name="key"/> (0-based) monitors from its definition ("blf sip:bob@pbx",
        /// "blf &lt;sip:bob@pbx&gt;", "presence sip:bob@pbx"; anything else monitors nothing). Returns null, or why the
        /// definition is refused.
        /// </summary>
        public string Configure(int key, string definition, int identity, long nowMs)
        {
            if (key < 0 || key >= MaxKeys)
            {
                return "key " + key.ToString() + " out of range";
            }
            SetRefused(key, false);
            string package = null;
            string target = null;
            if (definition != null)
            {
                string text = definition.Trim();
                int space = text.IndexOf(' ');
                string kind = space > 0 ? text.Substring(0, space).ToLower() : text.ToLower();
                if (kind == "blf" || kind == "presence")
                {
                    if (space < 0)
                    {
                        return "'" + kind + "' needs a target such as sip:bob@pbx";
                    }
                    target = text.Substring(space + 1).Trim();
                    if (target.Length > 1 && target[0] == '<' && target[target.Length - 1] == '>')
                    {
                        target = target.Substring(1, target.Length - 2);
                    }
                    if (!(target.StartsWith("sip:") || target.StartsWith("sips:")) || target.IndexOf('@') < 0)
                    {
                        return "target '" + target + "' is not a sip: address";
                    }
                    package = kind == "blf" ? "dialog" : "presence";
                }
            }
            int at = Find(key);
            Subscription old = at >= 0 ? SubscriptionAt(at) : null;
            if (old != null && package != null && old.EventPackage == package && old.Target == target && old.Identity == identity)
            {
                return null;
            }
            if (old != null)
            {
                bool ringing = AnyRinging;
                Remove(at);
                Announce(key, 0, ringing);
                // A configuration's announcements are told at once (it runs outside any packet's handling).
                AfterPacket(nowMs);
            }
            if (package == null)
            {
                return null;
            }
            if (Listener != null && !Listener.AdmitKey(Count))
            {
                SetRefused(key, true);
                return null;
            }
            // Made last in the chain, so its entry is the last too.
            var subscription = new Subscription(this, package, target, identity, DefaultExpires);
            at = Insert(key);
            SetState(at, package == "dialog" ? IdleCode : OfflineCode);
            AfterPacket(nowMs);
            subscription.Start(nowMs);
            return null;
        }

        /// <summary>The dialogs of a key that monitors the dialog package while its extension has one (or rings), or null.</summary>
        public DialogInfo DialogOf(int key)
        {
            int at = Find(key);
            if (at < 0)
            {
                return null;
            }
            // A packed key's dialogs as a copy: its readers (the pickup, the screen) only read them.
            return InfoAt(at);
        }

        public Subscription SubscriptionOf(int key)
        {
            int at = Find(key);
            return at >= 0 ? SubscriptionAt(at) : null;
        }

        /// <summary>The subscription of entry <paramref name="at"/>: the chain's at-th.</summary>
        private Subscription SubscriptionAt(int at)
        {
            Subscription s = First;
            for (int i = 0; i < at; i++)
            {
                s = s.Next;
            }
            return s;
        }

        /// <summary>The key's state name, or null when the key monitors nothing.</summary>
        public string StateOf(int key)
        {
            int at = Find(key);
            return at >= 0 ? NameOf(CodeAt(at)) : null;
        }

        /// <summary>The entry of a subscription (its place in the chain), or -1.</summary>
        private int IndexOf(Subscription subscription)
        {
            int i = 0;
            for (Subscription s = First; s != null; s = s.Next, i++)
            {
                if (s == subscription)
                {
                    return i;
                }
            }
            return -1;
        }

        public ISubscribeSender Sender => _sender;

        public Subscription First { get; set; }

        public string AcceptOf(string eventPackage) => eventPackage == "dialog" ? DialogInfo.ContentType : PresenceDocument.ContentType;

        /// <summary>
        /// A NOTIFY in a key's subscription. Returns the status to answer: 200, 400 for a malformed body (state kept), 415
        /// for a body type the package does not use, 481 when the key no longer monitors anything. The key's new state
        /// is told to the <see cref="Listener"/> by <see cref="AfterPacket"/>, which the caller runs once the NOTIFY's
        /// packet is handled (the identity routing leaves it to the agent, SipUserAgent.AfterPacket).
        /// </summary>
        // One method from the events layer's call to the XML read: a second one taking the message's parts was a frame
        // more (240 B) under every BLF key's dialog-info parse (docs/benchmarks.md, h-flatnotify).
        public int OnNotify(Subscription subscription, SipMessage notify, long nowMs)
        {
            int at = IndexOf(subscription);
            if (at < 0)
            {
                return 481;
            }
            // The Subscription-State read and applied by the subscription before the body: none of its strings is live
            // under the dialog-info parse (h-notifyflat). It answers 200 or, for one the phone stopped, 481: no local kept.
            if (subscription.OnNotify(notify, nowMs) != 200)
            {
                return 481;
            }
            // Only a "blf" key (dialog package) has a dialog state.
            if (notify.BodyLength > 0 || notify.ContentType != null)
            {
                if (CodeAt(at) < PresenceBase)
                {
                    if (notify.BodyLength > 0 && notify.ContentType != DialogInfo.ContentType)
                    {
                        return 415;
                    }
                    DialogInfo info = InfoAt(at) ?? DialogInfo.Unpack(0, null);
                    long version = VersionAt(at);
                    if (info.Apply(notify.Buffer, notify.BodyOffset, notify.BodyLength, ref version) != null)
                    {
                        return 400;
                    }
                    SetVersion(at, version);
                    Keep(at, info.HoldsDialogs ? info : null);
                    SetState(at, DialogBase + info.State);
                    if (info.NeedsFullState)
                    {
                        // A gap in partial versions: a refresh makes the server send the full state (RFC 4235 4.1).
                        subscription.Refresh(nowMs);
                    }
                }
                else if (notify.BodyLength > 0 && notify.ContentType != PresenceDocument.ContentType)
                {
                    return 415;
                }
                else if (!ApplyPresence(at, notify))
                {
                    return 400;
                }
            }
            // A terminated Subscription-State ended the subscription's dialog (Subscription.OnNotify).
            if (!subscription.HasDialog)
            {
                // Until the new subscription reports, the key shows nothing it cannot vouch for.
                if (CodeAt(at) < PresenceBase)
                {
                    Keep(at, null);
                    SetVersion(at, -1);
                    SetState(at, IdleCode);
                }
                else
                {
                    SetState(at, OfflineCode);
                }
            }
            return 200;
        }

        /// <summary>A presence key's NOTIFY body (of its type, or none); false when it is malformed.</summary>
        private bool ApplyPresence(int at, SipMessage notify)
        {
            string error;
            int state = PresenceDocument.Parse(notify.Buffer, notify.BodyOffset, notify.BodyLength, out error);
            if (state < 0)
            {
                return false;
            }
            SetState(at, PresenceBase + state);
            return true;
        }

        public void Tick(long nowMs)
        {
            for (Subscription s = First; s != null; s = s.Next)
            {
                s.Tick(nowMs);
            }
        }

        private void SetRefused(int key, bool refused)
        {
            if (key < 64)
            {
                long bit = 1L << key;
                _refusedLow = refused ? _refusedLow | bit : _refusedLow & ~bit;
            }
            else
            {
                int bit = 1 << (key - 64 + RefusedHighShift);
                _usedAndRefused = refused ? _usedAndRefused | bit : _usedAndRefused & ~bit;
            }
        }

        /// <summary>The entry of a key, or -1.</summary>
        private int Find(int key)
        {
            for (int i = 0; i < Count; i++)
            {
                if (KeyAt(i) == key)
                {
                    return i;
                }
            }
            return -1;
        }

        /// <summary>A new entry, the last, with no state yet (code 0), no dialogs and no version.</summary>
        private int Insert(int key)
        {
            if (_entries == null || 2 * Count == _entries.Length)
            {
                _entries = (int[])Grow(_entries, new int[2 * (Count + Growth)]);
            }
            int at = Count;
            // No state code yet, no dialogs, nothing kept, no version.
            _entries[2 * at] = key;
            _entries[2 * at + 1] = 0;
            Count++;
            return at;
        }

        private void Remove(int at)
        {
            if (CodeAt(at) == RingingCode)
            {
                Ring(KeyAt(at), false);
            }
            SubscriptionAt(at).Drop();
            // Its kept slot goes first; the kept slots after it keep their order as the entries move down.
            Keep(at, null);
            Count--;
            // The entries after it move down one (entries only move here: a new one is the last).
            System.Array.Copy(_entries, 2 * at + 2, _entries, 2 * at, 2 * (Count - at));
            if (Count == 0)
            {
                _entries = null;
            }
        }

        /// <summary>The entry's dialogs (an object, or made from the packed long and the pickup's text), null for none.</summary>
        private DialogInfo InfoAt(int at)
        {
            object kept = (_entries[2 * at] & KeptBit) == 0 ? null : _dialogs[KeptIndex(at)];
            long packed = DialogInfo.Unpacked(_entries[2 * at] >> DialogShift, _entries[2 * at + 1]);
            DialogInfo info = kept as DialogInfo;
            return info != null ? info : packed != 0 || kept != null ? DialogInfo.Unpack(packed, kept as string) : null;
        }

        /// <summary>Entry at's slot in _dialogs: the entries before it that keep one.</summary>
        private int KeptIndex(int at)
        {
            int n = 0;
            for (int i = 0; i < at; i++)
            {
                n += (_entries[2 * i] & KeptBit) >> KeptShift;
            }
            return n;
        }

        /// <summary>
        /// Keeps the entry's dialogs (null: none): packed when they fit a long (with a ringing dialog's pickup text in
        /// _dialogs: no object for a key ringing once), else the object, in _dialogs, which is made for the first key
        /// that needs it and let go when the last one no longer does.
        /// </summary>
        private void Keep(int at, DialogInfo info)
        {
            bool packed = info == null || info.IsPacked;
            long bits = packed && info != null ? info.Packed : 0;
            object kept = info == null ? null : packed ? info.PickupText : (object)info;
            int index = KeptIndex(at);
            int was = _entries[2 * at] & KeptBit;
            _entries[2 * at] = (_entries[2 * at] & ~(KeptBit | 0x1F << DialogShift)) | DialogInfo.PackedBits(bits) << DialogShift | (kept != null ? KeptBit : 0);
            _entries[2 * at + 1] = (int)(bits >> 32);
            if (was != 0 && kept != null)
            {
                _dialogs[index] = kept;
            }
            else if (was != 0 || kept != null)
            {
                // A slot more or less, made again (a key starts or stops ringing or keeping dialogs: rare).
                // One slot less from index (was kept), or kept's slot at index (step -1: the slots after it move up).
                int step = was != 0 ? 1 : -1;
                int n = (_dialogs == null ? 0 : _dialogs.Length) - step;
                object[] slots = n == 0 ? null : new object[n];
                for (int i = 0; i < n; i++)
                {
                    slots[i] = i < index ? _dialogs[i] : i == index && kept != null ? kept : _dialogs[i + step];
                }
                _dialogs = slots;
            }
        }

        private static System.Array Grow(System.Array from, System.Array to)
        {
            if (from != null)
            {
                System.Array.Copy(from, to, from.Length);
            }
            return to;
        }

        private void SetState(int at, int code)
        {
            int old = CodeAt(at);
            if (old == code)
            {
                return;
            }
            bool ringing = AnyRinging;
            if (code == RingingCode || old == RingingCode)
            {
                Ring(KeyAt(at), code == RingingCode);
            }
            _entries[2 * at] += (code - old) << CodeShift;
            Announce(KeyAt(at), code, ringing);
        }

        /// <summary>A key starts ringing (first in the list) or stops (leaves it); the caller knows it was not or was in it.</summary>
        private void Ring(int key, bool on)
        {
            int n = RingingCount;
            var list = new byte[on ? n + 1 : n - 1];
            int k = 0;
            if (on)
            {
                list[k++] = (byte)key;
            }
            for (int i = 0; i < n; i++)
            {
                if (_ringing[i] != key)
                {
                    list[k++] = _ringing[i];
                }
            }
            _ringing = list.Length == 0 ? null : list;
        }

        /// <summary>
        /// A key's new state (code 0: it monitors nothing now), and whether any key rang before it (the ringing is told too
        /// when that changed), kept for <see cref="AfterPacket"/>: no object, the two a NOTIFY can make in _usedAndRefused.
        /// </summary>
        private void Announce(int key, int code, bool wasRinging)
        {
            if (Listener == null)
            {
                return;
            }
            int pending = _usedAndRefused >> PendingShift;
            if ((pending & PendingBit) != 0 && ((pending & AgainBit) != 0 || (pending & KeyMask) != key ||
                code != EndCode(pending >> CodeShift & 0xF) || wasRinging != ((pending & RingingBit) != 0)))
            {
                // Not a NOTIFY's end of its subscription after its state (never so far): the one kept is told first.
                AfterPacket(0);
                pending = 0;
            }
            pending = (pending & PendingBit) == 0
                ? key | code << CodeShift | (wasRinging ? WasRingingBit : 0) | (AnyRinging ? RingingBit : 0) | PendingBit
                : pending | AgainBit | (AnyRinging ? AgainRingingBit : 0);
            _usedAndRefused = (_usedAndRefused & ((1 << PendingShift) - 1)) | pending << PendingShift;
        }

        /// <summary>The state a key shows once its subscription ended: Idle for a "blf" key, Offline for a presence key.</summary>
        private static int EndCode(int code) => code < PresenceBase ? IdleCode : OfflineCode;

        /// <summary>
        /// Tells the <see cref="Listener"/> the keys' states (and the ringing) the last NOTIFY or configuration changed, in
        /// the order they changed: the agent runs it after the NOTIFY's packet (the identity routing asks it to), so
        /// the LEDs and events run without the request's handling, its parse and XML under them.
        /// </summary>
        public void AfterPacket(long nowMs)
        {
            int pending = _usedAndRefused >> PendingShift;
            _usedAndRefused &= (1 << PendingShift) - 1;
            IMonitoredListener listener = Listener;
            while ((pending & PendingBit) != 0 && listener != null)
            {
                listener.KeyStateChanged(pending & KeyMask, NameOf(pending >> CodeShift & 0xF));
                if (((pending & RingingBit) != 0) != ((pending & WasRingingBit) != 0))
                {
                    listener.RingingChanged((pending & RingingBit) != 0);
                }
                pending = (pending & AgainBit) == 0 ? 0 : Again(pending);
            }
        }

        /// <summary>The second announcement as a first: the key's end state, from the ringing the first left.</summary>
        private static int Again(int pending) =>
            (pending & KeyMask) | EndCode(pending >> CodeShift & 0xF) << CodeShift | ((pending & RingingBit) != 0 ? WasRingingBit : 0) |
            ((pending & AgainRingingBit) != 0 ? RingingBit : 0) | PendingBit;
    }
}
