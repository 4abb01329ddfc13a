using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net.Security;

namespace HyperVIsolation.Bench.Webhook;

/// <summary>
/// <c>webhook</c>: AdmissionReview latency and throughput over HTTPS, side by side with a bare Kestrel floor in
/// the same run. Each rate runs the floor, <c>/validate/pods</c> and <c>/mutate/pods</c> one after the other
/// (open loop, bounded in flight); then each endpoint's maximum throughput (closed loop), the endpoints taking turns
/// for several rounds, each keeping its median round.
/// </summary>
internal static class WebhookBenchmark
{
    /// <summary>The <c>webhook</c> command with its options, its <c>inproc</c> sub-command and its action.</summary>
    public static Command CreateCommand(string repositoryRoot)
    {
        var defaults = new WebhookBenchmarkSettings();
        var seconds = PositiveOption.Create("--seconds", defaults.RateDuration.TotalSeconds, "Length of each open-loop phase; each closed-loop round takes half as long.", "S");
        var rates = new Option<int[]>("--rates")
        {
            Description = "Offered rates of the open-loop phases, in requests per second, separated by commas.",
            HelpName = "500,1000,2000",
            CustomParser = ParseRates,
            DefaultValueFactory = _ => [.. defaults.Rates],
        };
        var rounds = PositiveOption.Create("--rounds", defaults.MaxRounds, "Rounds of the closed-loop phases; each endpoint reports its median round.", "R");
        var concurrency = PositiveOption.Create("--concurrency", defaults.Concurrency, "Workers of the closed-loop phases.", "C");
        var podCreates = PositiveOption.Create("--pod-creates", defaults.PodCreates, "Pods created one at a time through the API server with the webhooks and through one without them (end-to-end phase).");
        var output = PositiveOption.Output(repositoryRoot);
        var command = new Command("webhook", "AdmissionReview latency and throughput over HTTPS, beside a bare Kestrel floor in the same run.")
        {
            seconds, rates, rounds, concurrency, podCreates, output, InProcessHandlerBenchmark.CreateCommand(repositoryRoot),
        };
        command.SetAction(result => RunAsync(
            defaults with
            {
                RateDuration = TimeSpan.FromSeconds(result.GetValue(seconds)),
                MaxDuration = TimeSpan.FromSeconds(result.GetValue(seconds)) / 2,
                Rates = result.GetRequiredValue(rates),
                MaxRounds = result.GetValue(rounds),
                Concurrency = result.GetValue(concurrency),
                PodCreates = result.GetValue(podCreates),
                OutputDirectory = result.GetRequiredValue(output),
            },
            repositoryRoot));
        return command;
    }

    private static async Task<int> RunAsync(WebhookBenchmarkSettings settings, string repositoryRoot)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await using var target = await WebhookTarget.StartAsync(repositoryRoot, stop.Token);
        await using var floor = await FloorServer.StartAsync(stop.Token);
        using var probe = ThreadPoolProbe.Start();
        using var webhookClient = Client(target.Port, settings);
        using var floorClient = Client(floor.Port, settings);
        var mutateBody = PodReviews.CreateReview(PodReviews.Submitted("web-0"));
        var validateBody = PodReviews.CreateReview(target.StoredPod);
        Console.Error.WriteLine($"Review bodies: mutate {mutateBody.Length} B, validate {validateBody.Length} B");
        BenchEndpoint[] endpoints =
        [
            new(WebhookResultWriter.Floor, floorClient, "/validate/pods", validateBody),
            new("validate/pods", webhookClient, "/validate/pods", validateBody),
            new("mutate/pods", webhookClient, "/mutate/pods", mutateBody),
        ];

        // Warm up connections, JIT and the caches' snapshot before measuring.
        foreach (var endpoint in endpoints)
        {
            await ClosedLoopLoad.RunAsync(endpoint, settings.Concurrency, TimeSpan.FromSeconds(2), stop.Token);
        }

        var results = new List<LoadResult>();
        foreach (var rate in settings.Rates)
        {
            foreach (var endpoint in endpoints)
            {
                var gc = GcActivity.Start();
                probe.Take();
                var result = await OpenLoopLoad.RunAsync(endpoint, rate, settings.RateDuration, settings.MaxInFlight, stop.Token);
                results.Add(result with { Gc = gc.Since(), Pool = probe.Take() });
                Console.Error.WriteLine(WebhookResultWriter.Table([results[^1]]).Split('\n')[1]);
            }
        }

