namespace DeskPhone.Sip.Text
{
    /// <summary>A millisecond clock reading as seconds with three decimals ("4.250"): the trace's and the log's stamps.</summary>
    public static class Seconds
    {
        public static string Of(long ms) => (ms / 1000).ToString() + "." + (ms % 1000 + 1000).ToString().Substring(1);
    }
}
