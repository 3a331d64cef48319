using DeskPhone.Domain.Calls;
using DeskPhone.Domain.Settings;
using DeskPhone.Domain.Status;
using DeskPhone.Drivers.Audio;
using DeskPhone.Sip.Events;
using DeskPhone.Sip.Message;
using DeskPhone.Sip.Session;

namespace DeskPhone.Firmware.Completion
{
    /// <summary>
    /// Call back on busy and on no answer (RFC 6910 call completion, or the PBX's code), one request at a time: a
    /// failed call that offers completion (<see cref="SipCall.CompletionInfo"/>, or <c>call_completion_code</c> set
    /// and the call busy) is offered; accepted, the phone SUBSCRIBEs to the <c>call-completion</c> event at the
    /// Call-Info URI (or dials the code and the number), follows the NOTIFYs' <c>cc-state</c>, alerts when the callee is
    /// ready and, confirmed, calls the NOTIFY's <c>cc-URI</c>. The four call-completion statuses follow
    /// (docs/calls.md, "Call completion").
    /// </summary>
    // Its plain state (LastError, a report) is public fields, not properties: no accessor method in the runtime
    // tables, image and calls on the device (issue #17).
    public sealed partial class CallCompletion : INotifyConsumer
    {
        /// <summary>Requests held at once (a new failed call does not replace a running one); the events layer's dialogs it needs.</summary>
        public const int MaxRequests = 1;

        public const string EventPackage = "call-completion";
        public const string ContentType = "application/call-completion";

        /// <summary>How long a failed call's offer stays (PhoneKnowsCallCanBeCompleted) before it is forgotten.</summary>
        public const long OfferMs = 60000;

        /// <summary>The Expires of the SUBSCRIBE: the phone waits at most this long for the callee (refreshed before).</summary>
        public const int ExpiresSeconds = 3600;

        /// <summary>States, as the bench names them (<see cref="StateName"/>).</summary>
        public const int Idle = 0;
        public const int Offered = 1;
        public const int Requesting = 2;
        public const int Queued = 3;
        public const int Ready = 4;

        private readonly PhoneCalls _calls;
        private readonly Subscriptions _events;
        private readonly SettingsStore _settings;
        private readonly StatusScheduler _statuses;
        private readonly ToneSequencer _tones;

        private Subscription _subscription;
        private string _monitor;
        private string _ccUri;

        // Who the statuses name (the failed call's name or number, as the call screen showed it).
        private string _who;
        private long _offerEndsMs;
        private int _codeCall;
        private int _recall;

        public CallCompletion(PhoneCalls calls, Subscriptions events, SettingsStore settings, StatusScheduler statuses, ToneSequencer tones)
        {
            _calls = calls;
            _events = events;
            _settings = settings;
            _statuses = statuses;
            _tones = tones;
        }

        public int State { get; private set; }

        /// <summary>The failed call's remote URI (what the call back is about), null while idle.</summary>
        public string Remote { get; private set; }

        /// <summary>The failed call's other party as the screen names it (display name or number), null while idle.</summary>
        public string Who => State == Idle ? null : _who;

        /// <summary>The identity the failed call went out from.</summary>
        public int Identity { get; private set; }

        /// <summary>Why the last request ended without a call back (e.g. "refused (403)"), for the bench; null none.</summary>
        public string LastError;

        public static string StateName(int state)
        {
            switch (state)
            {
                case Offered: return "offered";
                case Requesting: return "requesting";
                case Queued: return "queued";
                case Ready: return "ready";
                default: return "idle";
            }
        }

        /// <summary>
        /// The user's yes, one step at a time: an offer becomes a request (SUBSCRIBE, or the code dialled); a ready callee
        /// is called. False and a reason when there is nothing to say yes to.
        /// </summary>
        public bool Accept(long nowMs, out string error)
        {
            error = null;
            if (State == Offered)
            {
                return Request(nowMs, out error);
            }
            if (State == Ready)
            {
                return Recall(nowMs, out error);
            }
            error = State == Idle ? "no call to call back" : "waiting for the callee (" + StateName(State) + ")";
            return false;
        }

        /// <summary>The user's no: an offer is forgotten, a request withdrawn (unSUBSCRIBE). False when idle.</summary>
        public bool Cancel(long nowMs)
        {
            if (State == Idle)
            {
                return false;
            }
            Reset(nowMs);
            return true;
        }

