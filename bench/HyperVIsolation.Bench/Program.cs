// Benchmarks (not tests). Usage: dotnet run -c Release --project bench/HyperVIsolation.Bench -- apiserver [--creates N] [--concurrency C] [--output DIR]
using System.Globalization;
using HyperVIsolation.Bench;

if (args is ["webhook", ..])
{
    return await HyperVIsolation.Bench.Webhook.WebhookBenchmark.RunAsync(args, RepositoryRoot());
}

if (args is ["operator", ..])
{
    return await HyperVIsolation.Bench.Operator.OperatorBenchmarkCommand.RunAsync(args, RepositoryRoot());
}

if (args.Length == 0 || args[0] != "apiserver")
{
    Console.Error.WriteLine("usage: HyperVIsolation.Bench apiserver [--creates N] [--concurrency C] [--output DIR]");
    return 2;
}

var settings = new BenchmarkSettings
{
    Creates = IntOption(args, "--creates") ?? 2000,
    Concurrency = IntOption(args, "--concurrency") ?? 8,
    OutputDirectory = Option(args, "--output") ?? Path.Combine(RepositoryRoot(), "bench", "results"),
};
using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));
var results = await ApiServerBenchmark.RunAsync(settings, stop.Token);
var written = await ResultWriter.WriteAsync(results, settings, stop.Token);
Console.WriteLine(ResultWriter.Table(results));
Console.WriteLine($"Results: {written}");
return 0;

static string? Option(string[] args, string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static int? IntOption(string[] args, string name) =>
    Option(args, name) is { } text && int.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;

static string RepositoryRoot()
{
    var directory = new DirectoryInfo(Directory.GetCurrentDirectory());
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Operator.sln")))
    {
        directory = directory.Parent;
    }

    return directory?.FullName ?? Directory.GetCurrentDirectory();
}
