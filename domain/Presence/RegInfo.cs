using DeskPhone.Xml;
using DeskPhone.Sip.Message;

namespace DeskPhone.Domain.Presence
{
    /// <summary>
    /// The registrations of the own address of record from the reg event package (RFC 3680, application/reginfo+xml):
    /// full and partial documents in version order, contacts active or terminated. Tells whether other devices of the
    /// user are registered ("Available on PBX" while this phone is not). A bad document changes nothing.
    /// </summary>
    public sealed class RegInfo
    {
        public const string ContentType = "application/reginfo+xml";
        public const string EventPackage = "reg";

        /// <summary>Contacts remembered at once; a PBX rarely has more than a handful per user.</summary>
        public const int MaxContacts = 16;

        // Grown by four up to MaxContacts: most users have one or two contacts.
        // Made by the first contact and let go at Reset (before, a reset kept the forgotten contacts' strings).
        // Contact i's key, registration id and URI at [3 * i], [3 * i + 1] and [3 * i + 2]: one array and field, not
        // three (24 B at every step, docs/benchmarks.md h-officerest).
        private string[] _contacts;

        // The version of the last applied document (low 32 bits), the contacts known (the next 8) and NeedsRefresh (bit
        // 40) in one long: two fields less, 24 B at every profile (docs/benchmarks.md h-officerest4).
        private long _state = 0xFFFFFFFFL;
        private const long RefreshBit = 1L << 40;

        // The document being read, applied only once all of it is valid; made for each document, as rare as NOTIFYs,
        // in one object (not five fields: 48 B at every step, docs/benchmarks.md h-office3), passed along while it is
        // read, not kept in a field (12 B at every step, h-officerest3).

        private sealed class Staged
        {
            public readonly string[] Keys = new string[MaxContacts * 2];
            public readonly string[] Registrations = new string[MaxContacts * 2];
            public readonly string[] Uris = new string[MaxContacts * 2];
            public readonly bool[] Active = new bool[MaxContacts * 2];
            public int Count;
        }

        /// <summary>Version of the last applied document; -1 before the first full one.</summary>
        public int Version
        {
            get => (int)_state;
            private set => _state = (_state & ~0xFFFFFFFFL) | (uint)value;
        }

        /// <summary>Active contacts known.</summary>
        public int Count
        {
            get => (int)(_state >> 32) & 0xFF;
            private set => _state = (_state & ~(0xFFL << 32)) | ((long)value << 32);
        }

        /// <summary>A partial document skipped a version: the owner refreshes the subscription to get the full state.</summary>
        public bool NeedsRefresh
        {
            get => (_state & RefreshBit) != 0;
            private set => _state = value ? _state | RefreshBit : _state & ~RefreshBit;
        }

        /// <summary>Forgets everything (a new subscription sends a full document first).</summary>
        public void Reset()
        {
            _contacts = null;
            _state = 0xFFFFFFFFL;
        }

        /// <summary>
        /// Reads a reginfo document; false for a bad one, which changes nothing (the NOTIFY is answered 400). Why it was
        /// bad is not kept: nothing on the phone read it, and a field of its own was 12 B at every profile
        /// (docs/benchmarks.md h-subsrest).
        /// </summary>
        public bool Apply(byte[] body, int offset, int length)
        {
            return Read(new Staged(), body, offset, length);
        }

