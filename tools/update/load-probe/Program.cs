using System;
using System.Diagnostics;
using System.Reflection;
using NativeGc = nanoFramework.Runtime.Native.GC;

namespace Loader
{
    /// <summary>
    /// Answers one question with the real interpreter: when Assembly.Load(byte[]) loads a .pe, does the managed heap
    /// keep the array (so a loader must hold the whole set in RAM), or is it copied out? Prints the free heap after a
    /// full collection before the load, after it with the caller's reference dropped, and the loaded code's answer.
    /// </summary>
    public static class Program
    {
        public static void Main()
        {
            uint before = NativeGc.Run(true);
            Console.WriteLine("probe: free before load " + before.ToString());
            Assembly loaded = LoadAndDrop();
            uint after = NativeGc.Run(true);
            Console.WriteLine("probe: free after load, bytes dropped " + after.ToString());
            Console.WriteLine("probe: heap kept by the load " + (before - after).ToString() + " for a .pe of " + PayloadBytes.Length.ToString());
            MethodInfo hello = loaded.GetType("Payload.Greeter").GetMethod("Hello");
            Console.WriteLine("probe: loaded code says: " + (string)hello.Invoke(null, new object[] { 999 }));
        }

        // In its own method so no local of Main keeps the array alive.
        private static Assembly LoadAndDrop()
        {
            byte[] image = PayloadBytes.Copy();
            return Assembly.Load(image);
        }
    }
}
