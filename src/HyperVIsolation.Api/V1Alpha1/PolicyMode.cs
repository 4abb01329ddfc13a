namespace HyperVIsolation.Api.V1Alpha1;

/// <summary>What happens when a pod breaks a policy rule.</summary>
public enum PolicyMode
{
    /// <summary>Deny the request.</summary>
    Enforce,

    /// <summary>Allow it, with an admission warning and an event.</summary>
    Audit,
}
