using DeskPhone.Sip.Message;
using DeskPhone.Sip.Registration;
using DeskPhone.Sip.Text;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Sip.Events
{
    /// <summary>
    /// One client subscription (RFC 6665: dialog, presence, message-summary, reg, as-feature-event) in virtual time:
    /// refreshed before it expires, re-established with exponential back-off after a failure, a 481 or a server-side
    /// termination, and tolerant of what real servers do (a NOTIFY before the 2xx, an empty first NOTIFY). It also
    /// carries its dialog (Call-ID, tags, CSeq), which the events layer (<see cref="Subscriptions"/>) makes and keeps:
    /// one object per subscription, not two.
    /// </summary>
    public sealed class Subscription
    {
        /// <summary>Refresh when this share of the granted time has passed (and at least this many ms early).</summary>
        private const int RefreshPercent = 90;
        private const long RefreshMarginMs = 5000;

        public const long FirstRetryMs = 2000;
        public const long MaxRetryMs = 300000;

        /// <summary>No answer at all within this time counts as a failure (the transaction layer's Timer F is 32 s).</summary>
        public const long AnswerTimeoutMs = 32000;

        // The due time (ms, low bits) and the Expires asked for (s, high bits) in one long; the flags (low 32 bits, see
        // Bits), the dialog's CSeq (the next 16) and its number (the top 16, Dialog) in another: each field of an object
        // is a 12-byte block on the device, and a phone keeps up to 95 subscriptions (docs/benchmarks.md, "What each
        // identity and each BLF key holds").
        private long _dueAndExpires;
        private long _bitsAndCSeq;
        private const int DueBits = 42;
        private const long DueMask = (1L << DueBits) - 1;

        /// <summary>The largest Expires kept (22 bits, 48 days); a larger one asked for is kept as this.</summary>
        public const int MaxExpires = (1 << (64 - DueBits)) - 1;

        // State, flags, the back-off step, the identity and the failure count.
        internal int Bits
        {
            get => (int)_bitsAndCSeq;
            set => _bitsAndCSeq = (_bitsAndCSeq & ~0xFFFFFFFFL) | (uint)value;
        }

        private const int StateMask = 0x7;
        private const int HasDialogBit = 1 << 3;

        /// <summary>Its dialog's number counts in the layer's dialog table (the layer's flag, kept in <see cref="Bits"/>).</summary>
        internal const int InTableBit = 1 << 4;
        private const int WaitingNewDialogBit = 1 << 5;
        private const int WaitingShift = 6;
        private const int WaitingMask = 3 << WaitingShift;
        private const int WaitingNone = 0;
        private const int WaitingUnsubscribe = 1;
        private const int WaitingRequested = 2;
        private const int RetryShift = 8;
        private const int RetryMask = 0xF << RetryShift;
        private const int IdentityShift = 12;
        private const int IdentityMask = 0xFF << IdentityShift;
        private const int FailuresShift = 20;
        private const int MaxFailures = 0x7FF;
        private const int HasErrorBit = 1 << 31;

        /// <summary>Back-off steps: <see cref="FirstRetryMs"/> doubled this many times reaches <see cref="MaxRetryMs"/>.</summary>
        private const int LastRetryStep = 8;

        // The event package (the phone's own as a one-character code, CodeOf), the target, the dialog's remote tag
        // and, while there is one (HasErrorBit), the last failure, in one string, each ended by '\n' (which no token,
        // URI or failure text holds; an absent tag is empty): one string object instead of three, read only when a
        // SUBSCRIBE is made, a NOTIFY is matched to its owner or a key is configured. The local tag (and the Call-ID
        // made from it) is not kept: the events layer makes it from the dialog's number (Dialog), 11 characters less, a
        // BLF key's text 36 B on the device, not 48 (docs/benchmarks.md h-officerest3). While the body of a SUBSCRIBE
        // waits to go out (feature sync, rare), the field holds it and
        // the text: one field for the text, the failure and the body, where a field of its own held the failure or the
        // body (12 B a subscription, docs/benchmarks.md h-office4).
        private object _textOrBody;

        private sealed class PendingBody
        {
            public byte[] Bytes;
            public string ContentType;
            public string Text;
        }

        private string Text
        {
            get
            {
                string text = _textOrBody as string;
                return text != null ? text : ((PendingBody)_textOrBody).Text;
            }
            set
            {
                PendingBody body = _textOrBody as PendingBody;
                if (body != null)
                {
                    body.Text = value;
                }
                else
                {
                    _textOrBody = value;
                }
            }
        }

        private const char End = LineParts.End;
        private const string Ends = "\n";
        private const int PackagePart = 0;
        private const int TargetPart = 1;
        private const int RemoteTagPart = 2;
        private const int ErrorPart = 3;

        /// <summary>
        /// A subscription of identity <paramref name="identity"/> (0..255) to <paramref name="eventPackage"/> at
        /// <paramref name="target"/>, sent by the owner's <see cref="INotifyConsumer.Sender"/>; its NOTIFYs go to
        /// <paramref name="owner"/>.
        /// </summary>
        public Subscription(INotifyConsumer owner, string eventPackage, string target, int identity, int expiresSeconds)
        {
            // The last of its owner's chain until the owner drops it (Drop).
            OwnerOrNext = owner;
            Subscription last = owner.First;
            if (last == null)
            {
                owner.First = this;
            }
            else
            {
                while (last.Next != null)
                {
                    last = last.Next;
                }
                last.OwnerOrNext = this;
            }
            _textOrBody = CodeOf(eventPackage) + Ends + target + Ends + Ends;
            Bits = (identity << IdentityShift) & IdentityMask;
            SetExpires(expiresSeconds);
        }

        public string EventPackage
        {
            get
            {
                string text = Text;
                char code = text[0];
                return code < '\u0006' ? PackageOf(code) : Part(PackagePart);
            }
        }

        /// <summary>
        /// The package part of the text: the phone's own packages as one control character (no event token holds one),
        /// any other as it is: a BLF key's text 5 characters shorter (strings are rounded to 12 B on the device;
        /// docs/benchmarks.md h-officerest). With its local tag no longer kept either it is about 23 characters, 36 B
        /// (h-officerest3).
        /// </summary>
        private static string CodeOf(string package)
        {
            for (char code = '\u0001'; code < '\u0006'; code++)
            {
                if (PackageOf(code) == package)
                {
                    return code.ToString();
                }
            }
            return package;
        }

        /// <summary>The package of a code made by <see cref="CodeOf"/>.</summary>
        private static string PackageOf(char code)
        {
            switch (code)
            {
                case '\u0001': return "dialog";
                case '\u0002': return "presence";
                case '\u0003': return "message-summary";
                case '\u0004': return "reg";
                default: return "as-feature-event";
            }
        }

        public string Target => Part(TargetPart);
        public int Identity => (Bits & IdentityMask) >> IdentityShift;
        public int RequestedExpires => (int)((ulong)_dueAndExpires >> DueBits);

        private void SetExpires(int seconds) =>
            _dueAndExpires = DueMs | ((long)(seconds < 0 ? 0 : seconds > MaxExpires ? MaxExpires : seconds) << DueBits);

        /// <summary>
        /// A state and this are 0 for the two in which a subscription does not run (Idle and Refused, 0 and 4): one test,
        /// not two (DeskPhone.Sip's byte code).
        /// </summary>
        internal const int RunningMask = 3;

        public int State
        {
            get => Bits & StateMask;
            private set => Bits = (Bits & ~StateMask) | value;
        }

        /// <summary>True once a dialog exists (a 2xx or a NOTIFY arrived); a refresh reuses it.</summary>
        public bool HasDialog
        {
            get => (Bits & HasDialogBit) != 0;
            private set => Bits = value ? Bits | HasDialogBit : Bits & ~HasDialogBit;
        }

        /// <summary>The last failure, for the bench (status code or reason).</summary>
        public string LastError => (Bits & HasErrorBit) != 0 ? Part(ErrorPart) : null;

        /// <summary>Failures since the last success (counted up to 2,047); drives the back-off and e.g. DfksFailed.</summary>
        public int Failures => (Bits >> FailuresShift) & MaxFailures;

        /// <summary>Who reads this subscription's NOTIFYs (and names who sends its SUBSCRIBEs).</summary>
        public INotifyConsumer Owner
        {
            get
            {
                object o = OwnerOrNext;
                for (Subscription s; (s = o as Subscription) != null;)
                {
                    o = s.OwnerOrNext;
                }
                return (INotifyConsumer)o;
            }
        }

        /// <summary>The next of its owner's subscriptions, null after the last.</summary>
        public Subscription Next => OwnerOrNext as Subscription;

        /// <summary>
        /// The next of the owner's subscriptions (<see cref="INotifyConsumer.First"/>), the owner after the last: one
        /// field for the owner and the owner's list of them (an owner's array of them was 12 B a BLF key, and the events
        /// layer's dialog table linked them through this field already, docs/benchmarks.md h-blfstate).
        /// </summary>
        private object OwnerOrNext;

        /// <summary>
        /// The owner ends this subscription for good: it is stopped (<see cref="Stop"/>: an unSUBSCRIBE while it has a
        /// dialog) and leaves the owner's chain and so the events layer's dialog table; an unsubscribe still waiting for a
        /// slot goes out.
        /// </summary>
        public void Drop()
        {
            Stop();
            INotifyConsumer owner = Owner;
            object next = OwnerOrNext;
            if (owner.First == this)
            {
                owner.First = Next;
            }
            for (Subscription s = owner.First; s != null; s = s.Next)
            {
                if (s.OwnerOrNext == this)
                {
                    s.OwnerOrNext = next;
                }
            }
            OwnerOrNext = owner;
            Bits &= ~InTableBit;
        }

        /// <summary>The body of the SUBSCRIBE last asked for (null for none), until the sender takes it when that goes out.</summary>
        public byte[] Body
        {
            get
            {
                PendingBody body = _textOrBody as PendingBody;
                return body == null ? null : body.Bytes;
            }
        }

        /// <summary>The Content-Type of <see cref="Body"/>.</summary>
        public string BodyContentType
        {
            get
            {
                PendingBody body = _textOrBody as PendingBody;
                return body == null ? null : body.ContentType;
            }
        }

        // The dialog, kept by the events layer: its number (the local tag and Call-ID are made from it), remote tag and
        // CSeq, and whether it counts in the layer's dialog table (InTableBit; an unsubscribe after the identity was
        // turned off goes out with the identity's last active object, which the core keeps: ISipClientCore.RetiredIdentity).

        /// <summary>The dialog's number in the layer (1..65,535; 0: no dialog made yet).</summary>
        internal int Dialog => (ushort)(_bitsAndCSeq >> 48);

        /// <summary>Starts dialog number <paramref name="dialog"/>: no remote tag yet, CSeq 0.</summary>
        internal void NewDialog(int dialog)
        {
            _bitsAndCSeq = (uint)_bitsAndCSeq | (long)dialog << 48;
            RemoteTag = null;
        }

        internal string RemoteTag
        {
            get => Part(RemoteTagPart);
            set => SetPart(RemoteTagPart, value);
        }

        /// <summary>
        /// Whether the dialog has its remote tag, read without making the tag's string (each NOTIFY asks: the string
        /// was a BLF NOTIFY's lowest collection on the 80,896-byte board).
        /// </summary>
        internal bool HasRemoteTag
        {
            get
            {
                // Part's own test (a part is empty when its end follows its start), without its Substring.
                string text = Text;
                int start = LineParts.Start(text, RemoteTagPart);
                return text.IndexOf(End, start) > start;
            }
        }

        /// <summary>The dialog's last CSeq, up to 65,535 (the layer starts a new dialog there).</summary>
        internal int CSeq
        {
            get => (ushort)(_bitsAndCSeq >> 32);
            // Kept below 65,536 by the layer: the difference moves the 16 bits without touching the dialog's number.
            set => _bitsAndCSeq += (long)(value - CSeq) << 32;
        }

        /// <summary>
        /// The request waiting for a client transaction slot: its Expires, -1 for none. The layer is only ever asked for
        /// an unsubscribe (0) or <see cref="RequestedExpires"/>, so which of the two is kept, not the number.
        /// </summary>
        internal int WaitingExpires
        {
            get
            {
                int waiting = (Bits & WaitingMask) >> WaitingShift;
                return waiting == WaitingNone ? -1 : waiting == WaitingUnsubscribe ? 0 : RequestedExpires;
            }
        }

        /// <summary>Sets the waiting request (<paramref name="expires"/> -1: none) and whether it starts a new dialog.</summary>
        internal void SetWaiting(int expires, bool newDialog)
        {
            int waiting = expires < 0 ? WaitingNone : expires == 0 ? WaitingUnsubscribe : WaitingRequested;
            Bits = (Bits & ~(WaitingMask | WaitingNewDialogBit)) | (waiting << WaitingShift) | (newDialog ? WaitingNewDialogBit : 0);
        }

        /// <summary>Whether the waiting request starts a new dialog.</summary>
        internal bool WaitingNewDialog => (Bits & WaitingNewDialogBit) != 0;

        private void SetRetryStep(int step) => Bits = (Bits & ~RetryMask) | ((step > LastRetryStep ? LastRetryStep : step) << RetryShift);

        private void SetFailures(int failures) =>
            Bits = (Bits & ~(MaxFailures << FailuresShift)) | ((failures > MaxFailures ? MaxFailures : failures) << FailuresShift);

        /// <summary>
        /// Keeps <paramref name="why"/> (null: none) as the last failure, at the end of the text; a body waiting to go out
        /// is let go, as when one field held the failure or the body.
        /// </summary>
        private void SetError(string why)
        {
            TakeBody();
            bool had = (Bits & HasErrorBit) != 0;
            if (why == null && !had)
            {
                return;
            }
            string text = Text;
            Text = text.Substring(0, LineParts.Start(text, ErrorPart)) + (why == null ? "" : why + Ends);
            Bits = why == null ? Bits & ~HasErrorBit : Bits | HasErrorBit;
        }

        /// <summary>The events layer took the body into the SUBSCRIBE it sends.</summary>
        internal void TakeBody()
        {
            PendingBody body = _textOrBody as PendingBody;
            if (body != null)
            {
                _textOrBody = body.Text;
            }
        }

        /// <summary>
        /// Sends a SUBSCRIBE with a body inside the dialog (e.g. the SetDoNotDisturb of as-feature-event); false while
        /// the subscription is not active or another SUBSCRIBE is out, so the owner tries again later.
        /// </summary>
        public bool SendBody(byte[] body, string contentType, long nowMs)
        {
            if (State != SubscriptionState.Active || !HasDialog)
            {
                return false;
            }
            Send(nowMs, false, body, contentType);
            return true;
        }

        public void Start(long nowMs)
        {
            HasDialog = false;
            Send(nowMs, true, null, null);
        }

        /// <summary>
        /// As <see cref="Start"/>, but the SUBSCRIBE goes out at the first <see cref="Tick"/> from
        /// <paramref name="dueMs"/> on (an owner pacing its subscriptions, <see cref="OneAtATime"/>).
        /// </summary>
        public void StartAt(long dueMs)
        {
            HasDialog = false;
            State = SubscriptionState.Waiting;
            SetDue(dueMs);
        }

        /// <summary>Refreshes now, inside the dialog when there is one (the server then sends the full state).</summary>
        public void Refresh(long nowMs)
        {
            if (State == SubscriptionState.Active)
            {
                Send(nowMs, !HasDialog, null, null);
            }
        }

        /// <summary>Unsubscribes (Expires: 0) when a dialog exists, and stops all timers.</summary>
        public void Stop()
        {
            if (HasDialog && State == SubscriptionState.Active)
            {
                Owner.Sender.SendSubscribe(this, false, 0);
            }
            HasDialog = false;
            State = SubscriptionState.Idle;
        }

        /// <summary>Final answer to our SUBSCRIBE; <paramref name="expiresSeconds"/> is the Expires granted (-1 absent).</summary>
        public void OnResponse(int status, int expiresSeconds, int minExpiresSeconds, long nowMs)
        {
            if (State != SubscriptionState.Sent)
            {
                return;
            }
            int asked = RequestedExpires;
            if (status >= 200 && status < 300)
            {
                HasDialog = true;
                Succeeded(expiresSeconds >= 0 ? expiresSeconds : asked, nowMs);
                return;
            }
            if (status == 423 && minExpiresSeconds > asked)
            {
                SetExpires(minExpiresSeconds);
                if (RequestedExpires > asked)
                {
                    Send(nowMs, !HasDialog, null, null);
                    return;
                }
            }
            if (status == 489)
            {
                // Bad Event: the server does not offer the package; asking again will not change that (RFC 6665 8.3.2).
                HasDialog = false;
                State = SubscriptionState.Refused;
                SetError("489");
                SetFailures(Failures + 1);
                return;
            }
            if (status == 481)
            {
                // The server forgot the dialog: start a new one, at once the first time.
                HasDialog = false;
            }
            Failed(status.ToString(), nowMs, status == 481 && Failures == 0);
        }

        /// <summary>
        /// A NOTIFY in this subscription, its Subscription-State read from <paramref name="notify"/> here ("active" when
        /// the header is missing): the header's strings exist only in this call, not under the owner's read of the body
        /// (docs/benchmarks.md, h-notifyflat). Returns the status to answer (200, or 481 once the phone has stopped the
        /// subscription); a terminated one leaves <see cref="HasDialog"/> false.
        /// </summary>
        public int OnNotify(SipMessage notify, long nowMs)
        {
            // The state judged on the received bytes (only "terminated" counts, SipMessage.Names), and only the parameter
            // its state reads: a terminated state's reason from the value's characters (only on the evaluation stack, not
            // in a local; such a state always has the header), any other state's expires in the bytes (ParamNumber), no
            // characters or string of the value. A BLF key's NOTIFY collected at its lowest under them on the 80,896-byte
            // board (12,252 B; docs/benchmarks.md margin2 and the lead's section of 2026-12-06 late).
            int line = notify.IndexOf(HeaderNames.SubscriptionStateKind, null, 0);
            return notify.Names(HeaderNames.SubscriptionStateKind, Terminated)
                ? OnNotify(Terminated, -1, HeaderParams.Get(null, "reason", notify.ValueChars(line)), nowMs)
                : OnNotify(null, notify.ParamNumber(line, "expires"), null, nowMs);
        }

        private const string Terminated = "terminated";

        /// <summary>
        /// A NOTIFY in this subscription: Subscription-State active|pending|terminated (lower case; null: not terminated)
        /// with its expires and reason. Returns the status to answer (200, or 481 once the phone has stopped the
        /// subscription).
        /// </summary>
        public int OnNotify(string subscriptionState, int expiresSeconds, string reason, long nowMs)
        {
            int state = State;
            if ((state & RunningMask) == 0)
            {
                return 481;
            }
            HasDialog = true;
            if (subscriptionState == Terminated)
            {
                HasDialog = false;
                bool retryAtOnce = reason == "deactivated" || reason == "timeout";
                bool giveUpLonger = reason == "rejected" || reason == "noresource" || reason == "giveup";
                if (giveUpLonger)
                {
                    SetRetryStep(LastRetryStep);
                }
                Failed("terminated" + (reason != null ? ";reason=" + reason : ""), nowMs, retryAtOnce);
                return 200;
            }
            if (state == SubscriptionState.Sent || state == SubscriptionState.Waiting || expiresSeconds >= 0)
            {
                Succeeded(expiresSeconds >= 0 ? expiresSeconds : RequestedExpires, nowMs);
            }
            return 200;
        }

        public void Tick(long nowMs)
        {
            int state = State;
            if ((state & RunningMask) == 0 || nowMs < DueMs)
            {
                return;
            }
            if (state == SubscriptionState.Sent)
            {
                Failed("no answer", nowMs, false);
                return;
            }
            Send(nowMs, !HasDialog, null, null);
        }

        /// <summary>When the next timer of this subscription fires (for the bench and for sleeping loops).</summary>
        // Shifts, not a 64-bit mask: each mask is 9 bytes of byte code in a Sip assembly at its table's limit.
        public long DueMs => (long)((ulong)_dueAndExpires << (64 - DueBits) >> (64 - DueBits));

        // Loop times are milliseconds since boot: 42 bits last 139 years.
        private void SetDue(long ms) => _dueAndExpires = _dueAndExpires >> DueBits << DueBits | (ms & DueMask);

        /// <summary>Asks the sender for a SUBSCRIBE, with <paramref name="body"/> or (a refresh, a retry) none.</summary>
        private void Send(long nowMs, bool newDialog, byte[] body, string contentType)
        {
            if (body != null)
            {
                _textOrBody = new PendingBody { Bytes = body, ContentType = contentType, Text = Text };
            }
            else
            {
                // A refresh or retry replaces a body not sent yet; the last failure stays for the bench.
                TakeBody();
            }
            State = SubscriptionState.Sent;
            SetDue(nowMs + AnswerTimeoutMs);
            Owner.Sender.SendSubscribe(this, newDialog, RequestedExpires);
        }

        private void Succeeded(int grantedSeconds, long nowMs)
        {
            State = SubscriptionState.Active;
            SetFailures(0);
            SetError(null);
            SetRetryStep(0);
            long granted = grantedSeconds * 1000L;
            long refreshIn = granted * RefreshPercent / 100;
            if (granted - refreshIn < RefreshMarginMs)
            {
                refreshIn = granted > RefreshMarginMs * 2 ? granted - RefreshMarginMs : granted / 2;
            }
            SetDue(nowMs + refreshIn);
        }

        private void Failed(string why, long nowMs, bool retryAtOnce)
        {
            State = SubscriptionState.Waiting;
            SetError(why);
            SetFailures(Failures + 1);
            int step = (Bits & RetryMask) >> RetryShift;
            SetDue(retryAtOnce ? nowMs : nowMs + (step >= LastRetryStep ? MaxRetryMs : FirstRetryMs << step));
            if (!retryAtOnce)
            {
                SetRetryStep(step + 1);
            }
        }

        /// <summary>Part <paramref name="n"/> of <see cref="Text"/>; null for an empty one.</summary>
        private string Part(int n) => LineParts.Part(Text, n);

        /// <summary>Replaces part <paramref name="n"/> of <see cref="Text"/> (null or empty: none).</summary>
        private void SetPart(int n, string value)
        {
            string text = Text;
            int start = LineParts.Start(text, n);
            Text = text.Substring(0, start) + value + text.Substring(text.IndexOf(End, start));
        }
    }
}
