using DeskPhone.Firmware.Phone;

namespace DeskPhone.Board.Drivers
{
    /// <summary>The board's free managed heap after a full collection (nanoFramework's GC.Run), for PhoneHasLowMemory.</summary>
    internal sealed class GcFreeMemory : IFreeMemory
    {
        public int FreeAfterCollection() => (int)nanoFramework.Runtime.Native.GC.Run(false);
    }
}
