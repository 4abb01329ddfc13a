namespace HyperVIsolation.Operator.NetworkIsolation;

/// <summary>The reasons of the Events the network isolation controller records on IsolationPolicies.</summary>
public static class NetworkIsolationEventReasons
{
    /// <summary>A NetworkPolicy was created.</summary>
    public const string Created = "NetworkPolicyCreated";

    /// <summary>A NetworkPolicy was changed to match the policies (rules or owners).</summary>
    public const string Updated = "NetworkPolicyUpdated";

    /// <summary>A NetworkPolicy no longer asked for was deleted.</summary>
    public const string Deleted = "NetworkPolicyDeleted";

    /// <summary>An object without our label holds a name we need (Warning).</summary>
    public const string NameTaken = PolicyConditionReasons.NameTaken;

    /// <summary>Writing a NetworkPolicy failed; retried (Warning).</summary>
    public const string WriteFailed = "NetworkPolicyWriteFailed";

    /// <summary>The audit of an Audit-mode policy found a different, non-zero number of violations in existing pods (Warning).</summary>
    public const string AuditViolations = "AuditViolations";

    /// <summary>The audit of an Audit-mode policy no longer finds violations.</summary>
    public const string AuditClean = "AuditClean";
}
