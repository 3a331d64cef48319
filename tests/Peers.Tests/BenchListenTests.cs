using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using DeskPhone.Hil.Tests;
using DeskPhone.Host.Audio;
using DeskPhone.Media.Tests.Audio;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace DeskPhone.Peers.Tests
{
    /// <summary>
    /// The bench page's Listen (docs/bench.md) with the voice set-up of <see cref="VoiceTests"/>: the simulator calls
    /// baresip (sending a 1 kHz tone) through kamailio; GET /api/calls/{id}/audio streams a WAV header and the call's
    /// PCM as it plays (an unknown call gets 404 JSON) and ends with the call; in headless chromium the page's Listen
    /// plays it and reports the dominant frequency of what it decoded, read from the DOM.
    /// </summary>
    public class BenchListenTests
    {
        private static string Text(IWebDriver driver, string testId, string attribute = null)
        {
            try
            {
                IWebElement e = driver.FindElement(By.CssSelector("[data-testid=\"" + testId + "\"]"));
                return attribute == null ? e.Text : e.GetAttribute(attribute) ?? "";
            }
            catch (Exception ex) when (ex is NoSuchElementException || ex is StaleElementReferenceException)
            {
                return "";
            }
        }

        private static JsonElement[] Calls(PhoneUnderTest phone) => JsonDocument.Parse(phone.Get("api/calls").Body).RootElement.EnumerateArray().ToArray();

        /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; the bytes read.</summary>
        private static int ReadFully(Stream stream, byte[] buffer)
        {
            int total = 0;
            for (int n; total < buffer.Length && (n = stream.Read(buffer, total, buffer.Length - total)) > 0;)
            {
                total += n;
            }
            return total;
        }

        [SkippableFact]
        public void ListenPlaysTheCallsAudioInTheBrowserAndTheStreamEndsWithTheCall()
        {
            Chromium.SkipUnlessInstalled();
            Skip.IfNot(File.Exists(Baresip.Binary), Baresip.Missing);
            Skip.IfNot(File.Exists(Kamailio.Binary), Kamailio.Missing);
            string dir = Directory.CreateTempSubdirectory("listen").FullName;
            try
            {
                string source = Path.Combine(dir, "1khz.wav");
                Wav.Write(source, VoiceTests.Sine(1000, 120));
                using var kamailio = new Kamailio("proxy.cfg");
                // No --record-dir: Listen needs no recording. RTP ports of its own: in the simulators' default range another
                // simulator on the machine (a test run alongside) could hold the port offered, and the call had no audio.
                using PhoneUnderTest phone = PhoneUnderTest.Simulator("--identity 100 --registrar 127.0.0.1:" + kamailio.Port + " --settings " +
                                                                      KamailioTests.SettingsFile("100", 3600, LoopbackPorts.RtpSettings()) + " --mic tone:440");
                using var peer = new Baresip("200", ";auth_pass=pw200;outbound=\"sip:127.0.0.1:" + kamailio.Port + "\";regint=60", source);
                Assert.True(phone.WaitFor(() => KamailioTests.Registered(phone), r => r, 15000), "phone not registered:\n" + kamailio.Log);
                Assert.True(phone.WaitFor(() => kamailio.Count("PEERTEST registered 200"), n => n >= 1, 15000) >= 1, "baresip not registered:\n" + peer.Log);

                var (notFound, reason) = phone.Get("api/calls/42/audio");
                Assert.Equal((404, "{\"error\":\"no call 42\"}"), (notFound, reason));

                Assert.Equal(200, phone.Post("api/calls", "{\"to\":\"200\"}").Status);
                JsonElement call = phone.WaitFor(() => Calls(phone).FirstOrDefault(), c => c.ValueKind == JsonValueKind.Object && c.GetProperty("state").GetString() == "connected", 15000);
                Assert.True(call.ValueKind == JsonValueKind.Object, "not connected:\n" + phone.Get("api/calls").Body + peer.Log);
                int id = call.GetProperty("id").GetInt32();

                // The stream itself: the WAV header, then a second of the call's audio whose last 0.2 s (or, if silent, the
                // first 0.2 s with sound after it: a loaded machine may leave the phone's jitter buffer empty a moment) is
                // baresip's 1 kHz.
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
                using HttpResponseMessage answer = http.Send(new HttpRequestMessage(HttpMethod.Get, phone.BenchUrl + "api/calls/" + id + "/audio"),
                                                             HttpCompletionOption.ResponseHeadersRead);
                Assert.Equal(200, (int)answer.StatusCode);
                Assert.Equal("audio/wav", answer.Content.Headers.ContentType?.MediaType);
                using Stream stream = answer.Content.ReadAsStream();
                var head = new byte[Wav.HeaderBytes];
                Assert.Equal(head.Length, ReadFully(stream, head));
                Assert.Equal("RIFF", Encoding.ASCII.GetString(head, 0, 4));
                Assert.Equal("WAVEfmt ", Encoding.ASCII.GetString(head, 8, 8));
                Assert.Equal((1, 1, 8000, 16), (BitConverter.ToInt16(head, 20), BitConverter.ToInt16(head, 22), BitConverter.ToInt32(head, 24), BitConverter.ToInt16(head, 34)));
                Assert.Equal("data", Encoding.ASCII.GetString(head, 36, 4));
                var pcm = new byte[16000];
                Assert.True(ReadFully(stream, pcm) == pcm.Length, "less than a second of audio:\n" + phone.Get("api/calls").Body + "\n" + peer.Log);
                var samples = new short[pcm.Length / 2];
                Buffer.BlockCopy(pcm, 0, samples, 0, pcm.Length);
                double heard = Goertzel.Dominant(samples, samples.Length - 1600, 1600, new double[] { 440, 1000 });
                // Silence (Dominant 0) at the end of that second: the next 0.2 s, for at most 10 s.
                var tail = new byte[3200];
                for (int chunk = 0; heard == 0 && chunk < 50 && ReadFully(stream, tail) == tail.Length; chunk++)
                {
                    Buffer.BlockCopy(tail, 0, samples, 0, tail.Length);
                    heard = Goertzel.Dominant(samples, 0, 1600, new double[] { 440, 1000 });
                }
                Assert.True(heard == 1000, "heard " + heard + " Hz:\n" + phone.Get("api/calls").Body + "\n" + peer.Log);
                // Read on until the end, so the stream is never held up by this reader while the browser listens.
                var rest = new byte[4096];
                var ended = new ManualResetEventSlim();
                var reader = new Thread(() =>
                {
                    try
                    {
                        while (stream.Read(rest, 0, rest.Length) > 0)
                        {
                        }
                        ended.Set();
                    }
                    catch (Exception ex) when (ex is IOException || ex is ObjectDisposedException || ex is HttpRequestException)
                    {
                        // Cut off rather than ended: the wait below fails.
                    }
                }) { IsBackground = true };
                reader.Start();

                using ChromeDriver driver = Chromium.Browser("--autoplay-policy=no-user-gesture-required");
                var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(60));
                try
                {
                    driver.Navigate().GoToUrl(phone.BenchUrl);
                    wait.Until(d => Text(d, "listen-" + id) == "Listen");
                    driver.FindElement(By.CssSelector("[data-testid=\"listen-" + id + "\"]")).Click();
                    // A measurement of sound (2,048 samples, every 2,000: the page has decoded 0.25 s or more), shown as the
                    // user reads it and in data-hz; waited for as one state (each measurement replaces both).
                    wait.Until(d => Text(d, "audio-" + id, "data-hz") == "1000" && Regex.IsMatch(Text(d, "audio-" + id), "^listening, 1000 Hz, [0-9.]+ s$"));
                    Assert.Equal("Stop", Text(driver, "listen-" + id));

                    // Hang up: the stream ends (the .NET reader sees its end after what was queued) and the call leaves the page.
                    Assert.False(ended.IsSet);
                    Assert.Equal(200, phone.Post("api/calls/" + id + "/hangup").Status);
                    Assert.True(ended.Wait(30000), "the audio stream did not end with the call");
                    wait.Until(d => Text(d, "calls") == "no call");
                    Assert.Equal("", Text(driver, "error"));
                }
                catch (WebDriverTimeoutException)
                {
                    throw new Xunit.Sdk.XunitException("timed out: calls=" + Text(driver, "calls") + " error=" + Text(driver, "error") +
                                                       " audio=" + Text(driver, "audio-" + id) + " (" + Text(driver, "audio-" + id, "data-hz") + " Hz)" +
                                                       "\nsimulator: " + phone.Errors + "\ncalls: " + phone.Get("api/calls").Body);
                }
                finally
                {
                    driver.Quit();
                }
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }
    }
}
