namespace HyperVIsolation.LocalApiServer.Patching;

/// <summary>
/// One entry of a Kubernetes <c>Status.details.causes</c> list, e.g. a field-manager conflict.
/// </summary>
/// <param name="Type">The cause type, e.g. <c>FieldManagerConflict</c>.</param>
/// <param name="Message">A human-readable description, e.g. <c>conflict with "helm"</c>.</param>
/// <param name="Field">The field path the cause refers to, e.g. <c>.spec.replicas</c>.</param>
public sealed record PatchFailureCause(string Type, string Message, string Field);
