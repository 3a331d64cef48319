using System.Text;
using DeskPhone.Firmware.Voice;
using DeskPhone.Media.Rtp;

namespace DeskPhone.Firmware.Bench
{
    /// <summary>
    /// <c>GET /api/paging</c> (docs/bench.md, docs/media.md "Multicast paging"): the groups joined, the page playing
    /// and the figures of the pages' jitter buffer like a call's <c>media</c> (RFC 3550 loss and jitter of the last or
    /// current page, concealed, late); 404 on a phone without multicast channels.
    /// </summary>
    // Part of CallRoutes (partial, a file each): a type of its own is 8 B of runtime tables (h-firmslim).
    internal static partial class CallRoutes
    {
        public static BenchResponse PagingFigures(CallVoice voice, string method, string path, string[] parts)
        {
            Paging paging = voice == null ? null : voice.Paging;
            if (paging == null || method != "GET" || parts.Length != 2)
            {
                return BenchResponse.NotFound("no " + method + " " + path + " (see docs/bench.md)");
            }
            var sb = new StringBuilder("{\"joined\":");
            sb.Append(paging.Joined.ToString());
            // mc_address's index, 0 for none.
            JsonText.Number(sb, ",\"playing\":", paging.Playing + 1);
            JsonText.Number(sb, ",\"frames\":", paging.Frames);
            JsonText.Number(sb, ",\"ignored\":", paging.Ignored);
            RtpStream r = paging.Received;
            JitterBuffer j = paging.Jitter;
            if (r == null)
            {
                return BenchResponse.Json(sb.Append(",\"media\":null}").ToString());
            }
            JsonText.Number(sb, ",\"media\":{\"received\":", r.Received);
            JsonText.Number(sb, ",\"lost\":", r.Lost);
            // Interarrival jitter in timestamp units at 8 kHz: 8 per millisecond.
            JsonText.Number(sb, ",\"jitterMs\":", r.Jitter / 8);
            JsonText.Number(sb, ",\"bufferMs\":", j.Depth * 20);
            JsonText.Number(sb, ",\"concealed\":", j.Concealed);
            JsonText.Number(sb, ",\"late\":", j.Late);
            JsonText.Number(sb, ",\"refused\":", j.Refused);
            sb.Append("}}");
            return BenchResponse.Json(sb.ToString());
        }
    }
}
