using IiifHarvester.Commands;

return await CommandLine.RunAsync(args);

/// <summary>The host's entry point (also what <c>WebApplicationFactory&lt;Program&gt;</c> starts: the <c>serve</c> verb).</summary>
public partial class Program;
