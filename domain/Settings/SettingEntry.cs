namespace DeskPhone.Domain.Settings
{
    /// <summary>One name/index/value triple: an unknown setting kept for export, or a value read from a file.</summary>
    public sealed class SettingEntry
    {
        public SettingEntry(string name, int idx, string value)
        {
            Name = name;
            Idx = idx;
            Value = value;
        }

        public string Name { get; }

        /// <summary>0 when the setting carried no index.</summary>
        public int Idx { get; }

        public string Value { get; internal set; }
    }
}
