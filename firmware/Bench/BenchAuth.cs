using System;
using System.Security.Cryptography;
using System.Text;
using DeskPhone.Domain.Settings;
using DeskPhone.Firmware.Voice;
using DeskPhone.Sip.Auth;

namespace DeskPhone.Firmware.Bench
{
    /// <summary>
    /// Who may use the HTTP interface (docs/security.md). With http_pass set, every request needs HTTP Digest
    /// (RFC 7616/2617, MD5, qop=auth or none) as http_user, or Basic when http_basic_auth is on; without it the
    /// interface is open (that is what PhoneHasNoHttpPassword says). Nonces are stateless: issue time, credentials
    /// epoch and an HMAC-SHA256 tag under a per-boot secret; they live <see cref="NonceLifetimeMs"/> and die with any
    /// change of http_user, http_pass, http_basic_auth or admin_mode_password (the epoch). Wrong passwords put the
    /// client's address on a bounded back-off table: 1 s after the first, doubling to 64 s, forgotten on success.
    /// Not thread-safe: callers hold <see cref="Phone.PhoneCore.Gate"/>, like for the router.
    /// </summary>
    public sealed class BenchAuth
    {
        public const string Realm = PasswordHash.DigestRealm;
        public const int NonceLifetimeMs = 300000;
        public const int BackoffTableSize = 16;
        public const int MaxBackoffMs = 64000;
        private const int ForgetAfterMs = 600000;
        private const int TagBytes = 12;
        private const string HexDigits = "0123456789abcdef";
        /// <summary>Pairs <see cref="Params"/> keeps: RFC 7616's Digest credentials have eleven at most.</summary>
        public const int MaxParams = 16;

        private readonly SettingsStore _settings;
        private readonly byte[] _secret = new byte[16];

        // The back-off table, allocated at the first wrong password (a phone nobody attacks keeps none): the client's
        // address, its failures in a row, and until when (tenths of a second since start, rounded up) it is refused.
        private string[] _clients;
        private int[] _failures;
        private int[] _untilDs;

        public BenchAuth(SettingsStore settings, Random random)
        {
            _settings = settings;
            (random ?? new Random()).NextBytes(_secret);
            settings.SettingChanged += OnSettingChanged;
        }

        /// <summary>Counts credential changes; a request, nonce or event stream from an older epoch is over.</summary>
        public int Epoch { get; private set; }

        /// <summary>A line for the log (wrong passwords, back-off); the device prints it, the simulator writes it to stderr.</summary>
        public TextHandler Log;

        /// <summary>True when http_pass is set, i.e. the interface asks for credentials.</summary>
        public bool Protected => _settings.IsPasswordSet(SettingNames.HttpPassword);

        /// <summary>Null when the request may go on; otherwise the answer (401 with a challenge, 429 while backing off).</summary>
        public BenchResponse Check(BenchRequest request, long now)
        {
            BenchResponse blocked = Blocked(request.Client, now);
            if (blocked != null)
            {
                return blocked;
            }
            if (!Protected)
            {
                return null;
            }
            string auth = request.Authorization;
            if (auth == null || auth.Trim().Length == 0)
            {
                return Challenge("this phone's HTTP interface needs http_user and http_pass (HTTP Digest)", false, now);
            }
            auth = auth.Trim();
            if (StartsWithWord(auth, "basic"))
            {
                if (!_settings.GetBool(SettingNames.HttpBasicAuth))
                {
                    return Challenge("Basic authentication is off (http_basic_auth); use Digest", false, now);
                }
                return CheckBasic(request, auth.Substring(5).Trim(), now);
            }
            if (!StartsWithWord(auth, "digest"))
            {
                return Challenge("unsupported authentication scheme (use Digest)", false, now);
            }
            return CheckDigest(request, Params(auth.Substring(6)), now);
        }

