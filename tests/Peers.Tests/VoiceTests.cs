using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using DeskPhone.Hil.Tests;
using DeskPhone.Host.Audio;
using DeskPhone.Media.Tests.Audio;

namespace DeskPhone.Peers.Tests
{
    /// <summary>
    /// Voice end to end on loopback (docs/media.md): the simulator (microphone: a 440 Hz tone, speaker: a WAV file per
    /// call) calls baresip (source: a 1 kHz WAV file through its aufile module, what it plays recorded by its sndfile
    /// filter) through kamailio as registrar and proxy; the media goes directly between the two. Each side's
    /// recording must hold the other side's tone in (nearly) every 20 ms frame; hold stops the phone's media and
    /// resume brings it back. Frequencies are measured (Goertzel), not timings.
    /// </summary>
    public class VoiceTests
    {
        private static readonly double[] Tones = { 440, 1000 };

        private static JsonElement Call(PhoneUnderTest phone)
        {
            JsonElement[] calls = JsonDocument.Parse(phone.Get("api/calls").Body).RootElement.EnumerateArray().ToArray();
            return calls.Length == 0 ? default : calls[0];
        }

        private static string State(PhoneUnderTest phone)
        {
            JsonElement call = Call(phone);
            return call.ValueKind == JsonValueKind.Undefined ? "none" : call.GetProperty("state").GetString();
        }

        /// <summary>A figure of the call's media object (-1 while there is none).</summary>
        private static long Media(PhoneUnderTest phone, string name)
        {
            JsonElement call = Call(phone);
            if (call.ValueKind == JsonValueKind.Undefined || call.GetProperty("media").ValueKind != JsonValueKind.Object)
            {
                return -1;
            }
            JsonElement value = call.GetProperty("media").GetProperty(name);
            return value.ValueKind == JsonValueKind.True ? 1 : value.ValueKind == JsonValueKind.False ? 0 : value.GetInt64();
        }

        private static string Digits(PhoneUnderTest phone)
        {
            JsonElement call = Call(phone);
            return call.ValueKind == JsonValueKind.Undefined || call.GetProperty("media").ValueKind != JsonValueKind.Object
                ? null : call.GetProperty("media").GetProperty("digits").GetString();
        }

        /// <summary><paramref name="seconds"/> of a sine from the simulator's own tone microphone.</summary>
        internal static short[] Sine(double frequency, int seconds)
        {
            var samples = new short[8000 * seconds];
            var frame = new short[160];
            Microphone tone = Microphone.Tone(frequency);
            for (int at = 0; at < samples.Length; at += frame.Length)
            {
                tone.Read(frame);
                Array.Copy(frame, 0, samples, at, frame.Length);
            }
            return samples;
        }

        /// <summary>
        /// The 20 ms frames of samples[from..] between the first and the last that hold <paramref name="tone"/>: how many
        /// hold it and how many do not (missing: silence or the wrong tone).
        /// </summary>
        private static (int Tone, int Missing) Frames(short[] samples, double tone, int from = 0)
        {
            int first = -1, last = -1, count = 0;
            var which = new double[(samples.Length - from) / 160];
            for (int f = 0; f < which.Length; f++)
            {
                which[f] = Goertzel.Dominant(samples, from + f * 160, 160, Tones);
                if (which[f] == tone)
                {
                    first = first < 0 ? f : first;
                    last = f;
                    count++;
                }
            }
            return (count, first < 0 ? 0 : last - first + 1 - count);
        }

