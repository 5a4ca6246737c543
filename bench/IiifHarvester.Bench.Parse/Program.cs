using IiifHarvester.Bench.Parse;

return ParseBenchmark.Run(args);
