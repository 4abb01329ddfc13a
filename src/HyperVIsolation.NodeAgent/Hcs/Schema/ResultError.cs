namespace HyperVIsolation.NodeAgent.Hcs.Schema;

/// <summary>The HCS error document a failed operation returns as its result.</summary>
public sealed record ResultError
{
    /// <summary>The HRESULT as a signed 32-bit integer, as HCS writes it.</summary>
    public int Error { get; init; }

    /// <summary>Human-readable description.</summary>
    public string? ErrorMessage { get; init; }
}
