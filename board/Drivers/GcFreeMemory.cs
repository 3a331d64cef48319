using DeskPhone.Drivers.Hal;
using DeskPhone.Firmware.Phone;

namespace DeskPhone.Board.Drivers
{
    /// <summary>
    /// The board's free managed heap after a full collection and a compaction (nanoFramework's GC.Run(true)), for the heap
    /// reserve and PhoneHasLowMemory.
    /// </summary>
    // Compacted: nanoCLR compacts and retries a failed allocation only for arrays; a stack frame, an object or a string
    // that finds no free block its size throws at once however much is free in pieces (docs/benchmarks.md, h-layoutfault:
    // the office call at 80,896 B ran out in its PUBLISH's text with 4.9 KB free). A part or a call is admitted on this
    // measurement, so its turns start from the free heap in one piece. Never inlined: a collection inside an inlined
    // call marks the slot nanoCLR leaves unwritten in its frame (NotInlinedAttribute, h-crash; h-keyadmit's sweep).
    internal sealed class GcFreeMemory : IFreeMemory
    {
        [NotInlined]
        public int FreeAfterCollection() => (int)nanoFramework.Runtime.Native.GC.Run(true);
    }
}
