namespace HyperVIsolation.Operator.NetworkIsolation;

/// <summary>The reasons of an IsolationPolicy's conditions (types as for workloads: Ready, Reconciling, Stalled).</summary>
public static class PolicyConditionReasons
{
    /// <summary>Ready: every NetworkPolicy the policy asks for exists as rendered.</summary>
    public const string NetworkPoliciesInPlace = "NetworkPoliciesInPlace";

    /// <summary>Ready: the policy asks for no network rule.</summary>
    public const string NoNetworkRules = "NoNetworkRules";

    /// <summary>Ready: an Audit policy writes no NetworkPolicy (it would enforce).</summary>
    public const string AuditOnly = "AuditOnly";

    /// <summary>Reconciling: writing some NetworkPolicies failed; the next pass retries.</summary>
    public const string Applying = "Applying";

    /// <summary>Stalled: an object the operator does not own holds a NetworkPolicy name it needs.</summary>
    public const string NameTaken = "NetworkPolicyNameTaken";

    /// <summary>Stalled: the spec breaks a rule the webhook enforces (it was stored while the webhook was off).</summary>
    public const string InvalidSpec = "InvalidSpec";
}
