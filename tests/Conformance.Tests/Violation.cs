namespace DeskPhone.Conformance.Tests
{
    /// <summary>One thing in a compiled portable assembly that nanoFramework 1.x cannot load or run.</summary>
    public sealed class Violation
    {
        public Violation(string assembly, string member, string reason)
        {
            Assembly = assembly;
            Member = member;
            Reason = reason;
        }

        public string Assembly { get; }
        public string Member { get; }
        public string Reason { get; }

        public override string ToString() => Assembly + ": " + Member + ": " + Reason;
    }
}
