namespace DeskPhone.Sip.Message
{
    /// <summary>The Date header's form (RFC 3261 20.17): "Sat, 13 Nov 2010 23:29:00 GMT"; only GMT is legal.</summary>
    internal static class SipDate
    {
        private const string Days = "Mon Tue Wed Thu Fri Sat Sun";
        private const string Months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec";

        public static bool Valid(string v)
        {
            // "Www, DD Mmm YYYY HH:MM:SS GMT" is 29 characters.
            if (v.Length != 29 || v[3] != ',' || v[4] != ' ' || v[7] != ' ' || v[11] != ' ' || v[16] != ' ' ||
                v[19] != ':' || v[22] != ':' || v[25] != ' ' || v.Substring(26) != "GMT")
            {
                return false;
            }
            return Word(Days, v.Substring(0, 3)) && Word(Months, v.Substring(8, 3)) &&
                   Digits(v, 5, 2) && Digits(v, 12, 4) && Digits(v, 17, 2) && Digits(v, 20, 2) && Digits(v, 23, 2);
        }

        private static bool Word(string list, string word) => list.IndexOf(word) >= 0 && word.IndexOf(' ') < 0;

        private static bool Digits(string v, int start, int count)
        {
            for (int i = start; i < start + count; i++)
            {
                if (v[i] < '0' || v[i] > '9')
                {
                    return false;
                }
            }
            return true;
        }
    }
}
