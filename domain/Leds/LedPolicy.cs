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
    public sealed class LedPolicy
    {
        private const int PatternLists = 5;

        private static readonly LedPattern[] PatternOrder =
        {
            LedPattern.On, LedPattern.ShortOff, LedPattern.BlinkSlow, LedPattern.BlinkMedium, LedPattern.BlinkFast,
        };

        private static readonly LedColor[] ColorOrder = { LedColor.Yellow, LedColor.Green, LedColor.Orange, LedColor.Red };

        private readonly LedPattern[] _statePattern = new LedPattern[KeyState.Count];
        private readonly LedColor[] _stateColor = new LedColor[KeyState.Count];
        private readonly LedPattern[] _statusPattern = new LedPattern[StatusId.Count];
        private readonly LedColor[] _statusColor = new LedColor[StatusId.Count];
        private readonly bool[] _messageUsage = new bool[StatusId.Count];
        private readonly bool[] _callUsage = new bool[KeyState.Count];

        // KeyState values (-1..9), one byte per key.
        private readonly sbyte[] _keyStates = new sbyte[LedMap.Count - LedMap.FunctionKeyBase];
        private int _callState = KeyState.Idle;
        private readonly LedColor[] _color = new LedColor[LedMap.Count];
        private readonly LedPattern[] _pattern = new LedPattern[LedMap.Count];
        // Made by the first problem: the default lists and a correct provisioning have none (an ArrayList is 120 B).
        private ArrayList _problems;
        private StatusScheduler _statuses;

        public LedPolicy()
        {
            for (int i = 0; i < _keyStates.Length; i++)
            {
                _keyStates[i] = (sbyte)KeyState.None;
            }
            Configure(LedDefaults.On, LedDefaults.BlinkSlow, LedDefaults.BlinkMedium, LedDefaults.BlinkFast, LedDefaults.BlinkShortOff,
                      LedDefaults.Red, LedDefaults.Green, LedDefaults.Orange, LedDefaults.Yellow,
                      LedDefaults.MessageUsage, LedDefaults.CallIndicatorUsage);
        }

        public event LedChangedHandler Changed;

        /// <summary>Unknown tokens of the last <see cref="Configure"/>, one line each.</summary>
        public ArrayList Problems => _problems ?? new ArrayList();

        public LedColor ColorOf(int led) => _color[led];

        public LedPattern PatternOf(int led) => _pattern[led];

        /// <summary>The LED's colour when its token is in no colour list.</summary>
        public static LedColor DefaultColor(int led) => led == LedMap.Message ? LedColor.Red : LedColor.Green;

        public void Configure(string on, string blinkSlow, string blinkMedium, string blinkFast, string blinkShortOff,
                              string red, string green, string orange, string yellow, string messageUsage, string callUsage)
        {
            _problems = null;
            for (int s = 0; s < KeyState.Count; s++)
            {
                _statePattern[s] = LedPattern.Off;
                _stateColor[s] = LedColor.Off;
                _callUsage[s] = false;
            }
            for (int id = 0; id < StatusId.Count; id++)
            {
                _statusPattern[id] = LedPattern.Off;
                _statusColor[id] = LedColor.Off;
                _messageUsage[id] = false;
            }
            // Lowest precedence first, so that a later (stronger) list overwrites.
            ApplyPattern("led_on", on, 0);
            ApplyPattern("led_blink_short_off", blinkShortOff, 1);
            ApplyPattern("led_blink_slow", blinkSlow, 2);
            ApplyPattern("led_blink_medium", blinkMedium, 3);
            ApplyPattern("led_blink_fast", blinkFast, 4);
            ApplyColor("led_yellow", yellow, 0);
            ApplyColor("led_green", green, 1);
            ApplyColor("led_orange", orange, 2);
            ApplyColor("led_red", red, 3);
            ApplyUsage("led_message_usage", messageUsage, false);
            ApplyUsage("led_call_indicator_usage", callUsage, true);
            RecomputeAll();
        }

        /// <summary>Follows this scheduler's active statuses for the message LED (call again after it changes).</summary>
        public void Attach(StatusScheduler statuses)
        {
            _statuses = statuses;
            UpdateMessageLed();
        }

        /// <summary>Key 0..69 (function keys, then module keys); <see cref="KeyState.None"/> when it monitors nothing.</summary>
        public void SetKeyState(int key, int state)
        {
            if (key < 0 || key >= _keyStates.Length || _keyStates[key] == state)
            {
                return;
            }
            _keyStates[key] = (sbyte)state;
            UpdateKey(key);
        }

        public int KeyStateOf(int key) => _keyStates[key];

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

        /// <summary>Re-reads the active statuses (after the scheduler reports a change).</summary>
        public void StatusesChanged() => UpdateMessageLed();

        private void RecomputeAll()
        {
            UpdateMessageLed();
            UpdateCallLed();
            for (int key = 0; key < _keyStates.Length; key++)
            {
                UpdateKey(key);
            }
        }

        private void UpdateMessageLed()
        {
            LedPattern best = LedPattern.Off;
            LedColor color = LedColor.Off;
            if (_statuses != null)
            {
                for (int id = 0; id < StatusId.Count; id++)
                {
                    if (_messageUsage[id] && _statuses.IsActive(id) && Strength(_statusPattern[id]) > Strength(best))
                    {
                        best = _statusPattern[id];
                        color = _statusColor[id];
                    }
                }
            }
            Set(LedMap.Message, best, color);
        }

        private void UpdateCallLed()
        {
            bool used = _callState >= 0 && _callUsage[_callState];
            Set(LedMap.Call, used ? _statePattern[_callState] : LedPattern.Off, used ? _stateColor[_callState] : LedColor.Off);
        }

        private void UpdateKey(int key)
        {
            int state = _keyStates[key];
            int led = LedMap.FunctionKeyBase + key;
            if (state < 0)
            {
                Set(led, LedPattern.Off, LedColor.Off);
                return;
            }
            Set(led, _statePattern[state], _stateColor[state]);
        }

        private void Set(int led, LedPattern pattern, LedColor color)
        {
            if (pattern == LedPattern.Off)
            {
                color = LedColor.Off;
            }
            else if (color == LedColor.Off)
            {
                color = DefaultColor(led);
            }
            if (_pattern[led] == pattern && _color[led] == color)
            {
                return;
            }
            _pattern[led] = pattern;
            _color[led] = color;
            LedChangedHandler handler = Changed;
            if (handler != null)
            {
                handler(led, color, pattern);
            }
        }

        private static int Strength(LedPattern pattern)
        {
            for (int i = 0; i < PatternOrder.Length; i++)
            {
                if (PatternOrder[i] == pattern)
                {
                    return i + 1;
                }
            }
            return 0;
        }

        private void ApplyPattern(string setting, string list, int order) => Apply(setting, list, PatternOrder[order], LedColor.Off);

        private void ApplyColor(string setting, string list, int order) => Apply(setting, list, LedPattern.Off, ColorOrder[order]);

        /// <summary>Gives every token of the list the pattern, or the colour (whichever is not Off).</summary>
        private void Apply(string setting, string list, LedPattern pattern, LedColor color)
        {
            int i = 0;
            int start, length;
            while (NextToken(list, ref i, out start, out length))
            {
                int state = KeyState.Find(list, start, length);
                int id = state >= 0 ? -1 : StatusCatalog.Find(list, start, length);
                if (state < 0 && id < 0)
                {
                    Unknown(setting, list, start, length);
                }
                else if (pattern != LedPattern.Off)
                {
                    if (state >= 0) _statePattern[state] = pattern; else _statusPattern[id] = pattern;
                }
                else
                {
                    if (state >= 0) _stateColor[state] = color; else _statusColor[id] = color;
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
                    int state = KeyState.Find(list, start, length);
                    if (state >= 0)
                    {
                        _callUsage[state] = true;
                        continue;
                    }
                }
                else
                {
                    int id = StatusCatalog.Find(list, start, length);
                    if (id >= 0)
                    {
                        _messageUsage[id] = true;
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
