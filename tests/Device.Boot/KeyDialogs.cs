using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Boot
{
    /// <summary>
    /// The BLF keys' dialogs as the PBX keeps them for the office profile's MESSAGE stream (its NOTIFYs), as numbers in
    /// value fields: no string of the script's is live under the call (on the board the PBX is another machine; the 16
    /// dialogs' strings were 2.1 KB of the office call's figures, h-script). A key's dialog (<see cref="DialogOf"/>'s
    /// text) is made again when a NOTIFY needs it (<see cref="KeyDialog"/>) from the phone's subscription tags
    /// (Subscriptions.TagOf: one random number in 8 hex digits, then the dialog's number), the identity's Contact and
    /// From, and the key's target; <see cref="KeepKeyDialog"/> checks that against the SUBSCRIBE's own.
    /// </summary>
    public static partial class BootProgram
    {
        // The identity the BLF keys subscribe from (the first: function keys name none).
        private const int BlfIdentity = 1;

        // The keys the numbers hold (a byte each in two longs).
        private const int KeptKeys = 16;

        // The random number of the phone's subscription tags, and each key's dialog number, a byte per key (keys 1-8 in
        // the first, 9-16 in the second; 0: the key's dialog is not kept; both 0 for a new phone, RunLoad).
        private static long s_tagRandom;
        private static long s_keyDialogs1;
        private static long s_keyDialogs2;

        /// <summary><paramref name="key"/>'s dialog number, 0 when its dialog is not kept (not notified, or beyond the kept keys).</summary>
        private static int KeyDialogNumber(int key) => key < 1 || key > KeptKeys ? 0 : (int)(((key <= 8 ? s_keyDialogs1 : s_keyDialogs2) >> (8 * ((key - 1) % 8))) & 0xFF);

        /// <summary>
        /// Keeps <paramref name="key"/>'s dialog, given as <see cref="DialogOf"/> read it from the phone's SUBSCRIBE, as
        /// its numbers; checks that <see cref="KeyDialog"/> makes it again exactly.
        /// </summary>
        private static void KeepKeyDialog(int key, string dialog)
        {
            Check(key >= 1 && key <= KeptKeys, "BLF key " + key.ToString() + ": the script keeps the dialogs of keys 1-" + KeptKeys.ToString());
            // The Call-ID, the fourth line: the tag (8 hex digits, the dialog's number) and "-sub".
            int at = 0;
            for (int line = 0; line < 3 && at >= 0; line++)
            {
                at = dialog.IndexOf('\n', at) + 1;
            }
            int end = dialog.IndexOf('\n', at);
            string callId = at > 0 && end > at + 12 ? dialog.Substring(at, end - at) : "";
            long random = HexNumber(callId, 0, 8);
            int number = 0;
            for (int i = 8; i < callId.Length - 4 && number >= 0; i++)
            {
                number = callId[i] >= '0' && callId[i] <= '9' ? number * 10 + callId[i] - '0' : -1;
            }
            Check(random >= 0 && number > 0 && number < 256 && (s_keyDialogs1 == 0 && s_keyDialogs2 == 0 || random == s_tagRandom),
                  "BLF key " + key.ToString() + "'s Call-ID " + callId + " is not the phone's subscription tag (8 hex digits, a number < 256) and -sub");
            s_tagRandom = random;
            int shift = 8 * ((key - 1) % 8);
            long bits = (long)number << shift;
            long mask = ~(0xFFL << shift);
            if (key <= 8)
            {
                s_keyDialogs1 = s_keyDialogs1 & mask | bits;
            }
            else
            {
                s_keyDialogs2 = s_keyDialogs2 & mask | bits;
            }
            Check(KeyDialog(key) == dialog, "BLF key " + key.ToString() + "'s dialog made again differs from its SUBSCRIBE's: " + dialog);
        }

        /// <summary><paramref name="key"/>'s dialog (<see cref="DialogOf"/>'s text), made from its numbers.</summary>
        private static string KeyDialog(int key)
        {
            SipIdentity identity = s_app.Agent.GetIdentity(BlfIdentity);
            string contact = s_app.Agent.ContactOf(identity);
            string tag = HexDigits(s_tagRandom, 8) + KeyDialogNumber(key).ToString();
            return contact.Substring(1, contact.IndexOf('>') - 1) + "\n<sip:" + identity.User + "@" + Registrar + ">;tag=" + tag + "\n<" +
                   BlfTarget(key) + ">\n" + tag + "-sub\ndialog";
        }

        /// <summary>The lowercase hex digits of <paramref name="text"/> from <paramref name="at"/> to <paramref name="end"/> as a number (-1: not all hex, or more than 15).</summary>
        private static long HexNumber(string text, int at, int end)
        {
            long n = 0;
            if (end > text.Length || end - at > 15)
            {
                return -1;
            }
            for (int i = at; i < end; i++)
            {
                int digit = HexDigitChars.IndexOf(text[i]);
                if (digit < 0)
                {
                    return -1;
                }
                n = n * 16 + digit;
            }
            return n;
        }

        /// <summary><paramref name="n"/> in <paramref name="count"/> lowercase hex digits (leading zeros kept).</summary>
        private static string HexDigits(long n, int count)
        {
            char[] digits = new char[count];
            for (int i = count - 1; i >= 0; i--)
            {
                digits[i] = HexDigitChars[(int)(n & 15)];
                n >>= 4;
            }
            return new string(digits);
        }

        private const string HexDigitChars = "0123456789abcdef";
    }
}
