using DeskPhone.Domain.Settings;
using DeskPhone.Domain.Signals;

namespace DeskPhone.Domain.Provisioning
{
    /// <summary>
    /// The phone's provisioning (docs/provisioning.md): fetches the settings document from <c>setting_server</c> over
    /// HTTP when asked (at boot, from the bench), every <c>prov_polling_period</c> seconds with
    /// <c>prov_polling_enabled</c>, and imports it through the XML settings importer, which applies good values live,
    /// keeps unknown ones and refuses a malformed document whole. A run follows one redirect; a failure that may pass
    /// (timeout, refused connection, 5xx) is retried after 10, 20 and 40 s, anything else ends the run at once.
    /// Nothing is allocated while idle; the fetch's buffers exist only during a run.
    /// Its plain state (Retry, Trigger, Runs, HasResult, LastOk, LastResult, RetryReason, LastTarget, LastEndMs,
    /// LastUnknown, LastErrors) is public fields, not properties: no accessor method in the runtime tables, image and
    /// calls on the device (issue #17).
    /// </summary>
    public sealed class ProvisioningClient
    {
        /// <summary>No run: waiting for the schedule or a request.</summary>
        public const int Idle = 0;
        /// <summary>A run was asked for; its first request goes out on the next <see cref="Poll"/>.</summary>
        public const int Starting = 1;
        /// <summary>A request is in flight (<see cref="Retry"/> says which retry).</summary>
        public const int Fetching = 2;
        /// <summary>The last request failed; the next retry is due later.</summary>
        public const int Waiting = 3;

        public const int MaxRetries = 3;
        public const int FirstRetryMs = 10000;
        public const int MaxRedirects = 1;

        /// <summary>Names listed per kind in <see cref="LastUnknown"/> and <see cref="LastErrors"/> (the bench shows them).</summary>
        public const int MaxListed = 8;

        private readonly HttpFetch _fetch;
        private readonly SettingsStore _settings;
        private string _url;
        private bool _polling;
        private int _periodMs;
        private long _dueMs;
        private long _retryAtMs;
        private int _redirects;
        private ProvisioningUrl _current;
        /// <summary>The files of a &lt;setting-files&gt; container while a run walks them; null otherwise.</summary>
        private ProvisioningFiles _files;

        public ProvisioningClient(IHttpChannel channel, SettingsStore settings)
        {
            _fetch = new HttpFetch(channel);
            _settings = settings;
        }

        /// <summary>Raised with the new <see cref="State"/> when it changes (and when a new attempt of a run starts).</summary>
        public event NumberHandler StateChanged;

        public int State { get; private set; }

        /// <summary>The retry of the current run: 0 for its first request.</summary>
        public int Retry;

        /// <summary>What started the current or last run: "boot", "schedule", "bench", ...</summary>
        public string Trigger;

        /// <summary>Runs started since the phone started.</summary>
        public int Runs;

        /// <summary>The phone's MAC for {mac} (any usual spelling); null while unknown.</summary>
        public string Mac;

        /// <summary>Whether the last run ended (<see cref="LastResult"/> is set).</summary>
        public bool HasResult;

        public bool LastOk;

        /// <summary>The last run's outcome in words: what was applied, or why it failed.</summary>
        public string LastResult;

        /// <summary>Why the current run's last attempt failed while it waits for a retry; null otherwise.</summary>
        public string RetryReason;

        /// <summary>The server and path of the last request (after a redirect, the redirect's).</summary>
        public string LastTarget;

        /// <summary>Loop time at the end of the last run.</summary>
        public long LastEndMs;

        /// <summary>Unknown settings of the last document (kept by the store), at most <see cref="MaxListed"/>.</summary>
        public string[] LastUnknown;

        /// <summary>Refused values of the last document, at most <see cref="MaxListed"/>.</summary>
        public string[] LastErrors;

        /// <summary>
        /// The URL (empty: none), the schedule and its period. Turning the schedule on, or changing its period, counts
        /// the period from now; a run in progress goes on with the URL it started with.
        /// </summary>
        public void Configure(string url, bool polling, int periodSeconds, long nowMs)
        {
            _url = url == null || url.Length == 0 ? null : url;
            int periodMs = periodSeconds * 1000;
            if (polling && (!_polling || periodMs != _periodMs))
            {
                _dueMs = nowMs + periodMs;
            }
            _polling = polling;
            _periodMs = periodMs;
        }

        /// <summary>Starts a run (its request on the next <see cref="Poll"/>); null, or why not.</summary>
        public string Run(string trigger, long nowMs)
        {
            if (State != Idle)
            {
                return "a provisioning run is already in progress";
            }
            if (_url == null)
            {
                return "no provisioning URL (setting_server is empty)";
            }
            Trigger = trigger;
            Runs++;
            Retry = 0;
            RetryReason = null;
            _retryAtMs = nowMs;
            SetState(Starting);
            return null;
        }

        /// <summary>One loop turn: a due run starts, a request in flight is read, a due retry goes out.</summary>
        public void Poll(long nowMs)
        {
            if (State == Idle)
            {
                if (_polling && _url != null && nowMs >= _dueMs)
                {
                    Run("schedule", nowMs);
                }
                return;
            }
            if (State != Fetching)
            {
                if (nowMs >= _retryAtMs)
                {
                    Attempt(nowMs);
                }
                return;
            }
            int result = _fetch.Poll(nowMs);
            if (result == HttpFetch.Failed)
            {
                Failed(_fetch.Error, _fetch.Transient, nowMs);
            }
            else if (result == HttpFetch.Done)
            {
                Answered(nowMs);
            }
        }

