namespace DeskPhone.Domain.Settings
{
    /// <summary>Outcome of an XML import: how many values were applied, which names were unknown, each refused value.</summary>
    public sealed class SettingsImportReport
    {
        public SettingsImportReport(string malformed, int applied, string[] unknown, string[] errors, int refused)
        {
            Malformed = malformed;
            Applied = applied;
            Unknown = unknown;
            Errors = errors;
            Refused = refused;
        }

        /// <summary>Why the file was not a settings document (nothing was changed), or null.</summary>
        public readonly string Malformed;

        /// <summary>Values accepted (including ones equal to the current value).</summary>
        public readonly int Applied;

        /// <summary>Names ("name" or "name[idx]") the table does not define; they were kept for export and saving.</summary>
        public readonly string[] Unknown;

        /// <summary>One message per refused value ("name[idx]: reason") or ignored part of the file.</summary>
        public readonly string[] Errors;

        /// <summary>
        /// How many values were refused or parts ignored: <see cref="Errors"/> lists the first
        /// <see cref="SettingsStore.MaxImportErrors"/> and one line for the rest.
        /// </summary>
        public readonly int Refused;

        public bool Ok => Malformed == null && Errors.Length == 0;
    }
}
