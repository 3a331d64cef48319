namespace DeskPhone.Board.Display
{
    /// <summary>
    /// The class nanoFramework's resource generator (nFResXFileCodeGenerator) makes from DeviceResources.resx,
    /// written by hand because the generator only runs inside Visual Studio. The ids are the generator's hash of
    /// each resource name (tests/Conformance.Tests/DeviceFontTests checks them against the .resx).
    /// </summary>
    internal partial class DeviceResources
    {
        private static System.Resources.ResourceManager manager;

        internal static System.Resources.ResourceManager ResourceManager
        {
            get
            {
                if (manager == null)
                {
                    manager = new System.Resources.ResourceManager("DeskPhone.Board.Display.DeviceResources", typeof(DeviceResources).Assembly);
                }
                return manager;
            }
        }

        [System.Serializable]
        internal enum BinaryResources : short
        {
            Terminus6x12 = 10405,
            Fixed8x16 = 12070,
        }
    }
}
