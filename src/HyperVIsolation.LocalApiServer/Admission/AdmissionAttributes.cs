using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Resources;

namespace HyperVIsolation.LocalApiServer.Admission;

/// <summary>What an admission step knows about a write (kube-apiserver's <c>admission.Attributes</c>).</summary>
/// <param name="Resource">The addressed resource.</param>
/// <param name="Subresource">The subresource, or null.</param>
/// <param name="Operation">CREATE, UPDATE or DELETE.</param>
/// <param name="Namespace">Namespace, empty for cluster-scoped objects.</param>
/// <param name="Name">Object name (empty on a create with generateName).</param>
/// <param name="DryRun">True for <c>dryRun=All</c>.</param>
/// <param name="User">The requesting user.</param>
/// <param name="Options">CreateOptions, UpdateOptions, PatchOptions or DeleteOptions of the request.</param>
public sealed record AdmissionAttributes(
    ResourceDefinition Resource,
    string? Subresource,
    string Operation,
    string Namespace,
    string Name,
    bool DryRun,
    AdmissionUser User,
    JsonObject Options)
{
    /// <summary>Kind of the object sent (e.g. <c>Binding</c> for <c>pods/binding</c>); the resource's kind when null.</summary>
    public (string Group, string Version, string Kind)? ObjectKind { get; init; }
}