        /// <summary>Forgets an offer whose time is over and runs the subscription's timers; call every loop turn.</summary>
        public void Poll(long nowMs)
        {
            if (State == Offered && nowMs >= _offerEndsMs)
            {
                Reset(nowMs);
                return;
            }
            Subscription s = _subscription;
            if (s == null)
            {
                return;
            }
            s.Tick(nowMs);
            if (State == Requesting && s.State == SubscriptionState.Active)
            {
                // The 2xx came before any NOTIFY: the request is queued at the callee's side.
                Enter(Queued, nowMs);
            }
            else if (s.State == SubscriptionState.Refused || (s.State == SubscriptionState.Waiting && (State == Requesting || s.Failures >= 3)))
            {
                // Refused at once, or lost later and not regained: the request is over, and the user told why.
                Fail("Call back failed" + (s.LastError != null ? " (" + s.LastError + ")" : ""), nowMs);
            }
        }

        public ISubscribeSender Sender => _events;

        /// <summary>The start of this owner's chain: its one subscription (no field of its own, h-blfstate).</summary>
        public Subscription First
        {
            get => _subscription;
            set => _subscription = value;
        }

        public string AcceptOf(string eventPackage) => ContentType;

        /// <summary>
        /// A NOTIFY of the call-completion subscription: the body (<c>cc-state</c>, <c>cc-URI</c>) read first, so a bad
        /// one (400) or another type (415) changes nothing; queued waits, ready alerts, terminated ends the request.
        /// </summary>
        public int OnNotify(Subscription subscription, SipMessage m, long nowMs)
        {
            string ccState = null;
            string ccUri = null;
            if (m.BodyLength > 0)
            {
                if (m.ContentType != ContentType)
                {
                    return 415;
                }
                if (!ReadBody(m.Buffer, m.BodyOffset, m.BodyLength, out ccState, out ccUri))
                {
                    return 400;
                }
            }
            int status = subscription.OnNotify(m, nowMs);
            if (status != 200 || subscription != _subscription)
            {
                return status;
            }
            // A terminated Subscription-State ended the subscription's dialog (Subscription.OnNotify).
            if (!subscription.HasDialog)
            {
                // The monitor ended the request: a ready callee can still be called, anything else is over. Either way
                // the subscription is not started again.
                if (State == Ready)
                {
                    DropSubscription();
                }
                else
                {
                    string reason = HeaderParams.Get(m.GetHeader(HeaderNames.SubscriptionState), "reason");
                    Fail("Call back ended" + (reason != null ? " (" + reason + ")" : ""), nowMs);
                }
                return status;
            }
            if (ccUri != null)
            {
                _ccUri = ccUri;
            }
            if (ccState == "ready")
            {
                Enter(Ready, nowMs);
            }
            else if (State == Requesting || ccState == "queued")
            {
                Enter(Queued, nowMs);
            }
            return status;
        }

        /// <summary>
        /// A call changed (its owner, firmware/App/CallLayer, tells it from its one handler on the calls: no delegate of its
        /// own kept with the layer): a failed outgoing call may be offered, a dial replaces an offer, the code call and the
        /// recall end their steps.
        /// </summary>
        internal void OnCallChanged(SipCall call)
        {
            if (!call.Outgoing)
            {
                return;
            }
            long nowMs = call.State == SipCall.Ended ? call.EndedMs : call.StartedMs;
            if (call.State == SipCall.Dialing && State == Offered && call.Id != _codeCall && call.Id != _recall)
            {
                // The user called someone else: the offer of the call before is gone.
                Reset(nowMs);
                return;
            }
            if (call.State != SipCall.Ended)
            {
                return;
            }
            if (call.Id == _codeCall)
            {
                // The PBX took (or refused) the request in its code call; the phone has nothing more to follow.
                _codeCall = 0;
                Reset(nowMs);
                return;
            }
            if (call.Id == _recall)
            {
                _recall = 0;
            }
            if (State == Idle || State == Offered)
            {
                Offer(call, nowMs);
            }
        }

        /// <summary>A failed call with Call-Info purpose=call-completion, or busy with a code set, is offered.</summary>
        private void Offer(SipCall call, long nowMs)
        {
            if (call.ConnectedMs != 0 || call.EndStatus < 400)
            {
                return;
            }
            string monitor = MonitorUri(call.CompletionInfo);
            bool busy = call.EndStatus == 486 || call.EndStatus == 600;
            if (monitor == null && (!busy || _settings.Get(SettingNames.CallCompletionCode) == "" || call.RemoteUser == null))
            {
                return;
            }
            _monitor = monitor;
            Remote = call.RemoteUri;
            _who = CallNames.Remote(call);
            Identity = call.Identity;
            LastError = null;
            _offerEndsMs = nowMs + OfferMs;
            State = Offered;
            _statuses.Raise(StatusId.PhoneKnowsCallCanBeCompleted, _who, "callback", nowMs);
        }

