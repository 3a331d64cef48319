namespace DeskPhone.Domain.Status
{
    /// <summary>
    /// Names (spelled as on the phones, "Foreward" included), descriptions and icons of every status message.
    /// Lookups compare in place, so parsing a settings string costs no string per token.
    /// </summary>
    public static partial class StatusCatalog
    {
        private static readonly PackedText Names = new PackedText(2);
        private static readonly PackedText Descriptions = new PackedText(4);

        /// <summary>The ID's name (the last few names asked for are kept, so a repeated call returns the same string).</summary>
        public static string Name(int id) => Valid(id) ? Names.Get(NameList, NameLengths, id) : null;

        /// <summary>The text a technician reads (kept like <see cref="Name"/>).</summary>
        public static string Description(int id) => Valid(id) ? Descriptions.Get(DescriptionList, DescriptionLengths, id) : null;

        public static bool Valid(int id) => id >= 0 && id < StatusId.Count;

        /// <summary>
        /// The ID named exactly (case-sensitive, like the phones) by text[start, start+length), by default the whole
        /// text; -1 if none or for null (one method with optional parameters, not two overloads: h-domslim).
        /// </summary>
        public static int Find(string text, int start = 0, int length = -1)
        {
            if (text == null)
            {
                return -1;
            }
            return PackedText.Find(NameList, NameLengths, text, start, length < 0 ? text.Length - start : length);
        }
    }
}
