namespace DeskPhone.Drivers.Expansion
{
    /// <summary>
    /// Where the expansion chain reads a module key's label when it sends it (a module connects, a label changes): the
    /// phone makes it from the key's setting then, so no label is held per key between sends (issue #17).
    /// </summary>
    public interface IKeyLabels
    {
        /// <summary>The key's label (UTF-8 is cut to 32 bytes when sent), null for a key without one.</summary>
        string LabelOf(int module, int key);
    }
}
