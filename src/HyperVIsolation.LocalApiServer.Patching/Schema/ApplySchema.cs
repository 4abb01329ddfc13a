using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Patching.Json;

namespace HyperVIsolation.LocalApiServer.Patching.Schema;

/// <summary>
/// The merge strategies of one kind: which lists merge by key (and on which keys), which are sets,
/// and which values are atomic. Used by server-side apply and managed-fields tracking; strategic
/// merge patch uses the built-in table directly.
/// </summary>
public sealed class ApplySchema
{
    private ApplySchema(SchemaNode root) => Root = root;

    /// <summary>
    /// No type information (a custom resource without a structural schema): objects merge by
    /// field, all lists are atomic, ObjectMeta keeps its usual strategies.
    /// </summary>
    public static ApplySchema Untyped { get; } = new(new SchemaTableBuilder().AddObjectMeta("metadata").Root);

    internal SchemaNode Root { get; }

    /// <summary>The built-in strategy table for a kind, or null when the group is not built in.</summary>
    /// <param name="apiVersion">The object's <c>apiVersion</c>, e.g. <c>apps/v1</c>.</param>
    /// <param name="kind">The object's <c>kind</c>, e.g. <c>Deployment</c>.</param>
    /// <returns>The schema, or null for custom resources.</returns>
    public static ApplySchema? ForBuiltIn(string apiVersion, string kind)
    {
        var root = BuiltInSchemas.Find(apiVersion, kind);
        return root is null ? null : new ApplySchema(root);
    }

    /// <summary>
    /// Builds the strategies of a custom resource from the version's CRD
    /// <c>schema.openAPIV3Schema</c> (<c>x-kubernetes-list-type: map|set|atomic</c>,
    /// <c>x-kubernetes-list-map-keys</c>, <c>x-kubernetes-map-type: atomic</c>).
    /// </summary>
    /// <param name="openApiV3Schema">The structural schema; null gives <see cref="Untyped"/>.</param>
    /// <returns>The schema.</returns>
    /// <exception cref="PatchException">The schema is nested absurdly deep.</exception>
    public static ApplySchema FromOpenApiSchema(JsonNode? openApiV3Schema)
    {
        if (openApiV3Schema is null)
        {
            return Untyped;
        }

        JsonDepthGuard.Ensure(openApiV3Schema, "the schema");
        var root = OpenApiSchemaReader.Read(openApiV3Schema);
        var metadata = root.GetOrAddField("metadata");
        metadata.GetOrAddField("finalizers").SetStrategy(FieldStrategy.Set);
        metadata.GetOrAddField("ownerReferences").SetStrategy(FieldStrategy.ListMap, [new ListMapKey("uid")]);
        return new ApplySchema(root);
    }
}
