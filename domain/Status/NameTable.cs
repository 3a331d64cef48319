namespace DeskPhone.Domain.Status
{
    /// <summary>Case-sensitive comparison of a name with text[start, start+length), without making a substring.</summary>
    internal static class NameTable
    {
        public static bool Matches(string name, string text, int start, int length)
        {
            if (name == null || name.Length != length)
            {
                return false;
            }
            int i = 0;
            while (i < length && name[i] == text[start + i])
            {
                i++;
            }
            return i == length;
        }
    }
}
