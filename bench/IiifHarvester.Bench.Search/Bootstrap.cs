namespace IiifHarvester.Bench.Search;

/// <summary>
/// How far a ratio of two p99s can be trusted. A p99 of 1,000 requests is the tenth slowest of them, so two runs of
/// the same code on this shared machine gave ratios from 0.7x to 3.8x. The interval is how far the sampling within
/// one run can move the ratio; the machine's drift from one run to the next is not in it.
/// </summary>
internal static class Bootstrap
{
    /// <summary>
    /// The 95% percentile-bootstrap interval of p99(<paramref name="numerator"/>) / p99(<paramref name="denominator"/>):
    /// both samples are drawn again with replacement, 2,000 times (a fixed seed, so a run's figures can be reproduced).
    /// </summary>
    public static (double Low, double High) P99RatioInterval(IReadOnlyList<double> numerator, IReadOnlyList<double> denominator)
    {
        if (numerator.Count == 0 || denominator.Count == 0)
        {
            return (double.NaN, double.NaN);
        }

        const int Resamples = 2000;
        var random = new Random(1);
        var ratios = new double[Resamples];
        var a = new double[numerator.Count];
        var b = new double[denominator.Count];
        for (var r = 0; r < Resamples; r++)
        {
            ratios[r] = P99(Resample(numerator, a, random)) / P99(Resample(denominator, b, random));
        }

        Array.Sort(ratios);
        return (ratios[(int)(0.025 * Resamples)], ratios[(int)(0.975 * Resamples) - 1]);
    }

    // By the rule of the benchmark's tables.
    private static double P99(double[] values)
    {
        Array.Sort(values);
        return Runner.Percentile(values, 0.99);
    }

    private static double[] Resample(IReadOnlyList<double> from, double[] into, Random random)
    {
        for (var i = 0; i < into.Length; i++)
        {
            into[i] = from[random.Next(from.Count)];
        }

        return into;
    }
}
