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
    internal static class PagingRoute
    {
        public static BenchResponse Handle(CallVoice voice, string method, string path, string[] parts)
        {
            Paging paging = voice == null ? null : voice.Paging;
            if (paging == null || method != "GET" || parts.Length != 2)
            {
                return BenchResponse.Error(404, "no " + method + " " + path + " (see docs/bench.md)");
            }
            var sb = new StringBuilder("{\"joined\":");
            sb.Append(paging.Joined.ToString());
            // mc_address's index, 0 for none.
            sb.Append(",\"playing\":").Append((paging.Playing + 1).ToString());
            sb.Append(",\"frames\":").Append(paging.Frames.ToString());
            sb.Append(",\"ignored\":").Append(paging.Ignored.ToString());
            ReceptionStats r = paging.Received;
            JitterBuffer j = paging.Jitter;
            if (r == null)
            {
                return BenchResponse.Json(sb.Append(",\"media\":null}").ToString());
            }
            sb.Append(",\"media\":{\"received\":").Append(r.Received.ToString());
            sb.Append(",\"lost\":").Append(r.Lost.ToString());
            // Interarrival jitter in timestamp units at 8 kHz: 8 per millisecond.
            sb.Append(",\"jitterMs\":").Append((r.Jitter / 8).ToString());
            sb.Append(",\"bufferMs\":").Append((j.Depth * 20).ToString());
            sb.Append(",\"concealed\":").Append(j.Concealed.ToString());
            sb.Append(",\"late\":").Append(j.Late.ToString());
            sb.Append(",\"refused\":").Append(j.Refused.ToString()).Append("}}");
            return BenchResponse.Json(sb.ToString());
        }
    }
}
