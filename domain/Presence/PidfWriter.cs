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
        public static byte[] Write(string entity, int state)
        {
            var sb = new StringBuilder(420);
            sb.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n");
            sb.Append("<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" xmlns:dm=\"urn:ietf:params:xml:ns:pidf:data-model\"");
            sb.Append(" xmlns:rpid=\"urn:ietf:params:xml:ns:pidf:rpid\" entity=\"");
            XmlText.Escape(sb, entity);
            sb.Append("\">\r\n<tuple id=\"t1\"><status><basic>");
            sb.Append(state == PresenceState.Offline ? "closed" : "open");
            sb.Append("</basic></status></tuple>\r\n<dm:person id=\"p1\">");
            string activity = Activity(state);
            if (activity != null)
            {
                sb.Append("<rpid:activities>").Append(activity).Append("</rpid:activities>");
            }
            sb.Append("<dm:note>");
            XmlText.Escape(sb, PresenceState.Label(state));
            sb.Append("</dm:note></dm:person>\r\n</presence>\r\n");
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
