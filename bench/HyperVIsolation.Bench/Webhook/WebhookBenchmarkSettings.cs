namespace HyperVIsolation.Bench.Webhook;

/// <summary>Rates, durations and bounds of the <c>webhook</c> benchmark.</summary>
internal sealed record WebhookBenchmarkSettings
{
    /// <summary>Offered rates of the open-loop phases, in requests per second.</summary>
    public IReadOnlyList<int> Rates { get; init; } = [500, 1000, 2000];

    /// <summary>Length of each open-loop phase.</summary>
    public TimeSpan RateDuration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Length of each closed-loop phase.</summary>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Rounds of the closed-loop phases; each endpoint reports its median round.</summary>
    public int MaxRounds { get; init; } = 3;

    /// <summary>Requests in flight at most in open loop (the API server keeps a bounded pool of connections too).</summary>
    public int MaxInFlight { get; init; } = 64;

    /// <summary>Workers of the closed-loop phases.</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>Pods created one at a time through each API server (with and without the webhooks) in the end-to-end phase.</summary>
    public int PodCreates { get; init; } = 1000;

    /// <summary>Pod creates through one API server before the other one's turn.</summary>
    public int PodCreatesPerRound { get; init; } = 50;

    /// <summary>Where the JSON results go.</summary>
    public string OutputDirectory { get; init; } = "bench/results";
}
