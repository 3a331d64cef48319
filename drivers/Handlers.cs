namespace DeskPhone.Drivers
{
    // Delegate types shared by signature with the assemblies above (Domain, Board): each delegate type costs a TypeDef
    // and four MethodDefs in its assembly and a TypeRef and MethodRefs in every assembly that names it
    // (docs/benchmarks.md, h-delegates).

    /// <summary>
    /// A number and a flag: an input pin's edge (the pin, its new level high), the own presence (the state, whether the
    /// registration was lost).
    /// </summary>
    public delegate void NumberFlagHandler(int number, bool flag);
}
