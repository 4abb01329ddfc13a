namespace HyperVIsolation.LocalApiServer.Resources;

/// <summary>
/// Every resource currently served: the built-ins plus one entry per served version of each
/// established CRD. Thread-safe; CRD registration replaces a CRD's entries atomically.
/// </summary>
public sealed class ResourceCatalog
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, IReadOnlyList<ResourceDefinition>> custom = new(StringComparer.Ordinal);

    /// <summary>Built-in and custom resources, built-ins first.</summary>
    public IReadOnlyList<ResourceDefinition> All
    {
        get
        {
            lock (gate)
            {
                return [.. BuiltInResources.All, .. custom.Values.SelectMany(v => v)];
            }
        }
    }

    /// <summary>Group-versions in discovery order (core first, then groups by name).</summary>
    public IReadOnlyList<(string Group, string Version)> GroupVersions =>
        All.Select(r => (r.Group, r.Version)).Distinct().ToList();

    /// <summary>Finds a resource by group, version and plural.</summary>
    public ResourceDefinition? Find(string group, string version, string plural) =>
        All.FirstOrDefault(r => r.Group == group && r.Version == version && r.Plural == plural);

    /// <summary>Finds any served version of a resource by its storage key.</summary>
    public ResourceDefinition? FindByStorageKey(string storageKey) =>
        All.FirstOrDefault(r => r.StorageKey == storageKey);

    /// <summary>Finds a resource by group, version and kind.</summary>
    public ResourceDefinition? FindByKind(string group, string version, string kind) =>
        All.FirstOrDefault(r => r.Group == group && r.Version == version && r.Kind == kind);

    /// <summary>Serves the given versions of a CRD (replacing what it served before).</summary>
    public void Register(string crdName, IReadOnlyList<ResourceDefinition> versions)
    {
        lock (gate)
        {
            custom[crdName] = versions;
        }
    }

    /// <summary>Stops serving a CRD.</summary>
    public void Unregister(string crdName)
    {
        lock (gate)
        {
            custom.Remove(crdName);
        }
    }
}
