namespace DeskPhone.Xml
{
    /// <summary>What <see cref="XmlPullReader.Read"/> stopped on.</summary>
    public static class XmlNodeKind
    {
        public const int StartElement = 1;
        public const int EndElement = 2;
        public const int Text = 3;
        public const int EndOfDocument = 4;
        public const int Error = 5;
    }
}
