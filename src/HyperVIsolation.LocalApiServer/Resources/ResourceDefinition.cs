namespace HyperVIsolation.LocalApiServer.Resources;

/// <summary>One served resource of one group-version: its names, scope and subresources.</summary>
public sealed record ResourceDefinition
{
    /// <summary>API group; empty for the core group.</summary>
    public required string Group { get; init; }

    /// <summary>API version.</summary>
    public required string Version { get; init; }

    /// <summary>Plural resource name used in paths.</summary>
    public required string Plural { get; init; }

    /// <summary>Singular name.</summary>
    public required string Singular { get; init; }

    /// <summary>Kind of the objects.</summary>
    public required string Kind { get; init; }

    /// <summary>True when the objects live in namespaces.</summary>
    public required bool Namespaced { get; init; }

    /// <summary>Short names (kubectl aliases).</summary>
    public IReadOnlyList<string> ShortNames { get; init; } = [];

    /// <summary>Categories such as <c>all</c>.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>True when writes to the main resource ignore status and <c>/status</c> writes ignore the rest.</summary>
    public bool HasStatus { get; init; }

    /// <summary>Other subresources served (binding, ephemeralcontainers, scale, finalize).</summary>
    public IReadOnlyList<string> OtherSubresources { get; init; } = [];

    /// <summary>Schema, printer columns and scale paths of a custom resource; null for built-ins.</summary>
    public CustomResourceDetails? Custom { get; init; }

    /// <summary><c>group/version</c>, or just the version for the core group.</summary>
    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>Key of the objects in the store, shared by every version of the resource.</summary>
    public string StorageKey => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>Kind of the list objects.</summary>
    public string ListKind => Kind + "List";

    /// <summary>True when the named subresource is served.</summary>
    public bool Serves(string subresource) =>
        (subresource == "status" && HasStatus) || OtherSubresources.Contains(subresource);
}
