namespace HyperVIsolation.Api.Schema;

/// <summary>Marks a type as the root of a CustomResourceDefinition and says how it is served.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CustomResourceAttribute : Attribute
{
    /// <summary>Whether objects live in a namespace or at cluster scope.</summary>
    public ResourceScope Scope { get; init; } = ResourceScope.Namespaced;

    /// <summary>Short names accepted by kubectl (for example <c>iw</c>).</summary>
    public string[] ShortNames { get; init; } = [];

    /// <summary>Categories the resource belongs to (for example <c>all</c>).</summary>
    public string[] Categories { get; init; } = [];
}
