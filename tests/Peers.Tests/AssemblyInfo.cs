using Xunit;

// Each test class starts its own kamailio, sipp processes and simulators: run one class at a time, so that the
// timing the call scenarios rely on (ringing for 2.5 s, retries of refused registrations) is not decided by how
// many of them share the two cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
