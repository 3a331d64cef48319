namespace DeskPhone.Drivers.Framing
{
    /// <summary>Why received bytes were dropped. Every error is reported and the reader resynchronises; none is fatal.</summary>
    public enum FrameError
    {
        /// <summary>Bytes outside any frame (detail = how many).</summary>
        Garbage = 1,
        /// <summary>Check byte wrong (detail = frame type).</summary>
        BadCheck = 2,
        /// <summary>Length field above the protocol's maximum (detail = length).</summary>
        TooLong = 3,
        /// <summary>A frame stopped arriving mid-way (detail = bytes received).</summary>
        Truncated = 4,
        /// <summary>Well-formed frame with a type or payload the protocol does not accept (detail = type).</summary>
        Unexpected = 5,
    }

    public delegate void FrameErrorHandler(FrameError error, int detail);

    /// <summary>Text names for logs and the bench (enum ToString gives a number on the device).</summary>
    public static class FrameErrorNames
    {
        public static string Name(FrameError error)
        {
            switch (error)
            {
                case FrameError.Garbage: return "garbage";
                case FrameError.BadCheck: return "bad-check";
                case FrameError.TooLong: return "too-long";
                case FrameError.Truncated: return "truncated";
                case FrameError.Unexpected: return "unexpected";
                default: return "unknown";
            }
        }
    }
}
