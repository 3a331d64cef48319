namespace DeskPhone.Drivers.Hid
{
    /// <summary>Text names of USB device classes for events and logs (enum names are numbers on nanoFramework).</summary>
    public static class HidNames
    {
        public static string DeviceClass(HidDeviceClass deviceClass)
        {
            switch (deviceClass)
            {
                case HidDeviceClass.Keyboard: return "keyboard";
                case HidDeviceClass.Mouse: return "mouse";
                case HidDeviceClass.Headset: return "headset";
                default: return "device";
            }
        }
    }
}
