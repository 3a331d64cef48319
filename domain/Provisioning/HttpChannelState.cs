namespace DeskPhone.Domain.Provisioning
{
    /// <summary>The states of an <see cref="IHttpChannel"/>.</summary>
    public static class HttpChannelState
    {
        /// <summary>Closed, or the connection could not be made (the name did not resolve, the server refused).</summary>
        public const int Failed = 0;
        public const int Connecting = 1;
        public const int Connected = 2;
    }
}
