using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HyperVIsolation.Bench.Webhook;

/// <summary>Writes the webhook results as <c>webhook-&lt;time&gt;.json</c> and a table with each endpoint's ratio to the floor.</summary>
internal static class WebhookResultWriter
{
    /// <summary>The floor's endpoint name.</summary>
    public const string Floor = "floor";

    /// <summary>Writes the JSON file; returns its path.</summary>
    public static async Task<string> WriteAsync(IReadOnlyList<LoadResult> results, WebhookBenchmarkSettings settings, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(settings.OutputDirectory);
        var now = DateTimeOffset.UtcNow;
        var json = new JsonObject
        {
            ["benchmark"] = "webhook",
            ["timestamp"] = now.ToString("O", CultureInfo.InvariantCulture),
            ["machine"] = new JsonObject { ["processors"] = Environment.ProcessorCount, ["os"] = Environment.OSVersion.ToString(), ["runtime"] = Environment.Version.ToString(), ["note"] = "shared machine: other builds and tests may run at the same time" },
            ["settings"] = new JsonObject
            {
                ["rates"] = new JsonArray(settings.Rates.Select(rate => (JsonNode)rate).ToArray()),
                ["rateSeconds"] = settings.RateDuration.TotalSeconds,
                ["maxSeconds"] = settings.MaxDuration.TotalSeconds,
                ["maxRounds"] = settings.MaxRounds,
                ["maxInFlight"] = settings.MaxInFlight,
                ["concurrency"] = settings.Concurrency,
                ["podCreates"] = settings.PodCreates,
                ["podCreatesPerRound"] = settings.PodCreatesPerRound,
            },
            ["results"] = new JsonArray(results.Select(r => (JsonNode)new JsonObject
            {
                ["endpoint"] = r.Endpoint,
                ["mode"] = r.Mode,
                ["targetPerSecond"] = r.TargetPerSecond,
                ["completed"] = r.Completed,
                ["failed"] = r.Failed,
                ["shed"] = r.Shed,
                ["seconds"] = Math.Round(r.Seconds, 3),
                ["perSecond"] = Math.Round(r.PerSecond, 1),
                ["p50Ms"] = Math.Round(r.P50Milliseconds, 3),
                ["p99Ms"] = Math.Round(r.P99Milliseconds, 3),
                ["p999Ms"] = Math.Round(r.P999Milliseconds, 3),
                ["maxThroughputRatioToFloor"] = r.Mode == "max" ? Math.Round(RatioToFloor(results, r), 3) : null,
                ["p50RatioToBare"] = r.Mode == PodCreateLatency.Mode ? Math.Round(P50RatioToBare(results, r), 3) : null,
                ["p99RatioToBare"] = r.Mode == PodCreateLatency.Mode ? Math.Round(P99RatioToBare(results, r), 3) : null,
                ["gc"] = r.Gc is { } gc ? new JsonObject { ["gen0"] = gc.Gen0, ["gen1"] = gc.Gen1, ["gen2"] = gc.Gen2, ["pauseMs"] = Math.Round(gc.PauseMilliseconds, 1) } : null,
                ["threadPool"] = r.Pool is { } pool ? new JsonObject { ["threads"] = pool.Threads, ["longestWaitMs"] = Math.Round(pool.LongestWaitMilliseconds, 1) } : null,
            }).ToArray()),
        };
        var path = Path.Combine(settings.OutputDirectory, $"webhook-{now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.json");
        await File.WriteAllTextAsync(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken).ConfigureAwait(false);
        return path;
    }

    /// <summary>A fixed-width table of the results.</summary>
    public static string Table(IReadOnlyList<LoadResult> results)
    {
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{"endpoint",-16}{"mode",-6}{"target/s",10}{"done",9}{"failed",8}{"shed",7}{"req/s",9}{"p50 ms",9}{"p99 ms",9}{"p99.9 ms",10}{"vs floor",10}{"GCs 0/1/2",12}{"paused ms",11}{"pool wait ms",14}{"threads",9}");
        foreach (var r in results)
        {
            var ratio = r.Mode switch
            {
                "max" => RatioToFloor(results, r).ToString("P0", CultureInfo.InvariantCulture),
                PodCreateLatency.Mode => P50RatioToBare(results, r).ToString("F2", CultureInfo.InvariantCulture) + "x p50",
                _ => string.Empty,
            };
            table.AppendLine(CultureInfo.InvariantCulture, $"{r.Endpoint,-16}{r.Mode,-6}{r.TargetPerSecond,10}{r.Completed,9}{r.Failed,8}{r.Shed,7}{r.PerSecond,9:F0}{r.P50Milliseconds,9:F2}{r.P99Milliseconds,9:F2}{r.P999Milliseconds,10:F2}{ratio,10}{GcCounts(r.Gc),12}{r.Gc?.PauseMilliseconds ?? 0,11:F1}{r.Pool?.LongestWaitMilliseconds ?? 0,14:F1}{r.Pool?.Threads ?? 0,9}");
        }

        return table.ToString();
    }

    private static string GcCounts(GcActivity? gc) => gc is null ? string.Empty : $"{gc.Gen0}/{gc.Gen1}/{gc.Gen2}";

    /// <summary>An end-to-end result's median pod create latency over the bare server's, in the same run.</summary>
    private static double P50RatioToBare(IReadOnlyList<LoadResult> results, LoadResult result)
    {
        var bare = results.FirstOrDefault(r => r.Endpoint == PodCreateLatency.WithoutWebhooks && r.Mode == PodCreateLatency.Mode);
        return bare is { P50Milliseconds: > 0 } ? result.P50Milliseconds / bare.P50Milliseconds : 0;
    }

    private static double P99RatioToBare(IReadOnlyList<LoadResult> results, LoadResult result)
    {
        var bare = results.FirstOrDefault(r => r.Endpoint == PodCreateLatency.WithoutWebhooks && r.Mode == PodCreateLatency.Mode);
        return bare is { P99Milliseconds: > 0 } ? result.P99Milliseconds / bare.P99Milliseconds : 0;
    }

    private static double RatioToFloor(IReadOnlyList<LoadResult> results, LoadResult result)
    {
        var floor = results.FirstOrDefault(r => r.Endpoint == Floor && r.Mode == "max");
        return floor is { PerSecond: > 0 } ? result.PerSecond / floor.PerSecond : 0;
    }
}
