using BenchmarkDotNet.Running;

namespace DeskPhone.Benchmarks
{
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length == 1 && args[0] == "--retained-heap")
            {
                return Heap.RetainedHeap.Run(System.Console.Out);
            }
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
            return 0;
        }
    }
}
