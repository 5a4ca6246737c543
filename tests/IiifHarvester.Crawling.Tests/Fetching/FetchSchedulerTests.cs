using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using IiifHarvester.Crawling.Fetching;
using IiifHarvester.Crawling.Telemetry;
using IiifHarvester.TestUtilities.Institutions;
using Xunit;

namespace IiifHarvester.Crawling.Tests.Fetching;

/// <summary>
/// A fetch goes on where its caller runs: a harvest calls from lowered threads, and what the fetch does after each
/// wait (reading and classifying the body, Polly's retries) must not move to the thread pool at normal priority.
/// </summary>
public sealed class FetchSchedulerTests : IDisposable
{
    private readonly WireMockInstitution _institution = WireMockInstitution.Create().WithManifests(1).Build();

    public void Dispose() => _institution.Dispose();

    [Fact]
    public async Task Fetch_FromADedicatedThread_RunsEachAttemptAndTheResultThereThroughARetry()
    {
        // One source key for this test alone: other tests' fetches run in parallel and record on the same meter.
        // Without robots.txt, so the only fetch is the manifest's.
        var policy = CrawlerHost.Loopback with { SourceKey = "scheduler-" + Guid.NewGuid().ToString("N"), RespectRobotsTxt = false };
        _institution.SetFault("/manifests/0.json", InstitutionFault.WithStatus(503, times: 1));
        var threads = new ConcurrentQueue<(string Instrument, int Thread)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == CrawlingDiagnostics.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) => Record(instrument, tags));
        listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => Record(instrument, tags));
        listener.Start();
        using var host = new CrawlerHost();
        using var scheduler = new DedicatedThreadScheduler();

        var result = await Task.Factory.StartNew(
            () => host.Fetcher.FetchAsync(new FetchRequest(_institution.ManifestUri(0), policy), CancellationToken.None),
            CancellationToken.None, TaskCreationOptions.None, scheduler).Unwrap();

        Assert.Equal(FetchStatus.Ok, result.Status);
        Assert.Equal(2, result.Attempts);
        // Each attempt is counted right after its response headers arrive (a socket completion on the thread pool);
        // the fetch's duration once the body was read and classified.
        Assert.Equal(2, threads.Count(t => t.Instrument == "iiifharvester.crawl.requests"));
        Assert.Single(threads, t => t.Instrument == "iiifharvester.crawl.duration");
        Assert.All(threads, t => Assert.Equal(scheduler.ThreadId, t.Thread));

        void Record(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var tag in tags)
            {
                if (tag.Key == CrawlingDiagnostics.SourceAttribute && Equals(tag.Value, policy.SourceKey))
                {
                    threads.Enqueue((instrument.Name, Environment.CurrentManagedThreadId));
                }
            }
        }
    }

    /// <summary>One thread running every task queued to it, as the harvest's lowered threads do.</summary>
    private sealed class DedicatedThreadScheduler : TaskScheduler, IDisposable
    {
        private readonly BlockingCollection<Task> _queue = [];
        private readonly Thread _thread;

        public DedicatedThreadScheduler()
        {
            _thread = new Thread(() =>
            {
                foreach (var task in _queue.GetConsumingEnumerable())
                {
                    TryExecuteTask(task);
                }
            }) { IsBackground = true, Name = "Dedicated test scheduler" };
            _thread.Start();
        }

        public int ThreadId => _thread.ManagedThreadId;

        public void Dispose()
        {
            _queue.CompleteAdding();
            _thread.Join();
            _queue.Dispose();
        }

        protected override void QueueTask(Task task) => _queue.Add(task);

        protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
            Environment.CurrentManagedThreadId == ThreadId && TryExecuteTask(task);

        protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();
    }
}
