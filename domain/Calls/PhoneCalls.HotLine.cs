using DeskPhone.Domain.Settings;

namespace DeskPhone.Domain.Calls
{
    /// <summary>
    /// The settings of Snom's hot and warm line, read when they are needed (nothing kept): <c>auto_dial_target</c>
    /// dialled at once off hook when <c>auto_dial</c> is 1 or 2 (hot line), after <c>auto_dial</c> seconds without a
    /// digit when it is 3 or more (warm line); <see cref="CallKeys"/> acts on them.
    /// </summary>
    public sealed partial class PhoneCalls
    {
        /// <summary>
        /// The hot or warm line's target (auto_dial_target: a number, user@host or sip: URI) and
        /// <paramref name="autoDial"/> (auto_dial, read now: the USB headset's hook switch comes without a key that would
        /// refresh <see cref="CallKeys.AutoDialSeconds"/>); empty when either is off.
        /// </summary>
        public string HotLineTarget(out int autoDial)
        {
            autoDial = Settings.GetInt(SettingNames.AutoDial);
            return autoDial <= 0 ? "" : Settings.Get(SettingNames.AutoDialTarget);
        }

        /// <summary>Function key <paramref name="key"/> (0-based) is a line key (fkey <c>line</c>).</summary>
        public bool IsLineKey(int key)
        {
            string definition = Settings.Get(SettingNames.Fkey, key + 1);
            return definition != null && (definition == "line" || definition.StartsWith("line "));
        }
    }
}
