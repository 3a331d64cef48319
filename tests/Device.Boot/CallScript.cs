using System;
using DeskPhone.Media.Rtp;

namespace DeskPhone.Boot
{
    /// <summary>
    /// One incoming call in the interpreter (issue 18): an INVITE with an SDP offer (PCMU, telephone-event) from the
    /// registrar, the phone rings (180) and is answered as the call API does (<c>PhoneCalls.Answer</c>), the 200 carries
    /// the phone's SDP answer and is ACKed; RTP then flows both ways through <see cref="RecordingRtpChannel"/> each loop
    /// turn; the other side hangs up with BYE, which the phone answers 200.
    /// </summary>
    public static partial class BootProgram
    {
        private const string Offer = "v=0\r\no=- 1 1 IN IP4 10.0.0.7\r\ns=-\r\nc=IN IP4 10.0.0.7\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0 101\r\n" +
                                     "a=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n";

        internal static long NowMs => s_now;

        private static IRtpChannel NewRtpChannel() => new RecordingRtpChannel();

        // The called identity (the profiles' first: user 485 + identity, as the MESSAGEs').
        private const int CallIdentity = 1;
        private const string CallUri = "sip:486@" + PhoneAddress + ":5060";

        // What the BYE needs of the answered call's dialog, kept as numbers (no string of the script's is live while the
        // call runs: on the board the PBX is another machine, h-script): the INVITE's number (its Call-ID and the caller's
        // tag, CallIdOf and CallerOf) and the phone's To tag, hex digits as NewToken draws them (HexNumber: up to 15, their
        // count in the top 4 bits, so leading zeros are written again). The Contact URI is the phone's own for the
        // identity (checked on the 200).
        private static int s_callNumber;
        private static long s_callTag;

        private static string CallIdOf(int n) => "call-" + n.ToString() + "@" + Registrar;

        private static string CallerOf(int n) => "\"Caller\" <sip:555@" + Registrar + ">;tag=c" + n.ToString();

        /// <summary>The phone's Contact URI for the called identity (the BYE's and ACK's request URI).</summary>
        private static string PhoneTarget()
        {
            string contact = s_app.Agent.ContactOf(s_app.Agent.GetIdentity(CallIdentity));
            return contact.Substring(1, contact.IndexOf('>') - 1);
        }

        /// <summary>The INVITE's branch for call number <paramref name="n"/> (made again for its 180, 100 and 200).</summary>
        private static string CallBranch(int n) => "z9hG4bKcall" + n.ToString();

        /// <summary>
        /// The INVITE to the profiles' first identity, with its SDP offer, goes on the wire; keeps the call's number
        /// (s_callNumber). <see cref="Main"/> polls its turn (the INVITE's handling, under this frame and AnswerCall's
        /// before, was one of office's collections under 12 KB at the board's heap; h-harness), then <see cref="Rings"/>.
        /// </summary>
        private static void Invite()
        {
            string uri = CallUri;
            s_callNumber = ++s_branch;
            Deliver("INVITE " + uri + " SIP/2.0\r\nVia: SIP/2.0/UDP " + Registrar + ":5060;branch=" + CallBranch(s_callNumber) + "\r\nMax-Forwards: 70\r\n" +
                    "From: " + CallerOf(s_callNumber) + "\r\nTo: <" + uri + ">\r\nCall-ID: " + CallIdOf(s_callNumber) + "\r\nCSeq: 1 INVITE\r\nContact: <sip:555@" + Registrar +
                    ":5060>\r\nContent-Type: application/sdp\r\nContent-Length: " + Offer.Length.ToString() + "\r\n\r\n" + Offer);
        }

