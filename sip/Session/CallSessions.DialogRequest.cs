using DeskPhone.Sip.Message;
using DeskPhone.Sip.Transaction;

namespace DeskPhone.Sip.Session
{
    public sealed partial class CallSessions
    {
        /// <summary>
        /// One of the phone's requests in a call's dialog but the ACK and the re-INVITE (BYE, UPDATE, INFO, REFER, the
        /// REFER's NOTIFY, PRACK): what its builder writes, taken when it is first built so that a credentials retry after
        /// the call ended still has it (RFC 3261 12.2.1.1), and where its final answer goes. One class for all of them:
        /// each had a closure class of its own, and UPDATE, INFO and REFER one more for the answer (docs/benchmarks.md,
        /// h-sipslim).
        /// </summary>
        private sealed class DialogRequest
        {
            public readonly CallSessions Layer;
            public readonly SipCall Call;
            public readonly string Method;
            public readonly string Target;
            public readonly string[] Routes;
            public readonly string Local;
            public readonly string Remote;
            public readonly string CallId;

            // What the request adds to the dialog's head (null: nothing) and an INFO's handler, set by its sender.
            public string Contact;
            public string Name1;
            public string Value1;
            public string Name2;
            public string Value2;
            public string BodyType;
            public byte[] Body;
            public InfoDoneHandler InfoDone;

            public DialogRequest(CallSessions layer, SipCall call, string method, string target, string[] routes, string remote)
            {
                Layer = layer;
                Call = call;
                Method = method;
                Target = target;
                Routes = routes;
                Local = call.LocalHeader;
                Remote = remote;
                CallId = call.CallId;
            }

            public byte[] Build(string branch, string authHeader, string authValue) =>
                Layer.DialogHead(Method, Call, Layer.Via(Call, branch), Target, Routes, Local, Remote, CallId)
                    .Header(HeaderNames.Contact, Contact)
                    .Header(Name1, Value1)
                    .Header(Name2, Value2)
                    .UserAgent()
                    .Header(authHeader, authValue)
                    .Body(BodyType, Body)
                    .ToBytes();

            /// <summary>The final answer (null: none came): UPDATE's, REFER's and INFO's are read; BYE's, NOTIFY's and PRACK's not.</summary>
            public void Done(ClientTransaction t, SipMessage r, long nowMs)
            {
                string method = Method;
                if (method == "UPDATE")
                {
                    Layer.UpdateAnswered(Call, r, nowMs);
                }
                else if (method == "REFER")
                {
                    Layer.OnReferAnswer(Call, r, nowMs);
                }
                else if (method == "INFO")
                {
                    InfoDone(r == null ? 0 : r.StatusCode, nowMs);
                }
            }
        }
    }
}
