using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Boot
{
    public static partial class BootProgram
    {
        /// <summary>
        /// The PBX's requests of the load profiles' traffic, a MESSAGE (<see cref="SetMessage"/>: the stream's and the
        /// burst's) or a BLF key's dialog-info NOTIFY in its subscription's dialog (<see cref="SetNotify"/>: the stream's),
        /// written straight into the inbox's packet piece by piece, and the answer's status noted as the phone sends it
        /// (<see cref="RecordingTransport.AwaitedBranch"/>), not recorded, and checked after the phone's turn. One, set
        /// anew for each request: the script holds a few numbers under the phone's turn, not the request's text. On the board the PBX is another machine; the stream's
        /// strings (the NOTIFY's text, its dialog's parts and body, ~700 B) and the frames that made them were counted in
        /// every in-turn figure of the office profile's stream (h-harness), and the worst phone's burst ran out of heap
        /// on them (h-worstend).
        /// </summary>
        private sealed class ScriptRequest : PieceDatagram
        {
            private const string Branch = "branch=z9hG4bKboot";
            private const string MessageBody = "Load message ";
            private int _branch;
            // A MESSAGE to user _user (its body's number _n), or a NOTIFY for BLF key _key (its dialog-info's version _n).
            private int _user;
            private int _key;
            private int _n;
            private bool _confirmed;

            /// <summary>MESSAGE n ("Load message n") to user <paramref name="user"/>, as <see cref="Request"/> writes it.</summary>
            public void SetMessage(int branch, int user, int n)
            {
                _key = 0;
                _user = user;
                Set(branch, n);
            }

            /// <summary>
            /// The dialog-info NOTIFY for BLF key <paramref name="key"/> in its subscription's dialog (its state early or
            /// confirmed, version <paramref name="version"/>), as <see cref="NotifyKey"/> writes it from <see cref="KeyDialog"/>.
            /// </summary>
            public void SetNotify(int branch, int key, bool confirmed, int version)
            {
                _key = key;
                _confirmed = confirmed;
                Set(branch, version);
            }

            private void Set(int branch, int n)
            {
                _branch = branch;
                _n = n;
                Length = Write(null);
            }

            public override int CopyTo(byte[] data) => Write(data);

            /// <summary>Writes the request into <paramref name="d"/> (as much as it holds; null: only counts); returns its end.</summary>
            private int Write(byte[] d)
            {
                int at;
                if (_key == 0)
                {
                    at = Put("MESSAGE sip:", d, 0);
                    at = Put(_user, d, at);
                    at = Put("@" + PhoneAddress + ":5060 SIP/2.0\r\nVia: SIP/2.0/UDP " + Registrar + ":5060;" + Branch, d, at);
                    at = Put(_branch, d, at);
                    at = Put("\r\nMax-Forwards: 70\r\nFrom: <sip:admin@" + Registrar + ">;tag=b", d, at);
                    at = Put(_branch, d, at);
                    at = Put("\r\nTo: <sip:", d, at);
                    at = Put(_user, d, at);
                    at = Put("@" + PhoneAddress + ":5060>\r\nCall-ID: boot-", d, at);
                    at = Put(_branch, d, at);
                    at = Put("@" + Registrar + "\r\nCSeq: 1 MESSAGE\r\nContent-Type: text/plain\r\nContent-Length: ", d, at);
                }
                else
                {
                    // The dialog's request URI is the phone's Contact for the identity (made and let go here, in the loop's
                    // receive), its From the key's target with the PBX's tag, its To and Call-ID the phone's tag.
                    SipIdentity identity = s_app.Agent.GetIdentity(BlfIdentity);
                    at = Put("NOTIFY ", d, 0);
                    at = Put(PhoneTarget(), d, at);
                    at = Put(" SIP/2.0\r\nVia: SIP/2.0/UDP " + Registrar + ":5060;" + Branch, d, at);
                    at = Put(_branch, d, at);
                    at = Put("\r\nMax-Forwards: 70\r\nFrom: <", d, at);
                    at = Target(d, at);
                    at = Put(">;tag=srv\r\nTo: <sip:", d, at);
                    at = Put(identity.User, d, at);
                    at = Put("@" + Registrar + ">;tag=", d, at);
                    at = Tag(d, at);
                    at = Put("\r\nCall-ID: ", d, at);
                    at = Tag(d, at);
                    at = Put("-sub\r\nCSeq: ", d, at);
                    at = Put(100 + _branch, d, at);
                    at = Put(" NOTIFY\r\nEvent: dialog\r\nSubscription-State: active;expires=3600\r\n" +
                             "Content-Type: application/dialog-info+xml\r\nContent-Length: ", d, at);
                }
                at = Put(Body(null, 0), d, at);
                return Body(d, Put("\r\n\r\n", d, at));
            }

            /// <summary>The body from <paramref name="at"/> (null: only counts); returns its end.</summary>
            private int Body(byte[] d, int at)
            {
                if (_key == 0)
                {
                    return Put(_n, d, Put(MessageBody, d, at));
                }
                at = Put("<?xml version=\"1.0\"?>\n<dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\"", d, at);
                at = Put(_n, d, at);
                at = Put("\" state=\"full\" entity=\"", d, at);
                at = Target(d, at);
                at = Put("\"><dialog id=\"d", d, at);
                at = Put(_key, d, at);
                at = Put("\" direction=\"initiator\"><state>", d, at);
                at = Put(_confirmed ? "confirmed" : "early", d, at);
                return Put("</state></dialog></dialog-info>", d, at);
            }

            /// <summary>The key's target, as <see cref="BlfTarget"/> makes it.</summary>
            private int Target(byte[] d, int at) =>
                Put("@" + Registrar, d, Put(_key, d, Put(_key < 10 ? "sip:20" : "sip:2", d, at)));

            /// <summary>The phone's tag of the key's subscription, as <see cref="KeyDialog"/> makes it: 8 hex digits and the dialog's number.</summary>
            private int Tag(byte[] d, int at)
            {
                for (int shift = 28; shift >= 0; shift -= 4)
                {
                    if (d != null && at < d.Length)
                    {
                        d[at] = (byte)HexDigitChars[(int)((s_tagRandom >> shift) & 15)];
                    }
                    at = d == null || at < d.Length ? at + 1 : at;
                }
                return Put(KeyDialogNumber(_key), d, at);
            }

            private static int Put(string text, byte[] d, int at) => d == null ? at + text.Length : Copy(text, d, at);

            /// <summary>A number in decimal, without making a string of it.</summary>
            private static int Put(int n, byte[] d, int at)
            {
                int digits = 1;
                for (int rest = n / 10; rest > 0; rest /= 10)
                {
                    digits++;
                }
                for (int i = digits - 1; d != null && i >= 0; i--)
                {
                    if (at + i < d.Length)
                    {
                        d[at + i] = (byte)('0' + n % 10);
                    }
                    n /= 10;
                }
                return d == null || at + digits <= d.Length ? at + digits : d.Length;
            }
        }
    }
}
