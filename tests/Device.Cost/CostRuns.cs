using System;

namespace DeskPhone.Cost
{
    /// <summary>One workload of a kind: does it once (and checks its result).</summary>
    public delegate void CostWorkload(int kind);

    /// <summary>Names a kind for its marker lines.</summary>
    public delegate string CostKindName(int kind);

    /// <summary>
    /// The runs of count.sh for workloads that need no phone: per kind one unmeasured turn ("cost mark prepare KIND"),
    /// then N and 2N turns, each run announced by its marker ("cost mark KIND COUNT"), so that callgrind's dump before
    /// each marker makes each run one dump (report.py takes the difference over N).
    /// </summary>
    public static class CostRuns
    {
        public static void Run(int kinds, int n, CostKindName name, CostWorkload work)
        {
            for (int kind = 0; kind < kinds; kind++)
            {
                Console.WriteLine("cost mark prepare " + name(kind));
                work(kind);
                for (int run = 1; run <= 2; run++)
                {
                    int count = n * run;
                    Console.WriteLine("cost mark " + name(kind) + " " + count.ToString());
                    for (int i = 0; i < count; i++)
                    {
                        work(kind);
                    }
                }
            }
        }
    }
}