        private bool Request(long nowMs, out string error)
        {
            error = null;
            _statuses.Clear(StatusId.PhoneKnowsCallCanBeCompleted, nowMs);
            // Before the code is dialled: that call's Dialing is not "the user called someone else".
            Enter(Requesting, nowMs);
            if (_monitor == null)
            {
                SipUri remote = SipUri.Parse(Remote);
                SipCall code = _calls.Dial(Identity, _settings.Get(SettingNames.CallCompletionCode) + (remote == null ? "" : remote.User), nowMs, out error);
                if (code == null)
                {
                    Reset(nowMs);
                    return false;
                }
                _codeCall = code.Id;
            }
            else
            {
                _subscription = new Subscription(this, EventPackage, _monitor, Identity, ExpiresSeconds);
                _subscription.Start(nowMs);
            }
            return true;
        }

        /// <summary>Calls the ready callee (the NOTIFY's cc-URI, else the failed call's address) and ends the request.</summary>
        private bool Recall(long nowMs, out string error)
        {
            SipCall call = _calls.Dial(Identity, _ccUri ?? Remote, nowMs, out error);
            if (call == null)
            {
                return false;
            }
            _recall = call.Id;
            // After the INVITE: the monitor knows the caller by the subscription until the recall reaches it.
            Reset(nowMs);
            return true;
        }

        /// <summary>Moves to a request state, with its one status raised and the others cleared.</summary>
        private void Enter(int state, long nowMs)
        {
            if (State == state)
            {
                return;
            }
            State = state;
            Show(StatusId.CallBackOnBusyInProgress, state == Requesting, nowMs);
            Show(StatusId.PhoneIsWaitingForCallCompletion, state == Queued, nowMs);
            Show(StatusId.CallBackOnBusyAvailable, state == Ready, nowMs);
            if (state == Ready && _tones != null)
            {
                _tones.Play(Tones.StatusIndication, nowMs);
            }
        }

        private void Show(int id, bool on, long nowMs)
        {
            if (on)
            {
                _statuses.Raise(id, _who, "callback", nowMs);
            }
            else
            {
                _statuses.Clear(id, nowMs);
            }
        }

        private void Fail(string why, long nowMs)
        {
            Reset(nowMs);
            LastError = why;
            _statuses.Clear(StatusId.StatusLineSystemMessage, nowMs);
            _statuses.Raise(StatusId.StatusLineSystemMessage, why, "callback", nowMs);
        }

        /// <summary>Back to idle: the subscription ended (unSUBSCRIBE when it has a dialog) and every status cleared.</summary>
        private void Reset(long nowMs)
        {
            DropSubscription();
            _monitor = null;
            _ccUri = null;
            Remote = null;
            Enter(Idle, nowMs);
            _statuses.Clear(StatusId.PhoneKnowsCallCanBeCompleted, nowMs);
        }

        /// <summary>Ends the subscription (unSUBSCRIBE while it has a dialog) and lets it go (out of the events layer's table).</summary>
        private void DropSubscription()
        {
            if (_subscription != null)
            {
                _subscription.Drop();
                _subscription = null;
            }
        }

        /// <summary>
        /// The URI to subscribe to from a Call-Info value <c>&lt;uri&gt;;purpose=call-completion;m=BS</c>: the URI, with
        /// the <c>m</c> parameter carried into it when it has none (RFC 6910 lets the monitor tell BS from NR); null
        /// without a sip: URI.
        /// </summary>
        public static string MonitorUri(string callInfo)
        {
            if (callInfo == null)
            {
                return null;
            }
            int open = callInfo.IndexOf('<');
            int close = callInfo.IndexOf('>');
            if (open < 0 || close < open + 5)
            {
                return null;
            }
            string uri = callInfo.Substring(open + 1, close - open - 1);
            if (!uri.StartsWith("sip:") && !uri.StartsWith("sips:"))
            {
                return null;
            }
            string m = HeaderParams.Get(callInfo.Substring(close + 1), "m");
            return m == null || m.Length == 0 || uri.IndexOf(";m=") >= 0 ? uri : uri + ";m=" + m;
        }
    }
}