        /// <summary>
        /// After the INVITE's turn: checks the 180 (and takes the 100) and answers the presence PUBLISH the ringing call set
        /// off; false when the phone refused the call (counted). <see cref="Main"/> polls the PUBLISH answer's turn, then
        /// <see cref="AnswerRinging"/>.
        /// </summary>
        private static bool Rings()
        {
            string branch = CallBranch(s_callNumber);
            if (!Response(branch, 180))
            {
                // A call the phone has no heap for is refused (503 before the INVITE is parsed or for an identity not
                // taken on, or 486 when the call layer cannot be built): its answer, counted; anything else fails.
                int status = AnswerTo(branch);
                Check(status == Unparsed503 || status == 503 || status == 486, "the INVITE was answered " + status.ToString() +
                      ", expected 180 Ringing (or 503/486 when low on heap or to an identity not taken on)");
                Low(LowCalls, 1);
                return false;
            }
            // The 100 Trying taken too: the script's copy of it (264 B) stayed pending through the whole call.
            Response(branch, 100);
            branch = null;
            // The presence PUBLISH the ringing and the talking call set off is answered at once, as the PBX does at rest
            // (the figures would otherwise carry a transaction in flight and the script's copies of its retransmissions).
            AnswerPublishes();
            return true;
        }

        /// <summary>
        /// The ringing phone's step (it holds the INVITE's parse, the call layer and the call: the call's highest figure at
        /// rest), then the call is answered as the call API does, its 200 awaited. <see cref="Main"/> polls the answered
        /// call's first turn (its media started, the call screen's redraw), then <see cref="AckCall"/>.
        /// </summary>
        private static void AnswerRinging(LoadProfile p)
        {
            Step(p, "ringing");
            // The 200 awaited, its bytes kept: the phone's own array, which it keeps to send again until the ACK.
            s_wire.Await(-s_callNumber);
            lock (s_app.Gate)
            {
                Check(s_app.Calls.Answer(0, s_now), "the ringing call could not be answered");
            }
        }

        /// <summary>
        /// After the answered call's first turn: checks the 200 with the SDP answer (its Contact the identity's), read on
        /// the phone's bytes of it (<see cref="RecordingTransport.Kept"/>), keeps what the BYE needs as numbers (s_callTag)
        /// and delivers the ACK. <see cref="Main"/> polls the ACK's turns (the answered call's tightest moment), then
        /// <see cref="AnswerPublishes"/>.
        /// </summary>
        private static void AckCall()
        {
            byte[] ok = s_wire.Kept;
            Check(s_wire.AwaitedStatus == 200 && ok != null, "the answered call sent no 200 OK to the INVITE");
            s_wire.Await(0);
            Check(RecordingTransport.Holds(ok, "\r\nm=audio ") && RecordingTransport.Holds(ok, " RTP/AVP 0"), "the 200 OK carries no SDP answer with PCMU");
            string to = RecordingTransport.HeaderValue(ok, "To");
            string contact = RecordingTransport.HeaderValue(ok, "Contact");
            ok = null;
            string target = PhoneTarget();
            Check(contact == "<" + target + ">", "the 200 OK's Contact is " + contact + ", expected <" + target + ">");
            contact = null;
            int tag = to.IndexOf(";tag=") + 5;
            Check(tag > 4 && to.Substring(0, tag) == "<" + CallUri + ">;tag=", "the 200 OK's To is " + to);
            s_callTag = (long)(to.Length - tag) << 60 | HexNumber(to, tag, to.Length);
            Check(ToOfCall() == to, "the phone's To tag " + to.Substring(tag) + " is not hex digits as NewToken draws them");
            Deliver("ACK " + target + " SIP/2.0\r\nVia: SIP/2.0/UDP " + Registrar + ":5060;branch=z9hG4bKack" + (++s_branch).ToString() +
                    "\r\nMax-Forwards: 70\r\nFrom: " + CallerOf(s_callNumber) + "\r\nTo: " + to + "\r\nCall-ID: " + CallIdOf(s_callNumber) +
                    "\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n");
        }

        /// <summary>The answered call's To, with the phone's tag written again from s_callTag (its count of digits, leading zeros kept).</summary>
        private static string ToOfCall() => "<" + CallUri + ">;tag=" + HexDigits(s_callTag & 0x0FFFFFFFFFFFFFFFL, (int)(s_callTag >> 60 & 15));

