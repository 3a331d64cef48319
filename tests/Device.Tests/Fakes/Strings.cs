namespace NFUnitTest.Fakes
{
    /// <summary>Small string helpers the tests need (nanoFramework's string has no Replace).</summary>
    public static class Strings
    {
        /// <summary>The text with the first occurrence of <paramref name="find"/> replaced; throws when there is none.</summary>
        public static string Swap(string text, string find, string with)
        {
            int at = text.IndexOf(find);
            if (at < 0)
            {
                throw new System.ArgumentException("'" + find + "' not found");
            }
            return text.Substring(0, at) + with + text.Substring(at + find.Length);
        }
    }
}
