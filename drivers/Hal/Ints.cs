namespace DeskPhone.Drivers.Hal
{
    /// <summary>
    /// Small int arrays from arguments. An array initializer of constants (<c>new int[] { 39, 38, 37 }</c>) is compiled
    /// to a static data field of the assembly: on nanoCLR a static slot and a 12-byte value object kept from boot (and a
    /// type per size), even where the array is only needed once (docs/benchmarks.md, h-tables). Arguments are not
    /// constants to the compiler, so the array is filled element by element instead.
    /// </summary>
    internal static class Ints
    {
        public static int[] Of(int a, int b, int c) => new[] { a, b, c };
    }
}
