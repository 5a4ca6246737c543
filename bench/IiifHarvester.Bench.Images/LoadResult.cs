namespace IiifHarvester.Bench.Images;

/// <summary>The figures of one load run.</summary>
internal sealed record LoadResult(string Target, int Requests, int Errors, double Seconds, double P50Ms, double P99Ms)
{
    public double RequestsPerSecond => Requests / Seconds;
}