        /// <summary>
        /// The other side hangs up: BYE in the call's dialog (<see cref="Invite"/>, its strings made again here), its
        /// answer awaited (noted as the phone sends it, <see cref="RecordingTransport.AwaitedStatus"/>: the script's copy
        /// of it was live under the idle screen's redraw after the call, office's lowest collection at the board's heap;
        /// h-harness). <see cref="Main"/> polls the BYE's turns, then <see cref="CallEnded"/>.
        /// </summary>
        private static void HangUp()
        {
            string branch = "z9hG4bKbye" + (++s_branch).ToString();
            s_wire.Await(s_branch);
            Deliver("BYE " + PhoneTarget() + " SIP/2.0\r\nVia: SIP/2.0/UDP " + Registrar + ":5060;branch=" + branch + "\r\nMax-Forwards: 70\r\n" +
                    "From: " + CallerOf(s_callNumber) + "\r\nTo: " + ToOfCall() + "\r\nCall-ID: " + CallIdOf(s_callNumber) +
                    "\r\nCSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n");
        }

        /// <summary>
        /// What the phone's screen shows at call-3s, read from its model as the bench's /api/screen writes it (from the
        /// call screen's first row, "[call] ..."), whether it is drawn (no region waits for a redraw that found no heap)
        /// and the redraws that ran out of heap so far: "load profile=P screen='[call] ... Connected: ...' drawn=yes
        /// failed-redraws=N". run.sh fails when a profile of $BOOT_MUST_DRAW_CALL has not drawn it by then at the board's
        /// heap (issue #18: there the ringing screen stayed on the glass for the whole call).
        /// </summary>
        private static void CallScreen(LoadProfile p)
        {
            bool drawn = s_app.Idle.Dirty == 0;
            string text = s_app.Text.GetScreenText();
            int at = text.IndexOf("[call]");
            int end = text.IndexOf("[softkey");
            char[] rows = (at < 0 ? "" : text.Substring(at, (end < 0 ? text.Length : end) - at).Trim()).ToCharArray();
            for (int i = 0; i < rows.Length; i++)
            {
                rows[i] = rows[i] == '\n' ? '|' : rows[i];
            }
            string shown = new string(rows);
            Console.WriteLine("load profile=" + p.Name + " screen='" + shown + "' drawn=" + (drawn ? "yes" : "no") + " failed-redraws=" +
                              s_app.Screen.FailedRedraws.ToString());
        }

        /// <summary>The loop's turns after the BYE's before <see cref="CallEnded"/> (500 ms), polled from <see cref="Main"/>.</summary>
        private const int CallEndTurns = 500 / TurnMs;

        /// <summary>The BYE (<paramref name="status"/>: its answer's, noted as the phone sent it) must be answered 200 and, <see cref="CallEndTurns"/> turns
        /// later, have ended the call; its step.</summary>
        private static void CallEnded(LoadProfile p, int status)
        {
            Check(status == 200, "the BYE was not answered 200 (" + status.ToString() + ")");
            Check(!s_app.Calls.InCall, "the call did not end after the BYE");
            Console.WriteLine("load profile=" + p.Name + " call ended rtp-sent=" + RecordingRtpChannel.Sent.ToString() + " rtp-received=" + RecordingRtpChannel.Received.ToString() +
                              " at t=" + s_now.ToString() + "ms");
            Step(p, "call-ended");
        }

        /// <summary>
        /// Takes the phone's answer with this status to the request with this branch, read on its bytes (the script's
        /// string of it, and its chars on the way, ran out beside the answered call on the board's heap, h-callfit3); false
        /// when there is none.
        /// </summary>
        private static bool Response(string branch, int status)
        {
            string start = "SIP/2.0 " + status.ToString() + " ";
            for (int i = 0; i < s_wire.Pending; i++)
            {
                if (s_wire.Starts(i, start) && s_wire.Holds(i, branch))
                {
                    s_wire.RemoveAt(i);
                    return true;
                }
            }
            return false;
        }
    }
}
