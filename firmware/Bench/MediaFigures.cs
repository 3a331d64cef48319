using System.Text;
using DeskPhone.Firmware.Voice;
using DeskPhone.Media.Rtp;

namespace DeskPhone.Firmware.Bench
{
    /// <summary>
    /// A call's media figures in <c>/api/calls</c> (docs/bench.md, docs/media.md): the <c>media</c> object, or null when
    /// the call has no media session (not connected yet, no media ports, or none free).
    /// </summary>
    // One type with the other call routes (partial, a file each): a type is 8 B of runtime tables (h-firmslim).
    internal static partial class CallRoutes
    {
        public static void AppendMedia(StringBuilder sb, CallVoice voice, int callId)
        {
            MediaSession s = voice == null ? null : voice.Find(callId);
            if (s == null)
            {
                sb.Append(",\"media\":null");
                return;
            }
            RtpStream r = s.Stream;
            JitterBuffer j = s.Jitter;
            JsonText.Bool(sb, ",\"media\":{\"active\":", s.Active);
            JsonText.Number(sb, ",\"localPort\":", s.LocalPort);
            JsonText.Number(sb, ",\"payloadType\":", s.PayloadType);
            JsonText.Number(sb, ",\"sent\":", r.Packets);
            JsonText.Number(sb, ",\"received\":", r.Received);
            JsonText.Number(sb, ",\"lost\":", r.Lost);
            // Interarrival jitter in timestamp units at 8 kHz: 8 per millisecond.
            JsonText.Number(sb, ",\"jitterMs\":", r.Jitter / 8);
            JsonText.Number(sb, ",\"rttMs\":", r.RoundTripMs);
            JsonText.Number(sb, ",\"remoteLost\":", r.RemoteLost);
            JsonText.Number(sb, ",\"remoteJitterMs\":", r.RemoteJitter / 8);
            JsonText.Number(sb, ",\"reports\":", r.ReportsReceived);
            JsonText.Number(sb, ",\"bufferMs\":", j.Depth * 20);
            JsonText.Number(sb, ",\"concealed\":", j.Concealed);
            JsonText.Number(sb, ",\"late\":", j.Late);
            JsonText.Number(sb, ",\"played\":", s.Played);
            JsonText.Number(sb, ",\"silent\":", s.Silent);
            JsonText.Field(sb, ",\"digits\":", s.Digits);
            sb.Append('}');
        }
    }
}
