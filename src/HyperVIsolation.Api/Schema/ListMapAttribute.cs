namespace HyperVIsolation.Api.Schema;

/// <summary>
/// Declares a list as a map keyed by the given fields (<c>x-kubernetes-list-type: map</c>), so
/// keys are unique and server-side apply merges items by key.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class ListMapAttribute(params string[] keys) : Attribute
{
    /// <summary>The key fields of each item.</summary>
    public IReadOnlyList<string> Keys { get; } = keys;
}
