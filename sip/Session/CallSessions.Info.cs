using DeskPhone.Sip.Message;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Sip.Session
{
    /// <summary>The answer to an INFO the phone sent (0: none came).</summary>
    public delegate void InfoDoneHandler(int status, long nowMs);

    public sealed partial class CallSessions
    {
        /// <summary>
        /// An INFO in a dialog (RFC 6086's legacy use, without Info-Package): 481 outside a dialog; a DTMF body answered
        /// 200 and reported (<see cref="ISessionHandler.DtmfReceived"/>), 400 when it names no key; no body 200 (a keep-alive); any other
        /// body 415 with Accept (types the phone reads nowhere get that from the request checks already).
        /// </summary>
        private bool OnInfo(SipPacket packet, SipMessage m, long nowMs)
        {
            SipCall call = FindDialog(m);
            if (call == null)
            {
                return Replied(packet, m, 481, nowMs);
            }
            if (m.BodyLength == 0)
            {
                return Replied(packet, m, 200, nowMs);
            }
            string type = m.ContentType;
            if (type != DtmfInfo.Relay && type != DtmfInfo.Plain)
            {
                // A body the phone reads elsewhere (text/plain ...) but not in an INFO.
                _agent.Reply(packet, m, 415, HeaderNames.Accept, DtmfInfo.Relay + ", " + DtmfInfo.Plain, nowMs);
                return true;
            }
            char key = DtmfInfo.ReadKey(m.Buffer, m.BodyOffset, m.BodyLength, type == DtmfInfo.Relay);
            if (key == '\0')
            {
                _agent.Reply(packet, m, 400, "No DTMF Key In Body", nowMs);
                return true;
            }
            _agent.Reply(packet, m, 200, nowMs);
            _handler.DtmfReceived(call, key, nowMs);
            return true;
        }

        /// <summary>
        /// Sends a DTMF key as INFO <c>application/dtmf-relay</c> in a connected call's dialog (through the route set,
        /// 401/407 answered once); <paramref name="done"/> gets the final status. False when the call is not connected.
        /// </summary>
        public bool SendDtmfInfo(SipCall call, char key, int durationMs, InfoDoneHandler done, long nowMs)
        {
            if (call == null || call.State != SipCall.Connected || Slot(call) < 0)
            {
                return false;
            }
            return SendInDialog(call, "INFO", false, false, null, null, null, null, DtmfInfo.Relay, DtmfInfo.RelayBody(key, durationMs), done, nowMs);
        }
    }
}
