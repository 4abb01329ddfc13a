namespace HyperVIsolation.Operator.Admission.Review;

/// <summary>A group, version and resource.</summary>
internal sealed class GroupVersionResourceDocument
{
    /// <summary>API group, empty for the core group.</summary>
    public string? Group { get; set; }

    /// <summary>Version.</summary>
    public string? Version { get; set; }

    /// <summary>Plural resource name.</summary>
    public string? Resource { get; set; }
}
