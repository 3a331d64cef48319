using DeskPhone.Sip.Message;

namespace DeskPhone.Sip.Session
{
    /// <summary>
    /// What an INVITE says about being answered automatically (intercom, paging): <c>Call-Info: &lt;uri&gt;;answer-after=N</c>
    /// (the parameter PBXes send for intercom and paging), or <c>info=alert-autoanswer</c> in Call-Info or
    /// Alert-Info (the form Snom phones send). Whether the phone obeys is its own policy.
    /// </summary>
    public static class Intercom
    {
        /// <summary>Longest delay taken from answer-after (s); a larger one is treated as an ordinary call.</summary>
        public const int MaxDelaySeconds = 60;

        /// <summary>The delay (s) before answering, 0 for alert-autoanswer, -1 for an ordinary call.</summary>
        public static int AnswerAfter(SipMessage invite)
        {
            string callInfo = ParamsOf(invite.GetHeader(HeaderNames.CallInfo));
            string after = callInfo == null ? null : Params.Get(callInfo, "answer-after");
            if (after != null)
            {
                int seconds;
                return int.TryParse(after, out seconds) && seconds >= 0 && seconds <= MaxDelaySeconds ? seconds : -1;
            }
            string alert = ParamsOf(invite.GetHeader(HeaderNames.AlertInfo));
            return (callInfo != null && Params.Get(callInfo, "info") == "alert-autoanswer")
                   || (alert != null && Params.Get(alert, "info") == "alert-autoanswer") ? 0 : -1;
        }

        /// <summary>The parameters after a header's &lt;uri&gt; (";a=b;c"), or null.</summary>
        private static string ParamsOf(string value)
        {
            int close = value == null ? -1 : value.IndexOf('>');
            return close < 0 ? null : value.Substring(close + 1);
        }
    }
}
