using System;

namespace DeskPhone.Simulator
{
    public static class Program
    {
        public static int Main(string[] args)
        {
            Console.WriteLine("deskphone-sim: the virtual DeskPhone (simulator under construction)");
            return 0;
        }
    }
}
