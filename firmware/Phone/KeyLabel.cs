namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// What a function or expansion-module key shows for its definition (fkey, expansion_key): the user part of a
    /// monitored URI ("blf sip:carol@pbx" shows "carol"), the definition as written otherwise, nothing for "none".
    /// One rule for the idle screen's function keys and the modules' own labels.
    /// </summary>
    public static class KeyLabel
    {
        public static string Of(string definition)
        {
            if (definition == null || definition.Length == 0 || definition == "none")
            {
                return null;
            }
            int colon = definition.IndexOf(':');
            int at = definition.IndexOf('@');
            if (colon >= 0 && at > colon)
            {
                return definition.Substring(colon + 1, at - colon - 1);
            }
            return definition;
        }
    }
}
