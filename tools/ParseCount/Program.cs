using System;
using System.IO;
using DeskPhone.Sip.Message;

namespace DeskPhone.ParseCount
{
    /// <summary>
    /// parsecount FILE N [parse|read]: parses the message in FILE N times. "read" also reads what the phone reads of
    /// a MESSAGE before handing it over (Call-ID, CSeq, From tag, Content-Type), which is closer to what libosip2 does
    /// in one call (it builds those header structures while parsing). Exit code 0 when every parse succeeded.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            int n;
            if (args.Length < 2 || !File.Exists(args[0]) || !int.TryParse(args[1], out n) || n < 0)
            {
                Console.Error.WriteLine("usage: parsecount FILE N [parse|read]");
                return 2;
            }
            bool read = args.Length > 2 && args[2] == "read";
            byte[] bytes = File.ReadAllBytes(args[0]);
            var parser = new SipParser();
            var message = new SipMessage();
            var result = new ParseResult();
            long check = 0;
            for (int i = 0; i < n; i++)
            {
                parser.Parse(bytes, 0, bytes.Length, false, message, result);
                if (result.Code != ParseResult.Ok)
                {
                    Console.Error.WriteLine("parse failed: " + result.ErrorReason);
                    return 1;
                }
                check += read
                    ? message.CallId.Length + message.CSeq + message.From.Tag.Length + message.ContentType.Length
                    : message.HeaderCount;
            }
            Console.WriteLine(check);
            return 0;
        }
    }
}
