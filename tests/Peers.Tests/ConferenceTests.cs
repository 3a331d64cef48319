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
    /// The local conference end to end on loopback (docs/calls.md, "Conference"): the simulator (microphone 440 Hz)
    /// calls two baresips through kamailio (A sends 1 kHz, B 1.6 kHz from WAV files, each records what it plays), joins
    /// the two calls from the bench and, after 5 s, hangs the conference up. Each baresip's recording must hold the
    /// other baresip's tone and the phone's in (nearly) every frame of the conference, and the phone's speaker
    /// (its recording of the first call) both baresips' tones. Frequencies measured per 20 ms frame (Goertzel).
    /// A frame the phone itself played as silence (its jitter buffer ran dry: a baresip's packets came late on a loaded
    /// machine, as /api/calls counts them) is a gap the user hears in that baresip's audio and no fault of the mixing:
    /// a recording may lack that baresip's tone in as many frames besides the 1% allowed.
    /// </summary>
    public class ConferenceTests
    {
        private const double Phone = 440, ToneA = 1000, ToneB = 1600;

        /// <summary>
        /// The 20 ms frames holding both tones at -40 dBFS or more, and, between the first and the last of them, the
        /// frames missing either.
        /// </summary>
        private static (int Both, int Missing) Frames(short[] samples, double one, double other)
        {
            int first = -1, last = -1, both = 0;
            for (int f = 0; f + 160 <= samples.Length; f += 160)
            {
                if (Goertzel.Power(samples, f, 160, one) >= 1e-4 && Goertzel.Power(samples, f, 160, other) >= 1e-4)
                {
                    first = first < 0 ? f / 160 : first;
                    last = f / 160;
                    both++;
                }
            }
            return (both, first < 0 ? 0 : last - first + 1 - both);
        }

        private static long Played(PhoneUnderTest phone, int index)
        {
            JsonElement[] calls = CallTests.Calls(phone);
            return calls.Length <= index || calls[index].GetProperty("media").ValueKind != JsonValueKind.Object
                ? -1 : calls[index].GetProperty("media").GetProperty("played").GetInt64();
        }

        private static string Recording(string dir) => Directory.GetFiles(dir, "*dec.wav").FirstOrDefault();

        /// <summary>The frames call <paramref name="index"/> played as silence (its jitter buffer empty) between the two readings of /api/calls.</summary>
        private static int Silent(JsonElement[] before, JsonElement[] after, int index) =>
            after[index].GetProperty("media").GetProperty("silent").GetInt32() - before[index].GetProperty("media").GetProperty("silent").GetInt32();

        /// <param name="silent">The frames the phone played as silence in the conference on the calls feeding this recording.</param>
        private static void Heard(string who, short[] samples, double one, double other, int silent, string log)
        {
            (int both, int missing) = Frames(samples, one, other);
            Assert.True(both >= 200, who + ": " + one + " and " + other + " Hz together in " + both + " frames\n" + log);
            // Never more than a fifth: a mixing that emptied a call's jitter buffer itself (two frames taken a turn) would show here.
            Assert.True(silent * 5 < both, who + ": the phone played " + silent + " frames of silence in " + both + " frames of the conference\n" + log);
            Assert.True((missing - silent) * 100 < both, who + ": " + missing + " of " + (both + missing) + " frames of the conference lack " + one + " or " +
                                                         other + " Hz, " + silent + " of them played as silence by the phone\n" + log);
        }

        [SkippableFact]
        public void EachBaresipHearsThePhoneAndTheOtherAndTheSpeakerPlaysBoth()
        {
            Skip.IfNot(File.Exists(Baresip.Binary), Baresip.Missing);
            Skip.IfNot(File.Exists(Kamailio.Binary), Kamailio.Missing);
            string dir = Directory.CreateTempSubdirectory("conference").FullName;
            try
            {
                string phoneRecordings = Path.Combine(dir, "phone");
                string recordA = Path.Combine(dir, "a");
                string recordB = Path.Combine(dir, "b");
                Directory.CreateDirectory(recordA);
                Directory.CreateDirectory(recordB);
                string sourceA = Path.Combine(dir, "a.wav");
                string sourceB = Path.Combine(dir, "b.wav");
                Wav.Write(sourceA, VoiceTests.Sine(ToneA, 120));
                Wav.Write(sourceB, VoiceTests.Sine(ToneB, 120));

                using var kamailio = new Kamailio("proxy.cfg");
                using PhoneUnderTest phone = PhoneUnderTest.Simulator("--identity 100 --registrar 127.0.0.1:" + kamailio.Port + " --settings " +
                                                                      KamailioTests.SettingsFile("100", 3600, LoopbackPorts.RtpSettings()) + " --mic tone:440 --record-dir " + phoneRecordings);
                using var a = new Baresip("200", ";auth_pass=pw200;outbound=\"sip:127.0.0.1:" + kamailio.Port + "\";regint=60", sourceA, recordA);
                using var b = new Baresip("300", ";auth_pass=pw300;outbound=\"sip:127.0.0.1:" + kamailio.Port + "\";regint=60", sourceB, recordB);
                Assert.True(phone.WaitFor(() => KamailioTests.Registered(phone), r => r, 15000), "phone not registered:\n" + kamailio.Log);
                Assert.True(phone.WaitFor(() => kamailio.Count("PEERTEST registered 200") + kamailio.Count("PEERTEST registered 300"), n => n >= 2, 15000) >= 2,
                            "baresips not registered:\n" + a.Log + b.Log);

                Assert.Equal(200, phone.Post("api/calls", "{\"to\":\"200\"}").Status);
                Assert.True(a.WaitForEvent("CALL_ESTABLISHED"), a.Log);
                Assert.Equal(200, phone.Post("api/calls", "{\"to\":\"300\"}").Status);
                Assert.True(b.WaitForEvent("CALL_ESTABLISHED"), b.Log);
                Assert.True(phone.WaitFor(() => Played(phone, 1), n => n >= 50, 15000) >= 50, "no audio from B:\n" + phone.Get("api/calls").Body);

                var (status, body) = phone.Post("api/calls/conference");
                Assert.True(status == 200, body);
                JsonElement[] atJoin = CallTests.Calls(phone);
                Assert.All(atJoin, c => Assert.True(c.GetProperty("conference").GetBoolean()));
                // 5 s of the conference (250 frames of B's audio).
                long joined = Played(phone, 1);
                Assert.True(phone.WaitFor(() => Played(phone, 1), n => n >= joined + 250, 30000) >= joined + 250, phone.Get("api/calls").Body);

                // The calls' media figures (underruns show as concealed and silent frames), for a failure's message.
                string figures = phone.Get("api/calls").Body;
                JsonElement[] atEnd = JsonDocument.Parse(figures).RootElement.EnumerateArray().ToArray();
                figures = "at the join: " + JsonSerializer.Serialize(atJoin) + "\nat the end: " + figures + "\n";
                Assert.Equal(200, phone.Post("api/calls/conference/hangup").Status);
                Assert.True(a.WaitForEvent("CALL_CLOSED"), "no BYE to A:\n" + a.Log);
                Assert.True(b.WaitForEvent("CALL_CLOSED"), "no BYE to B:\n" + b.Log);
                Assert.Equal("none", phone.WaitFor(() => CallTests.State(phone), s => s == "none", 15000));

                string decodedA = null, decodedB = null;
                phone.WaitFor(() => (decodedA = Recording(recordA)) != null && (decodedB = Recording(recordB)) != null, r => r, 15000);
                Assert.True(decodedA != null && decodedB != null, "baresip recorded nothing:\n" + a.Log + b.Log);
                // A hears B through call 2's jitter buffer, B hears A through call 1's, the speaker both.
                Heard("A", Wav.Read(decodedA), Phone, ToneB, Silent(atJoin, atEnd, 1), figures + a.Log);
                Heard("B", Wav.Read(decodedB), Phone, ToneA, Silent(atJoin, atEnd, 0), figures + b.Log);
                Heard("the phone's speaker", Wav.Read(Path.Combine(phoneRecordings, "call-1.wav")), ToneA, ToneB,
                      Silent(atJoin, atEnd, 0) + Silent(atJoin, atEnd, 1), figures);
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }
    }
}
