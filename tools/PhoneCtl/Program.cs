using System;

namespace DeskPhone.PhoneCtl
{
    public static class Program
    {
        public static int Main(string[] args)
        {
            Console.Error.WriteLine("usage: phonectl <command> ...");
            return 2;
        }
    }
}
