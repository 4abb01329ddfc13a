using System.Collections.Concurrent;
using HyperVIsolation.Api.V1Alpha1;
using k8s.Models;

namespace HyperVIsolation.Operator.NetworkIsolation;

/// <summary>
/// Writes an IsolationPolicy's status only when <see cref="PolicyStatusComparer"/> says it changed, so a steady
/// state (and a restarted operator finding everything current) costs no write. The write is conditional on the
/// cached resourceVersion; until the cache catches up with a write, the written status stands in for the cached
/// one, or every pass in between would write it again and hit a conflict.
/// </summary>
internal sealed class PolicyStatusWriter(INetworkIsolationWriter writer)
{
    private readonly ConcurrentDictionary<string, WrittenStatus> written = new(StringComparer.Ordinal);

    /// <summary>The status the policy has now, as far as this process knows.</summary>
    public IsolationPolicyStatus? Current(IsolationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var metadata = policy.Metadata;
        return written.TryGetValue(metadata.Name, out var last) && last.Uid == metadata.Uid && last.WrittenOverResourceVersion == metadata.ResourceVersion
            ? last.Status
            : policy.Status;
    }

    /// <summary>Writes <paramref name="next"/> unless the policy already has an equivalent status; true when it wrote.</summary>
    public async Task<bool> WriteIfChangedAsync(IsolationPolicy policy, IsolationPolicyStatus next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(next);
        if (PolicyStatusComparer.AreEquivalent(Current(policy), next))
        {
            return false;
        }

        var metadata = policy.Metadata;
        var body = new IsolationPolicy
        {
            Metadata = new V1ObjectMeta { Name = metadata.Name, Uid = metadata.Uid, ResourceVersion = metadata.ResourceVersion },
            Spec = policy.Spec,
            Status = next,
        };
        await writer.ReplacePolicyStatusAsync(body, cancellationToken);
        written[metadata.Name] = new WrittenStatus(metadata.Uid, metadata.ResourceVersion, next);
        return true;
    }

    /// <summary>Drops what was remembered about policies no longer in <paramref name="liveNames"/>.</summary>
    public void ForgetAllBut(IReadOnlySet<string> liveNames)
    {
        foreach (var name in written.Keys.Where(name => !liveNames.Contains(name)))
        {
            written.TryRemove(name, out _);
        }
    }

    private sealed record WrittenStatus(string? Uid, string? WrittenOverResourceVersion, IsolationPolicyStatus Status);
}
