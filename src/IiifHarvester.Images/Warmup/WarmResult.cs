namespace IiifHarvester.Images.Warmup;

/// <summary>What a warm-up did.</summary>
/// <param name="Services">Image services of the source.</param>
/// <param name="Requests">Info and image requests made.</param>
/// <param name="AlreadyCached">Requests answered from a fresh cached copy.</param>
/// <param name="Fetched">Requests that fetched (or composed) and cached.</param>
/// <param name="Failed">Requests that failed (the upstream's error, or a bad size token).</param>
public sealed record WarmResult(int Services, int Requests, int AlreadyCached, int Fetched, int Failed);
