namespace DeskPhone.Domain.Calls
{
    /// <summary>
    /// The identities' dial plans as the dialing screen uses them (docs/calls.md, "Dial plan"; Firmware.Calls.DialPlan
    /// implements them, outside DeskPhone.Domain for its byte code).
    /// </summary>
    public interface IDialPlan
    {
        /// <summary>What to dial for a typed number from an identity, and whether the plan says it is complete.</summary>
        string Apply(int identity, string number, out bool complete);
    }
}
