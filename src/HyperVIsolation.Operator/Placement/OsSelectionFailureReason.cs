namespace HyperVIsolation.Operator.Placement;

/// <summary>Why no OS could be selected; stable names for conditions and events.</summary>
public enum OsSelectionFailureReason
{
    /// <summary>The spec contradicts itself (for example Nano Server with capabilities, or full Server on ltsc2019).</summary>
    InvalidSpec,

    /// <summary>No ready Windows node can run any acceptable release under the requested isolation.</summary>
    NoCompatibleNodes,

    /// <summary>A container's image targets a newer build than the selected release (or than any ready node runs).</summary>
    ImageBuildMismatch,

    /// <summary>A container lists per-release images but none for the explicitly selected release.</summary>
    MissingImageVariant,
}
