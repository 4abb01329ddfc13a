namespace HyperVIsolation.Operator.Admission.Review;

/// <summary>A group, version and kind.</summary>
internal sealed class GroupVersionKindDocument
{
    /// <summary>API group, empty for the core group.</summary>
    public string? Group { get; set; }

    /// <summary>Version.</summary>
    public string? Version { get; set; }

    /// <summary>Kind.</summary>
    public string? Kind { get; set; }
}