        /// <summary>
        /// Administrator-level changes (passwords and other secrets, http_user, http_basic_auth, factory reset): once
        /// admin_mode_password is set they need it in X-Admin-Password; null when allowed, else the 403 (or 429).
        /// </summary>
        public BenchResponse CheckAdmin(BenchRequest request, long now)
        {
            if (!_settings.IsPasswordSet(SettingNames.AdminModePassword))
            {
                return null;
            }
            if (request.AdminPassword == null || request.AdminPassword.Length == 0)
            {
                return BenchResponse.Error(403, "an administrator-level change: give admin_mode_password in the X-Admin-Password header");
            }
            if (_settings.CheckPassword(SettingNames.AdminModePassword, request.AdminPassword))
            {
                Succeeded(request.Client);
                return null;
            }
            Failed(request.Client, now, "administrator password");
            return BenchResponse.Error(403, "wrong administrator password (X-Admin-Password)");
        }

        /// <summary>The WWW-Authenticate value of a fresh challenge (Basic added when http_basic_auth allows it).</summary>
        public string ChallengeHeader(bool stale, long now)
        {
            string digest = "Digest realm=\"" + Realm + "\", qop=\"auth\", algorithm=MD5, nonce=\"" + NewNonce(now) + "\"" +
                            (stale ? ", stale=true" : "");
            return _settings.GetBool(SettingNames.HttpBasicAuth) ? digest + ", Basic realm=\"" + Realm + "\"" : digest;
        }

        private BenchResponse CheckBasic(BenchRequest request, string encoded, long now)
        {
            string pair;
            try
            {
                byte[] raw = Convert.FromBase64String(encoded);
                pair = Encoding.UTF8.GetString(raw, 0, raw.Length);
            }
            catch (Exception)
            {
                return Challenge("malformed Basic credentials", false, now);
            }
            int colon = pair.IndexOf(':');
            string user = colon < 0 ? pair : pair.Substring(0, colon);
            string password = colon < 0 ? "" : pair.Substring(colon + 1);
            if (user == ExpectedUser() && _settings.CheckPassword(SettingNames.HttpPassword, password))
            {
                Succeeded(request.Client);
                return null;
            }
            return WrongPassword(request, now);
        }