        results.AddRange(await MaxThroughputAsync(endpoints, settings, probe, stop.Token));
        results.AddRange(await EndToEndAsync(target, settings, repositoryRoot, stop.Token));

        var path = await WebhookResultWriter.WriteAsync(results, settings, stop.Token);
        Console.WriteLine(WebhookResultWriter.Table(results));
        Console.WriteLine($"Machine: {Environment.ProcessorCount} processors, shared with other work: treat the numbers as indicative.");
        Console.WriteLine($"Results: {path}");
        return results.Any(result => result.Failed > 0) ? 1 : 0;
    }

    /// <summary>
    /// The endpoints take turns for <see cref="WebhookBenchmarkSettings.MaxRounds"/> rounds and each keeps its median
    /// round: on a shared machine the load changes within seconds, and one phase per endpoint back to back could give
    /// the floor a quiet stretch and the webhook a busy one.
    /// </summary>
    private static async Task<List<LoadResult>> MaxThroughputAsync(BenchEndpoint[] endpoints, WebhookBenchmarkSettings settings, ThreadPoolProbe probe, CancellationToken cancellationToken)
    {
        var rounds = endpoints.ToDictionary(endpoint => endpoint.Name, _ => new List<LoadResult>());
        for (var round = 0; round < settings.MaxRounds; round++)
        {
            foreach (var endpoint in endpoints)
            {
                var gc = GcActivity.Start();
                probe.Take();
                var result = await ClosedLoopLoad.RunAsync(endpoint, settings.Concurrency, settings.MaxDuration, cancellationToken);
                rounds[endpoint.Name].Add(result with { Gc = gc.Since(), Pool = probe.Take() });
                Console.Error.WriteLine(WebhookResultWriter.Table([rounds[endpoint.Name][^1]]).Split('\n')[1]);
            }
        }

        return [.. endpoints.Select(endpoint => rounds[endpoint.Name].OrderBy(result => result.PerSecond).ElementAt(settings.MaxRounds / 2))];
    }

    /// <summary>
    /// Pod creates through the API server with the operator's webhooks and through a second, identically seeded server
    /// in this process without them, taking turns.
    /// </summary>
    private static async Task<IReadOnlyList<LoadResult>> EndToEndAsync(WebhookTarget target, WebhookBenchmarkSettings settings, string repositoryRoot, CancellationToken cancellationToken)
    {
        Console.Error.WriteLine($"End to end: {settings.PodCreates} pod creates through the API server with the webhooks and through one without them");
        await using var bare = await TenantApiServer.StartAsync(repositoryRoot, cancellationToken);
        using var withWebhooks = target.CreateApiClient();
        using var withoutWebhooks = bare.CreateClient();
        var results = await PodCreateLatency.MeasureAsync(withWebhooks, withoutWebhooks, settings.PodCreates, settings.PodCreatesPerRound, cancellationToken);
        Console.Error.WriteLine(WebhookResultWriter.Table(results).Split('\n', 2)[1].TrimEnd());
        return results;
    }

    private static HttpClient Client(int port, WebhookBenchmarkSettings settings) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = Math.Max(settings.MaxInFlight, settings.Concurrency),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),

#pragma warning disable CA5359 // Both servers use throwaway loopback certificates; trust is not what is measured.
        SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true },
#pragma warning restore CA5359
    })
    {
        BaseAddress = new Uri($"https://127.0.0.1:{port}"),
    };

    private static int[] ParseRates(ArgumentResult result)
    {
        var text = result.Tokens is [var token] ? token.Value : string.Empty;
        var rates = text.Split(',', StringSplitOptions.TrimEntries);
        if (rates.Any(rate => !int.TryParse(rate, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0))
        {
            result.AddError($"--rates '{text}' is not a list of positive whole numbers such as 500,1000,2000.");
            return [];
        }

        return [.. rates.Select(rate => int.Parse(rate, CultureInfo.InvariantCulture))];
    }
}
