using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using DeskPhone.Domain.Time;
using Xunit;

namespace DeskPhone.Peers.Tests
{
    /// <summary>The phone's SNTP client, over its real UDP channel, against chronyd on loopback.</summary>
    public class ChronyTests
    {
        /// <summary>
        /// Polls the client every 10 ms on the loop's clock until it reaches a state; false after
        /// <paramref name="seconds"/> (ChronyBackTests waits with it too).
        /// </summary>
        internal static bool PollUntil(SntpClient client, int state, Stopwatch loop, int seconds)
        {
            var waited = Stopwatch.StartNew();
            while (waited.Elapsed < TimeSpan.FromSeconds(seconds))
            {
                client.Poll(loop.ElapsedMilliseconds);
                if (client.State == state)
                {
                    return true;
                }
                Thread.Sleep(10);
            }
            return false;
        }

        [SkippableFact]
        public void TheClientTakesTheServersTimeAndReportsItGone()
        {
            Skip.IfNot(File.Exists(Chrony.Binary), Chrony.Missing);
            using var chrony = new Chrony();
            var channel = new UdpNtpChannel();
            var client = new SntpClient(channel);
            Stopwatch loop = Stopwatch.StartNew();
            // A 1-second refresh, so that stopping the server is noticed within the test.
            client.Configure(chrony.Server, 1, loop.ElapsedMilliseconds);
            try
            {
                // chronyd may take a moment to bind: until then requests go unanswered and are retried.
                Assert.True(PollUntil(client, SntpClient.Synchronized, loop, 60), "no answer from chronyd; its log:\n" + chrony.Log);
                Assert.True(client.TimeKnown);
                // chronyd serves this machine's clock: the phone's time is that clock, give or take the loop's 10 ms.
                TimeSpan off = DateTime.SpecifyKind(client.UtcAt(loop.ElapsedMilliseconds), DateTimeKind.Utc) - DateTime.UtcNow;
                Assert.InRange(off.TotalMilliseconds, -500, 500);

                chrony.Stop();
                Assert.True(PollUntil(client, SntpClient.Unreachable, loop, 60), "still " + client.State + " after chronyd stopped");
                Assert.True(client.TimeKnown);
                Assert.True(client.Requests >= 1 + SntpClient.TriesBeforeUnreachable);
            }
            finally
            {
                channel.Close();
            }
        }
    }
}
