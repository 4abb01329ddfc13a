using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Api.Windows;
using HyperVIsolation.ControllerRuntime.Cache;
using HyperVIsolation.ControllerRuntime.Queue;
using HyperVIsolation.Operator.Admission.State;
using HyperVIsolation.Operator.Placement;
using HyperVIsolation.Operator.Policies;
using k8s.Models;

namespace HyperVIsolation.Operator.Admission.Hosting;

/// <summary>
/// The admission state read from the operator's informer caches. Policies, RuntimeClasses and node
/// builds are derived once per cache change (see <see cref="AdmissionStateInvalidation"/>) and shared by
/// every request until the next change; namespace labels are a direct cache lookup.
/// </summary>
/// <param name="policies">The IsolationPolicy cache.</param>
/// <param name="runtimeClasses">The RuntimeClass cache.</param>
/// <param name="nodes">The Node cache.</param>
/// <param name="namespaces">The Namespace cache.</param>
/// <param name="invalidation">Counts cache changes.</param>
internal sealed class InformerAdmissionState(
    ResourceInformer<IsolationPolicy> policies,
    ResourceInformer<V1RuntimeClass> runtimeClasses,
    ResourceInformer<V1Node> nodes,
    ResourceInformer<V1Namespace> namespaces,
    AdmissionStateInvalidation invalidation) : IAdmissionState
{
    private Snapshot? snapshot;

    /// <summary>Every cache admission reads, to wait for before serving.</summary>
    public IReadOnlyList<IInformerStatus> Caches => [policies, runtimeClasses, nodes, namespaces];

    /// <inheritdoc />
    public IReadOnlyList<IsolationPolicy> Policies => Current().Policies;

    /// <inheritdoc />
    public IReadOnlyList<IsolationRuntimeClass> RuntimeClasses => Current().RuntimeClasses;

    /// <inheritdoc />
    public IReadOnlyList<WindowsBuild> ReadyNodeBuilds => Current().ReadyNodeBuilds;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string>? NamespaceLabels(string namespaceName)
    {
        var labels = namespaces.Get(new ObjectKey(null, namespaceName))?.Metadata?.Labels;
        return labels switch
        {
            null => null,
            IReadOnlyDictionary<string, string> readOnly => readOnly,
            _ => new Dictionary<string, string>(labels, StringComparer.Ordinal),
        };
    }

    /// <summary>Waits until every cache admission reads has listed once.</summary>
    public async Task WaitForSyncAsync(CancellationToken cancellationToken)
    {
        await policies.WaitForSyncAsync(cancellationToken).ConfigureAwait(false);
        await runtimeClasses.WaitForSyncAsync(cancellationToken).ConfigureAwait(false);
        await nodes.WaitForSyncAsync(cancellationToken).ConfigureAwait(false);
        await namespaces.WaitForSyncAsync(cancellationToken).ConfigureAwait(false);
    }

    private Snapshot Current()
    {
        // Read the version before the caches: a change during the rebuild leaves an older version on the
        // snapshot, so the next request rebuilds again rather than keeping stale data.
        var version = invalidation.Version;
        var current = Volatile.Read(ref snapshot);
        if (current is not null && current.Version == version)
        {
            return current;
        }

        var rebuilt = new Snapshot(
            version,
            policies.List(),
            [.. runtimeClasses.List().Select(IsolationRuntimeClass.FromRuntimeClass).OfType<IsolationRuntimeClass>()],
            [.. nodes.List()
                .Select(node => NodeBuildInfo.FromLabels(node.Metadata?.Name ?? string.Empty, node.Metadata?.Labels as IReadOnlyDictionary<string, string>))
                .Where(node => node.IsUsable)
                .Select(node => node.Build!.Value)
                .Distinct()]);
        Volatile.Write(ref snapshot, rebuilt);
        return rebuilt;
    }

    private sealed record Snapshot(long Version, IReadOnlyList<IsolationPolicy> Policies, IReadOnlyList<IsolationRuntimeClass> RuntimeClasses, IReadOnlyList<WindowsBuild> ReadyNodeBuilds);
}
