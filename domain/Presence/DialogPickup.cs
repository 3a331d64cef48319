using DeskPhone.Sip.Text;
namespace DeskPhone.Domain.Presence
{
    /// <summary>
    /// What a pickup with Replaces needs of a dialog ringing at a monitored extension (RFC 4235 dialog element): its
    /// call-id, local-tag (the extension's side) and remote-tag, and the caller's target (remote target URI, else
    /// identity). A ringing key keeps them as one text (each part ended by '\n', which no id, tag or URI holds; an
    /// absent one empty) in its DialogInfo, and this object only while it also keeps an id array; otherwise one is made
    /// when read (docs/benchmarks.md h-blfstate: four strings and an object of 72 B were about 200 B a ringing key).
    /// </summary>
    public sealed class DialogPickup
    {
        internal DialogPickup(string text)
        {
            Text = text;
        }

        /// <summary>The four parts, each ended by '\n'.</summary>
        internal readonly string Text;

        public string CallId => Part(0);
        public string LocalTag => Part(1);
        public string RemoteTag => Part(2);
        public string Target => Part(3);

        /// <summary>The ringing key's dialog ids while this pickup is its DialogInfo's (kept in its one field).</summary>
        internal object Ids;

        private string Part(int n) => LineParts.Part(Text, n);
    }
}
