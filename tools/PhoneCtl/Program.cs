using System;
using System.Linq;
using DeskPhone.PhoneCtl.Lint;

namespace DeskPhone.PhoneCtl
{
    /// <summary>phonectl: the bench tool (docs/bench.md) and the SIP linter (docs/sip-message.md).</summary>
    public static class Program
    {
        public const string Usage =
            "usage: phonectl <command> [options]\n" +
            "  sip lint FILE...             judge SIP messages with the phone's rules\n" +
            "  sip rtt TARGET [COUNT]       MESSAGE round trips to a loopback user agent (p50, p90, p99)\n" +
            "run 'phonectl help' for the bench commands";

        public static int Main(string[] args)
        {
            if (args.Length == 0)
            {
                Console.Error.WriteLine(Usage);
                return 2;
            }
            switch (args[0])
            {
                case "sip":
                    if (args.Length >= 2 && args[1] == "lint")
                    {
                        return LintCommand.Run(args.Skip(2).ToArray(), Console.Out, Console.Error);
                    }
                    if (args.Length >= 2 && args[1] == "rtt")
                    {
                        return Bench.SipRoundTrip.Run(args.Skip(2).ToArray(), Console.Out, Console.Error);
                    }
                    Console.Error.WriteLine("usage: phonectl sip lint FILE... | phonectl sip rtt TARGET [COUNT]");
                    return 2;
                default:
                    return Bench.BenchCommands.Run(args, Console.Out, Console.Error);
            }
        }
    }
}
