using System.Collections;
using DeskPhone.Drivers.Leds;
using DeskPhone.Domain.Status;

namespace DeskPhone.Domain.Leds
{
    public delegate void LedChangedHandler(int led, LedColor color, LedPattern pattern);

    /// <summary>
    /// Turns key states and active status messages into a colour and pattern for every LED (indexes of
    /// <see cref="LedMap"/>), from the led_* settings. Each list holds key-state names and status IDs. A token in no
    /// pattern list leaves the LED off; in several, the faster pattern wins (fast, medium, slow, short-off, on). A token
    /// in no colour list takes the LED's own colour; in several, red wins, then orange, green, yellow. The message LED
    /// follows the active statuses of led_message_usage, the call LED the own call state if in led_call_indicator_usage,
    /// and each key LED its key's state.
    /// </summary>
    public sealed partial class LedPolicy : IStatusLeds
    {
        // A pattern (bits 0-2) and a colour (bits 3-5) in one byte, as in a token's look and an LED's shown state.
        private const int PatternBits = 7;
        private const int ColorShift = 3;
        // In a token's look: the token drives the call LED (a key state in led_call_indicator_usage) or the message LED (a status
        // ID in led_message_usage).
        private const int UsageBit = 64;

        // Keys: function keys, then module keys.
        private const int KeyCount = LedMap.Count - LedMap.FunctionKeyBase;
        // Where the keys' states and the LEDs' shown states start in _state.
        private const int KeysAt = KeyState.Count + StatusId.Count;
        private const int ShownAt = KeysAt + KeyCount;

        // One byte array instead of three (nanoCLR: 20 B an array and 12 B a field, each rounded up to 12 B: 264 B
        // instead of 324 B and two fields):
        // - per token, the key states then the status IDs (KeyState.Count + id): its look (pattern, colour and usage),
        //   one byte per token instead of three arrays of them per kind;
        // - at KeysAt + key: the key's KeyState (-1..9, as an sbyte);
        // - at ShownAt + led: the pattern and colour last set.
        private readonly byte[] _state = new byte[ShownAt + LedMap.Count];
        private int _callState = KeyState.Idle;
        // Made by the first problem: the default lists and a correct provisioning have none (an ArrayList is 120 B).
        private ArrayList _problems;
        private StatusScheduler _statuses;

        public LedPolicy()
        {
            for (int i = 0; i < KeyCount; i++)
            {
                _state[KeysAt + i] = unchecked((byte)KeyState.None);
            }
            Configure(DefaultOn, DefaultBlinkSlow, DefaultBlinkMedium, DefaultBlinkFast, DefaultBlinkShortOff,
                      DefaultRed, DefaultGreen, DefaultOrange, DefaultYellow,
                      DefaultMessageUsage, DefaultCallIndicatorUsage);
        }

        public event LedChangedHandler Changed;

        /// <summary>Unknown tokens of the last <see cref="Configure"/>, one line each.</summary>
        public ArrayList Problems => _problems ?? new ArrayList();

        public LedColor ColorOf(int led) => ColorIn(_state[ShownAt + led]);

        public LedPattern PatternOf(int led) => PatternIn(_state[ShownAt + led]);

        /// <summary>The LED's colour when its token is in no colour list.</summary>
        public static LedColor DefaultColor(int led) => led == LedMap.Message ? LedColor.Red : LedColor.Green;

        public void Configure(string on, string blinkSlow, string blinkMedium, string blinkFast, string blinkShortOff,
                              string red, string green, string orange, string yellow, string messageUsage, string callUsage)
        {
            _problems = null;
            for (int t = 0; t < KeysAt; t++)
            {
                _state[t] = 0;
            }
            // Lowest precedence first, so that a later (stronger) list overwrites.
            Apply("led_on", on, LedPattern.On, LedColor.Off);
            Apply("led_blink_short_off", blinkShortOff, LedPattern.ShortOff, LedColor.Off);
            Apply("led_blink_slow", blinkSlow, LedPattern.BlinkSlow, LedColor.Off);
            Apply("led_blink_medium", blinkMedium, LedPattern.BlinkMedium, LedColor.Off);
            Apply("led_blink_fast", blinkFast, LedPattern.BlinkFast, LedColor.Off);
            Apply("led_yellow", yellow, LedPattern.Off, LedColor.Yellow);
            Apply("led_green", green, LedPattern.Off, LedColor.Green);
            Apply("led_orange", orange, LedPattern.Off, LedColor.Orange);
            Apply("led_red", red, LedPattern.Off, LedColor.Red);
            ApplyUsage("led_message_usage", messageUsage, false);
            ApplyUsage("led_call_indicator_usage", callUsage, true);
            RecomputeAll();
        }

        /// <summary>Follows this scheduler's active statuses for the message LED (call again after it changes).</summary>
        public void Attach(StatusScheduler statuses)
        {
            _statuses = statuses;
            StatusesChanged();
        }

        /// <summary>Key 0..69 (function keys, then module keys); <see cref="KeyState.None"/> when it monitors nothing.</summary>
        public void SetKeyState(int key, int state)
        {
            if (key < 0 || key >= KeyCount || KeyStateOf(key) == state)
            {
                return;
            }
            _state[KeysAt + key] = unchecked((byte)state);
            // Set from here, not through a method of its own: a level less under the LED's event, which a BLF key's
            // NOTIFY sets off (docs/benchmarks.md, h-flatnotify).
            Set(LedMap.FunctionKeyBase + key, KeyLook(key));
        }

        public int KeyStateOf(int key) => unchecked((sbyte)_state[KeysAt + key]);

