namespace HyperVIsolation.ControllerRuntime.Health;

/// <summary>The outcome of a health check: healthy, or the list of problems found.</summary>
/// <param name="Problems">What is wrong; empty when healthy.</param>
public sealed record HealthCheckResult(IReadOnlyList<string> Problems)
{
    /// <summary>Whether nothing is wrong.</summary>
    public bool IsHealthy => Problems.Count == 0;
}
