namespace DeskPhone.Sip
{
    /// <summary>
    /// Growing a table that starts small and doubles up to its bound (the server transactions, a message's header
    /// lines): nanoFramework has no generic List, and Array.Copy into the larger array keeps one helper for every
    /// element type.
    /// </summary>
    internal static class ArrayGrowth
    {
        /// <summary>Copies <paramref name="from"/> into the start of <paramref name="to"/> and returns <paramref name="to"/>.</summary>
        internal static System.Array Grow(System.Array from, System.Array to)
        {
            System.Array.Copy(from, to, from.Length);
            return to;
        }

        /// <summary>Copies the first <paramref name="to"/>.Length elements of <paramref name="from"/> into <paramref name="to"/> and returns it.</summary>
        internal static System.Array Cut(System.Array from, System.Array to)
        {
            System.Array.Copy(from, to, to.Length);
            return to;
        }
    }
}
