using DeskPhone.Domain.Leds;
using DeskPhone.Domain.Settings;
using DeskPhone.Sip.Session;

namespace DeskPhone.Domain.Calls
{
    /// <summary>
    /// The calls on the LEDs, through the LED policy (docs/leds.md): the call LED follows the phone's own call state
    /// (RINGING while a call rings either way, else CONNECTED while one talks, else HOLDING while one is held by the
    /// phone, else IDLE), and each function key defined as <c>line</c> is a call appearance: the n-th line key shows
    /// the n-th live call (in the call table's order) as RINGING, CONNECTED or HOLDING, and is off with no call. The
    /// led_* settings turn those states into patterns and colours (by default fast blink, steady, slow blink).
    /// Static methods over the calls and the LED policy, the line keys kept by the owner (firmware/App/CallLayer): no
    /// object of their own (48 B of every call, h-callobjs).
    /// </summary>
    public static class CallLeds
    {
        /// <summary>
        /// The line keys, bit n for fkey n + 1: read when the layer is built and when an fkey changes, not at each change of
        /// a call: that read 16 settings texts four frames under the call's change, the deepest point of an incoming call's
        /// INVITE on the 80,896-byte board (docs/benchmarks.md, h-callcost).
        /// </summary>
        public static int ReadKeys(PhoneCalls calls)
        {
            int lineKeys = 0;
            for (int key = 0; key < SettingsTable.FunctionKeys; key++)
            {
                if (calls.IsLineKey(key))
                {
                    lineKeys |= 1 << key;
                }
            }
            return lineKeys;
        }

        /// <summary>A call's state as a key state: ringing (either way), held by the phone, else connected; dialing counts as ringing.</summary>
        public static int StateOf(SipCall call)
        {
            if (call == null || call.State == SipCall.Ended)
            {
                return KeyState.None;
            }
            if (call.State == SipCall.Connected)
            {
                return call.Held ? KeyState.Holding : KeyState.Connected;
            }
            return KeyState.Ringing;
        }

        /// <summary>
        /// Recomputes the call LED and the line keys (<paramref name="lineKeys"/>, <see cref="ReadKeys"/>) from the live
        /// calls; the owner calls it at every change of a call and when an fkey changes (no handler of its own on the calls
        /// or the settings: firmware/App/CallLayer has one for all).
        /// </summary>
        public static void Update(PhoneCalls calls, LedPolicy leds, int lineKeys)
        {
            int own = KeyState.Idle;
            int line = 0;
            for (int key = 0; key < SettingsTable.FunctionKeys; key++)
            {
                if ((lineKeys & (1 << key)) != 0)
                {
                    leds.SetKeyState(key, StateOf(NthCall(calls, line++)));
                }
            }
            for (int i = 0; i < CallSessions.MaxCalls; i++)
            {
                int state = StateOf(calls.Sessions.Slot(i));
                if (state == KeyState.Ringing || (state == KeyState.Connected && own != KeyState.Ringing) ||
                    (state == KeyState.Holding && own == KeyState.Idle))
                {
                    own = state;
                }
            }
            leds.SetCallState(own);
        }

        /// <summary>The n-th live call of the call table (what the n-th line key shows), or null.</summary>
        internal static SipCall NthCall(PhoneCalls calls, int n)
        {
            for (int i = 0; i < CallSessions.MaxCalls; i++)
            {
                SipCall c = calls.Sessions.Slot(i);
                if (c != null && n-- == 0)
                {
                    return c;
                }
            }
            return null;
        }
    }
}
