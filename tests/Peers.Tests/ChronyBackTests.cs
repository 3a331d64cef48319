using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using DeskPhone.Domain.Time;
using Xunit;

namespace DeskPhone.Peers.Tests
{
    /// <summary>
    /// chronyd on loopback gone and back (docs/time.md): the client over its real UDP socket reports it unreachable,
    /// keeps the time it knew, and takes the server's time again once a chronyd answers on the same port, through the
    /// socket that saw the ICMP port-unreachables meanwhile (the back-off, at most 64 s, bounds the wait).
    /// </summary>
    public class ChronyBackTests
    {
        [SkippableFact]
        public void AServerGoneAndBackIsTakenAgain()
        {
            Skip.IfNot(File.Exists(Chrony.Binary), Chrony.Missing);
            using var first = new Chrony();
            int port = first.Port;
            var channel = new UdpNtpChannel();
            var client = new SntpClient(channel);
            Stopwatch loop = Stopwatch.StartNew();
            client.Configure(first.Server, 1, loop.ElapsedMilliseconds);
            Chrony again = null;
            try
            {
                Assert.True(ChronyTests.PollUntil(client, SntpClient.Synchronized, loop, 60), "no answer from chronyd; its log:\n" + first.Log);
                first.Stop();
                Assert.True(ChronyTests.PollUntil(client, SntpClient.Unreachable, loop, 60), "still " + client.State + " after chronyd stopped");
                Assert.True(client.TimeKnown);

                again = new Chrony(port);
                int before = client.Requests;
                Assert.True(ChronyTests.PollUntil(client, SntpClient.Synchronized, loop, 120), "not back after chronyd started again; its log:\n" + again.Log);
                Assert.True(client.Requests > before);
                TimeSpan off = DateTime.SpecifyKind(client.UtcAt(loop.ElapsedMilliseconds), DateTimeKind.Utc) - DateTime.UtcNow;
                Assert.InRange(off.TotalMilliseconds, -500, 500);
            }
            finally
            {
                channel.Close();
                again?.Dispose();
            }
        }
    }
}