        private BenchResponse CheckDigest(BenchRequest request, string[] p, long now)
        {
            string username = Param(p, "username");
            string nonce = Param(p, "nonce");
            string uri = Param(p, "uri");
            string response = Param(p, "response");
            string qop = Param(p, "qop");
            string algorithm = Param(p, "algorithm");
            string nc = Param(p, "nc");
            string cnonce = Param(p, "cnonce");
            if (username == null || nonce == null || uri == null || response == null || Param(p, "realm") != Realm)
            {
                return Challenge("incomplete Digest credentials", false, now);
            }
            if (algorithm != null && algorithm.ToLower() != "md5")
            {
                return Challenge("only algorithm MD5 is offered", false, now);
            }
            if (uri != request.Target)
            {
                return Challenge("Digest uri does not match the request", false, now);
            }
            int nonceState = NonceState(nonce, now);
            if (nonceState < 0)
            {
                return Challenge("unknown nonce", false, now);
            }
            string stored = _settings.Get(SettingNames.HttpPassword);
            string ha1 = PasswordHash.DigestHa1(stored);
            if (ha1 == null)
            {
                return Challenge("http_pass is stored in an older form Digest cannot check: set it again", false, now);
            }
            string ha2 = Md5.Hex(request.Method + ":" + uri);
            string expected;
            if (qop == null)
            {
                expected = Md5.Hex(ha1 + ":" + nonce + ":" + ha2);
            }
            else if (qop == "auth" && nc != null && cnonce != null)
            {
                expected = Md5.Hex(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
            }
            else
            {
                return Challenge("only qop=auth is offered", false, now);
            }
            if (username != ExpectedUser() || !PasswordHash.SameText(expected, response.ToLower()))
            {
                return WrongPassword(request, now);
            }
            if (nonceState == 0)
            {
                // The right password with an expired nonce: RFC 7616's stale=true lets the client retry without asking.
                return Challenge("the nonce expired", true, now);
            }
            Succeeded(request.Client);
            return null;
        }

        private string ExpectedUser()
        {
            string user = PasswordHash.DigestUser(_settings.Get(SettingNames.HttpPassword));
            return user ?? _settings.Get(SettingNames.HttpUser);
        }

        private BenchResponse WrongPassword(BenchRequest request, long now)
        {
            Failed(request.Client, now, "password");
            return Challenge("wrong user name or password", false, now);
        }

        private BenchResponse Challenge(string reason, bool stale, long now)
        {
            BenchResponse denied = BenchResponse.Error(401, reason);
            denied.ExtraHeaderName = "WWW-Authenticate";
            denied.ExtraHeaderValue = ChallengeHeader(stale, now);
            return denied;
        }

        // ---- nonces ----

        private string NewNonce(long now)
        {
            var sb = new StringBuilder(64);
            AppendHex(sb, now, 16);
            AppendHex(sb, Epoch, 8);
            string head = sb.ToString();
            byte[] tag = Tag(head);
            for (int i = 0; i < TagBytes; i++)
            {
                sb.Append(HexDigits[tag[i] >> 4]).Append(HexDigits[tag[i] & 15]);
            }
            return sb.ToString();
        }

        /// <summary>1 valid, 0 genuine but expired (stale), -1 forged, malformed or from an older epoch.</summary>
        private int NonceState(string nonce, long now)
        {
            if (nonce.Length != 24 + TagBytes * 2)
            {
                return -1;
            }
            string head = nonce.Substring(0, 24);
            byte[] tag = Tag(head);
            var sb = new StringBuilder(TagBytes * 2);
            for (int i = 0; i < TagBytes; i++)
            {
                sb.Append(HexDigits[tag[i] >> 4]).Append(HexDigits[tag[i] & 15]);
            }
            if (!PasswordHash.SameText(sb.ToString(), nonce.Substring(24)))
            {
                return -1;
            }
            long issued = ParseHex(head.Substring(0, 16));
            long epoch = ParseHex(head.Substring(16, 8));
            if (epoch != Epoch)
            {
                return -1;
            }
            return issued > now || now - issued > NonceLifetimeMs ? 0 : 1;
        }

        private byte[] Tag(string head) => HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(head));

        private static void AppendHex(StringBuilder sb, long value, int digits)
        {
            for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
            {
                sb.Append(HexDigits[(int)((value >> shift) & 15)]);
            }
        }

        private static long ParseHex(string text)
        {
            long value = 0;
            for (int i = 0; i < text.Length; i++)
            {
                int d = HexDigits.IndexOf(text[i]);
                value = (value << 4) | (long)(d < 0 ? 0 : d);
            }
            return value;
        }

        // ---- back-off ----

        private BenchResponse Blocked(string client, long now)
        {
            int slot = Find(client);
            if (slot < 0 || _untilDs[slot] * 100L <= now)
            {
                return null;
            }
            long seconds = (_untilDs[slot] * 100L - now + 999) / 1000;
            BenchResponse refused = BenchResponse.Error(429, "too many wrong passwords from " + client + "; try again in " + seconds.ToString() + " s");
            refused.ExtraHeaderName = "Retry-After";
            refused.ExtraHeaderValue = seconds.ToString();
            return refused;
        }

        private void Failed(string client, long now, string what)
        {
            if (_clients == null)
            {
                _clients = new string[BackoffTableSize];
                _failures = new int[BackoffTableSize];
                _untilDs = new int[BackoffTableSize];
            }
            int slot = Find(client);
            if (slot < 0)
            {
                slot = FreeSlot(now);
                _clients[slot] = client;
                _failures[slot] = 0;
            }
            _failures[slot]++;
            int n = _failures[slot];
            long delay = n > 7 ? MaxBackoffMs : 1000L << (n - 1);
            _untilDs[slot] = (int)((now + delay + 99) / 100);
            TextHandler log = Log;
            if (log != null)
            {
                log("bench: wrong " + what + " from " + client + " (" + n.ToString() + " in a row); refusing it for " + (delay / 1000).ToString() + " s");
            }
        }

