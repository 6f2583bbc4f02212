using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Intake.Core.Benchmarks -- --filter '*'
// (add --job short for a quick run). CI does not run benchmarks: see docs/performance.md.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
