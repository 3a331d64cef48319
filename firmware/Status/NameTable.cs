namespace DeskPhone.Firmware.Status
{
    /// <summary>Case-sensitive lookup of text[start, start+length) in a table of names, without making a substring.</summary>
    internal static class NameTable
    {
        public static int Find(string[] names, string text, int start, int length)
        {
            for (int n = 0; n < names.Length; n++)
            {
                string name = names[n];
                if (name.Length != length)
                {
                    continue;
                }
                int i = 0;
                while (i < length && name[i] == text[start + i])
                {
                    i++;
                }
                if (i == length)
                {
                    return n;
                }
            }
            return -1;
        }
    }
}
