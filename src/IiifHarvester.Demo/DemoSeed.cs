namespace IiifHarvester.Demo;

/// <summary>
/// Seeds for the demo's random choices, the same in every process: <see cref="HashCode"/> is randomised per
/// process, so seeding with it changed every document at each restart. SplitMix64 finalisers mix the parts.
/// </summary>
internal static class DemoSeed
{
    public static int Of(int seed, int a, int b = 0, int c = 0)
    {
        var state = (ulong)(uint)seed;
        state = Mix(state ^ (uint)a);
        state = Mix(state ^ (uint)b);
        state = Mix(state ^ (uint)c);
        return (int)(state ^ (state >> 32));
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
