namespace BandCost
{
    /// <summary>How many redraws this build makes (count.sh rewrites it for each of its runs).</summary>
    internal static class Runs
    {
        public const int BandRows = 4;
        public const int Full = 0;
        public const int Line = 0;
    }
}
