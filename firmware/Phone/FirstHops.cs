using DeskPhone.Drivers.Network;
using DeskPhone.Sip.Registration;
using DeskPhone.Sip.Transport;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// Locates the first hop of an identity whose outbound proxy, else registrar, is a name without a port by DNS SRV
    /// (<see cref="SrvLookup"/>, RFC 3263 4.2) and fails over between its targets (4.3): a REGISTER that times out, fails
    /// on the transport (both 408 here) or gets 503 moves the identity to the next target, registering again at once;
    /// after the last, the registration's back-off and a fresh lookup. The target is set as the identity's
    /// <see cref="SipIdentity.Outbound"/>, where its requests outside a dialog go (the Request-URI and To stay the name,
    /// filter_registrar lets the target in); without an SRV record, the hop as configured (its A record, port 5060).
    /// Results are kept for the records' TTL (from a minute to an hour) and looked up again when the identity is due to register;
    /// while no DNS server answers, the last answer's targets are kept.
    /// Identities of IP literals or explicit ports are not tracked: nothing is done for them.
    /// </summary>
    public sealed class FirstHops
    {
        // Without an SRV record, asked again after this (the configured hop meanwhile).
        private const long NoRecordMs = 300 * 1000L;

        private readonly PhoneCore _phone;
        private readonly Registrations _registrations;
        // Identity index i's at [i], made at the first identity whose hop is a name.
        private Entry[] _entries;

        public FirstHops(PhoneCore phone, Registrations registrations, string[] servers)
        {
            _phone = phone;
            _registrations = registrations;
            Servers = servers;
        }

        /// <summary>The DNS servers, host[:port]: the board's interface's (DHCP's or dns_server1/2), the simulator's --dns.</summary>
        public string[] Servers;

        private sealed class Entry
        {
            public SipIdentity Identity;
            // The outbound proxy as configured, restored without an SRV record.
            public string Configured;
            public SrvLookup Lookup;
            public int Current;
            public long ExpiresMs;
            // The registration's DueMs last seen: a failure moves it to the back-off's time.
            public long SeenDueMs;
        }

        /// <summary>An identity applied from the settings: one whose first hop is a name without a port is located before its REGISTER goes.</summary>
        public void Track(SipIdentity identity)
        {
            string host;
            int port;
            if (identity.Active && HostResolver.Split(identity.NextHop(null), out host, out port, 0) && port == 0 &&
                !HostResolver.IsDottedQuad(host) && host[0] != '[')
            {
                if (_entries == null)
                {
                    _entries = new Entry[SipUserAgent.MaxIdentities + 1];
                }
                _entries[identity.Index] = new Entry { Identity = identity, Configured = identity.Outbound, Lookup = new SrvLookup(host, identity.OverTcp) };
            }
            else if (_entries != null)
            {
                _entries[identity.Index] = null;
            }
        }

        /// <summary>
        /// Each loop turn before the registrations' poll: a failed REGISTER's failover, and the lookup of an identity due to
        /// register whose records expired. Each is told as a registration event (the phone's log, the bench's watch):
        /// "registration 1: pbx.test SRV -> 10.0.0.5:5060 (priority 10)".
        /// </summary>
        public void Poll(long nowMs)
        {
            Entry[] entries = _entries;
            for (int i = 1; entries != null && i < entries.Length; i++)
            {
                Entry e = entries[i];
                RegistrationClient client = e == null ? null : _registrations.Get(i);
                if (client == null || client.Identity != e.Identity)
                {
                    continue;
                }
                SrvLookup lookup = e.Lookup;
                if (client.DueMs != e.SeenDueMs)
                {
                    e.SeenDueMs = client.DueMs;
                    // A failure puts the next attempt at the back-off's time (a renewal puts it now).
                    if (!client.Registered && client.DueMs > nowMs && lookup.Count > 0 && (client.LastStatus == 408 || client.LastStatus == 503))
                    {
                        if (++e.Current < lookup.Count)
                        {
                            client.DueMs = e.SeenDueMs = nowMs;
                            Use(e, " failover -> ");
                        }
                        else
                        {
                            // Every target failed: looked up afresh when the back-off's attempt is due.
                            e.ExpiresMs = 0;
                            _phone.Raise(PhoneEventKind.Registration, i.ToString() + ": " + lookup.Host + " every SRV target failed");
                        }
                    }
                }
                // Looked up again when due after the records expired, not in the middle of a failover (the targets already
                // tried would come first again): registered at one, before the first, or after the last.
                if (nowMs >= client.DueMs && nowMs >= e.ExpiresMs && (client.Registered || e.Current == 0 || e.Current >= lookup.Count))
                {
                    int ttl = lookup.Run(Servers, _phone.Settings.Random);
                    e.ExpiresMs = nowMs + ttl * 1000L;
                    if (ttl == 0 && lookup.Count > 0)
                    {
                        // No DNS server answered: the last answer's targets kept, asked again after a minute (a DNS
                        // outage at a refresh fell back to the name's own A record and lost the registration); from the
                        // first again when every one had failed.
                        e.ExpiresMs = nowMs + SrvLookup.MinTtl * 1000L;
                        e.Current = e.Current < lookup.Count ? e.Current : 0;
                        Use(e, " no DNS answer, kept -> ");
                        continue;
                    }
                    e.Current = 0;
                    if (lookup.Count == 0)
                    {
                        e.Identity.Outbound = e.Configured;
                        e.ExpiresMs = nowMs + NoRecordMs;
                        _phone.Raise(PhoneEventKind.Registration, i.ToString() + ": " + lookup.Host + " no SRV target");
                    }
                    else
                    {
                        Use(e, " SRV -> ");
                    }
                }
            }
        }

        /// <summary>The entry's current target set as the identity's first hop, and told.</summary>
        private void Use(Entry e, string how)
        {
            SrvLookup lookup = e.Lookup;
            e.Identity.Outbound = lookup.Hops[e.Current];
            _phone.Raise(PhoneEventKind.Registration, e.Identity.Index.ToString() + ": " + lookup.Host + how + lookup.Hops[e.Current] +
                " (priority " + lookup.Priorities[e.Current].ToString() + ")");
        }
    }
}
