using DeskPhone.Drivers.Boards;
using nanoFramework.Hardware.Esp32;

namespace DeskPhone.Board.Drivers
{
    /// <summary>Routes the ESP32 pin matrix as a board profile says; call once at boot before opening any bus.</summary>
    public static class Esp32Pins
    {
        public static void Configure(BoardProfile board)
        {
            // The W5500/RMII Ethernet is configured by the firmware image; SPI1 is mapped here for the panel's SPI
            // device (board/Display/SpiPanelBus), which shares the bus.
            Map(board.SpiMosi, DeviceFunction.SPI1_MOSI);
            Map(board.SpiMiso, DeviceFunction.SPI1_MISO);
            Map(board.SpiClock, DeviceFunction.SPI1_CLOCK);
            Map(board.I2cData, DeviceFunction.I2C1_DATA);
            Map(board.I2cClock, DeviceFunction.I2C1_CLOCK);
            Map(board.LcdBacklight, DeviceFunction.PWM1);
            Map(board.Speaker, DeviceFunction.PWM2);
            if (board.ExpansionPort == "COM2")
            {
                Map(board.ExpansionTx, DeviceFunction.COM2_TX);
                Map(board.ExpansionRx, DeviceFunction.COM2_RX);
            }
            else if (board.ExpansionPort == "COM3")
            {
                Map(board.ExpansionTx, DeviceFunction.COM3_TX);
                Map(board.ExpansionRx, DeviceFunction.COM3_RX);
            }
            // nanoFramework's I2S bus 1 is the ESP32's I2S0 (the DeviceFunction names count from 1 too).
            Map(board.AmpBitClock, board.AmpI2sBus == 1 ? DeviceFunction.I2S1_BCK : DeviceFunction.I2S2_BCK);
            Map(board.AmpWordSelect, board.AmpI2sBus == 1 ? DeviceFunction.I2S1_WS : DeviceFunction.I2S2_WS);
            Map(board.AmpData, board.AmpI2sBus == 1 ? DeviceFunction.I2S1_DATA_OUT : DeviceFunction.I2S2_DATA_OUT);
            Map(board.MicBitClock, board.MicI2sBus == 1 ? DeviceFunction.I2S1_BCK : DeviceFunction.I2S2_BCK);
            Map(board.MicWordSelect, board.MicI2sBus == 1 ? DeviceFunction.I2S1_WS : DeviceFunction.I2S2_WS);
            Map(board.MicData, board.MicI2sBus == 1 ? DeviceFunction.I2S1_MDATA_IN : DeviceFunction.I2S2_MDATA_IN);
            if (board.HidPort == "COM2")
            {
                Map(board.HidTx, DeviceFunction.COM2_TX);
                Map(board.HidRx, DeviceFunction.COM2_RX);
            }
            else if (board.HidPort == "COM3")
            {
                Map(board.HidTx, DeviceFunction.COM3_TX);
                Map(board.HidRx, DeviceFunction.COM3_RX);
            }
        }

        private static void Map(int pin, DeviceFunction function)
        {
            if (pin >= 0)
            {
                Configuration.SetPinFunction(pin, function);
            }
        }
    }
}
