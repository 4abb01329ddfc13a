namespace HyperVIsolation.SimulatedNodes.Pool;

/// <summary>A node taint as configured.</summary>
public sealed record NodeTaintConfig
{
    /// <summary>Taint key.</summary>
    public string Key { get; init; } = string.Empty;

    /// <summary>Taint value (may be empty).</summary>
    public string? Value { get; init; }

    /// <summary><c>NoSchedule</c>, <c>PreferNoSchedule</c> or <c>NoExecute</c>.</summary>
    public string Effect { get; init; } = "NoSchedule";
}
