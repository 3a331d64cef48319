using System.Text;

namespace DeskPhone.Firmware.Bench
{
    /// <summary>What the bench interface answers; the HTTP adapter of each runtime writes it out.</summary>
    public sealed class BenchResponse
    {
        public BenchResponse(int status, string contentType, byte[] body)
        {
            Status = status;
            ContentType = contentType;
            Body = body;
        }

        // Fields, not properties: an accessor is a method in the runtime tables (docs/benchmarks.md, h-firmslim).
        public readonly int Status;
        public readonly string ContentType;
        public readonly byte[] Body;

        /// <summary>One extra header (name: value), e.g. WWW-Authenticate on a 401; null for none.</summary>
        public string ExtraHeaderName;
        public string ExtraHeaderValue;

        public static BenchResponse Text(int status, string text) =>
            new BenchResponse(status, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(text + "\n"));

        public static BenchResponse Json(string json) =>
            new BenchResponse(200, "application/json", Encoding.UTF8.GetBytes(json));

        // 400 and 404 are most of the bench's errors (about 60 places): a call each without the status saves the
        // 5-byte constant at every one of them (h-firmslim).
        public static BenchResponse BadRequest(string reason) => Error(400, reason);

        public static BenchResponse NotFound(string reason) => Error(404, reason);

        /// <summary>The request's body as text (UTF-8), "" without one.</summary>
        public static string BodyText(byte[] body) => body == null ? "" : Encoding.UTF8.GetString(body, 0, body.Length);

        public static BenchResponse Error(int status, string reason) =>
            new BenchResponse(status, "application/json", Encoding.UTF8.GetBytes("{\"error\":" + JsonText.Quote(reason) + "}"));
    }
}
