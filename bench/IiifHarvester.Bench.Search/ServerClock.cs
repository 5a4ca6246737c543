using System.Diagnostics;

namespace IiifHarvester.Bench.Search;

/// <summary>
/// When the server last took a request into its middleware and when it started that request's response
/// (<see cref="Stopwatch"/> timestamps; 0 until set): for one request at a time, a sequential latency splits into the
/// way in (the client's send, the socket, Kestrel and the thread pool up to our first middleware), the server's work
/// up to its first byte (routing, the search, the start of the JSON) and the rest (writing and reading the answer).
/// </summary>
internal static class ServerClock
{
    private static long _entered;
    private static long _responding;

    public static long Entered => Volatile.Read(ref _entered);

    public static long Responding => Volatile.Read(ref _responding);

    public static void Reset()
    {
        Volatile.Write(ref _entered, 0);
        Volatile.Write(ref _responding, 0);
    }

    /// <summary>The middleware that stamps both, first in the pipeline.</summary>
    public static Task StampAsync(Microsoft.AspNetCore.Http.HttpContext context, Func<Task> next)
    {
        Volatile.Write(ref _entered, Stopwatch.GetTimestamp());
        context.Response.OnStarting(static () =>
        {
            Volatile.Write(ref _responding, Stopwatch.GetTimestamp());
            return Task.CompletedTask;
        });
        return next();
    }
}
