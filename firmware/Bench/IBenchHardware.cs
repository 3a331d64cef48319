namespace DeskPhone.Firmware.Bench
{
    /// <summary>
    /// Hardware the bench may plug and unplug. Only the simulator has one: on a real board the cable is pulled by
    /// hand, so these endpoints answer 501 there.
    /// </summary>
    public interface IBenchHardware
    {
        void SetEthernet(bool plugged);

        void SetHid(bool plugged);

        /// <summary>The Wi-Fi access point: up (in range), down (out of range) or reject (refuses the key); false for another word.</summary>
        bool SetWifi(string access);

        /// <summary>Module 1..3 plugged or unplugged; false when the position does not exist.</summary>
        bool SetModule(int module, bool plugged);
    }
}
