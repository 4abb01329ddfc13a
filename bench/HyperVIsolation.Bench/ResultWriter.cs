using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HyperVIsolation.Bench;

/// <summary>Writes results as JSON and as a readable table.</summary>
internal static class ResultWriter
{
    /// <summary>Writes <c>apiserver-&lt;time&gt;.json</c> and <c>.txt</c>; returns the JSON path.</summary>
    public static async Task<string> WriteAsync(IReadOnlyList<OperationResult> results, BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(settings.OutputDirectory);
        var stamp = DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var json = new JsonObject
        {
            ["benchmark"] = "apiserver",
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["machine"] = BenchmarkResultFile.Machine(),
            ["settings"] = new JsonObject { ["creates"] = settings.Creates, ["concurrency"] = settings.Concurrency },
            ["results"] = new JsonArray(results.Select(r => (JsonNode)new JsonObject
            {
                ["operation"] = r.Operation,
                ["count"] = r.Count,
                ["seconds"] = Math.Round(r.Seconds, 3),
                ["perSecond"] = Math.Round(r.PerSecond, 1),
                ["p50Ms"] = Math.Round(r.P50Milliseconds, 2),
                ["p99Ms"] = Math.Round(r.P99Milliseconds, 2),
            }).ToArray()),
        };
        var path = Path.Combine(settings.OutputDirectory, $"apiserver-{stamp}.json");
        await File.WriteAllTextAsync(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
        await File.WriteAllTextAsync(Path.ChangeExtension(path, ".txt"), Table(results), cancellationToken);
        return path;
    }

    /// <summary>A fixed-width table of the results.</summary>
    public static string Table(IReadOnlyList<OperationResult> results)
    {
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{"operation",-18}{"count",8}{"seconds",10}{"ops/s",10}{"p50 ms",10}{"p99 ms",10}");
        foreach (var r in results)
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"{r.Operation,-18}{r.Count,8}{r.Seconds,10:F2}{r.PerSecond,10:F0}{r.P50Milliseconds,10:F2}{r.P99Milliseconds,10:F2}");
        }

        return table.ToString();
    }
}
