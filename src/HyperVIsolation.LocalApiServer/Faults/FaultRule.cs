namespace HyperVIsolation.LocalApiServer.Faults;

/// <summary>Which requests fail, and how.</summary>
/// <param name="StatusCode">429, 500 or 503.</param>
/// <param name="Share">Share of matching requests that fail, 0..1, drawn from a seeded random sequence.</param>
public sealed record FaultRule(int StatusCode, double Share)
{
    /// <summary>Seed of the random sequence, so a test sees the same failures every run.</summary>
    public int Seed { get; init; }

    /// <summary>Verbs that fail (get, list, watch, create, update, patch, delete, deletecollection); all when empty.</summary>
    public IReadOnlyList<string> Verbs { get; init; } = [];

    /// <summary>Resources (plural names, e.g. <c>pods</c>) that fail; all when empty.</summary>
    public IReadOnlyList<string> Resources { get; init; } = [];

    /// <summary>The <c>Retry-After</c> seconds of a 429 or 503.</summary>
    public int RetryAfterSeconds { get; init; } = 1;
}
