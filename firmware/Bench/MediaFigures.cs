using System.Text;
using DeskPhone.Firmware.Voice;
using DeskPhone.Media.Rtp;

namespace DeskPhone.Firmware.Bench
{
    /// <summary>
    /// A call's media figures in <c>/api/calls</c> (docs/bench.md, docs/media.md): the <c>media</c> object, or null when
    /// the call has no media session (not connected yet, no media ports, or none free).
    /// </summary>
    internal static class MediaFigures
    {
        public static void Append(StringBuilder sb, CallVoice voice, int callId)
        {
            MediaSession s = voice == null ? null : voice.Find(callId);
            if (s == null)
            {
                sb.Append(",\"media\":null");
                return;
            }
            ReceptionStats r = s.Received;
            JitterBuffer j = s.Jitter;
            sb.Append(",\"media\":{\"active\":").Append(s.Active ? "true" : "false");
            sb.Append(",\"localPort\":").Append(s.LocalPort.ToString());
            sb.Append(",\"payloadType\":").Append(s.PayloadType.ToString());
            sb.Append(",\"sent\":").Append(s.Sender.Packets.ToString());
            sb.Append(",\"received\":").Append(r.Received.ToString());
            sb.Append(",\"lost\":").Append(r.Lost.ToString());
            // Interarrival jitter in timestamp units at 8 kHz: 8 per millisecond.
            sb.Append(",\"jitterMs\":").Append((r.Jitter / 8).ToString());
            sb.Append(",\"rttMs\":").Append(s.Reports.RoundTripMs.ToString());
            sb.Append(",\"remoteLost\":").Append(s.Reports.RemoteLost.ToString());
            sb.Append(",\"remoteJitterMs\":").Append((s.Reports.RemoteJitter / 8).ToString());
            sb.Append(",\"reports\":").Append(s.Reports.ReportsReceived.ToString());
            sb.Append(",\"bufferMs\":").Append((j.Depth * 20).ToString());
            sb.Append(",\"concealed\":").Append(j.Concealed.ToString());
            sb.Append(",\"late\":").Append(j.Late.ToString());
            sb.Append(",\"played\":").Append(s.Played.ToString());
            sb.Append(",\"silent\":").Append(s.Silent.ToString());
            sb.Append(",\"digits\":").Append(JsonText.Quote(s.Digits)).Append('}');
        }
    }
}
