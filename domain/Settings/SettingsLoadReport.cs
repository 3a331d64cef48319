namespace DeskPhone.Domain.Settings
{
    /// <summary>What <see cref="SettingsStore.Load"/> found: where the settings came from and every problem on the way.</summary>
    public sealed class SettingsLoadReport
    {
        public SettingsLoadReport(string source, uint sequence, bool fellBack, string[] problems)
        {
            Source = source;
            Sequence = sequence;
            FellBack = fellBack;
            Problems = problems;
        }

        /// <summary>The slot the settings were read from, or null when nothing valid was stored (defaults in use).</summary>
        public readonly string Source;

        /// <summary>Save counter of the slot used (0 with defaults).</summary>
        public readonly uint Sequence;

        /// <summary>A slot was unreadable or corrupt, so an older copy (or the defaults) is in use.</summary>
        public readonly bool FellBack;

        /// <summary>Each problem in words: corrupt or unreadable slots, stored values the table now refuses.</summary>
        public readonly string[] Problems;


        public override string ToString()
        {
            string head = Source == null ? "settings: defaults" : "settings: " + Source + " #" + Sequence.ToString();
            for (int i = 0; i < Problems.Length; i++)
            {
                head += "; " + Problems[i];
            }
            return head;
        }
    }
}
