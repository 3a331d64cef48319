namespace DeskPhone.Sip.Events
{
    /// <summary>What a <see cref="Publication"/> publishes: the owner's current state as a document, made when a PUBLISH carries it.</summary>
    public interface IPublicationSource
    {
        /// <summary>The document for <paramref name="entity"/> (the address of record the PUBLISH goes to).</summary>
        byte[] Document(string entity);
    }
}
