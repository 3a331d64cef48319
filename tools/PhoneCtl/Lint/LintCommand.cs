using System;
using System.IO;
using DeskPhone.Sip.Message;

namespace DeskPhone.PhoneCtl.Lint
{
    /// <summary>
    /// `phonectl sip lint FILE...`: judges each file as one UDP datagram with the phone's own rules and prints
    /// `&lt;file&gt; &lt;accept|reject&gt; &lt;status|drop&gt; &lt;reason&gt;`. Accept: well formed (the status is what the phone answers: 200
    /// when every check passes, or the refusal such as 416 or 405). Reject: malformed (400, 505, 413, 513) or a
    /// response the phone drops.
    /// </summary>
    public static class LintCommand
    {
        public static int Run(string[] files, TextWriter output, TextWriter error)
        {
            if (files.Length == 0)
            {
                error.WriteLine("usage: phonectl sip lint FILE...");
                return 2;
            }
            var parser = new SipParser();
            var message = new SipMessage();
            var parse = new ParseResult();
            var check = new CheckResult();
            UaCapabilities caps = UaCapabilities.Phone();
            foreach (string file in files)
            {
                byte[] data;
                try
                {
                    data = File.ReadAllBytes(file);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    output.WriteLine(file + " reject drop cannot read file");
                    continue;
                }
                output.WriteLine(file + " " + Verdict(data, parser, message, parse, check, caps));
            }
            return 0;
        }

        public static string Verdict(byte[] data, SipParser parser, SipMessage m, ParseResult p, CheckResult c, UaCapabilities caps)
        {
            parser.Parse(data, 0, data.Length, false, m, p);
            if (p.Code != ParseResult.Ok)
            {
                return "reject " + (p.ErrorStatus == 0 ? "drop" : p.ErrorStatus.ToString()) + " " + p.ErrorReason;
            }
            RequestCheck.Check(m, caps, c);
            if (c.Code != ParseResult.Ok)
            {
                return "reject " + (c.ErrorStatus == 0 ? "drop" : c.ErrorStatus.ToString()) + " " + c.ErrorReason;
            }
            if (!m.IsRequest)
            {
                return "accept drop response " + m.StatusCode + " is well formed (the phone never answers a response)";
            }
            if (c.ErrorStatus != 0)
            {
                return "accept " + c.ErrorStatus + " " + c.ErrorReason + (c.HeaderName != null ? " (" + c.HeaderName + ": " + c.HeaderValue + ")" : "");
            }
            return "accept 200 " + m.Method + " passes every check";
        }
    }
}
