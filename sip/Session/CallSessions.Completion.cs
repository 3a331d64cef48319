using DeskPhone.Sip.Message;

namespace DeskPhone.Sip.Session
{
    public sealed partial class CallSessions
    {
        /// <summary>
        /// Keeps the <c>Call-Info: &lt;uri&gt;;purpose=call-completion</c> of an answer to the phone's INVITE on the call
        /// (RFC 6910: the callee's side offers call completion); what it means is the firmware's (CallCompletion).
        /// </summary>
        private static void KeepCompletionInfo(SipCall call, SipMessage r)
        {
            int n = r.CountHeaderValues(HeaderNames.CallInfo);
            for (int i = 0; i < n; i++)
            {
                string value = r.GetHeaderValue(HeaderNames.CallInfo, i);
                int close = value == null ? -1 : value.IndexOf('>');
                if (close > 0 && Params.Get(value.Substring(close + 1), "purpose") == "call-completion")
                {
                    call.CompletionInfo = value;
                    return;
                }
            }
        }
    }
}
