// nanoFramework hardware members the Device folders use (System.Device.*, System.IO.Ports, nanoFramework.Hardware.Esp32,
// the IoT bindings), declared where nanoFramework declares them, with the real signatures and empty bodies.
// DeviceApiGate compiles them with the Device folders; they are not part of the test assembly.
namespace System
{
    public struct SpanByte
    {
        public SpanByte(byte[] array) { }
        public SpanByte(byte[] array, int start, int length) { }
    }
}

namespace System.Device.Gpio
{
    public enum PinMode { Input, Output, InputPullDown, InputPullUp }

    [Flags]
    public enum PinEventTypes { None = 0, Rising = 1, Falling = 2 }

    public struct PinValue
    {
        public static PinValue High => default;
        public static PinValue Low => default;
        public static implicit operator PinValue(bool value) => default;
        public static bool operator ==(PinValue a, PinValue b) => true;
        public static bool operator !=(PinValue a, PinValue b) => false;
        public override bool Equals(object obj) => true;
        public override int GetHashCode() => 0;
    }

    public class PinValueChangedEventArgs : EventArgs
    {
        public PinEventTypes ChangeType => default;
        public int PinNumber => 0;
    }

    public delegate void PinValueChangedEventHandler(object sender, PinValueChangedEventArgs e);

    public class GpioPin
    {
        public event PinValueChangedEventHandler ValueChanged { add { } remove { } }
        public void Write(PinValue value) { }
        public PinValue Read() => default;
    }

    public class GpioController
    {
        public GpioPin OpenPin(int pinNumber, PinMode mode) => null;
    }
}

namespace System.Device.Spi
{
    public enum SpiMode { Mode0, Mode1, Mode2, Mode3 }

    public class SpiConnectionSettings
    {
        public SpiConnectionSettings(int busId, int chipSelectLine) { }
        public int ClockFrequency { get; set; }
        public SpiMode Mode { get; set; }
    }

    public abstract class SpiDevice
    {
        public static SpiDevice Create(SpiConnectionSettings settings) => null;
        public void Write(SpanByte buffer) { }
    }
}

namespace System.Device.I2c
{
    public struct I2cTransferResult { }

    public class I2cConnectionSettings
    {
        public I2cConnectionSettings(int busId, int deviceAddress) { }
    }

    public class I2cDevice
    {
        public static I2cDevice Create(I2cConnectionSettings settings) => null;
        public I2cTransferResult Write(SpanByte buffer) => default;
        public I2cTransferResult WriteRead(SpanByte writeBuffer, SpanByte readBuffer) => default;
    }
}

namespace System.Device.Pwm
{
    public class PwmChannel
    {
        public static PwmChannel CreateFromPin(int pin, int frequency, double dutyCyclePercentage) => null;
        public int Frequency { get; set; }
        public double DutyCycle { get; set; }
        public void Start() { }
        public void Stop() { }
    }
}

namespace System.IO.Ports
{
    public enum Parity { None, Odd, Even }
    public enum StopBits { One = 1, Two = 2, OnePointFive = 3 }

    public class SerialPort
    {
        public SerialPort(string portName, int baudRate, Parity parity, int dataBits, StopBits stopBits) { }
        public int BytesToRead => 0;
        public void Open() { }
        public int Read(byte[] buffer, int offset, int count) => 0;
        public void Write(byte[] buffer, int offset, int count) { }
    }
}

namespace nanoFramework.Hardware.Esp32
{
    public enum DeviceFunction { SPI1_MOSI, SPI1_MISO, SPI1_CLOCK, I2C1_DATA, I2C1_CLOCK, PWM1, PWM2, COM2_TX, COM2_RX, COM3_TX, COM3_RX }

    public static class Configuration
    {
        public static void SetPinFunction(int gpioNumber, DeviceFunction function) { }
    }
}

namespace Iot.Device.Mcp23xxx
{
    public enum Register { IODIR, IPOL, GPINTEN, DEFVAL, INTCON, IOCON, GPPU, INTF, INTCAP, GPIO, OLAT }
    public enum Port { PortA, PortB }

    public abstract class Mcp23xxx
    {
        public void SetPinMode(int pinNumber, System.Device.Gpio.PinMode mode) { }
        public void Write(int pinNumber, System.Device.Gpio.PinValue value) { }
        public System.Device.Gpio.PinValue Read(int pinNumber) => default;
    }

    public abstract class Mcp23x1x : Mcp23xxx
    {
        public byte ReadByte(Register register, Port port) => 0;
    }

    public class Mcp23017 : Mcp23x1x
    {
        public Mcp23017(System.Device.I2c.I2cDevice i2cDevice, int reset, int interruptA, int interruptB,
            System.Device.Gpio.GpioController masterController, bool shouldDispose) { }
    }
}

namespace Iot.Device.Ws28xx.Esp32
{
    public class BitmapImage
    {
        public void SetPixel(int x, int y, byte r, byte g, byte b) { }
    }

    public class Ws28xx
    {
        public BitmapImage Image => null;
        public void Update() { }
    }

    public class Ws2812c : Ws28xx
    {
        public Ws2812c(int gpioPin, int width, int height) { }
    }
}
