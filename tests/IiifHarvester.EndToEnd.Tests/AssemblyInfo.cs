using Xunit;

// HostFactory hands settings to the host through process environment variables, and the crash tests start host
// processes of their own: one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
