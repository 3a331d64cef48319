using DeskPhone.Domain.Settings;

namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// Snom's dial plan (<c>user_dp_str</c>, per identity; docs/calls.md, "Dial plan"; in DeskPhone.Firmware for the byte code of DeskPhone.Domain, which reaches it through SettingValidator.DialPlanCheck and ICallFeatures.ApplyDialPlan): rules separated by spaces, each
    /// <c>!pattern!replacement!flags</c> where the first character is the separator (usually '!' or '|'). The first
    /// rule whose pattern matches the whole number is taken: its replacement is dialled (<c>\1</c>-<c>\9</c> the
    /// pattern's groups, <c>\0</c> the number, <c>\d</c> the identity's registrar) and, with the flag <c>d</c>, the
    /// number is complete: the dialing screen dials as soon as it matches. Patterns are a subset of regular
    /// expressions: literals, <c>\x</c>, <c>.</c>, classes <c>[0-9]</c> <c>[^#]</c>, groups <c>( )</c> (not nested,
    /// not repeated), <c>* + ?</c>, <c>{n}</c> <c>{n,}</c> <c>{n,m}</c> after a single atom, <c>^</c> and <c>$</c> at
    /// the ends; no alternation. Parsed from the setting each time (a key press, not a hot path), nothing kept.
    /// Bounded: <see cref="MaxRules"/> rules, the setting's length, <see cref="MaxSteps"/> matching steps per rule.
    /// </summary>
    public sealed class DialPlan
    {
        /// <summary>Rules one dial plan holds at most (a Snom phone keeps a handful per identity).</summary>
        public const int MaxRules = 8;

        /// <summary>Longest dial plan setting (characters).</summary>
        public const int MaxLength = 255;

        /// <summary>Backtracking steps one rule may take on one number before it counts as no match.</summary>
        public const int MaxSteps = 4000;

        private const int MaxGroups = 9;
        private const int MaxRepeat = 32;

        private readonly char[] _plan;
        private readonly int[] _start;
        private readonly int[] _end;
        private char[] _number;
        private int _steps;

        // The rule being looked at: its pattern [_p0, _p1), replacement [_r0, _r1), flags [_f0, _f1), next rule at _next.
        private int _p0, _p1, _r0, _r1, _f0, _f1, _next;

        // One plan being checked or applied (made per key press, so the idle phone keeps none).
        private DialPlan(string plan)
        {
            _plan = plan.ToCharArray();
            _start = new int[MaxGroups + 1];
            _end = new int[MaxGroups + 1];
        }

        /// <summary>Why a dial plan cannot be used (the rule and the fault), or null when it is good (empty included).</summary>
        public static string Check(string plan)
        {
            if (plan.Length > MaxLength)
            {
                return "longer than " + MaxLength.ToString() + " characters";
            }
            var dp = new DialPlan(plan);
            int rules = 0;
            for (int at = dp.Skip(0); at < dp._plan.Length; at = dp.Skip(dp._next))
            {
                if (++rules > MaxRules)
                {
                    return "more than " + MaxRules.ToString() + " rules";
                }
                string error = dp.Split(at);
                int groups = 0;
                error = error ?? dp.CheckPattern(out groups);
                error = error ?? dp.CheckReplacement(groups);
                for (int f = dp._f0; error == null && f < dp._f1; f++)
                {
                    error = dp._plan[f] == 'd' || dp._plan[f] == 'i' ? null : "unknown flag '" + dp._plan[f].ToString() + "'";
                }
                if (error != null)
                {
                    return "rule " + rules.ToString() + ": " + error;
                }
            }
            return null;
        }

        /// <summary>
        /// The first rule matching the whole number: its replacement in <paramref name="dialled"/> and whether it makes
        /// the number complete (flag d). False (dialled = the number) when no rule matches or the plan is bad.
        /// </summary>
        public static bool Apply(string plan, string number, string registrar, out string dialled, out bool complete)
        {
            dialled = number;
            complete = false;
            if (plan == null || plan.Length == 0 || number.Length == 0 || Check(plan) != null)
            {
                return false;
            }
            var dp = new DialPlan(plan);
            dp._number = number.ToCharArray();
            for (int at = dp.Skip(0); at < dp._plan.Length; at = dp.Skip(dp._next))
            {
                dp.Split(at);
                dp._steps = 0;
                int from = dp._p0 < dp._p1 && dp._plan[dp._p0] == '^' ? dp._p0 + 1 : dp._p0;
                if (dp.Match(from, 0, 1))
                {
                    dialled = dp.Replace(registrar);
                    for (int f = dp._f0; f < dp._f1; f++)
                    {
                        complete |= dp._plan[f] == 'd';
                    }
                    return true;
                }
            }
            return false;
        }

        private int Skip(int at)
        {
            while (at < _plan.Length && _plan[at] == ' ')
            {
                at++;
            }
            return at;
        }

        // Finds the parts of the rule at 'at' (its first character the separator); error when a part is missing.
        private string Split(int at)
        {
            char sep = _plan[at];
            _p0 = at + 1;
            _p1 = Part(_p0, sep);
            _r0 = _p1 + 1;
            _r1 = _next = _f0 = _f1 = _p1 < _plan.Length && _plan[_p1] == sep ? Part(_r0, sep) : _p1;
            if (_r1 < _plan.Length && _plan[_r1] == sep)
            {
                _f0 = _r1 + 1;
                _f1 = _next = Part(_f0, sep);
                _next += _f1 < _plan.Length && _plan[_f1] == sep ? 1 : 0;
            }
            if (_r1 == _p1)
            {
                return "no replacement (write " + sep.ToString() + "pattern" + sep.ToString() + "replacement" + sep.ToString() + "flags)";
            }
            return _p1 == _p0 ? "empty pattern" : null;
        }

        // The end of a part: the next unescaped separator (or space), else the end of the plan.
        private int Part(int at, char sep)
        {
            while (at < _plan.Length && _plan[at] != sep && _plan[at] != ' ')
            {
                at += _plan[at] == '\\' && at + 1 < _plan.Length ? 2 : 1;
            }
            return at;
        }

        private string CheckPattern(out int groups)
        {
            groups = 0;
            bool open = false;
            int p = _p0 < _p1 && _plan[_p0] == '^' ? _p0 + 1 : _p0;
            bool atom = false;
            while (p < _p1)
            {
                char c = _plan[p];
                if (c == '(' || c == ')')
                {
                    if (open == (c == '('))
                    {
                        return c == '(' ? "nested group" : "')' without '('";
                    }
                    open = c == '(';
                    groups += open ? 1 : 0;
                    if (groups > MaxGroups)
                    {
                        return "more than 9 groups";
                    }
                    atom = false;
                    p++;
                    continue;
                }
                if (c == '*' || c == '+' || c == '?' || c == '{')
                {
                    if (!atom)
                    {
                        return "'" + c.ToString() + "' repeats nothing (only a single character or class repeats)";
                    }
                    if (c == '{' && !Braces(p, out int min, out int max, out p))
                    {
                        return "bad {n,m}";
                    }
                    p += c == '{' ? 0 : 1;
                    atom = false;
                    continue;
                }
                if (c == '|')
                {
                    return "alternation '|' is not supported";
                }
                if (c == '$' && p != _p1 - 1)
                {
                    return "'$' before the end";
                }
                if (c == '^')
                {
                    return "'^' after the start";
                }
                int end = AtomEnd(p);
                if (end < 0)
                {
                    return c == '[' ? "'[' without ']'" : "'\\' at the end";
                }
                atom = c != '$';
                p = end;
            }
            return open ? "'(' without ')'" : null;
        }

        private string CheckReplacement(int groups)
        {
            for (int r = _r0; r < _r1; r++)
            {
                if (_plan[r] != '\\')
                {
                    continue;
                }
                char n = ++r < _r1 ? _plan[r] : ' ';
                if (n != 'd' && n != '\\' && (n < '0' || n > '9' || n - '0' > groups))
                {
                    return "'\\" + n.ToString().Trim() + "' names no group";
                }
            }
            return null;
        }

        // The end of the single atom at p (a literal, \x, '.' or a class), -1 when it is broken.
        private int AtomEnd(int p)
        {
            if (_plan[p] == '\\')
            {
                return p + 1 < _p1 ? p + 2 : -1;
            }
            if (_plan[p] != '[')
            {
                return p + 1;
            }
            // The first character after '[' or '[^' is a member even when it is ']'.
            for (int q = p + (p + 1 < _p1 && _plan[p + 1] == '^' ? 3 : 2); q < _p1; q++)
            {
                if (_plan[q] == ']')
                {
                    return q + 1;
                }
            }
            return -1;
        }

        // {n}, {n,} or {n,m} at p: the bounds and the position after '}'.
        private bool Braces(int p, out int min, out int max, out int after)
        {
            min = 0;
            max = -1;
            after = p;
            int q = p + 1;
            int value = 0;
            bool digits = false;
            for (; q < _p1 && _plan[q] != '}'; q++)
            {
                char c = _plan[q];
                if (c == ',' && max < 0 && digits)
                {
                    min = value;
                    max = MaxRepeat;
                    value = 0;
                    digits = false;
                    continue;
                }
                if (c < '0' || c > '9' || value > MaxRepeat)
                {
                    return false;
                }
                value = value * 10 + (c - '0');
                digits = true;
            }
            if (q >= _p1 || (max < 0 && !digits))
            {
                return false;
            }
            if (max < 0)
            {
                min = max = value;
            }
            else if (digits)
            {
                max = value;
            }
            after = q + 1;
            return min <= max && max <= MaxRepeat;
        }

        private bool AtomMatches(int p, char c)
        {
            char a = _plan[p];
            if (a == '\\')
            {
                return _plan[p + 1] == c;
            }
            if (a == '.')
            {
                return true;
            }
            if (a != '[')
            {
                return a == c;
            }
            int q = p + 1;
            bool negate = _plan[q] == '^';
            q += negate ? 1 : 0;
            bool found = false;
            for (bool first = true; first || _plan[q] != ']'; first = false)
            {
                bool range = _plan[q + 1] == '-' && _plan[q + 2] != ']';
                found |= range ? c >= _plan[q] && c <= _plan[q + 2] : c == _plan[q];
                q += range ? 3 : 1;
            }
            return found != negate;
        }

        // Whether the pattern from p matches the number from s to its end; g is the next group's number.
        private bool Match(int p, int s, int g)
        {
            if (++_steps > MaxSteps)
            {
                return false;
            }
            if (p == _p1 || (_plan[p] == '$' && p == _p1 - 1))
            {
                return s == _number.Length;
            }
            char c = _plan[p];
            if (c == '(' || c == ')')
            {
                int group = c == '(' ? g : g - 1;
                int[] mark = c == '(' ? _start : _end;
                int old = mark[group];
                mark[group] = s;
                if (Match(p + 1, s, c == '(' ? g + 1 : g))
                {
                    return true;
                }
                mark[group] = old;
                return false;
            }
            int end = AtomEnd(p);
            int min = 1, max = 1, next = end;
            if (end < _p1)
            {
                char q = _plan[end];
                if (q == '*' || q == '+' || q == '?')
                {
                    min = q == '+' ? 1 : 0;
                    max = q == '?' ? 1 : MaxRepeat;
                    next = end + 1;
                }
                else if (q == '{')
                {
                    Braces(end, out min, out max, out next);
                }
            }
            int n = 0;
            while (n < max && s + n < _number.Length && AtomMatches(p, _number[s + n]))
            {
                n++;
            }
            for (; n >= min; n--)
            {
                if (Match(next, s + n, g))
                {
                    return true;
                }
            }
            return false;
        }

        private string Replace(string registrar)
        {
            var text = new System.Text.StringBuilder();
            for (int r = _r0; r < _r1; r++)
            {
                char c = _plan[r];
                char n = r + 1 < _r1 ? _plan[r + 1] : ' ';
                if (c != '\\')
                {
                    text.Append(c);
                    continue;
                }
                r++;
                if (n == 'd')
                {
                    text.Append(registrar);
                }
                else if (n == '0')
                {
                    text.Append(_number);
                }
                else if (n >= '1' && n <= '9')
                {
                    int g = n - '0';
                    text.Append(_number, _start[g], _end[g] - _start[g]);
                }
                else
                {
                    text.Append(n);
                }
            }
            return text.ToString();
        }
    }
}
