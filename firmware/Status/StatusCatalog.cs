namespace DeskPhone.Firmware.Status
{
    /// <summary>
    /// Names (spelled as on the phones, "Foreward" included), descriptions and icons of every status message.
    /// Lookups compare in place, so parsing a settings string costs no string per token.
    /// </summary>
    public static class StatusCatalog
    {
        public static string Name(int id) => Valid(id) ? StatusCatalogData.Names[id] : null;

        /// <summary>The text a technician reads.</summary>
        public static string Description(int id) => Valid(id) ? StatusCatalogData.Descriptions[id] : null;

        /// <summary>A <see cref="DeskPhone.Ui.Icons.IconId"/>.</summary>
        public static int Icon(int id) => Valid(id) ? StatusCatalogData.Icons[id] : 0;

        /// <summary>True for the entries whose names the phones do not publish, so the name is this project's.</summary>
        public static bool IsOurName(int id)
        {
            int[] ours = StatusCatalogData.OurNames;
            for (int i = 0; i < ours.Length; i++)
            {
                if (ours[i] == id)
                {
                    return true;
                }
            }
            return false;
        }

        public static bool Valid(int id) => id >= 0 && id < StatusId.Count;

        /// <summary>The ID named exactly (case-sensitive, like the phones) by text[start, start+length); -1 if none.</summary>
        public static int Find(string text, int start, int length) => NameTable.Find(StatusCatalogData.Names, text, start, length);

        public static int Find(string name) => name == null ? -1 : Find(name, 0, name.Length);
    }
}
