using DeskPhone.Domain.Settings;

namespace DeskPhone.Domain.Calls
{
    /// <summary>
    /// The settings of Snom's hot and warm line, read when the phone goes off hook (nothing kept): <c>auto_dial_target</c>
    /// dialled at once when <c>auto_dial</c> is 1 or 2 (hot line), after <c>auto_dial</c> seconds without a digit when it
    /// is 3 or more (warm line); <see cref="CallKeys"/> acts on them.
    /// </summary>
    public sealed partial class PhoneCalls
    {
        /// <summary>The highest auto_dial that makes the target a hot line (Snom: "smaller or equal 2"); above it, a warm line.</summary>
        public const int HotLineMaxSeconds = 2;

        /// <summary>The hot or warm line's target (auto_dial_target: a number, user@host or sip: URI); empty: none.</summary>
        public string AutoDialTarget => _settings.Get(SettingNames.AutoDialTarget);

        /// <summary>auto_dial, read now (the hook switch of a USB headset comes without a key that would refresh <see cref="CallKeys.AutoDialSeconds"/>).</summary>
        public int AutoDial => _settings.GetInt(SettingNames.AutoDial);

        /// <summary>Function key <paramref name="key"/> (0-based) is a line key (fkey <c>line</c>).</summary>
        public bool IsLineKey(int key)
        {
            string definition = _settings.Get(SettingNames.Fkey, key + 1);
            return definition != null && (definition == "line" || definition.StartsWith("line "));
        }
    }
}
