namespace DeskPhone.Domain.Provisioning
{
    /// <summary>
    /// Takes a 200's body as it arrives instead of <see cref="HttpFetch"/> holding it (an update's image files are
    /// larger than the heap: docs/updates.md). The body must come with a Content-Length.
    /// </summary>
    public interface IHttpBodySink
    {
        /// <summary>The body's length is known; null to go on, else why it is refused.</summary>
        string Begin(long length);

        /// <summary>The next bytes of the body; null to go on, else why it is refused (the fetch fails with that).</summary>
        string Write(byte[] data, int offset, int count);
    }
}
