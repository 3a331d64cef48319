namespace DeskPhone.Sip.Events
{
    /// <summary>What a <see cref="Publication"/> publishes: the owner's current state as a document, made when a PUBLISH carries it.</summary>
    public interface IPublicationSource
    {
        /// <summary>The document for <paramref name="entity"/> (the address of record the PUBLISH goes to).</summary>
        byte[] Document(string entity);

        // What the publication is, asked when a PUBLISH is made, not kept by the publication: 60 B at every profile
        // (three fields and two strings, docs/benchmarks.md h-officerest4).

        /// <summary>The event package published (the Event header).</summary>
        string EventPackage { get; }

        /// <summary>The Content-Type of <see cref="Document"/>.</summary>
        string ContentType { get; }

        /// <summary>The Expires asked for, in seconds.</summary>
        int Expires { get; }
    }
}
