namespace DeskPhone.Firmware.Tests
{
    /// <summary>The tests whose allocations depend on the firmware's static caches, run after the parallel ones and alone.</summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class AllocationBudgetCollection
    {
        public const string Name = "Allocation budgets (alone)";
    }
}
