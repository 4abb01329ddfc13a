namespace HyperVIsolation.ControllerRuntime.Leadership;

/// <summary>Settings of leader election on a coordination.k8s.io Lease. Validated at start-up.</summary>
public sealed record LeaderElectionOptions
{
    /// <summary>The Lease name.</summary>
    public string LeaseName { get; init; } = "hyperv-isolation-operator";

    /// <summary>The Lease namespace (the operator's own).</summary>
    public string LeaseNamespace { get; init; } = string.Empty;

    /// <summary>This replica's identity, unique among replicas (the pod name).</summary>
    public string Identity { get; init; } = string.Empty;

    /// <summary>How long followers wait after the last renewal before taking over.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps trying to renew before it gives leadership up.</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often renewals and acquisition attempts happen.</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Returns every problem with these options; empty when they are valid.</summary>
    /// <returns>The problems found.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Require(errors, !string.IsNullOrWhiteSpace(LeaseName), $"{nameof(LeaseName)} must not be empty.");
        Require(errors, !string.IsNullOrWhiteSpace(LeaseNamespace), $"{nameof(LeaseNamespace)} must not be empty.");
        Require(errors, !string.IsNullOrWhiteSpace(Identity), $"{nameof(Identity)} must not be empty.");
        Require(errors, RetryPeriod > TimeSpan.Zero, $"{nameof(RetryPeriod)} must be positive.");

        // The Lease stores whole seconds; the elector's jitter stretches a retry up to 1.2 periods.
        Require(errors, LeaseDuration >= TimeSpan.FromSeconds(1), $"{nameof(LeaseDuration)} must be at least one second.");
        Require(errors, LeaseDuration > RenewDeadline, $"{nameof(LeaseDuration)} must be longer than {nameof(RenewDeadline)}.");
        Require(errors, RenewDeadline > RetryPeriod * 1.2, $"{nameof(RenewDeadline)} must be longer than 1.2 × {nameof(RetryPeriod)}.");
        return errors;
    }

    private static void Require(List<string> errors, bool condition, string error)
    {
        if (!condition)
        {
            errors.Add(error);
        }
    }
}
