namespace HyperVIsolation.Bench.Failover;

/// <summary>Settings of the <c>failover</c> benchmark.</summary>
internal sealed record FailoverBenchmarkSettings
{
    /// <summary>How many times the leader is killed (each run starts a fresh follower).</summary>
    public int Runs { get; init; } = 5;

    /// <summary>The Lease duration; the renew deadline and retry period keep the operator's default ratios (15 s, 10 s, 2 s).</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Seed of the pause before each kill, which puts the kill at a different point of the renewal cycle.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Where the JSON and table results go.</summary>
    public string OutputDirectory { get; init; } = string.Empty;

    /// <summary>How long the leader keeps trying to renew before it gives up: 2/3 of the Lease, as the operator's defaults.</summary>
    public TimeSpan RenewDeadline => LeaseDuration * 2 / 3;

    /// <summary>How often renewals and acquisition attempts happen: 2/15 of the Lease, as the operator's defaults.</summary>
    public TimeSpan RetryPeriod => LeaseDuration * 2 / 15;

    /// <summary>The goal for a failover: the Lease duration plus 2 s.</summary>
    public TimeSpan Goal => LeaseDuration + TimeSpan.FromSeconds(2);
}
