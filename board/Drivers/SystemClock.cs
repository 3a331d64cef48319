using System;
using System.Threading;
using DeskPhone.Drivers.Hal;

namespace DeskPhone.Board.Drivers
{
    /// <summary>Milliseconds since boot; unlike DateTime.UtcNow it never jumps when SNTP sets the wall clock.</summary>
    public sealed class SystemClock : IClock
    {
        public long NowMs
        {
            get { return Environment.TickCount64; }
        }

        public void Delay(int milliseconds)
        {
            Thread.Sleep(milliseconds);
        }
    }
}
