using System;
using System.Collections;
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

        /// <summary>The calls' media channels the phone made (RTP and RTCP per session), for the RTP figures.</summary>
        private static ArrayList s_rtp;

        internal static long NowMs => s_now;

        private static IRtpChannel NewRtpChannel()
        {
            var channel = new RecordingRtpChannel();
            s_rtp.Add(channel);
            return channel;
        }

        /// <summary>RTP datagrams the phone sent and received on all its media ports so far.</summary>
        private static void RtpCounts(out int sent, out int received)
        {
            sent = 0;
            received = 0;
            for (int i = 0; i < s_rtp.Count; i++)
            {
                var channel = (RecordingRtpChannel)s_rtp[i];
                sent += channel.Sent;
                received += channel.Received;
            }
        }

        /// <summary>
        /// The INVITE to <paramref name="user"/> arrives, the phone rings (a step of <paramref name="p"/>) and is answered;
        /// checks the 180 and the 200 with the SDP answer, ACKs it. Returns what the BYE needs: Call-ID, From, To (with the phone's
        /// tag), Contact URI (the strings themselves, not joined and split again: the script's copies share the board's heap).
        /// </summary>
        private static string[] AnswerCall(LoadProfile p, string user)
        {
            string uri = "sip:" + user + "@" + PhoneAddress + ":5060";
            string branch = "z9hG4bKcall" + (++s_branch).ToString();
            string callId = "call-" + s_branch.ToString() + "@" + Registrar;
            string from = "\"Caller\" <sip:555@" + Registrar + ">;tag=c" + s_branch.ToString();
            Deliver("INVITE " + uri + " SIP/2.0\r\nVia: SIP/2.0/UDP " + Registrar + ":5060;branch=" + branch + "\r\nMax-Forwards: 70\r\n" +
                    "From: " + from + "\r\nTo: <" + uri + ">\r\nCall-ID: " + callId + "\r\nCSeq: 1 INVITE\r\nContact: <sip:555@" + Registrar +
                    ":5060>\r\nContent-Type: application/sdp\r\nContent-Length: " + Offer.Length.ToString() + "\r\n\r\n" + Offer);
            // The script's strings each go once used: they share the board's heap with the answered call's ACK and BYE.
            uri = null;
            Run(TurnMs);
            if (!Response(branch, 180, false, out _, out _))
            {
                // A call the phone has no heap for is refused (503 before the INVITE is parsed or for an identity not
                // taken on, or 486 when the call layer cannot be built): its answer, counted; anything else fails.
                int status = AnswerTo(branch);
                Check(status == Unparsed503 || status == 503 || status == 486, "the INVITE was answered " + status.ToString() +
                      ", expected 180 Ringing (or 503/486 when low on heap or to an identity not taken on)");
                Low(LowCalls, 1);
                return null;
            }
            // The 100 Trying taken too: the script's copy of it (264 B) stayed pending through the whole call.
            Response(branch, 100, false, out _, out _);
            // The presence PUBLISH the ringing and the talking call set off is answered at once, as the PBX does at rest
            // (the figures would otherwise carry a transaction in flight and the script's copies of its retransmissions).
            AnswerPublishes();
            Run(TurnMs);
            // The ringing phone holds the INVITE's parse, the call layer and the call: the call's highest figure at rest.
            Step(p, "ringing");

            lock (s_app.Gate)
            {
                Check(s_app.Calls.Answer(0, s_now), "the ringing call could not be answered");
            }
            // Run(TurnMs) written out, as the ACK's turn below: the answered call's first turn (its media just started, the
            // call screen's redraw) is polled from this frame (under Run it ran out in the office profile at the board's heap).
            s_now += TurnMs;
            s_wire.Receive();
            s_app.Poll(s_now);
            Check(Response(branch, 200, true, out string to, out string contact), "the answered call sent no 200 OK to the INVITE");
            string target = contact.Substring(contact.IndexOf('<') + 1, contact.IndexOf('>') - contact.IndexOf('<') - 1);
            contact = null;
            branch = null;

            Deliver("ACK " + target + " SIP/2.0\r\nVia: SIP/2.0/UDP " + Registrar + ":5060;branch=z9hG4bKack" + (++s_branch).ToString() +
                    "\r\nMax-Forwards: 70\r\nFrom: " + from + "\r\nTo: " + to + "\r\nCall-ID: " + callId + "\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n");
            // Run(TurnMs) written out, as RunProfile's REGISTER turn: the phone is polled from this frame, as the board's
            // Main polls it from its own (one frame less under the ACK's handling, the answered call's tightest moment).
            for (int turn = 0; turn == 0 || (s_wire.Queued > 0 && turn < 200); turn++)
            {
                s_now += TurnMs;
                s_wire.Receive();
                s_app.Poll(s_now);
            }
            AnswerPublishes();
            return new string[] { callId, from, to, target };
        }

        /// <summary>
        /// The other side hangs up: BYE in the call's dialog (<see cref="AnswerCall"/>); returns its branch. The caller
        /// polls the phone from its own frame (one frame less under the BYE's handling), then <see cref="CallEnded"/>.
        /// </summary>
        private static string HangUp(string[] parts)
        {
            string branch = "z9hG4bKbye" + (++s_branch).ToString();
            Deliver("BYE " + parts[3] + " SIP/2.0\r\nVia: SIP/2.0/UDP " + Registrar + ":5060;branch=" + branch + "\r\nMax-Forwards: 70\r\n" +
                    "From: " + parts[1] + "\r\nTo: " + parts[2] + "\r\nCall-ID: " + parts[0] + "\r\nCSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n");
            // The dialog's strings go once the BYE is written: the script's copies share the heap with the BYE's handling.
            System.Array.Clear(parts, 0, parts.Length);
            return branch;
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

        /// <summary>The BYE (branch <paramref name="bye"/>) must be answered 200 and end the call; its step.</summary>
        private static void CallEnded(LoadProfile p, string bye)
        {
            Check(Response(bye, 200, false, out _, out _), "the BYE was not answered 200");
            Run(500);
            Check(!s_app.Calls.InCall, "the call did not end after the BYE");
            RtpCounts(out int sent, out int received);
            Console.WriteLine("load profile=" + p.Name + " call ended rtp-sent=" + sent.ToString() + " rtp-received=" + received.ToString() +
                              " at t=" + s_now.ToString() + "ms");
            Step(p, "call-ended");
        }

        /// <summary>
        /// Takes the phone's answer with this status to the request with this branch, read on its bytes (the script's
        /// string of the 200 with its SDP, and its chars on the way, ran out beside the answered call on the board's heap,
        /// h-callfit3); false when there is none. For the 200 to the INVITE (<paramref name="answer"/>) its body must hold
        /// an SDP answer with PCMU, and its To and Contact are read for the ACK and the BYE.
        /// </summary>
        private static bool Response(string branch, int status, bool answer, out string to, out string contact)
        {
            to = null;
            contact = null;
            string start = "SIP/2.0 " + status.ToString() + " ";
            for (int i = 0; i < s_wire.Pending; i++)
            {
                if (!s_wire.Starts(i, start) || !s_wire.Holds(i, branch))
                {
                    continue;
                }
                if (answer)
                {
                    Check(s_wire.Holds(i, "\r\nm=audio ") && s_wire.Holds(i, " RTP/AVP 0"), "the 200 OK carries no SDP answer with PCMU");
                    to = s_wire.HeaderValue(i, "To");
                    contact = s_wire.HeaderValue(i, "Contact");
                }
                s_wire.RemoveAt(i);
                return true;
            }
            return false;
        }
    }
}
