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
                return "F" + (index - FunctionKeyBase + 1).ToString();
            }
            if (index >= ModuleKeyBase && index < Count)
            {
                int rel = index - ModuleKeyBase;
                return "X" + (rel / KeysPerModule + 1).ToString() + "." + (rel % KeysPerModule + 1).ToString();
            }
            return "led" + index.ToString();
        }
    }
}
