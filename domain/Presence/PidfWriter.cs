using System.Text;
using DeskPhone.Xml;

namespace DeskPhone.Domain.Presence
{
    /// <summary>
    /// The PIDF document (RFC 3863) the phone PUBLISHes for its own status, with an RPID (RFC 4480) activity where one
    /// fits, so that presence servers and watchers that read only the basic status and those that read activities
    /// both see the right thing. The note carries the phone's own label for administrators' tools. The writing part of
    /// <see cref="PresenceDocument"/>, not a class of its own (a type is 8 B of runtime tables on the device, h-domslim).
    /// </summary>
    public static partial class PresenceDocument
    {
        /// <summary>
        /// The document in one array of its length, written in two passes (the first counts, the second copies): a
        /// StringBuilder, its copy and the string were 2 KB beside the request's writer under the PUBLISH after office's
        /// call on the 80,896-byte board, a collection at 11,976 B free (docs/benchmarks.md h-restcut). The parts in code
        /// are ASCII (a character a byte); the entity and the note are escaped and made bytes once.
        /// </summary>
        public static byte[] Write(string entity, int state)
        {
            byte[] escapedEntity = Escaped(entity);
            byte[] note = Escaped(PresenceState.Label(state));
            string activity = Activity(state);
            byte[] doc = null;
            for (int pass = 0; pass < 2; pass++)
            {
                int at = Put(doc, 0, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" " +
                                     "xmlns:dm=\"urn:ietf:params:xml:ns:pidf:data-model\" xmlns:rpid=\"urn:ietf:params:xml:ns:pidf:rpid\" entity=\"");
                at = Put(doc, at, escapedEntity);
                at = Put(doc, at, "\">\r\n<tuple id=\"t1\"><status><basic>");
                at = Put(doc, at, state == PresenceState.Offline ? "closed" : "open");
                at = Put(doc, at, "</basic></status></tuple>\r\n<dm:person id=\"p1\">");
                if (activity != null)
                {
                    at = Put(doc, at, "<rpid:activities>");
                    at = Put(doc, at, activity);
                    at = Put(doc, at, "</rpid:activities>");
                }
                at = Put(doc, at, "<dm:note>");
                at = Put(doc, at, note);
                at = Put(doc, at, "</dm:note></dm:person>\r\n</presence>\r\n");
                doc = doc ?? new byte[at];
            }
            return doc;
        }

        /// <summary>An ASCII part at <paramref name="at"/> (null <paramref name="doc"/>: counted only); gives where the next goes.</summary>
        private static int Put(byte[] doc, int at, string part)
        {
            int length = part.Length;
            if (doc != null)
            {
                Encoding.UTF8.GetBytes(part, 0, length, doc, at);
            }
            return at + length;
        }

        private static int Put(byte[] doc, int at, byte[] part)
        {
            if (doc != null)
            {
                System.Array.Copy(part, 0, doc, at, part.Length);
            }
            return at + part.Length;
        }

        /// <summary><paramref name="value"/> escaped for XML, as UTF-8.</summary>
        private static byte[] Escaped(string value)
        {
            var sb = new StringBuilder();
            XmlText.Escape(sb, value);
            return Encoding.UTF8.GetBytes(sb.ToString());
        }

        private static string Activity(int state)
        {
            switch (state)
            {
                case PresenceState.Busy:
                    return "<rpid:on-the-phone/>";
                case PresenceState.DoNotDisturb:
                    return "<rpid:busy/>";
                case PresenceState.AtTheDesk:
                    return "<rpid:other>At the desk</rpid:other>";
                default:
                    return null;
            }
        }
    }
}
