using DeskPhone.Sip.Message;
using DeskPhone.Sip.Text;
using DeskPhone.Sip.Transaction;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Sip.Session
{
    /// <summary>
    /// One call of the phone: its INVITE session and dialog (RFC 3261 12-14: Call-ID, tags, CSeq, remote target, route
    /// set), what the phone shows of it (remote party, times, how it ended) and the media the offer/answer agreed
    /// on. <see cref="CallSessions"/> owns the SIP side; the firmware reads the public part.
    /// Its plain state (ConnectedMs, EndedMs, EndReason, MediaAddress, MediaPort, CallId) is public fields, not
    /// properties: no accessor method in the runtime tables, image and calls on the device (issue #17). What is packed
    /// into another field or read from one (Identity, EndStatus, LocalMediaPort, RemoteUri, RemoteName, RemoteUser) is
    /// a property: 12 B less a call each, and the strings read from another not kept (h-sipcall).
    /// </summary>
    public sealed class SipCall
    {
        /// <summary>Outgoing: the INVITE is out, nothing but 100 came back yet.</summary>
        public const int Dialing = 0;

        /// <summary>Outgoing: the other side rings (a 1xx other than 100).</summary>
        public const int Ringing = 1;

        /// <summary>Incoming: the phone rings (180 sent).</summary>
        public const int Alerting = 2;

        /// <summary>Answered (2xx sent or received): the dialog is confirmed.</summary>
        public const int Connected = 3;

        public const int Ended = 4;

        /// <summary>The largest route set kept from Record-Route (more entries are a broken peer: the call is refused with 400).</summary>
        public const int MaxRoutes = 8;

        // The call's yes/no state, one bit each (an object field costs 12 B on nanoCLR, a call had fifteen of them). The
        // public ones are properties; CallSessions reads and sets the others with Flag and SetFlag (a property each
        // cost about 60 B of image).
        private const int OutgoingBit = 1;
        private const int HeldBit = 2;
        private const int RemoteHeldBit = 4;
        private const int AnonymousBit = 8;
        private const int EarlyMediaBit = 16;

        // A re-INVITE of the phone's own (hold or resume) in flight, and what it asks (hold: set).
        internal const int ReinvitingBit = 32;
        internal const int PendingHoldBit = 64;

        // Incoming: the 2xx is retransmitted until the ACK (RFC 3261 13.3.1.4).
        internal const int AwaitingAckBit = 128;

        // Outgoing: the INVITE went again with credentials; a CANCEL was asked for, and sent.
        internal const int AuthenticatedBit = 256;
        internal const int CancelRequestedBit = 512;
        internal const int CancelSentBit = 1024;

        // A re-INVITE without SDP: the phone offered in its 200, the answer comes in the ACK (RFC 3264 4, RFC 3261 14.2).
        internal const int OfferInOkBit = 2048;

        // Session timer (RFC 4028): the phone is the refresher; the peer supports the timer, and UPDATE.
        internal const int RefresherBit = 4096;
        internal const int PeerTimerBit = 8192;
        internal const int PeerUpdateBit = 16384;

        // Outgoing: a reliable provisional (RFC 3262) carried the answer to the INVITE's offer, so the early dialog's
        // offer/answer is complete and an UPDATE may offer in it (RFC 3311 5.1).
        internal const int ReliableAnswerBit = 32768;

        // Incoming: the INVITE required 100rel; its 180 is retransmitted until the PRACK (RFC 3262 3).
        internal const int ReliableBit = 65536;
        internal const int AwaitingPrackBit = 131072;
        internal const int HungUpBit = 262144; // a BYE came: the call ends after its packet (CallSessions.AfterPacket)

        // Above the bits: the direction of the phone's last SDP (3 bits, SdpDirection) and the status that ended the call
        // (10 bits, EndStatus), not fields of their own (12 B each a call, h-sipcall).
        private const int DirectionShift = 18;
        private const int EndStatusShift = 21;

        private int _flags;

        // State, Codec, TelephoneEvent and Identity, one byte each (+1, so that -1 is 0): a byte holds each one's range.
        private int _small;

        // What only some calls have (a transfer, a referral, a refused call's texts, a session timer ...): made by the
        // first of it that is set, null in a plain call.
        private SipCallExtras _extras;

        public SipCall(int id, int identity, bool outgoing, long nowMs)
        {
            Id = id;
            SetSmall(24, identity);
            _flags = outgoing ? OutgoingBit : 0;
            StartedMs = nowMs;
            State = Dialing;
            Codec = -1;
            TelephoneEvent = -1;
        }

        internal bool Flag(int bit) => (_flags & bit) != 0;

        internal void SetFlag(int bit, bool on)
        {
            _flags = on ? _flags | bit : _flags & ~bit;
        }

        private int Small(int shift) => ((_small >> shift) & 0xFF) - 1;

        private void SetSmall(int shift, int value)
        {
            _small = (_small & ~(0xFF << shift)) | (((value + 1) & 0xFF) << shift);
        }

        internal SipCallExtras Extras => _extras ?? (_extras = new SipCallExtras());

        // The extras' values by slot (SipCallExtras' constants): one getter and setter for them all, where twenty
        // properties each repeated the same null check (DeskPhone.Sip's byte code, h-callthrough). A value other than
        // null or 0 makes the extras.
        private object Ref(int slot) => _extras == null ? null : _extras.Refs[slot];

        private void SetRef(int slot, object value)
        {
            if (value != null || _extras != null)
            {
                Extras.Refs[slot] = value;
            }
        }

        private long Number(int slot) => _extras == null ? 0 : _extras.Numbers[slot];

        private void SetNumber(int slot, long value)
        {
            if (value != 0 || _extras != null)
            {
                Extras.Numbers[slot] = value;
            }
        }

        /// <summary>Unique within this run (the bench's call id).</summary>
        public readonly int Id;
        // The identity (its index, -1 none) in _small's top byte: a field of its own was 12 B a call (h-sipcall).
        public int Identity => Small(24);
        public bool Outgoing => Flag(OutgoingBit);

        public int State
        {
            get => Small(0);
            internal set => SetSmall(0, value);
        }

        /// <summary>
        /// The other party's URI (From of an incoming call, the dialled target of an outgoing one), or null: read from
        /// <see cref="RemoteHeader"/>, which holds it in angle brackets (a copy when asked: the screen, the call lists,
        /// the bench; its string and field, 48 B a call, h-sipcall). Searched in the header's characters (the last '&lt;',
        /// after a quoted name that may hold one), not with the string's searches: nanoCLR's are wrong after non-ASCII
        /// text, a caller named "Müller" (docs/device-tests.md).
        /// </summary>
        public string RemoteUri
        {
            get
            {
                if (RemoteHeader == null)
                {
                    return null;
                }
                char[] h = RemoteHeader.ToCharArray();
                int lt = h.Length - 1;
                while (lt >= 0 && h[lt] != '<')
                {
                    lt--;
                }
                int gt = lt < 0 ? -1 : ByteSearch.IndexOf(h, CharSearch.Greater, lt, h.Length);
                return gt < 0 ? null : new string(h, lt + 1, gt - lt - 1);
            }
        }

        /// <summary>
        /// The other party's display name, or null (never empty): read from <see cref="RemoteHeader"/>, which starts with
        /// it as a quoted string (<see cref="TakeRemoteHeader"/>), in the header's characters (36 B a call, h-sipcall,
        /// h-sipcall2). A copy each time: read it once where it is shown (CallNames.Remote).
        /// </summary>
        public string RemoteName
        {
            get
            {
                char[] h = RemoteHeader == null ? null : RemoteHeader.ToCharArray();
                return h == null || h.Length < 2 || h[0] != '"' || h[1] == '"' ? null : QuotedString.Read(h, 0, h.Length, out _);
            }
        }

        /// <summary>
        /// The user part of <see cref="RemoteUri"/> (the number), or null: read from the URI when asked (the screen and
        /// the bench, not per packet), not kept beside it for the whole call (its string and field, 36 B, h-sipcall).
        /// The URI read once (Parse takes a null one): not the header's copy twice.
        /// </summary>
        public string RemoteUser => SipUri.Parse(RemoteUri)?.User;

        public readonly long StartedMs;
        public long ConnectedMs;
        public long EndedMs;

        /// <summary>The status that ended the call (200 for a BYE either way, 487 cancelled, 486 busy, 408 no answer ...).</summary>
        public int EndStatus
        {
            get => (_flags >> EndStatusShift) & 0x3FF;
            internal set => _flags = (_flags & ~(0x3FF << EndStatusShift)) | ((value & 0x3FF) << EndStatusShift);
        }

        /// <summary>Why it ended, for people: "hung up", "remote hung up", "cancelled", the peer's reason phrase.</summary>
        public string EndReason;

        /// <summary>The <see cref="EndReason"/> of a ringing call another device took: its CANCEL said "Call completed elsewhere" (RFC 3326).</summary>
        public const string AnsweredElsewhere = "answered elsewhere";

        /// <summary>The warn-text of a Warning header (RFC 3261 20.43) in the final answer that refused the call, or null.</summary>
        public string Warning
        {
            get => (string)Ref(SipCallExtras.Warning);
            internal set => SetRef(SipCallExtras.Warning, value);
        }

        /// <summary>
        /// The <c>Call-Info</c> value with <c>purpose=call-completion</c> (RFC 6910) of the last answer to the phone's
        /// INVITE that carried one (a 486, or the 180 of a call that then went unanswered), or null.
        /// </summary>
        public string CompletionInfo
        {
            get => (string)Ref(SipCallExtras.CompletionInfo);
            internal set => SetRef(SipCallExtras.CompletionInfo, value);
        }

        /// <summary>Who transferred an incoming call here (its INVITE's Referred-By, RFC 3892: display name, else user), or null.</summary>
        public string ReferredBy
        {
            get => (string)Ref(SipCallExtras.ReferredBy);
            internal set => SetRef(SipCallExtras.ReferredBy, value);
        }

        /// <summary>Where the other side wants its audio (from its SDP), its port, the agreed codec (-1 while none).</summary>
        public string MediaAddress;
        public int MediaPort;

        public int Codec
        {
            get => Small(8);
            internal set => SetSmall(8, value);
        }

        public int TelephoneEvent
        {
            get => Small(16);
            internal set => SetSmall(16, value);
        }

        /// <summary>The phone put the call on hold (its re-INVITE with sendonly was accepted).</summary>
        public bool Held
        {
            get => Flag(HeldBit);
            internal set => SetFlag(HeldBit, value);
        }

        /// <summary>The other side put the call on hold (its offer said sendonly or inactive).</summary>
        public bool RemoteHeld
        {
            get => Flag(RemoteHeldBit);
            internal set => SetFlag(RemoteHeldBit, value);
        }

        /// <summary>A text the phone shows with this call (a MESSAGE in the call's dialog), or null.</summary>
        public string Note
        {
            get => (string)Ref(SipCallExtras.Note);
            set => SetRef(SipCallExtras.Note, value);
        }

        /// <summary>The phone's own RTP port for this call (SdpMedia's top half: a field of its own was 12 B a call).</summary>
        public int LocalMediaPort
        {
            get => (SdpMedia >> 16) & 0xFFFF;
        }

        public string CallId;

        // The From/To values of the two ends as this side writes them in its requests, each ending with its tag (";tag="
        // and the token) when it has one: the phone's own as it wrote it, the other side's as its URI and tag (RFC 3261
        // 12.2.1.1: a dialog's remote URI and tag; TakeRemoteHeader). The tags are read from there (TagOf), not kept
        // beside them (two strings and fields, 72 B a call, h-sipcall).
        internal string LocalHeader;
        internal string RemoteHeader;

        private const string TagParam = ";tag=";

        /// <summary>
        /// Sets the other side's header as the dialog keeps it: its display name as a quoted string (a '"' or '\\' in it
        /// escaped, RFC 3261 25.1), the URI in angle brackets and the tag, if any.
        /// </summary>
        internal void TakeRemoteHeader(string name, string uri, string tag)
        {
            string header = "<" + uri + ">";
            if (name != null && name.Length > 0)
            {
                header = Quoted(name.ToCharArray()) + " " + header;
            }
            RemoteHeader = tag == null ? header : header + TagParam + tag;
        }

        // The name as a quoted string, read back whole by RemoteName (QuotedString.Read drops the backslashes).
        private static string Quoted(char[] name)
        {
            char[] q = new char[2 * name.Length + 2];
            int n = 0;
            q[n++] = '"';
            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                if (c == '"' || c == '\\')
                {
                    q[n++] = '\\';
                }
                q[n++] = c;
            }
            q[n++] = '"';
            return new string(q, 0, n);
        }

        /// <summary>
        /// The tag a header of the call (LocalHeader, RemoteHeader) ends with, or null when it has none: after its last
        /// ';' (a tag has none), when that is ";tag=" and no '&gt;' follows (a URI's parameter). A copy, found in the
        /// header's characters (nanoCLR's string searches are wrong after non-ASCII text, docs/device-tests.md); read for
        /// an in-dialog request only once its Call-ID is the call's, a Replaces, a response's To: not per packet.
        /// </summary>
        internal static string TagOf(string header)
        {
            if (header == null)
            {
                return null;
            }
            char[] h = header.ToCharArray();
            int at = h.Length - 1;
            while (at >= 0 && h[at] != ';' && h[at] != '>')
            {
                at--;
            }
            return at < 0 || h[at] != ';' || h.Length < at + 5 || h[at + 1] != 't' || h[at + 2] != 'a' || h[at + 3] != 'g' ||
                h[at + 4] != '=' ? null : new string(h, at + 5, h.Length - at - 5);
        }

        /// <summary>Placed without the caller's identity (RFC 3323 anonymous From, Privacy: id).</summary>
        public bool Anonymous
        {
            get => Flag(AnonymousBit);
            internal set => SetFlag(AnonymousBit, value);
        }

        internal string RemoteTarget;
        internal string[] Routes;
        internal long LocalCSeq;
        internal long RemoteCSeq;
        internal long SdpVersion;

        // The phone's last SDP for this call as what it is written from (Sdp.Describe: the host, the media port, the
        // codec and telephone-event offered, the direction; SdpDirection null: none yet), written again where it is
        // sent (CallSessions.LocalSdp) instead of keeping its ~220 bytes for the whole call. Its o= session id is
        // StartedMs + 1, written from that (a field of its own was 12 B a call, h-callobj).
        internal string SdpHost;

        // Its direction as a number in _flags: 0 none yet, 1 sendrecv, 2 sendonly, 3 recvonly, 4 inactive.
        internal string SdpDirection
        {
            get
            {
                // One expression, not a switch of returns: less byte code (Sip's, h-sipmargin).
                int n = (_flags >> DirectionShift) & 7;
                return n == 1 ? Sdp.SendRecv : n == 2 ? Sdp.SendOnly : n == 3 ? Sdp.RecvOnly : n == 4 ? Sdp.Inactive : null;
            }
            set
            {
                int n = value == null ? 0 : value == Sdp.SendRecv ? 1 : value == Sdp.SendOnly ? 2 : value == Sdp.RecvOnly ? 3 : 4;
                _flags = (_flags & ~(7 << DirectionShift)) | (n << DirectionShift);
            }
        }

        // The codec and telephone-event (a byte each, +1) and, above them, the phone's RTP port (LocalMediaPort).
        internal int SdpMedia;

        // When the phone's refused re-INVITE (491) goes again.
        internal long RetryAt
        {
            get => Number(SipCallExtras.RetryAt);
            set => SetNumber(SipCallExtras.RetryAt, value);
        }

        // Incoming: a copy of the INVITE (its responses are written from it), its branch, the last response sent and
        // the 2xx retransmissions until the ACK (RFC 3261 13.3.1.4): when it goes next and when it gives up (the
        // interval, doubling from T1 up to T2, follows from the two: CallSessions.Poll; h-callobj).
        internal SipPacket Invite;
        internal string InviteBranch;
        internal byte[] LastResponse;
        // The two in one field (12 B less a call, h-sipcall; CallSessions.Poll): the deadline above 16 bits, below them when
        // the next copy goes, counted from the first copy (deadline - 64 T1; at most 64 T1 + T2 = 36,000 ms).
        internal long OkTimes;

        // Outgoing: the INVITE transaction, its Request-URI (for CANCEL and the auth retry; its top Via is written again
        // from InviteBranch), the next hop.
        internal InviteClientTransaction Transaction;
        internal string RequestUri;
        internal string HopAddress;
        internal int HopPort;
        internal int Redirects
        {
            get => (int)Number(SipCallExtras.Redirects);
            set => SetNumber(SipCallExtras.Redirects, value);
        }

        /// <summary>
        /// The user hung up an outgoing call that has not rung yet: the CANCEL waits for a provisional (RFC 3261 9.1),
        /// the call ends with its 487 (or Timer B).
        /// </summary>
        public bool Cancelling => Flag(CancelRequestedBit) && State < Alerting;

        /// <summary>DTMF keys the other side sent in this call (RFC 4733 or SIP INFO), the newest 16, for the call screen; null: none.</summary>
        public string ReceivedDigits
        {
            get => (string)Ref(SipCallExtras.ReceivedDigits);
            set => SetRef(SipCallExtras.ReceivedDigits, value);
        }

        /// <summary>The user hung up this outgoing call before it was answered (a CANCEL was asked for), in any state.</summary>
        public bool CancelAsked => Flag(CancelRequestedBit);
        internal byte[] Ack;

        // The transport of the phone's requests in the dialog: null for UDP (the agent's), else the connection an
        // incoming INVITE came on (ConnectionTransport), or for a call placed by an identity over TCP its transport.
        internal ISipTransport Transport;

        /// <summary>
        /// Outgoing: the media comes from a provisional answer's SDP (a 180 or 183 with a body, RFC 3261 13.2.1): the
        /// phone plays the network's audio instead of its own ringback.
        /// </summary>
        public bool EarlyMedia
        {
            get => Flag(EarlyMediaBit);
            internal set => SetFlag(EarlyMediaBit, value);
        }

        // Outgoing, forking (RFC 3261 12.1.2, 13.2.2.4): the To tags of the early dialogs (1xx with a tag), at most
        // MaxEarlyDialogs, dropped when one answers; the tags of other branches' 2xx the phone acknowledged and ended.
        internal string[] EarlyTags;

        internal string[] ClosedForks
        {
            get => (string[])Ref(SipCallExtras.ClosedForks);
            set => SetRef(SipCallExtras.ClosedForks, value);
        }

        /// <summary>The early dialogs of an outgoing call still ringing: one per fork that sent a 1xx with a To tag.</summary>
        public int EarlyDialogs
        {
            get
            {
                int n = 0;
                for (int i = 0; EarlyTags != null && i < EarlyTags.Length; i++)
                {
                    if (EarlyTags[i] != null)
                    {
                        n++;
                    }
                }
                return n;
            }
        }

        /// <summary>The largest number of early dialogs (forks) remembered per outgoing call; more still get their 2xx ended.</summary>
        public const int MaxEarlyDialogs = 4;

        // The branch of the last UPDATE answered 200, so that its retransmission gets the answer again (CallSessions.Update.cs).
        internal string UpdateBranch
        {
            get => (string)Ref(SipCallExtras.UpdateBranch);
            set => SetRef(SipCallExtras.UpdateBranch, value);
        }

        // Session timer (RFC 4028): the interval in seconds (0: none), when the phone refreshes (RefreshAt) or, not
        // refreshing, gives up with BYE (ExpireAt), the smallest interval the peer takes (422's Min-SE).
        internal int SessionExpires
        {
            get => (int)Number(SipCallExtras.SessionExpires);
            set => SetNumber(SipCallExtras.SessionExpires, value);
        }

        internal long RefreshAt
        {
            get => Number(SipCallExtras.RefreshAt);
            set => SetNumber(SipCallExtras.RefreshAt, value);
        }

        internal long ExpireAt
        {
            get => Number(SipCallExtras.ExpireAt);
            set => SetNumber(SipCallExtras.ExpireAt, value);
        }

        internal int MinSe
        {
            get => (int)Number(SipCallExtras.MinSe);
            set => SetNumber(SipCallExtras.MinSe, value);
        }

        /// <summary>
        /// The phone's transfer of this call (REFER): 0 none, <see cref="CallSessions.TransferPending"/> while it waits
        /// for the outcome, then the final status (2xx transferred; else why it failed).
        /// </summary>
        public int TransferStatus
        {
            get => (int)Number(SipCallExtras.TransferStatus);
            internal set => SetNumber(SipCallExtras.TransferStatus, value);
        }

        // Transfer: when a pending one gives up, the consultation call that ends with it (attended), the call whose REFER
        // this call was placed for and the last status NOTIFYed to it, the Replaces header of the phone's INVITE.
        internal long TransferDeadline
        {
            get => Number(SipCallExtras.TransferDeadline);
            set => SetNumber(SipCallExtras.TransferDeadline, value);
        }

        internal SipCall Consult
        {
            get => (SipCall)Ref(SipCallExtras.Consult);
            set => SetRef(SipCallExtras.Consult, value);
        }

        internal SipCall ReferredFrom
        {
            get => (SipCall)Ref(SipCallExtras.ReferredFrom);
            set => SetRef(SipCallExtras.ReferredFrom, value);
        }

        internal int ReferNotified
        {
            get => (int)Number(SipCallExtras.ReferNotified);
            set => SetNumber(SipCallExtras.ReferNotified, value);
        }

        internal string Replaces
        {
            get => (string)Ref(SipCallExtras.Replaces);
            set => SetRef(SipCallExtras.Replaces, value);
        }

        // A call placed for a REFER: the REFER's Referred-By, copied into its INVITE and the INVITE resent after a 401/407 (RFC 3892 3).
        internal string ReferredByHeader
        {
            get => (string)Ref(SipCallExtras.ReferredByHeader);
            set => SetRef(SipCallExtras.ReferredByHeader, value);
        }

        /// <summary>Seconds connected (0 before the answer).</summary>
        public int DurationSeconds(long nowMs) =>
            ConnectedMs == 0 ? 0 : (int)(((EndedMs != 0 ? EndedMs : nowMs) - ConnectedMs) / 1000);

        /// <summary>Drops what only the SIP side of a live call needs (an ended call may stay in a list).</summary>
        internal void Release()
        {
            Invite = null;
            LastResponse = null;
            Transaction = null;
            Routes = null;
            SdpHost = null;
            SdpDirection = null;
            Ack = null;
            SetFlag(AwaitingAckBit, false);
            EarlyTags = null;
            ClosedForks = null;
            // ReferredFrom stays: the referrer hears of the end after this (CallSessions.ReportReferral).
            Consult = null;
        }
    }
}
