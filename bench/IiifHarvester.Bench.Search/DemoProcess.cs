using System.Diagnostics;
using System.Globalization;
using IiifHarvester.Demo;

namespace IiifHarvester.Bench.Search;

/// <summary>
/// The demo institution the harvest reads, served by a child process (this executable with <c>--serve-demo N</c>)
/// until the parent closes its standard input. A line <c>HOLD</c> on it holds every manifest request from then on
/// (a harvest stalls, taking no CPU), <c>RELEASE</c> answers them.
/// </summary>
internal sealed class DemoProcess : IDisposable
{
    private const string StreamPrefix = "STREAM ";
    private const string HoldCommand = "HOLD";
    private const string ReleaseCommand = "RELEASE";
    private readonly Process _process;

    private DemoProcess(Process process, string streamUri)
    {
        _process = process;
        StreamUri = streamUri;
    }

    /// <summary>The institution's Change Discovery stream.</summary>
    public string StreamUri { get; }

    public static DemoProcess Start(int manifests)
    {
        // The institution stands in for a server on another machine: here it shares the benchmark's cores, so it runs
        // at the lowest priority (nice 19, inherited by all its threads) and its serving does not count as our load.
        var process = SelfProcess.Start(
            OperatingSystem.IsLinux() ? ["nice", "-n19"] : [], "--serve-demo", manifests.ToString(CultureInfo.InvariantCulture));
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null && !line.StartsWith(StreamPrefix, StringComparison.Ordinal))
        {
        }

        if (line is null)
        {
            process.WaitForExit();
            throw new InvalidOperationException($"The demo institution process ended ({process.ExitCode}) before serving.");
        }

        return new DemoProcess(process, line[StreamPrefix.Length..]);
    }

    /// <summary>The child's side: serves the institution until standard input is closed.</summary>
    public static async Task<int> ServeAsync(int manifests)
    {
        await using var demo = await DemoServer.StartAsync(new DemoInstitutionOptions
        {
            Manifests = manifests, CanvasesPerManifest = 4, LinesPerCanvas = 6, ActivitiesPerPage = 1000, Images = false,
        });
        Console.WriteLine(StreamPrefix + demo.Institution.StreamUri);
        while (await Console.In.ReadLineAsync() is { } command)
        {
            switch (command)
            {
                case HoldCommand:
                    demo.Institution.HoldManifestsAfter(0);
                    break;
                case ReleaseCommand:
                    demo.Institution.ReleaseManifests();
                    break;
            }
        }

        return 0;
    }

    /// <summary>Holds the institution's manifest requests until <see cref="Release"/>.</summary>
    public void Hold() => Send(HoldCommand);

    /// <summary>Answers the held manifest requests and every one after them.</summary>
    public void Release() => Send(ReleaseCommand);

    private void Send(string command)
    {
        _process.StandardInput.WriteLine(command);
        _process.StandardInput.Flush();
    }

    public void Dispose() => SelfProcess.Stop(_process);
}
