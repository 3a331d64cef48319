namespace DeskPhone.Domain.Settings
{
    /// <summary>Outcome of an XML import: how many values were applied, which names were unknown, each refused value.</summary>
    public sealed class SettingsImportReport
    {
        public SettingsImportReport(string malformed, int applied, string[] unknown, string[] errors)
        {
            Malformed = malformed;
            Applied = applied;
            Unknown = unknown;
            Errors = errors;
        }

        /// <summary>Why the file was not a settings document (nothing was changed), or null.</summary>
        public readonly string Malformed;

        /// <summary>Values accepted (including ones equal to the current value).</summary>
        public readonly int Applied;

        /// <summary>Names ("name" or "name[idx]") the table does not define; they were kept for export and saving.</summary>
        public readonly string[] Unknown;

        /// <summary>One message per refused value ("name[idx]: reason") or ignored part of the file.</summary>
        public readonly string[] Errors;

        public bool Ok => Malformed == null && Errors.Length == 0;
    }
}
