namespace HyperVIsolation.LocalApiServer.Resources;

/// <summary>JSON paths of the scale subresource of a CRD.</summary>
/// <param name="SpecReplicasPath">e.g. <c>.spec.replicas</c>.</param>
/// <param name="StatusReplicasPath">e.g. <c>.status.replicas</c>.</param>
/// <param name="LabelSelectorPath">Optional, e.g. <c>.status.selector</c>.</param>
public sealed record ScalePaths(string SpecReplicasPath, string StatusReplicasPath, string? LabelSelectorPath);
