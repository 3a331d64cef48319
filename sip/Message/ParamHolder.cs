namespace DeskPhone.Sip.Message
{
    /// <summary>
    /// A parsed value with a ";name=value" parameter list (a Via, a URI, a name-addr), kept as a range of the characters
    /// its parser copied once: <see cref="GetParam"/> searches them in place, so neither the list nor a copy of its
    /// characters is made per parameter asked for. (The list as a string, ParamText, is gone: nothing but a test read it,
    /// and its field was 12 B of every Via and URI held, h-margin4.)
    /// </summary>
    public abstract class ParamHolder
    {
        // Internal: a Via's rport and received read the list straight (Params.Get), a frame less under every response's
        // Via, the deepest point of the call's BYE on the 80,896-byte board (issue #18, h-callthrough).
        internal char[] _params;
        internal int _paramStart;
        internal int _paramEnd;

        /// <summary>The value of a parameter ("" when it has none), or null when absent; names compare case-insensitively.</summary>
        public string GetParam(string name) => _params == null ? null : Params.Get(_params, _paramStart, _paramEnd, name);

        /// <summary>The list is [start, end) of <paramref name="chars"/> (after its ';').</summary>
        internal void SetParams(char[] chars, int start, int end)
        {
            _params = chars;
            _paramStart = start;
            _paramEnd = end;
        }
    }
}
