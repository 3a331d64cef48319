using DeskPhone.Sip.Message;
using DeskPhone.Sip.Registration;
using DeskPhone.Sip.Text;
using DeskPhone.Sip.Transaction;
using DeskPhone.Sip.Transport;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Sip.Events
{
    /// <summary>
    /// The events layer's subscriptions (RFC 6665) over the core, as <see cref="Registration.Registrations"/> is the
    /// registration layer: it sends each <see cref="Subscription"/>'s SUBSCRIBEs (new, refresh, unsubscribe) through
    /// <see cref="ISipClientCore"/>, keeps their dialogs in a bounded table, lets them out a few at a time while others
    /// wait in order for a client transaction slot, and hands each NOTIFY matched to a dialog to the subscription's
    /// owner (<see cref="INotifyConsumer"/>). Which subscriptions exist and what their bodies mean is the owners'
    /// business; the core does not know this layer.
    /// </summary>
    public sealed class Subscriptions : ISubscribeSender
    {
        /// <summary>
        /// SUBSCRIBEs let out while no other client transaction is busy. Each one in flight holds about 1.2 KB of heap
        /// until its answer (its bytes, the transaction, the request's builder and handler), so at bring-up 14 at a
        /// time took about 12 KB more than the 4 now (docs/benchmarks.md, "Cuts"); with a PBX answering within a loop
        /// turn or two, 69 keys still come up in well under a second.
        /// </summary>
        public const int MaxInFlight = 4;

        /// <summary>Client transaction slots a SUBSCRIBE (new or refresh) leaves to REGISTER, PUBLISH and MESSAGE.</summary>
        public const int SlotsLeftToOthers = SipUserAgent.MaxClientTransactions - MaxInFlight;

        /// <summary>
        /// Client transaction slots an unsubscribe (Expires: 0) leaves to the others: it goes out at once when a key or
        /// an identity is turned off (with the identity's other unsubscribes and its REGISTER), so only 2 are kept.
        /// </summary>
        public const int SlotsLeftByUnsubscribe = 2;

        // The dialog table: the subscriptions flagged in it (Subscription.InTableBit), at most MaxDialogs, found through
        // the owners that made a dialog (a phone has three), each of which chains its subscriptions
        // (INotifyConsumer.First, Subscription.Next): no entry objects and no array of subscriptions.
        private INotifyConsumer[] _owners = new INotifyConsumer[0];

        // The SUBSCRIBEs waiting for a slot in the order they were asked for (key order at bring-up), at most one per
        // subscription (its request is on it); the array exists only while one waits.
        private Subscription[] _waiting;
        private const int FirstWaiting = 8;

        // The loop's last time (ms since boot, the top 43 bits: 278 years) and below it the SUBSCRIBEs waiting (low 10
        // bits), the dialogs in the table at the last walk of it (the next 10: Holding counts them, an owner drops its
        // subscriptions without telling the layer) and whether the first Poll came (until then everything waits: the
        // owners start their subscriptions while the phone is built, before the identities are known to the core), in
        // one field instead of four (36 B, docs/benchmarks.md h-office4 and h-subsrest). A phone's table holds 96
        // dialogs at most: 10 bits count to 1,023.
        private long _clock;
        private const int CountMask = 0x3FF;
        private const int DialogsShift = 10;
        private const int StartedBit = 1 << 20;
        private const int TimeShift = 21;

        private void SetNow(long nowMs) => _clock = nowMs << TimeShift | (long)((int)_clock & ((1 << TimeShift) - 1));

        // The dialogs' local tags: a random number drawn at the first dialog (top 32 bits) and the number of the last
        // dialog made (low 16 bits); between them the table's bound (MaxDialogs, a field less: 12 B). A dialog's tag is that random number in 8 hex digits and the
        // dialog's number, its Call-ID the tag and CallIdSuffix: made when a SUBSCRIBE goes out, not kept per subscription (11
        // characters of each subscription's text, docs/benchmarks.md h-officerest3).
        private long _tags;

        /// <summary>What follows the local tag in a dialog's Call-ID.</summary>
        private const string CallIdSuffix = "-sub";

        private int MaxDialogs => (ushort)(_tags >> 16);

        private string TagOf(int dialog) => ((uint)(_tags >> 32)).ToString("x8") + dialog.ToString();


        /// <summary>
        /// The layer over <paramref name="core"/>, holding at most <paramref name="maxDialogs"/> dialogs (and as many
        /// waiting SUBSCRIBEs, so the queue never refuses one).
        /// </summary>
        public Subscriptions(ISipClientCore core, int maxDialogs)
        {
            Core = core;
            _tags = (long)maxDialogs << 16;
        }

        /// <summary>The core this layer sends through (owners read the phone's address from it).</summary>
        public readonly ISipClientCore Core;
        /// <summary>SUBSCRIBEs waiting for a client transaction slot (for tests and the bench).</summary>
        public int WaitingCount
        {
            get => (int)_clock & CountMask;
            private set => _clock = _clock >> DialogsShift << DialogsShift | (long)value;
        }

        /// <summary>Dialogs in the table.</summary>
        public int DialogCount
        {
            get
            {
                // Dialog 0 is no one's: the walk goes to the end and counts.
                Holding(0);
                return ((int)_clock >> DialogsShift) & CountMask;
            }
        }

        public void SendSubscribe(Subscription subscription, bool newDialog, int expiresSeconds)
        {
            if (((int)_clock & StartedBit) == 0 || WaitingCount > 0 || Core.FreeClientTransactions <= SlotsLeft(expiresSeconds))
            {
                // It has to wait, unprepared: its request is made when it goes out (the dialog it needs stays on the
                // subscription, so an unsubscribe can wait too).
                if (!Wait(subscription, newDialog, expiresSeconds))
                {
                    subscription.OnResponse(503, -1, -1, _clock >> TimeShift);
                }
                return;
            }
            Send(subscription, newDialog, expiresSeconds, _clock >> TimeShift);
        }

        /// <summary>Sends the waiting SUBSCRIBEs as slots free up; call every loop turn, after the core's.</summary>
        public void Poll(long nowMs)
        {
            _clock = nowMs << TimeShift | (long)((int)_clock & (StartedBit - 1)) | StartedBit;
            if (WaitingCount > 0)
            {
                SendWaiting(nowMs);
            }
        }

        /// <summary>
        /// The subscription in whose dialog (same Call-ID) a NOTIFY is, null for none. The caller hands the NOTIFY to its
        /// owner (<see cref="INotifyConsumer.OnNotify"/>) and answers the status it returns; one in a dialog (a To tag)
        /// the phone does not hold is answered 481 (RFC 6665 4.1.3); any other is not this layer's. The owner is called
        /// from the caller's frame, not from this one: a frame (228 B) less under every BLF key's dialog-info read
        /// (docs/benchmarks.md, h-notifyflat).
        /// </summary>
        public Subscription InDialog(SipMessage notify, long nowMs)
        {
            SetNow(nowMs);
            Subscription s = Holding(DialogOf(notify));
            // The tags read in place (the check found From and To well formed and kept neither): no address or URI is
            // made under a BLF key's NOTIFY, whose XML read is the stream's lowest point on the board (h-checkparts).
            if (s != null && !s.HasRemoteTag)
            {
                s.RemoteTag = notify.FromTag;
            }
            return s;
        }

        /// <summary>
        /// The identity of the subscription whose dialog the NOTIFY's Call-ID names, 0 for none; nothing is set (the
        /// identity routing asks it before its filter, the subscription's NOTIFY then goes to <see cref="InDialog"/>).
        /// </summary>
        public int IdentityOf(SipMessage notify)
        {
            Subscription s = Holding(DialogOf(notify));
            return s == null ? 0 : s.Identity;
        }

        /// <summary>
        /// The number of the dialog whose Call-ID the NOTIFY carries, 0 for none: its Call-ID's bytes compared with the text
        /// <see cref="TagOf"/> and <see cref="CallIdSuffix"/> make (the 8 lower-case hex digits of the random number, the
        /// dialog's number without a sign or a leading zero, "-sub"), no string made. The Call-ID read as a string, its
        /// digits' substring and the text to compare were a BLF NOTIFY's lowest collections on the 80,896-byte board.
        /// </summary>
        private int DialogOf(SipMessage notify)
        {
            long at = notify.ValueAt(HeaderNames.CallIdKind);
            byte[] b = notify.Buffer;
            int i = (int)at;
            int end = (int)(at >> 32);
            // At least the 8 digits, a digit of the number and "-sub" (CallIdSuffix, as one number); none: -1 to -1.
            if (end - i < 13 || (b[end - 4] << 24 | b[end - 3] << 16 | b[end - 2] << 8 | b[end - 1]) != 0x2D737562)
            {
                return 0;
            }
            for (int shift = 60; shift >= 32; shift -= 4)
            {
                int digit = (int)(_tags >> shift) & 15;
                if (b[i++] != (digit < 10 ? '0' + digit : 'a' - 10 + digit))
                {
                    return 0;
                }
            }
            // Dialogs are 1 to 65,535: at most 5 digits (-1 is DropEnded, never returned).
            long dialog = DecimalDigits.Parse(b, i, end - 4, 5);
            return b[i] == '0' || dialog < 0 ? 0 : (int)dialog;
        }

        /// <summary>
        /// The subscription in the table whose dialog is number <paramref name="dialog"/>, null for none (or 0); a walk
        /// to the end counts the table's dialogs (<see cref="DialogCount"/>). Given <see cref="DropEnded"/> instead, it
        /// drops from the table the dialogs of subscriptions their owners stopped but keep (refused, or stopped without
        /// being dropped), which the layer does once the table is full: until then a late NOTIFY in one still finds it
        /// and its owner answers. One walk of the table for all three (DeskPhone.Sip's byte code).
        /// </summary>
        private Subscription Holding(int dialog)
        {
            int n = 0;
            for (int i = 0; i < _owners.Length; i++)
            {
                for (Subscription s = _owners[i].First; s != null; s = s.Next)
                {
                    if ((s.Bits & Subscription.InTableBit) != 0)
                    {
                        if (s.Dialog == dialog)
                        {
                            return s;
                        }
                        if (dialog == DropEnded && (s.State & Subscription.RunningMask) == 0 && s.WaitingExpires < 0)
                        {
                            s.Bits &= ~Subscription.InTableBit;
                        }
                        else
                        {
                            n++;
                        }
                    }
                }
            }
            _clock = (_clock & ~(CountMask << DialogsShift)) | (long)(n << DialogsShift);
            return null;
        }

        private const int DropEnded = -1;

        private static int SlotsLeft(int expires) => expires == 0 ? SlotsLeftByUnsubscribe : SlotsLeftToOthers;

        /// <summary>Queues a SUBSCRIBE; a subscription already waiting takes its new request in its place.</summary>
        private bool Wait(Subscription subscription, bool newDialog, int expires)
        {
            if (subscription.WaitingExpires < 0)
            {
                int waiting = WaitingCount;
                int max = MaxDialogs;
                if (waiting == max)
                {
                    return false;
                }
                // The array exists exactly while one waits (SendWaiting lets it go when the last one goes out).
                if (waiting == 0 || waiting == _waiting.Length)
                {
                    // Starts at FirstWaiting and doubles up to the bound: 24 waiting at an office phone's bring-up take a
                    // 32-entry array, not one of 95 (1,160 B).
                    int size = waiting == 0 ? FirstWaiting : waiting * 2;
                    var grown = new Subscription[size < max ? size : max];
                    _waiting = waiting == 0 ? grown : (Subscription[])ArrayGrowth.Grow(_waiting, grown);
                }
                _waiting[waiting] = subscription;
                WaitingCount = waiting + 1;
            }
            subscription.SetWaiting(expires, newDialog);
            return true;
        }

        /// <summary>Sends the waiting SUBSCRIBEs, oldest first, while client transaction slots are free.</summary>
        private void SendWaiting(long nowMs)
        {
            int taken = 0;
            // WaitingCount is read each time: a SUBSCRIBE sent here may queue another (a 423 answered at once).
            while (taken < WaitingCount && Core.FreeClientTransactions > SlotsLeft(_waiting[taken].WaitingExpires))
            {
                Subscription s = _waiting[taken];
                _waiting[taken++] = null;
                int expires = s.WaitingExpires;
                bool newDialog = s.WaitingNewDialog;
                s.SetWaiting(-1, false);
                // A subscription stopped while it waited is not sent; an unsubscribe (Expires: 0) always is.
                if (expires != 0 && s.State != SubscriptionState.Sent)
                {
                    continue;
                }
                Send(s, newDialog, expires, nowMs);
            }
            if (taken == 0)
            {
                return;
            }
            int count = WaitingCount;
            // The rest moves to the front (a copy to lower indexes) and the places it left are cleared.
            System.Array.Copy(_waiting, taken, _waiting, 0, count - taken);
            System.Array.Clear(_waiting, count - taken, taken);
            WaitingCount = count - taken;
            if (count == taken)
            {
                _waiting = null;
            }
        }

        /// <summary>Makes the SUBSCRIBE (its dialog made or reused) and starts it; a local 503 when it cannot go out.</summary>
        private void Send(Subscription subscription, bool newDialog, int expires, long nowMs)
        {
            byte[] body = subscription.Body;
            string contentType = subscription.BodyContentType;
            subscription.TakeBody();
            int index = subscription.Identity;
            SipIdentity identity = Core.GetIdentity(index);
            // A dialog whose CSeq nears its 16 bits (65,280 SUBSCRIBEs, with room for the ones a challenge adds) goes on
            // in a new one.
            bool hasDialog = !newDialog && subscription.Dialog != 0 && subscription.CSeq < 0xFF00;
            if (identity == null && expires == 0 && hasDialog)
            {
                // The identity was just turned off: the server still holds the subscription, so it is ended with the
                // identity's last active object.
                identity = Core.RetiredIdentity(index);
            }
            var request = new SubscribeRequest(this, subscription, identity, expires, body, contentType);
            string target = subscription.Target;
            int port;
            string address = null;
            // Any step that fails (no identity, a full dialog table, no next hop, no slot) answers it 503 locally.
            if (identity == null || !identity.Active || (!hasDialog && !NewDialog(subscription)) ||
                (address = identity.NextHopAddress(SipUri.Parse(target), out port)) == null ||
                !Core.SendRequest(identity, "SUBSCRIBE", target, address, port, request.Build, request.Done, nowMs))
            {
                subscription.OnResponse(503, -1, -1, nowMs);
            }
        }

        /// <summary>A new dialog (Call-ID, local tag) for the subscription, in the table; false when the table is full.</summary>
        private bool NewDialog(Subscription subscription)
        {
            // One already in the table keeps its place there.
            if ((subscription.Bits & Subscription.InTableBit) == 0 && DialogCount >= MaxDialogs)
            {
                Holding(DropEnded);
                if (DialogCount >= MaxDialogs)
                {
                    return false;
                }
            }
            // A token drawn for every new dialog, as when each kept its own tag, so the core's token sequence (the
            // tags, branches and Call-IDs of its other requests) is as it was; the first one's hash is the random part.
            long drawn = (long)Core.NewToken().GetHashCode() << 32;
            if (_tags >> 32 == 0)
            {
                _tags |= drawn;
            }
            // The next number no dialog in the table holds (1..65,535; the table holds far fewer).
            int dialog = (ushort)_tags;
            do
            {
                dialog = dialog % 0xFFFF + 1;
            }
            while (Holding(dialog) != null);
            _tags = _tags >> 16 << 16 | (uint)dialog;
            subscription.NewDialog(dialog);
            subscription.Bits |= Subscription.InTableBit;
            // Its owner is found by the table from now on (a new owner's at the end: the table grows by one).
            INotifyConsumer owner = subscription.Owner;
            if (System.Array.IndexOf(_owners, owner) < 0)
            {
                int at = _owners.Length;
                _owners = (INotifyConsumer[])ArrayGrowth.Grow(_owners, new INotifyConsumer[at + 1]);
                _owners[at] = owner;
            }
            return true;
        }

        private void OnResponse(Subscription subscription, SipMessage response, long nowMs)
        {
            SetNow(nowMs);
            if (response == null)
            {
                subscription.OnResponse(408, -1, -1, nowMs);
                return;
            }
            int status = response.StatusCode;
            // The To tag read in place (the check found the To well formed): no address parsed under a key's answer.
            if (status >= 200 && status < 300 && !subscription.HasRemoteTag)
            {
                subscription.RemoteTag = response.ToTag;
            }
            subscription.OnResponse(status, response.Expires, RegistrationClient.SmallNumber(response.GetHeader(HeaderNames.MinExpires)), nowMs);
        }

        /// <summary>One SUBSCRIBE going out: builds its bytes (again, with credentials, after a 401 or 407) and takes its answer.</summary>
        private sealed class SubscribeRequest
        {
            private readonly Subscriptions _layer;
            private readonly Subscription _subscription;
            private readonly SipIdentity _identity;
            private readonly int _expires;
            private readonly byte[] _body;
            private readonly string _contentType;

            public SubscribeRequest(Subscriptions layer, Subscription subscription, SipIdentity identity, int expires, byte[] body, string contentType)
            {
                _layer = layer;
                _subscription = subscription;
                _identity = identity;
                _expires = expires;
                _body = body;
                _contentType = contentType;
            }

            public byte[] Build(string branch, string authHeader, string authValue)
            {
                ISipClientCore core = _layer.Core;
                Subscription s = _subscription;
                SipIdentity identity = _identity;
                // Each part of the subscription's text read once (a read cuts a string out of it).
                string tag = _layer.TagOf(s.Dialog);
                string target = s.Target;
                string remoteTag = s.RemoteTag;
                string package = s.EventPackage;
                return SipWriter.Request("SUBSCRIBE", target, core.ViaOf(core.TransportOf(identity), branch))
                    .Ids(identity.Address(core.LocalHost, tag), "<" + target + ">" + (remoteTag != null ? ";tag=" + remoteTag : ""),
                        tag + CallIdSuffix, ++s.CSeq, "SUBSCRIBE")
                    .Header(HeaderNames.Contact, core.ContactOf(identity))
                    .Header(HeaderNames.Event, package)
                    .Header(HeaderNames.Accept, s.Owner.AcceptOf(package))
                    .Header(HeaderNames.Expires, _expires.ToString())
                    .UserAgent()
                    .Header(authHeader, authValue)
                    .Body(_contentType, _body)
                    .ToBytes();
            }

            public void Done(ClientTransaction transaction, SipMessage response, long nowMs) => _layer.OnResponse(_subscription, response, nowMs);
        }
    }
}
