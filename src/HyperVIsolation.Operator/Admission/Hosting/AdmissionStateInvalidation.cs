using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.ControllerRuntime.Cache;
using HyperVIsolation.Operator.Policies;
using k8s.Models;

namespace HyperVIsolation.Operator.Admission.Hosting;

/// <summary>
/// Counts changes to the caches admission derives snapshots from (policies, RuntimeClasses, nodes), so
/// <see cref="InformerAdmissionState"/> rebuilds its snapshot only after a change instead of on every
/// request. Updates count only when they change what the snapshot reads (a policy's spec or labels, a node's
/// OS, build or readiness labels, the same tests the reconcilers wake on): node heartbeats and status writes
/// would otherwise throw the snapshot away every few seconds per node. It depends on nothing, so the
/// informers can take it as a handler without a cycle.
/// </summary>
internal sealed class AdmissionStateInvalidation :
    IResourceChangeHandler<IsolationPolicy>,
    IResourceChangeHandler<V1RuntimeClass>,
    IResourceChangeHandler<V1Node>
{
    private long version;

    /// <summary>Grows with every change; equal values mean nothing changed in between.</summary>
    public long Version => Interlocked.Read(ref version);

    /// <inheritdoc />
    public void OnAdded(IsolationPolicy obj) => Bump();

    /// <inheritdoc />
    public void OnUpdated(IsolationPolicy oldObj, IsolationPolicy newObj) => BumpIf(PolicyInputChanges.Policy(oldObj, newObj));

    /// <inheritdoc />
    public void OnDeleted(IsolationPolicy obj) => Bump();

    /// <inheritdoc />
    public void OnAdded(V1RuntimeClass obj) => Bump();

    /// <inheritdoc />
    public void OnUpdated(V1RuntimeClass oldObj, V1RuntimeClass newObj) => Bump();

    /// <inheritdoc />
    public void OnDeleted(V1RuntimeClass obj) => Bump();

    /// <inheritdoc />
    public void OnAdded(V1Node obj) => Bump();

    /// <inheritdoc />
    public void OnUpdated(V1Node oldObj, V1Node newObj) => BumpIf(PolicyInputChanges.Node(oldObj, newObj));

    /// <inheritdoc />
    public void OnDeleted(V1Node obj) => Bump();

    private void Bump() => Interlocked.Increment(ref version);

    private void BumpIf(bool relevant)
    {
        if (relevant)
        {
            Bump();
        }
    }
}