        [SkippableFact]
        public void TonesGoBothWaysThroughKamailioAndHoldStopsTheMedia()
        {
            Skip.IfNot(File.Exists(Baresip.Binary), Baresip.Missing);
            Skip.IfNot(File.Exists(Kamailio.Binary), Kamailio.Missing);
            string dir = Directory.CreateTempSubdirectory("voice").FullName;
            try
            {
                string phoneRecordings = Path.Combine(dir, "phone");
                string peerRecordings = Path.Combine(dir, "peer");
                Directory.CreateDirectory(peerRecordings);
                string source = Path.Combine(dir, "1khz.wav");
                // Longer than the call: baresip's aufile plays its file once.
                Wav.Write(source, Sine(1000, 120));

                using var kamailio = new Kamailio("proxy.cfg");
                using PhoneUnderTest phone = PhoneUnderTest.Simulator("--identity 100 --registrar 127.0.0.1:" + kamailio.Port + " --settings " +
                                                                      KamailioTests.SettingsFile("100", 3600, LoopbackPorts.RtpSettings()) + " --mic tone:440 --record-dir " + phoneRecordings);
                using var peer = new Baresip("200", ";auth_pass=pw200;outbound=\"sip:127.0.0.1:" + kamailio.Port + "\";regint=60", source, peerRecordings);
                Assert.True(phone.WaitFor(() => KamailioTests.Registered(phone), r => r, 15000), "phone not registered:\n" + kamailio.Log);
                Assert.True(phone.WaitFor(() => kamailio.Count("PEERTEST registered 200"), n => n >= 1, 15000) >= 1, "baresip not registered:\n" + peer.Log);

                Assert.Equal(200, phone.Post("api/calls", "{\"to\":\"200\"}").Status);
                Assert.Equal("connected", phone.WaitFor(() => State(phone), s => s == "connected", 15000));
                // 5 s of the peer's audio played (250 frames), and RTCP from baresip read (it reports every few seconds).
                Assert.True(phone.WaitFor(() => Media(phone, "played"), n => n >= 250, 30000) >= 250, "no audio from baresip:\n" + phone.Get("api/calls").Body + peer.Log);
                Assert.True(phone.WaitFor(() => Media(phone, "reports"), n => n >= 1, 30000) >= 1, "no RTCP from baresip:\n" + phone.Get("api/calls").Body);
                // baresip's report about the phone's stream echoes the phone's sender report: the round trip is known.
                Assert.InRange(phone.WaitFor(() => Media(phone, "rttMs"), n => n >= 0, 30000), 0, 1000);
                Assert.Equal(0, Media(phone, "payloadType"));
                Assert.True(Media(phone, "sent") >= 250, phone.Get("api/calls").Body);

                // Hold: the phone's media stops; what it recorded so far holds 1 kHz in all but under 1% of its frames.
                Assert.Equal(200, phone.Post("api/calls/0/hold").Status);
                Assert.Equal("held", phone.WaitFor(() => State(phone), s => s == "held", 15000));
                Assert.Equal(0, Media(phone, "active"));
                string recording = Path.Combine(phoneRecordings, "call-1.wav");
                short[] held = Wav.Read(recording);
                (int tone, int missing) = Frames(held, 1000);
                Assert.True(tone >= 250, "1 kHz in " + tone + " frames of the phone's recording");
                Assert.True(missing * 100 < tone, missing + " of " + (tone + missing) + " frames without 1 kHz in the phone's recording\n" + phone.Get("api/calls").Body);

                // Resume: the media starts again (a new stream) and the recording goes on in the same file.
                Assert.Equal(held.Length, Wav.Read(recording).Length);
                Assert.Equal(200, phone.Post("api/calls/0/resume").Status);
                Assert.Equal("connected", phone.WaitFor(() => State(phone), s => s == "connected", 15000));
                long played = Media(phone, "played");
                Assert.True(phone.WaitFor(() => Media(phone, "played"), n => n >= played + 100, 30000) >= played + 100, "no audio after resume:\n" + phone.Get("api/calls").Body);
                (int resumed, _) = Frames(Wav.Read(recording), 1000, held.Length);
                Assert.True(resumed >= 90, "1 kHz in " + resumed + " frames after resume");

                // DTMF both ways as RFC 4733 events: the phone's digits are baresip's DTMF events, baresip's reach the phone.
                Assert.Equal(200, phone.Post("api/calls/0/dtmf", "{\"digits\":\"19#\"}").Status);
                Assert.True(peer.WaitForEvent("CALL_DTMF_START"), "no DTMF at baresip:\n" + peer.Events);
                Assert.True(phone.WaitFor(() => peer.EventCount("CALL_DTMF_START"), n => n >= 3, 15000) >= 3, peer.Events);
                Assert.Equal("19#", string.Concat(peer.Events.Split('\n').Where(e => e.Contains("CALL_DTMF_START"))
                                                           .Select(e => JsonDocument.Parse(e).RootElement.GetProperty("param").GetString())));
                // A key of the phone held down (the bench's hold, then release): one digit at baresip however long it was held.
                Assert.Equal(200, phone.Post("api/keys/5/hold").Status);
                System.Threading.Thread.Sleep(400);
                Assert.Equal(200, phone.Post("api/keys/5/release").Status);
                Assert.True(phone.WaitFor(() => peer.EventCount("CALL_DTMF_START"), n => n >= 4, 15000) >= 4, peer.Events);
                Assert.Equal("19#5", string.Concat(peer.Events.Split('\n').Where(e => e.Contains("CALL_DTMF_START"))
                                                             .Select(e => JsonDocument.Parse(e).RootElement.GetProperty("param").GetString())));
                peer.SendDigit('7');
                peer.SendDigit('*');
                Assert.Equal("7*", phone.WaitFor(() => Digits(phone), d => d == "7*", 15000));

                Assert.Equal(200, phone.Post("api/calls/0/hangup").Status);
                Assert.True(peer.WaitForEvent("CALL_CLOSED"), "no BYE:\n" + peer.Log);

                // baresip's recording of what it played: the phone's 440 Hz. (baresip 1.0's sndfile filter stops writing at
                // the first re-INVITE, the hold, though baresip goes on receiving: its file holds the 5 s before it.)
                string decoded = Directory.GetFiles(peerRecordings, "*dec.wav").FirstOrDefault();
                Assert.True(decoded != null, "baresip recorded nothing:\n" + peer.Log);
                (int heard, int gaps) = Frames(Wav.Read(decoded), 440);
                Assert.True(heard >= 240, "440 Hz in " + heard + " frames of baresip's recording\n" + peer.Log);
                Assert.True(gaps * 100 < heard, gaps + " of " + (heard + gaps) + " frames without 440 Hz in baresip's recording");
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        /// <summary>
        /// The phone calls baresip, which rings for a while before it answers: what the phone plays meanwhile (its
        /// recording of the call) is the USA ringback (440 + 480 Hz), then baresip's 1 kHz, and no ringback after that.
        /// </summary>
        [SkippableFact]
        public void TheCallerHearsTheRingbackUntilTheOtherSideAnswers()
        {
            Skip.IfNot(File.Exists(Baresip.Binary), Baresip.Missing);
            Skip.IfNot(File.Exists(Kamailio.Binary), Kamailio.Missing);
            string dir = Directory.CreateTempSubdirectory("ringback").FullName;
            try
            {
                string phoneRecordings = Path.Combine(dir, "phone");
                string source = Path.Combine(dir, "1khz.wav");
                Wav.Write(source, Sine(1000, 60));
                using var kamailio = new Kamailio("proxy.cfg");
                using PhoneUnderTest phone = PhoneUnderTest.Simulator("--identity 100 --registrar 127.0.0.1:" + kamailio.Port + " --settings " +
                                                                      KamailioTests.SettingsFile("100", 3600, LoopbackPorts.RtpSettings()) + " --record-dir " + phoneRecordings);
                using var peer = new Baresip("200", ";auth_pass=pw200;outbound=\"sip:127.0.0.1:" + kamailio.Port + "\";regint=60", source, null, "manual");
                Assert.True(phone.WaitFor(() => KamailioTests.Registered(phone), r => r, 15000), "phone not registered:\n" + kamailio.Log);
                Assert.True(phone.WaitFor(() => kamailio.Count("PEERTEST registered 200"), n => n >= 1, 15000) >= 1, "baresip not registered:\n" + peer.Log);

                Assert.Equal(200, phone.Post("api/calls", "{\"to\":\"200\"}").Status);
                Assert.Equal("ringing", phone.WaitFor(() => State(phone), s => s == "ringing", 15000));
                // A second of ringing recorded (50 frames), then baresip answers.
                string recording = Path.Combine(phoneRecordings, "call-1.wav");
                Assert.True(phone.WaitFor(() => File.Exists(recording) ? Wav.Read(recording).Length : 0, n => n >= 50 * 160, 15000) >= 50 * 160,
                            "nothing recorded while baresip rings");
                peer.Accept();
                Assert.Equal("connected", phone.WaitFor(() => State(phone), s => s == "connected", 15000));
                Assert.True(phone.WaitFor(() => Media(phone, "played"), n => n >= 100, 30000) >= 100, "no audio from baresip:\n" + phone.Get("api/calls").Body);
                Assert.Equal(200, phone.Post("api/calls/0/hangup").Status);
                Assert.True(peer.WaitForEvent("CALL_CLOSED"), "no BYE:\n" + peer.Log);

                short[] samples = Wav.Read(recording);
                double[] candidates = { 350, 440, 480, 620, 1000 };
                int frames = samples.Length / 160, firstVoice = -1, ringback = 0, ringbackAfter = 0, voice = 0;
                for (int f = 0; f < frames; f++)
                {
                    double hz = Goertzel.Dominant(samples, f * 160, 160, candidates);
                    bool ring = hz == 440 || hz == 480;
                    firstVoice = firstVoice < 0 && hz == 1000 ? f : firstVoice;
                    voice += hz == 1000 ? 1 : 0;
                    ringback += ring && firstVoice < 0 ? 1 : 0;
                    ringbackAfter += ring && firstVoice >= 0 ? 1 : 0;
                }
                Assert.True(ringback >= 45, "ringback in " + ringback + " frames before baresip's audio");
                Assert.True(voice >= 90, "1 kHz in " + voice + " frames");
                Assert.Equal(0, ringbackAfter);
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }
    }
}
