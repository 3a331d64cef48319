using DeskPhone.Domain.Settings;
using DeskPhone.Domain.Status;
using DeskPhone.Sip.Session;

namespace DeskPhone.Domain.Calls
{
    /// <summary>
    /// Transfer and park (docs/calls.md): blind transfer of a connected call to a target, attended transfer of the
    /// held call to the connected one, park by a transfer to the park orbit (park_orbit) with TryParking raised while
    /// it is tried; a transfer that fails keeps the call and says why on the status line.
    /// </summary>
    public sealed partial class PhoneCalls : ITransferHandler
    {
        /// <summary>Blind transfer of a connected call (0: the active one) to a number or URI; false and why when it cannot.</summary>
        public bool Transfer(int id, string target, long nowMs, out string error)
        {
            SipCall call = id == 0 ? Active() : Sessions.Find(id);
            if (target == null || target.Length == 0)
            {
                error = "no transfer target";
                return false;
            }
            return Sessions.Transfer(call, target, nowMs, out error);
        }

        /// <summary>
        /// Attended transfer: the held call goes to the other end of the connected one (REFER with Replaces), both end
        /// on success; false and why without one held and one connected call.
        /// </summary>
        public bool TransferAttended(long nowMs, out string error)
        {
            SipCall held = null;
            SipCall talking = null;
            for (int i = 0; i < CallSessions.MaxCalls; i++)
            {
                SipCall c = Sessions.Slot(i);
                if (c != null && c.State == SipCall.Connected)
                {
                    if (c.Held && held == null)
                    {
                        held = c;
                    }
                    else if (!c.Held)
                    {
                        talking = c;
                    }
                }
            }
            if (held == null || talking == null)
            {
                error = "attended transfer needs a held and a connected call";
                return false;
            }
            return Sessions.Transfer(held, talking, nowMs, out error);
        }

        /// <summary>
        /// The held call of an attended transfer, when there is one: a connected call on hold beside another connected
        /// one that is not (what the Transfer key joins).
        /// </summary>
        public bool CanTransferAttended
        {
            get
            {
                int held = 0;
                int talking = 0;
                for (int i = 0; i < CallSessions.MaxCalls; i++)
                {
                    SipCall c = Sessions.Slot(i);
                    if (c != null && c.State == SipCall.Connected)
                    {
                        if (c.Held)
                        {
                            held++;
                        }
                        else
                        {
                            talking++;
                        }
                    }
                }
                return held > 0 && talking > 0;
            }
        }

        /// <summary>A park orbit is set (the transfer entry offers Park).</summary>
        public bool ParkAvailable => Settings.Get(SettingNames.ParkOrbit).Length > 0;

        /// <summary>Parks a connected call (0: the active one) at park_orbit; TryParking while the PBX answers.</summary>
        public bool Park(int id, long nowMs, out string error)
        {
            string orbit = Settings.Get(SettingNames.ParkOrbit);
            if (orbit == null || orbit.Length == 0)
            {
                error = "no park orbit set (park_orbit)";
                return false;
            }
            if (_picked >> ParkingShift != 0)
            {
                error = "a call is being parked";
                return false;
            }
            SipCall call = id == 0 ? Active() : Sessions.Find(id);
            if (!Sessions.Transfer(call, orbit, nowMs, out error))
            {
                return false;
            }
            _picked = (_picked & PickedMask) | call.Id << ParkingShift;
            Statuses.Raise(StatusId.TryParking, orbit, "calls", nowMs);
            return true;
        }

        /// <summary>A call that ends while it is being parked takes TryParking with it.</summary>
        private void ParkEnded(SipCall call, long nowMs)
        {
            if (call.Id == _picked >> ParkingShift)
            {
                _picked &= PickedMask;
                Statuses.Clear(StatusId.TryParking, nowMs);
            }
        }

        /// <summary>The outcome of a transfer: TryParking ends with a park; a failure is explained for 3 s.</summary>
        public void OnTransferDone(SipCall call, int status, long nowMs)
        {
            bool parking = call.Id == _picked >> ParkingShift;
            if (parking)
            {
                _picked &= PickedMask;
                Statuses.Clear(StatusId.TryParking, nowMs);
            }
            if (status >= 300)
            {
                RaiseAnew(StatusId.StatusLineSystemMessage, (parking ? "Park failed: " : "Transfer failed: ") + FailureText(status), nowMs);
            }
        }
    }
}
