namespace DeskPhone.Domain.Settings
{
    /// <summary>One row of the settings table: name as spelled on the phones, kind, default and limits.</summary>
    // Its plain state (Ordinal) is public fields, not properties: no accessor method in the runtime tables, image and
    // calls on the device (issue #17).
    public sealed class SettingDefinition
    {
        public SettingDefinition(string name, SettingKind kind, string defaultValue, int maxIndex, int min, int max,
            string[] choices, bool needsReboot, string firstIndexDefault, string description)
        {
            Name = name;
            Kind = kind;
            Default = defaultValue;
            MaxIndex = maxIndex;
            Min = min;
            Max = max;
            Choices = choices;
            NeedsReboot = needsReboot;
            FirstIndexDefault = firstIndexDefault;
            Description = description;
        }

        public readonly string Name;
        public readonly SettingKind Kind;

        /// <summary>Default of every index (or of the global value).</summary>
        public readonly string Default;

        /// <summary>0 for a global setting; otherwise indices run 1..MaxIndex (identities 1..12, keys 1..16 ...).</summary>
        public readonly int MaxIndex;

        /// <summary>Int: lowest value. Other kinds: unused.</summary>
        public readonly int Min;

        /// <summary>Int: highest value. Text kinds: maximum length in characters.</summary>
        public readonly int Max;

        /// <summary>Choice: the allowed values.</summary>
        public readonly string[] Choices;

        /// <summary>A change only takes effect after a reboot (the store then sets RebootRequired).</summary>
        public readonly bool NeedsReboot;

        /// <summary>Index 1 differs from the others (identity 1 is active by default, key 1 is a line key).</summary>
        public readonly string FirstIndexDefault;

        /// <summary>Short English label for menus and the bench tool.</summary>
        public readonly string Description;

        /// <summary>Position in the settings table, assigned by <see cref="SettingsTable"/>.</summary>
        public int Ordinal;

        public bool IsIndexed => MaxIndex > 0;

        public string DefaultFor(int idx) => idx == 1 && FirstIndexDefault != null ? FirstIndexDefault : Default;
    }
}