        private void Succeeded(string client)
        {
            int slot = Find(client);
            if (slot >= 0)
            {
                _clients[slot] = null;
            }
        }

        private int Find(string client)
        {
            if (_clients == null)
            {
                return -1;
            }
            for (int i = 0; i < BackoffTableSize; i++)
            {
                if (_clients[i] != null && _clients[i] == client)
                {
                    return i;
                }
            }
            return -1;
        }

        /// <summary>An empty slot, else one quiet for long, else the one whose refusal ends (or ended) first.</summary>
        private int FreeSlot(long now)
        {
            int first = 0;
            for (int i = 0; i < BackoffTableSize; i++)
            {
                if (_clients[i] == null || now - _untilDs[i] * 100L > ForgetAfterMs)
                {
                    return i;
                }
                if (_untilDs[i] < _untilDs[first])
                {
                    first = i;
                }
            }
            return first;
        }

        private void OnSettingChanged(string name, int idx, bool needsReboot)
        {
            if (name == SettingNames.HttpPassword || name == SettingNames.HttpUser || name == SettingNames.HttpBasicAuth || name == SettingNames.AdminModePassword)
            {
                Epoch++;
            }
        }

        // ---- parsing ----

        private static bool StartsWithWord(string text, string word) =>
            text.Length > word.Length && text.Substring(0, word.Length).ToLower() == word && (text[word.Length] == ' ' || text[word.Length] == '\t');

        /// <summary>
        /// The value of <paramref name="name"/> (lower case) in what <see cref="Params"/> read, or null. A linear
        /// search over a dozen pairs at most, once per authenticated request: no Hashtable, whose library
        /// (nanoFramework.System.Collections) the image would load for this alone (docs/benchmarks.md, its tables).
        /// </summary>
        public static string Param(string[] pairs, string name)
        {
            for (int i = 0; i < pairs.Length && pairs[i] != null; i += 2)
            {
                if (pairs[i] == name)
                {
                    return pairs[i + 1];
                }
            }
            return null;
        }

        /// <summary>
        /// name=value and name="value" pairs as name, value, name, value ... (names lower-cased, the first of a name
        /// kept, null after the last); quoted values may hold commas and \-escapes. At most <see cref="MaxParams"/>
        /// pairs, so more are ignored (a bounded answer to a header of junk).
        /// </summary>
        public static string[] Params(string text)
        {
            var result = new string[MaxParams * 2];
            int count = 0;
            // A char array, not text[i]/IndexOf: on nanoFramework those get text after a non-BMP character wrong
            // (docs/device-tests.md), which would corrupt a user name with an emoji.
            char[] c = text.ToCharArray();
            int i = 0;
            while (i < c.Length)
            {
                while (i < c.Length && (c[i] == ' ' || c[i] == ',' || c[i] == '\t'))
                {
                    i++;
                }
                int eq = i;
                while (eq < c.Length && c[eq] != '=')
                {
                    eq++;
                }
                if (eq == c.Length)
                {
                    break;
                }
                string name = text.Substring(i, eq - i).Trim().ToLower();
                i = eq + 1;
                while (i < c.Length && c[i] == ' ')
                {
                    i++;
                }
                var value = new StringBuilder();
                if (i < c.Length && c[i] == '"')
                {
                    i++;
                    while (i < c.Length && c[i] != '"')
                    {
                        if (c[i] == '\\' && i + 1 < c.Length)
                        {
                            i++;
                        }
                        value.Append(c[i]);
                        i++;
                    }
                    i++;
                }
                else
                {
                    while (i < c.Length && c[i] != ',')
                    {
                        value.Append(c[i]);
                        i++;
                    }
                }
                if (name.Length > 0 && Param(result, name) == null && count < MaxParams)
                {
                    result[2 * count] = name;
                    result[2 * count + 1] = value.ToString().Trim();
                    count++;
                }
            }
            return result;
        }
    }
}
