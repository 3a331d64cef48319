namespace DeskPhone.Domain.Settings
{
    /// <summary>How a setting's value is checked and normalised (see <see cref="SettingValidator"/>).</summary>
    public enum SettingKind
    {
        /// <summary>Free single-line text up to <see cref="SettingDefinition.Max"/> characters.</summary>
        Text,
        /// <summary>Whitespace-separated list whose entries are checked by the component that reads it.</summary>
        List,
        /// <summary>on/off; accepts on/off/true/false/1/0, stored as on/off like the phones.</summary>
        Bool,
        /// <summary>Decimal integer in Min..Max.</summary>
        Int,
        /// <summary>One of <see cref="SettingDefinition.Choices"/>.</summary>
        Choice,
        /// <summary>Dotted IPv4 address, or empty.</summary>
        Ipv4,
        /// <summary>host[:port] (name, IPv4 or [IPv6]), or empty.</summary>
        HostPort,
        /// <summary>host[:port] optionally written as a SIP URI (sip:host:port;transport=tcp), or empty.</summary>
        Proxy,
        /// <summary>Hosts separated by spaces or commas, stored space-separated.</summary>
        HostList,
        /// <summary>Function key definition: a type word and, for most types, an argument ("blf sip:bob@pbx").</summary>
        FunctionKey,
        /// <summary>Kept in clear because a protocol needs it (SIP digest); never exported or displayed.</summary>
        Secret,
        /// <summary>Stored only as a salted hash; checked with <see cref="SettingsStore.CheckPassword"/>.</summary>
        Password,
        /// <summary>A multicast paging address (<see cref="MulticastListen"/>: GROUP:PORT [priority=N] [interrupt=0|1]), or empty.</summary>
        Multicast,
        /// <summary>A dial plan (Firmware.Calls.DialPlan, through <see cref="SettingValidator.DialPlanCheck"/>: rules like !pattern!replacement!flags), or empty.</summary>
        DialPlan,
        /// <summary>What a call can be placed to (a number, user@host or a sip:/sips: URI with a host), or empty: the hot and warm line's target.</summary>
        DialTarget,
        /// <summary>A time of day on the 24-hour clock, HH:MM (00:00 to 23:59; "9:05" is stored as "09:05").</summary>
        TimeOfDay
    }
}