        /// <summary>The phone's own call state for the call LED.</summary>
        public void SetCallState(int state)
        {
            if (_callState == state)
            {
                return;
            }
            _callState = state;
            UpdateCallLed();
        }

        private void RecomputeAll()
        {
            StatusesChanged();
            UpdateCallLed();
            for (int key = 0; key < KeyCount; key++)
            {
                Set(LedMap.FunctionKeyBase + key, KeyLook(key));
            }
        }

        /// <summary>
        /// Re-reads the active statuses (the scheduler calls it after a change): the message LED takes the look of the
        /// active usage status with the strongest pattern, the lowest ID among equals.
        /// </summary>
        // The scheduler's active IDs are read in place and the pattern's strength worked out here, not through IsActive
        // per ID and Strength: each call was a frame on nanoCLR's heap under the call's end (docs/benchmarks.md, h-byeleds).
        public void StatusesChanged()
        {
            // Few locals (each is 12 B of this frame, which the call's end pushes): the fields are read in place.
            int best = 0;
            int bestStrength = 0;
            int bestId = 0;
            if (_statuses != null)
            {
                byte[] ids = _statuses._ids;
                for (int slot = 0; slot < _statuses._slotCount; slot++)
                {
                    int id = ids[StatusScheduler.SlotsAt + slot];
                    int look = _state[KeyState.Count + id];
                    if ((look & UsageBit) == 0)
                    {
                        continue;
                    }
                    // The precedence (off 0, on 1, short-off 2, slow 3, medium 4, fast 5: the faster wins) as arithmetic: a
                    // static array is built at boot and kept (48 B and its slot).
                    int strength = look & PatternBits;
                    strength = strength == (int)LedPattern.ShortOff ? 2 : strength >= (int)LedPattern.BlinkSlow ? strength + 1 : strength;
                    if (strength > bestStrength || (strength == bestStrength && strength > 0 && id < bestId))
                    {
                        best = look;
                        bestStrength = strength;
                        bestId = id;
                    }
                }
            }
            Set(LedMap.Message, best);
        }

        private void UpdateCallLed()
        {
            int look = _callState >= 0 ? _state[_callState] : 0;
            Set(LedMap.Call, (look & UsageBit) != 0 ? look : 0);
        }

        /// <summary>The look of a key's state (its token's), none while the key monitors nothing.</summary>
        private int KeyLook(int key)
        {
            int state = KeyStateOf(key);
            return state < 0 ? 0 : _state[state];
        }

        /// <summary>Shows a token's look (pattern and colour; 0: off) on the LED, and tells a change.</summary>
        private void Set(int led, int look)
        {
            LedPattern pattern = PatternIn(look);
            LedColor color = ColorIn(look);
            if (pattern == LedPattern.Off)
            {
                color = LedColor.Off;
            }
            else if (color == LedColor.Off)
            {
                color = DefaultColor(led);
            }
            byte shown = (byte)((int)pattern | (int)color << ColorShift);
            if (_state[ShownAt + led] == shown)
            {
                return;
            }
            _state[ShownAt + led] = shown;
            LedChangedHandler handler = Changed;
            if (handler != null)
            {
                handler(led, color, pattern);
            }
        }

        private static LedPattern PatternIn(int look) => (LedPattern)(look & PatternBits);

        private static LedColor ColorIn(int look) => (LedColor)((look >> ColorShift) & PatternBits);

        /// <summary>Gives every token of the list the pattern, or the colour (whichever is not Off).</summary>
        private void Apply(string setting, string list, LedPattern pattern, LedColor color)
        {
            int i = 0;
            int start, length;
            while (NextToken(list, ref i, out start, out length))
            {
                int state = KeyState.Parse(list, start, length);
                int id = state >= 0 ? -1 : StatusCatalog.Find(list, start, length);
                if (state < 0 && id < 0)
                {
                    Unknown(setting, list, start, length);
                }
                else
                {
                    int token = state >= 0 ? state : KeyState.Count + id;
                    int look = _state[token];
                    _state[token] = (byte)(pattern != LedPattern.Off
                        ? (look & ~PatternBits) | (int)pattern
                        : (look & ~(PatternBits << ColorShift)) | (int)color << ColorShift);
                }
            }
        }

        private void ApplyUsage(string setting, string list, bool keyStates)
        {
            int i = 0;
            int start, length;
            while (NextToken(list, ref i, out start, out length))
            {
                if (keyStates)
                {
                    int state = KeyState.Parse(list, start, length);
                    if (state >= 0)
                    {
                        _state[state] |= UsageBit;
                        continue;
                    }
                }
                else
                {
                    int id = StatusCatalog.Find(list, start, length);
                    if (id >= 0)
                    {
                        _state[KeyState.Count + id] |= UsageBit;
                        continue;
                    }
                }
                Unknown(setting, list, start, length);
            }
        }

        private void Unknown(string setting, string list, int start, int length)
        {
            if (_problems == null)
            {
                _problems = new ArrayList();
            }
            _problems.Add(setting + ": unknown key state or status ID '" + list.Substring(start, length) + "'");
        }

        private static bool NextToken(string list, ref int i, out int start, out int length)
        {
            start = 0;
            length = 0;
            if (list == null)
            {
                return false;
            }
            while (i < list.Length && (list[i] == ' ' || list[i] == '\t' || list[i] == ','))
            {
                i++;
            }
            start = i;
            while (i < list.Length && list[i] != ' ' && list[i] != '\t' && list[i] != ',')
            {
                i++;
            }
            length = i - start;
            return length > 0;
        }
    }
}
