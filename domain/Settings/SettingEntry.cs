namespace DeskPhone.Domain.Settings
{
    /// <summary>One name/index/value triple: an unknown setting kept for export, or a value read from a file.</summary>
    // Its plain state (Value) is public fields, not properties: no accessor method in the runtime tables, image and
    // calls on the device (issue #17).
    public sealed class SettingEntry
    {
        public SettingEntry(string name, int idx, string value)
        {
            Name = name;
            Idx = idx;
            Value = value;
        }

        public readonly string Name;

        /// <summary>0 when the setting carried no index.</summary>
        public readonly int Idx;

        public string Value;
    }
}