        private bool Read(Staged stage, byte[] body, int offset, int length)
        {
            NeedsRefresh = false;
            var reader = new XmlPullReader(body, offset, length);
            bool root = false, full = false, inUri = false;
            int version = -1;
            string registration = null, registrationState = null, contact = null, contactState = null, uri = null;
            while (reader.Next())
            {
                int kind = reader.Kind;
                if (kind == XmlNodeKind.StartElement)
                {
                    string name = XmlPullReader.LocalName(reader.Name);
                    if (!root)
                    {
                        if (name != "reginfo")
                        {
                            return false; // not a reginfo document
                        }
                        string state = reader.GetAttribute("state");
                        if (state != "full" && state != "partial")
                        {
                            return false; // no state full or partial
                        }
                        if (!int.TryParse(reader.GetAttribute("version") ?? "", out version) || version < 0)
                        {
                            return false; // no valid version
                        }
                        full = state == "full";
                        root = true;
                    }
                    else if (name == "registration")
                    {
                        registration = reader.GetAttribute("id") ?? reader.GetAttribute("aor");
                        registrationState = reader.GetAttribute("state");
                        if (registration == null)
                        {
                            return false; // a registration without id
                        }
                        if (registrationState == "terminated" && !Stage(stage, registration, null, false, null))
                        {
                            return false;
                        }
                    }
                    else if (name == "contact")
                    {
                        contact = reader.GetAttribute("id");
                        contactState = reader.GetAttribute("state");
                        uri = null;
                        if (registration == null || contact == null)
                        {
                            return false; // a contact without id or outside a registration
                        }
                        if (contactState != "active" && contactState != "terminated")
                        {
                            return false; // a contact in another state
                        }
                        if (reader.IsEmptyElement && !EndContact(stage, registration, registrationState, contact, contactState, null))
                        {
                            return false;
                        }
                    }
                    else if (name == "uri" && contact != null)
                    {
                        inUri = !reader.IsEmptyElement;
                    }
                }
                else if (kind == XmlNodeKind.Text && inUri)
                {
                    uri = reader.Value.Trim();
                }
                else if (kind == XmlNodeKind.EndElement)
                {
                    string name = XmlPullReader.LocalName(reader.Name);
                    if (name == "uri")
                    {
                        inUri = false;
                    }
                    else if (name == "contact" && contact != null)
                    {
                        if (!EndContact(stage, registration, registrationState, contact, contactState, uri))
                        {
                            return false;
                        }
                        contact = null;
                    }
                    else if (name == "registration")
                    {
                        registration = null;
                    }
                }
            }
            // Malformed XML, or an empty document.
            if (reader.Error != null || !root)
            {
                return false;
            }
            if (full)
            {
                if (Version >= 0 && version < Version)
                {
                    return true; // an older document overtaken by a newer one: nothing to learn
                }
                Count = 0;
            }
            else
            {
                if (Version >= 0 && version <= Version)
                {
                    return true;
                }
                if (Version < 0 || version != Version + 1)
                {
                    NeedsRefresh = true;
                    return true;
                }
            }
            Version = version;
            Commit(stage);
            return true;
        }

        /// <summary>Whether a registered contact other than this phone's own (host and port) exists.</summary>
        public bool HasOtherThan(string ownHost, int ownPort)
        {
            for (int i = 0; i < Count; i++)
            {
                SipUri u = SipUri.Parse(_contacts[3 * i + 2]);
                if (u == null)
                {
                    continue;
                }
                int port = u.Port > 0 ? u.Port : SipUri.DefaultPort;
                bool own = u.Host != null && ownHost != null && u.Host.ToLower() == ownHost.ToLower() && port == ownPort;
                if (!own)
                {
                    return true;
                }
            }
            return false;
        }

        private bool EndContact(Staged stage, string registration, string registrationState, string contact, string state, string uri)
        {
            bool active = state == "active" && registrationState != "terminated";
            if (active && (uri == null || uri.Length == 0))
            {
                return false; // an active contact without uri
            }
            return Stage(stage, registration, registration + "/" + contact, active, uri);
        }

        private bool Stage(Staged stage, string registration, string key, bool active, string uri)
        {
            if (stage.Count >= stage.Keys.Length)
            {
                return false; // more contacts than MaxContacts
            }
            stage.Registrations[stage.Count] = registration;
            stage.Keys[stage.Count] = key;
            stage.Active[stage.Count] = active;
            stage.Uris[stage.Count] = uri;
            stage.Count++;
            return true;
        }

        private void Commit(Staged stage)
        {
            for (int s = 0; s < stage.Count; s++)
            {
                string key = stage.Keys[s];
                if (key == null)
                {
                    // The whole registration ended: every contact of it goes.
                    for (int i = Count - 1; i >= 0; i--)
                    {
                        if (_contacts[3 * i + 1] == stage.Registrations[s])
                        {
                            Remove(i);
                        }
                    }
                    continue;
                }
                int at = Find(key);
                if (!stage.Active[s])
                {
                    if (at >= 0)
                    {
                        Remove(at);
                    }
                    continue;
                }
                if (at < 0)
                {
                    if (Count >= MaxContacts)
                    {
                        continue; // table full: the ones known already are enough to tell "other registrations"
                    }
                    if (_contacts == null || 3 * Count == _contacts.Length)
                    {
                        Grow(Count + 4);
                    }
                    at = Count++;
                    _contacts[3 * at] = key;
                    _contacts[3 * at + 1] = stage.Registrations[s];
                }
                _contacts[3 * at + 2] = stage.Uris[s];
            }
        }

        private int Find(string key)
        {
            for (int i = 0; i < Count; i++)
            {
                if (_contacts[3 * i] == key)
                {
                    return i;
                }
            }
            return -1;
        }

        private void Remove(int i)
        {
            Count--;
            for (int part = 0; part < 3; part++)
            {
                _contacts[3 * i + part] = _contacts[3 * Count + part];
                _contacts[3 * Count + part] = null;
            }
        }

        private void Grow(int size)
        {
            string[] contacts = new string[3 * size];
            if (_contacts != null)
            {
                System.Array.Copy(_contacts, contacts, 3 * Count);
            }
            _contacts = contacts;
        }
    }
}
