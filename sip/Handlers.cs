namespace DeskPhone.Sip
{
    // Delegate types shared by signature with the assemblies above (Domain): each delegate type costs a TypeDef and four
    // MethodDefs in its assembly and a TypeRef and MethodRefs in every assembly that names it (docs/benchmarks.md,
    // h-delegates).

    /// <summary>A number and a text: a MESSAGE's final status and reason (0 when it could not go out), a key's state.</summary>
    public delegate void NumberTextHandler(int number, string text);

    /// <summary>
    /// A text, a number and a flag: a connection the phone opened is gone (host, port, whether it had been
    /// established), a setting changed (name, index, whether it takes effect only after a reboot).
    /// </summary>
    public delegate void TextNumberFlagHandler(string text, int number, bool flag);
}
