namespace DeskPhone.Drivers.Leds
{
    /// <summary>Index of every phone LED in the <see cref="LedBank"/>.</summary>
    public static class LedMap
    {
        public const int Message = 0;
        public const int Call = 1;
        public const int FunctionKeyBase = 2;
        public const int FunctionKeyCount = 16;
        public const int ModuleKeyBase = FunctionKeyBase + FunctionKeyCount;
        public const int ModuleCount = 3;
        public const int KeysPerModule = 18;
        public const int Count = ModuleKeyBase + ModuleCount * KeysPerModule;

        /// <param name="n">0-based function key.</param>
        public static int FunctionKey(int n)
        {
            return FunctionKeyBase + n;
        }

        public static int ModuleKey(int module, int key)
        {
            return ModuleKeyBase + module * KeysPerModule + key;
        }

        // The function keys' names and the numbers 1..18 as text, cut out of these literals (they stay in flash): a
        // key's LED change names its LED for the bench's event detail, and Int32.ToString went through nanoCLR's
        // culture lookup under a BLF NOTIFY's LED turn (docs/benchmarks.md, h-notifyflat).
        private const string FunctionKeyNames = "F1F2F3F4F5F6F7F8F9F10F11F12F13F14F15F16";
        private const string Numbers = "123456789101112131415161718";

        /// <summary>Bench name of an LED: "message", "call", "F1".."F16", "X1.1".."X3.18".</summary>
        public static string Name(int index)
        {
            if (index == Message)
            {
                return "message";
            }
            if (index == Call)
            {
                return "call";
            }
            if (index >= FunctionKeyBase && index < ModuleKeyBase)
            {
                int n = index - FunctionKeyBase + 1;
                return n < 10 ? FunctionKeyNames.Substring(2 * n - 2, 2) : FunctionKeyNames.Substring(3 * n - 12, 3);
            }
            if (index >= ModuleKeyBase && index < Count)
            {
                int rel = index - ModuleKeyBase;
                return "X" + Number(rel / KeysPerModule + 1) + "." + Number(rel % KeysPerModule + 1);
            }
            return "led" + index.ToString();
        }

        /// <summary><paramref name="n"/> (1..18) as text.</summary>
        private static string Number(int n) => n < 10 ? Numbers.Substring(n - 1, 1) : Numbers.Substring(2 * n - 11, 2);
    }
}
