using System.Collections.Generic;
using System.Text;
using DeskPhone.Domain.Presence;
using DeskPhone.Sip.Events;

namespace DeskPhone.Firmware.Tests.Phone
{
    /// <summary>
    /// Many BLF keys against a PBX that answers at once: the SUBSCRIBEs beyond the user agent's client transactions
    /// wait for a slot, in key order, instead of failing locally with 503 and backing off (issue 17, item 4).
    /// </summary>
    public class BlfBringUpTests
    {
        private const int FunctionKeys = 16;

        private readonly Xunit.Abstractions.ITestOutputHelper _output;

        public BlfBringUpTests(Xunit.Abstractions.ITestOutputHelper output)
        {
            _output = output;
        }

        private static string Target(int key) => "sip:" + (300 + key) + "@10.0.0.1";

        private static SipPhone PhoneWithKeys(int keys) => new SipPhone(s =>
        {
            for (int key = 1; key <= keys; key++)
            {
                if (key <= FunctionKeys)
                {
                    s.Set("fkey", key, "blf " + Target(key));
                }
                else
                {
                    s.Set("expansion_key", key - FunctionKeys, "blf " + Target(key));
                }
            }
        });

        /// <summary>
        /// Runs a PBX that answers every SUBSCRIBE 200 and NOTIFYs it (a dialog in the key's state) as soon as it sees
        /// it, up to 8 packets a loop turn (the inbox's size); returns the virtual ms until every key was notified and
        /// the phone answered the NOTIFY 200, or -1 after <paramref name="limitMs"/>.
        /// </summary>
        private static long BringUp(SipPhone phone, int keys, long limitMs, List<int> order)
        {
            long start = phone.Now;
            int seen = 0;
            var queue = new Queue<string>();
            var pendingNotifies = new Dictionary<string, int>();
            var notified = new HashSet<int>();
            int branch = 0;
            while (phone.Now - start <= limitMs)
            {
                for (; seen < phone.Channel.Sent.Count; seen++)
                {
                    string m = phone.Channel.Sent[seen];
                    if (m.StartsWith("REGISTER "))
                    {
                        queue.Enqueue(Response(m, 200, "Contact: <sip:100@192.0.2.10:5060;line=dp1>;expires=3600\r\n"));
                    }
                    else if (m.StartsWith("SUBSCRIBE ") && SipChannel.Header(m, "Event") == "dialog")
                    {
                        int key = KeyOf(m);
                        order.Add(key);
                        queue.Enqueue(Response(m, 200, "Expires: 3600\r\n"));
                        string b = "z9hG4bKpbx" + (++branch);
                        pendingNotifies[b] = key;
                        queue.Enqueue(Notify(m, b, key));
                    }
                    else if (m.StartsWith("SIP/2.0 200 "))
                    {
                        foreach (KeyValuePair<string, int> p in pendingNotifies)
                        {
                            if (m.Contains(p.Key))
                            {
                                notified.Add(p.Value);
                                pendingNotifies.Remove(p.Key);
                                break;
                            }
                        }
                    }
                }
                if (notified.Count == keys)
                {
                    return phone.Now - start;
                }
                for (int i = 0; i < 8 && queue.Count > 0; i++)
                {
                    phone.Channel.Arrive(queue.Dequeue());
                }
                phone.Run(10);
            }
            return -1;
        }

        private static int KeyOf(string subscribe)
        {
            string uri = subscribe.Substring("SUBSCRIBE ".Length, subscribe.IndexOf(' ', "SUBSCRIBE ".Length) - "SUBSCRIBE ".Length);
            return int.Parse(uri.Substring(4, 3)) - 300;
        }

        private static string Response(string request, int status, string extra)
        {
            string to = SipChannel.Header(request, "To");
            return "SIP/2.0 " + status + " OK\r\nVia: " + SipChannel.Header(request, "Via") + "\r\nFrom: " + SipChannel.Header(request, "From") +
                   "\r\nTo: " + to + (to.Contains(";tag=") ? "" : ";tag=srv") + "\r\nCall-ID: " + SipChannel.Header(request, "Call-ID") +
                   "\r\nCSeq: " + SipChannel.Header(request, "CSeq") + "\r\n" + extra + "Content-Length: 0\r\n\r\n";
        }

        private static string Notify(string subscribe, string branch, int key)
        {
            string to = SipChannel.Header(subscribe, "To");
            string contact = SipChannel.Header(subscribe, "Contact");
            string body = "<?xml version=\"1.0\"?>\n<dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\"0\" state=\"full\" entity=\"" +
                          Target(key) + "\"><dialog id=\"d" + key + "\" direction=\"initiator\"><state>confirmed</state></dialog></dialog-info>";
            return "NOTIFY " + contact.Substring(1, contact.IndexOf('>') - 1) + " SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=" + branch +
                   "\r\nMax-Forwards: 70\r\nFrom: " + (to.Contains(";tag=") ? to : to + ";tag=srv") + "\r\nTo: " + SipChannel.Header(subscribe, "From") +
                   "\r\nCall-ID: " + SipChannel.Header(subscribe, "Call-ID") + "\r\nCSeq: " + (1000 + key) + " NOTIFY\r\nEvent: dialog\r\n" +
                   "Subscription-State: active;expires=3600\r\nContent-Type: application/dialog-info+xml\r\nContent-Length: " +
                   Encoding.UTF8.GetByteCount(body) + "\r\n\r\n" + body;
        }

        [Theory]
        [InlineData(45)]
        [InlineData(69)]
        public void EveryKeyIsSubscribedAndNotifiedWithin3SecondsOfRegistration(int keys)
        {
            SipPhone phone = PhoneWithKeys(keys);
            var order = new List<int>();

            long took = BringUp(phone, keys, 10000, order);
            _output.WriteLine(keys + " keys subscribed and notified " + took + " ms after start");

            // Before: the SUBSCRIBEs beyond 16 failed locally with 503 and backed off (45 keys 29 s, 69 keys 125 s).
            Assert.InRange(took, 0, 3000);
            for (int key = 0; key < keys; key++)
            {
                Assert.Equal("CONNECTED", phone.Phone.Monitored.StateOf(key));
                Subscription s = phone.Phone.Monitored.SubscriptionOf(key);
                Assert.Equal(SubscriptionState.Active, s.State);
                Assert.True(s.Failures == 0, "key " + key + ": " + s.LastError);
            }
            // One SUBSCRIBE per key, in key order.
            Assert.Equal(keys, phone.Count("SUBSCRIBE", "dialog"));
            var expected = new List<int>();
            for (int key = 1; key <= keys; key++)
            {
                expected.Add(key);
            }
            Assert.Equal(expected, order);
            Assert.Equal(0, phone.Subscriptions.Events.WaitingCount);
        }
    }
}
