namespace DeskPhone.Firmware.Bench
{
    /// <summary>
    /// One HTTP request as the adapters (the board's <see cref="BenchHttpServer"/>, the simulator's Kestrel) hand it to
    /// <see cref="BenchRouter"/>: first without its body to <see cref="BenchRouter.Admit"/>, which decides on the
    /// headers alone, then, when admitted, with the body to <see cref="BenchRouter.Handle(BenchRequest)"/>.
    /// </summary>
    // Its plain state (AdmittedEpoch, a parsed value) is public fields, not properties: no accessor method in the runtime
    // tables, image and calls on the device (issue #17).
    public sealed class BenchRequest
    {
        public BenchRequest(string method, string target, string authorization, string client, long contentLength)
        {
            Method = method;
            Target = target ?? "/";
            int q = Target.IndexOf('?');
            Path = q < 0 ? Target : Target.Substring(0, q);
            Query = q < 0 ? null : Target.Substring(q + 1);
            Authorization = authorization;
            Client = client ?? "unknown";
            ContentLength = contentLength;
        }

        public readonly string Method;

        /// <summary>The request target as sent (path and query, still percent-encoded): what Digest's uri= names.</summary>
        public readonly string Target;

        /// <summary>The path without the query, e.g. /api/status.</summary>
        public readonly string Path;

        /// <summary>The query without '?', or null.</summary>
        public readonly string Query;

        /// <summary>The Authorization header, or null.</summary>
        public readonly string Authorization;

        /// <summary>The administrator password (header X-Admin-Password) for administrator-level changes, or null.</summary>
        public string AdminPassword;

        /// <summary>The client's address (without port): the key of the wrong-password back-off.</summary>
        public readonly string Client;

        /// <summary>Content-Length; -1 when the body's length is not known in advance (chunked), 0 for none.</summary>
        public readonly long ContentLength;

        /// <summary>The body, read by the adapter only after <see cref="BenchRouter.Admit"/> admitted the request.</summary>
        public byte[] Body;

        /// <summary>Set by <see cref="BenchRouter.Admit"/>: the credentials generation the request was admitted under.</summary>
        public int AdmittedEpoch = -1;
    }
}
