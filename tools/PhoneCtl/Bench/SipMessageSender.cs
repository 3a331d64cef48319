using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using DeskPhone.Sip.Message;

namespace DeskPhone.PhoneCtl.Bench
{
    /// <summary>`phonectl message TARGET TEXT`: one SIP MESSAGE over UDP, retransmitted like a client transaction, and its answer.</summary>
    internal static class SipMessageSender
    {
        public static int Send(string target, string text, bool json, TextWriter output, TextWriter error)
        {
            SipUri uri = SipUri.Parse(target);
            IPAddress address = uri == null || !uri.IsSip ? null : Resolve(uri.Host.Trim('[', ']'));
            if (address == null)
            {
                error.WriteLine("phonectl: target must be a sip: URI with an IP address or a host name that resolves, e.g. sip:486@127.0.0.1:5060");
                return 2;
            }
            var remote = new IPEndPoint(address, uri.Port == 0 ? 5060 : uri.Port);
            // Connected, so the source address is the one the route picks and a closed port's ICMP error comes back as
            // "connection refused" at once instead of after the whole retransmission schedule.
            using var socket = new UdpClient(address.AddressFamily);
            socket.Connect(remote);
            var local = (IPEndPoint)socket.Client.LocalEndPoint;
            string host = (local.AddressFamily == AddressFamily.InterNetworkV6 ? "[" + local.Address + "]" : local.Address.ToString()) + ":" + local.Port;
            string branch = "z9hG4bK" + Guid.NewGuid().ToString("N").Substring(0, 16);
            byte[] request = SipWriter.Request("MESSAGE", target)
                .Header("Via", "SIP/2.0/UDP " + host + ";branch=" + branch + ";rport")
                .Header("Max-Forwards", "70")
                .Header("From", "<sip:phonectl@" + host + ">;tag=" + Guid.NewGuid().ToString("N").Substring(0, 8))
                .Header("To", "<" + target + ">")
                .Header("Call-ID", Guid.NewGuid().ToString("N") + "@" + local.Address)
                .Header("CSeq", "1 MESSAGE")
                .Header("User-Agent", "phonectl")
                .Body("text/plain;charset=UTF-8", Encoding.UTF8.GetBytes(text))
                .ToBytes();
            var parser = new SipParser();
            var response = new SipMessage();
            var result = new ParseResult();
            int waitMs = 500;
            DateTime started = DateTime.UtcNow;
            DateTime deadline = started.AddSeconds(BenchCommands.TimeoutSeconds);
            while (DateTime.UtcNow < deadline)
            {
                try
                {
                    socket.Send(request, request.Length);
                }
                catch (SocketException ex) when (ex.SocketErrorCode == SocketError.MessageSize)
                {
                    error.WriteLine("phonectl: the MESSAGE is " + request.Length + " bytes, more than one UDP datagram holds: send a shorter text");
                    return 2;
                }
                DateTime resend = DateTime.UtcNow.AddMilliseconds(waitMs);
                while (DateTime.UtcNow < resend)
                {
                    socket.Client.ReceiveTimeout = Math.Max(1, (int)(resend - DateTime.UtcNow).TotalMilliseconds);
                    byte[] data;
                    try
                    {
                        IPEndPoint from = null;
                        data = socket.Receive(ref from);
                    }
                    catch (SocketException ex) when (ex.SocketErrorCode == SocketError.TimedOut)
                    {
                        break;
                    }
                    catch (SocketException ex)
                    {
                        error.WriteLine("phonectl: " + (ex.SocketErrorCode == SocketError.ConnectionRefused
                            ? "nothing listens for SIP at " + remote : remote + " refused the MESSAGE (" + ex.SocketErrorCode + ")"));
                        return 1;
                    }
                    parser.Parse(data, 0, data.Length, false, response, result);
                    if (result.Code != ParseResult.Ok || response.IsRequest || response.StatusCode < 200 || response.GetVia(0)?.Branch != branch)
                    {
                        continue;
                    }
                    output.WriteLine(json
                        ? "{\"status\":" + response.StatusCode + ",\"reason\":" + System.Text.Json.JsonSerializer.Serialize(response.ReasonPhrase) + "}"
                        : response.StatusCode + " " + response.ReasonPhrase);
                    return response.StatusCode < 300 ? 0 : 1;
                }
                waitMs = Math.Min(waitMs * 2, 4000);
            }
            error.WriteLine("phonectl: no answer from " + remote + " within " + (int)(DateTime.UtcNow - started).TotalSeconds + " s");
            return 1;
        }

        /// <summary>An IP literal as it is; a name (localhost included) through DNS, IPv4 first; null when it does not resolve.</summary>
        private static IPAddress Resolve(string host)
        {
            if (IPAddress.TryParse(host, out IPAddress literal))
            {
                return literal;
            }
            try
            {
                IPAddress[] all = Dns.GetHostAddresses(host);
                return Array.Find(all, a => a.AddressFamily == AddressFamily.InterNetwork) ?? (all.Length > 0 ? all[0] : null);
            }
            catch (SocketException)
            {
                return null;
            }
        }
    }
}
