using DeskPhone.Domain.Settings;
using DeskPhone.Xml;

namespace DeskPhone.Domain.Provisioning
{
    /// <summary>
    /// Snom's setting-files container (docs/provisioning.md): a document whose root is <c>&lt;setting-files&gt;</c> lists
    /// further documents to fetch, each as <c>&lt;file url="..."/&gt;</c>, instead of holding settings itself. Other
    /// children (the phones' language-file lists) are skipped: this phone has no language files. A part of
    /// <see cref="ProvisioningFiles"/>, not a class of its own (a type is 8 B of runtime tables on the device, h-domslim).
    /// </summary>
    internal sealed partial class ProvisioningFiles
    {
        public const string Root = "setting-files";

        /// <summary>Files one container may list: each is a request and an import in the same run.</summary>
        public const int MaxFiles = 8;

        /// <summary>
        /// The listed URLs, in order, when the document is a container; null when it is not (then it is a settings
        /// document, or not XML: the importer says which), or when the container is refused, with
        /// <paramref name="error"/> saying why.
        /// </summary>
        public static string[] ReadContainer(byte[] data, int offset, int length, out string error)
        {
            error = null;
            int bom = SettingsStore.ByteOrderMark(data, offset, length);
            XmlPullReader reader = new XmlPullReader(data, offset + bom, length - bom);
            string[] urls = null;
            int count = 0;
            while (reader.Next())
            {
                if (reader.Kind != XmlNodeKind.StartElement)
                {
                    continue;
                }
                if (urls == null)
                {
                    if (reader.Name != Root)
                    {
                        return null;
                    }
                    urls = new string[MaxFiles];
                    continue;
                }
                if (reader.Depth != 2 || reader.Name != "file")
                {
                    continue;
                }
                string url = reader.GetAttribute("url");
                if (url == null || url.Length == 0)
                {
                    error = "<setting-files>: a <file> without url";
                    return null;
                }
                if (count == MaxFiles)
                {
                    error = "<setting-files> lists more than " + MaxFiles.ToString() + " files";
                    return null;
                }
                urls[count++] = url;
            }
            if (urls == null)
            {
                return null;
            }
            if (reader.Error != null)
            {
                error = "<setting-files>: malformed XML: " + reader.Error;
                return null;
            }
            if (count == 0)
            {
                error = "<setting-files> lists no file";
                return null;
            }
            string[] listed = new string[count];
            System.Array.Copy(urls, listed, count);
            return listed;
        }
    }
}
