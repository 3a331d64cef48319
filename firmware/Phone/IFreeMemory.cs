namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// The managed heap's free bytes right after a collection: the board's nanoFramework GC (GC.Run), the
    /// interpreter's in the boot scenario. The simulator has none (a .NET heap says nothing about 79 KB).
    /// </summary>
    public interface IFreeMemory
    {
        /// <summary>
        /// Collects garbage, compacts the heap on the board (what is admitted on the figure then finds it in one piece) and
        /// returns the free bytes; costs a collection, so it is asked seldom.
        /// </summary>
        int FreeAfterCollection();
    }
}
