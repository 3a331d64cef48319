using DeskPhone.Domain.Calls;
using DeskPhone.Domain.Settings;

namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// The dial plans of the identities (<c>user_dp_str</c>, <c>\d</c> their <c>user_host</c>) for CallKeys: each number
    /// goes through <see cref="DialPlan.Apply(string, string, string, out string, out bool)"/>, which parses the plan
    /// then. Its own object of one field, so the call layer keeps 24 B for it instead of a plan's 168 B of parse state.
    /// </summary>
    public sealed class IdentityDialPlans : IDialPlan
    {
        private readonly SettingsStore _settings;

        public IdentityDialPlans(SettingsStore settings)
        {
            _settings = settings;
        }

        public string Apply(int identity, string number, out bool complete)
        {
            DialPlan.Apply(_settings.Get(SettingNames.UserDialPlan, identity), number, _settings.Get(SettingNames.UserHost, identity), out string dialled, out complete);
            return dialled;
        }
    }
}
