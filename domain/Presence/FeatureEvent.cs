using System.Text;
using DeskPhone.Xml;

namespace DeskPhone.Domain.Presence
{
    /// <summary>
    /// Broadsoft Device Feature Key Synchronization (event package as-feature-event): the server's
    /// DoNotDisturbEvent and ForwardingEvent documents (ECMA-323 CSTA element names), and the SetDoNotDisturb and
    /// SetForwarding requests the phone sends in its SUBSCRIBE bodies when the user changes a feature on the phone.
    /// Its plain state (Kind, DoNotDisturb, ForwardType, ForwardActive, ForwardTo, RingCount, Device, Error) is public
    /// fields, not properties: no accessor method in the runtime tables, image and calls on the device (issue #17).
    /// </summary>
    public sealed class FeatureEvent
    {
        public const string ContentType = "application/x-as-feature-event+xml";
        public const string EventPackage = "as-feature-event";
        private const string CstaNamespace = "http://www.ecma-international.org/standards/ecma-323/csta/ed3";

        public const int KindDoNotDisturb = 1;
        public const int KindForwarding = 2;

        public const int ForwardAlways = 0;
        public const int ForwardBusy = 1;
        public const int ForwardNoAnswer = 2;

        // Tables as code, not static arrays: nanoFramework runs every static initialiser at boot, so an array of
        // literals would take heap from the start; a literal returned from code keeps its text in flash.
        private const int ForwardTypesCount = 3;

        private static string ForwardTypes(int i)
        {
            switch (i)
            {
                case 0: return "forwardImmediate";
                case 1: return "forwardBusy";
                case 2: return "forwardNoAns";
                default: return null;
            }
        }

        /// <summary>KindDoNotDisturb or KindForwarding after a successful <see cref="Parse"/>.</summary>
        public int Kind;
        public string Device;
        public bool DoNotDisturb;
        public int ForwardType;
        public bool ForwardActive;
        public string ForwardTo;
        public int RingCount;
        public string Error;

        public bool Parse(byte[] body, int offset, int length)
        {
            var reader = new XmlPullReader(body, offset, length);
            if (!reader.Next())
            {
                return Fail(reader.Error ?? "empty feature event");
            }
            string root = XmlPullReader.LocalName(reader.Name);
            int parsedKind;
            if (root == "DoNotDisturbEvent")
            {
                parsedKind = KindDoNotDisturb;
            }
            else if (root == "ForwardingEvent")
            {
                parsedKind = KindForwarding;
            }
            else
            {
                return Fail("unknown feature event " + root);
            }
            // The values are the texts of the root's children (level 2), up to the first tag inside one.
            string device = null, dnd = null, type = null, status = null, to = null, rings = null;
            string element = null;
            while (reader.Next())
            {
                if (reader.Kind != XmlNodeKind.Text)
                {
                    element = reader.Kind == XmlNodeKind.StartElement && reader.Depth == 2 ? XmlPullReader.LocalName(reader.Name) : null;
                    continue;
                }
                if (element == null)
                {
                    continue;
                }
                string value = reader.Value.Trim();
                switch (element)
                {
                    case "device": device = value; break;
                    case "doNotDisturbOn": dnd = value; break;
                    case "forwardingType": type = value; break;
                    case "forwardStatus": status = value; break;
                    case "forwardTo": to = value; break;
                    case "ringCount": rings = value; break;
                }
            }
            if (reader.Error != null)
            {
                return Fail(reader.Error);
            }

            bool on;
            if (parsedKind == KindDoNotDisturb)
            {
                if (!ParseBool(dnd, out on))
                {
                    return Fail("DoNotDisturbEvent without a valid doNotDisturbOn");
                }
                Kind = parsedKind;
                Device = device;
                DoNotDisturb = on;
                Error = null;
                return true;
            }
            int forwardType = -1;
            for (int i = 0; i < ForwardTypesCount; i++)
            {
                if (ForwardTypes(i) == type)
                {
                    forwardType = i;
                }
            }
            if (forwardType < 0)
            {
                return Fail("ForwardingEvent with an unknown forwardingType");
            }
            if (!ParseBool(status, out on))
            {
                return Fail("ForwardingEvent without a valid forwardStatus");
            }
            int ringCount = 0;
            if (rings != null && rings.Length > 0 && (!int.TryParse(rings, out ringCount) || ringCount < 0 || ringCount > 20))
            {
                return Fail("ForwardingEvent with a bad ringCount");
            }
            Kind = parsedKind;
            Device = device;
            ForwardType = forwardType;
            ForwardActive = on;
            ForwardTo = to;
            RingCount = ringCount;
            Error = null;
            return true;
        }

        /// <summary>The SUBSCRIBE body that asks the server to switch DND.</summary>
        public static byte[] SetDoNotDisturb(string device, bool on)
        {
            var sb = Start("SetDoNotDisturb");
            Element(sb, "device", device);
            Element(sb, "doNotDisturbOn", on ? "true" : "false");
            return Finish(sb, "SetDoNotDisturb");
        }

        /// <summary>The SUBSCRIBE body that asks the server to set a forward (ringCount only for no-answer).</summary>
        public static byte[] SetForwarding(string device, int forwardType, bool on, string target, int ringCount)
        {
            var sb = Start("SetForwarding");
            Element(sb, "device", device);
            Element(sb, "forwardingType", ForwardTypes(forwardType));
            Element(sb, "activateForward", on ? "true" : "false");
            Element(sb, "forwardDN", target ?? "");
            if (forwardType == ForwardNoAnswer)
            {
                Element(sb, "ringCount", ringCount.ToString());
            }
            return Finish(sb, "SetForwarding");
        }

        private static StringBuilder Start(string root)
        {
            var sb = new StringBuilder(256);
            sb.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<").Append(root)
              .Append(" xmlns=\"").Append(CstaNamespace).Append("\">");
            return sb;
        }

        private static byte[] Finish(StringBuilder sb, string root)
        {
            sb.Append("</").Append(root).Append(">\r\n");
            return Encoding.UTF8.GetBytes(sb.ToString());
        }

        private static void Element(StringBuilder sb, string name, string value)
        {
            sb.Append('<').Append(name).Append('>');
            char[] chars = value == null ? new char[0] : value.ToCharArray(); // not value[i]: see SettingsPayload
            for (int i = 0; i < chars.Length; i++)
            {
                char c = chars[i];
                if (c == '&') sb.Append("&amp;");
                else if (c == '<') sb.Append("&lt;");
                else if (c == '>') sb.Append("&gt;");
                else sb.Append(c);
            }
            sb.Append("</").Append(name).Append('>');
        }

        private static bool ParseBool(string text, out bool value)
        {
            value = text == "true" || text == "1";
            return value || text == "false" || text == "0";
        }

        private bool Fail(string reason)
        {
            Error = reason;
            return false;
        }
    }
}
