namespace HyperVIsolation.Api.V1Alpha1;

/// <summary>One rule an existing pod breaks, as an Audit-mode policy's periodic audit found it.</summary>
public sealed class PolicyViolation
{
    /// <summary>The pod's namespace.</summary>
    public string Namespace { get; set; } = string.Empty;

    /// <summary>The pod's name.</summary>
    public string Pod { get; set; } = string.Empty;

    /// <summary>The rule's stable id, for example <c>host-network</c>.</summary>
    public string Rule { get; set; } = string.Empty;

    /// <summary>What is wrong, starting with the field at fault; the same words the webhook warns with.</summary>
    public string Message { get; set; } = string.Empty;
}
