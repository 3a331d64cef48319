namespace DeskPhone.Drivers.Network
{
    /// <summary>Dotted-quad IPv4 parsing without exceptions (settings come from users).</summary>
    public static class Ipv4
    {
        public static bool TryParse(string text, out uint value)
        {
            value = 0;
            if (text == null || text.Length < 7 || text.Length > 15)
            {
                return false;
            }
            int part = 0;
            int digits = 0;
            int parts = 0;
            for (int i = 0; i <= text.Length; i++)
            {
                char c = i < text.Length ? text[i] : '.';
                if (c == '.')
                {
                    if (digits == 0 || part > 255)
                    {
                        return false;
                    }
                    value = (value << 8) | (uint)part;
                    parts++;
                    part = 0;
                    digits = 0;
                }
                else if (c >= '0' && c <= '9' && digits < 3)
                {
                    part = part * 10 + (c - '0');
                    digits++;
                }
                else
                {
                    return false;
                }
            }
            return parts == 4;
        }

        public static string Format(uint value)
        {
            return ((value >> 24) & 0xFF).ToString() + "." + ((value >> 16) & 0xFF).ToString() + "."
                + ((value >> 8) & 0xFF).ToString() + "." + (value & 0xFF).ToString();
        }
    }
}
