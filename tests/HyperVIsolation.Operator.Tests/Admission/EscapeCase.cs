using HyperVIsolation.Api.V1Alpha1;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Admission;

/// <summary>How an escape attempt reaches the webhook.</summary>
internal enum EscapeRoute
{
    Create,
    Update,
    EphemeralContainers,
}

/// <summary>One way a tenant could leave or weaken the VM, and the denial it must get.</summary>
/// <param name="Name">What the tenant tries.</param>
/// <param name="Route">CREATE, UPDATE or the ephemeralcontainers subresource.</param>
/// <param name="Change">The change applied to a conforming pod.</param>
/// <param name="Field">The field the denial names.</param>
/// <param name="RuleId">The rule the denial names.</param>
/// <param name="Fragment">Text the denial message must contain.</param>
/// <param name="PolicyChange">A change to the policy, for rules that are off by default.</param>
internal sealed record EscapeCase(
    string Name,
    EscapeRoute Route,
    Action<V1Pod> Change,
    string Field,
    string RuleId,
    string Fragment,
    Action<IsolationPolicySpec>? PolicyChange = null)
{
    public override string ToString() => Name;

    public IsolationPolicy Policy() => AdmissionFixtures.Policy(PolicyChange);

    /// <summary>The (old, new) pods of the attempt; old is null on CREATE.</summary>
    public (V1Pod? Old, V1Pod New) Pods()
    {
        var policy = Policy();
        var pod = AdmissionFixtures.ConformingPod(policy);
        if (Route == EscapeRoute.Create)
        {
            Change(pod);
            return (null, pod);
        }

        var old = AdmissionFixtures.Clone(pod);
        Change(pod);
        return (old, pod);
    }

    public string? SubResource => Route == EscapeRoute.EphemeralContainers ? "ephemeralcontainers" : null;
}