        private void Attempt(long nowMs)
        {
            _files = null;
            ProvisioningUrl url = ProvisioningUrl.Parse(_url, Mac, out string error);
            if (url == null)
            {
                Finish(false, error, nowMs);
                return;
            }
            _redirects = 0;
            Request(url, nowMs);
        }

        private void Request(ProvisioningUrl url, long nowMs)
        {
            _current = url;
            LastTarget = url.HostHeader + url.Target;
            SetState(Fetching, true);
            if (_fetch.Start(url, nowMs) == HttpFetch.Failed)
            {
                Failed(_fetch.Error, _fetch.Transient, nowMs);
            }
        }

        private void Answered(long nowMs)
        {
            int status = _fetch.Status;
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308)
            {
                string location = _fetch.Location;
                _fetch.Release();
                string error = null;
                ProvisioningUrl next = null;
                if (_redirects >= MaxRedirects)
                {
                    error = "more than " + MaxRedirects.ToString() + " redirect";
                }
                else if (location == null)
                {
                    error = "a redirect without Location";
                }
                else
                {
                    next = _current.Resolve(location, Mac, out error);
                }
                if (next == null)
                {
                    Failed("HTTP " + status.ToString() + ", redirect not followed: " + error, false, nowMs);
                    return;
                }
                _redirects++;
                Request(next, nowMs);
                return;
            }
            if (status != 200)
            {
                _fetch.Release();
                string error = "HTTP " + status.ToString();
                // The server's trouble may pass (RFC 9110 15.6, 408, 429); a 404 or 403 will not without an administrator.
                Failed(error, status >= 500 || status == 408 || status == 429, nowMs);
                return;
            }
            if (_files == null)
            {
                string[] listed = ProvisioningFiles.ReadContainer(_fetch.Body, 0, _fetch.BodyLength, out string listError);
                if (listed != null || listError != null)
                {
                    _fetch.Release();
                    if (listed == null)
                    {
                        Finish(false, listError + ", nothing applied", nowMs);
                        return;
                    }
                    _files = new ProvisioningFiles(listed, _current);
                    NextFile(nowMs);
                    return;
                }
            }
            SettingsImportReport report = _settings.ImportXml(_fetch.Body, 0, _fetch.BodyLength);
            _fetch.Release();
            if (_files != null)
            {
                _files.Imported(report);
                NextFile(nowMs);
                return;
            }
            if (report.Malformed != null)
            {
                Finish(false, "bad XML, nothing applied: " + report.Malformed, nowMs);
                return;
            }
            string result = report.Applied.ToString() + " applied, " + report.Unknown.Length.ToString() + " unknown kept, " +
                            report.Refused.ToString() + " refused";
            Finish(true, Saved(result), nowMs, Head(report.Unknown), Head(report.Errors));
        }

        /// <summary>
        /// The next listed file's request; past the last, the run ends with what the files did (ok when none failed).
        /// A file whose URL is refused counts as failed and the walk goes on.
        /// </summary>
        private void NextFile(long nowMs)
        {
            ProvisioningFiles files = _files;
            while (files.Next < files.Urls.Length)
            {
                string url = files.Urls[files.Next++];
                ProvisioningUrl file = files.Container.Resolve(url, Mac, out string error);
                if (file != null)
                {
                    _redirects = 0;
                    Request(file, nowMs);
                    return;
                }
                files.Failed(error);
            }
            _files = null;
            Finish(files.Failures == 0, Saved(files.Result()), nowMs, Head(SettingsStore.ToStrings(files.Unknown)),
                Head(SettingsStore.ToStrings(files.Errors)));
        }

        /// <summary>Saves what a run applied; the result, with why it was not saved if the save failed.</summary>
        private string Saved(string result)
        {
            string saved = _settings.IsPersistent && _settings.IsDirty ? _settings.Save() : null;
            return saved == null ? result : result + "; not saved: " + saved;
        }

        private void Failed(string error, bool transient, long nowMs)
        {
            _fetch.Release();
            if (_files != null)
            {
                // A listed file is not retried: the run goes on with the next one and reports this one.
                _files.Failed(error);
                NextFile(nowMs);
                return;
            }
            if (!transient || Retry >= MaxRetries)
            {
                Finish(false, error, nowMs);
                return;
            }
            RetryReason = error;
            _retryAtMs = nowMs + ((long)FirstRetryMs << Retry);
            Retry++;
            SetState(Waiting);
        }

        /// <summary>Ends the run with its outcome and the lists the bench shows (none for a run that applied nothing).</summary>
        private void Finish(bool ok, string result, long nowMs, string[] unknown = null, string[] errors = null)
        {
            _fetch.Release();
            _current = null;
            LastUnknown = unknown;
            LastErrors = errors;
            RetryReason = null;
            HasResult = true;
            LastOk = ok;
            LastResult = result;
            LastEndMs = nowMs;
            _dueMs = nowMs + _periodMs;
            SetState(Idle);
        }

        private static string[] Head(string[] all)
        {
            if (all.Length <= MaxListed)
            {
                return all;
            }
            var head = new string[MaxListed];
            System.Array.Copy(all, head, MaxListed);
            return head;
        }

        private void SetState(int state, bool always = false)
        {
            if (state == State && !always)
            {
                return;
            }
            State = state;
            NumberHandler handler = StateChanged;
            if (handler != null)
            {
                handler(state);
            }
        }
    }
}
