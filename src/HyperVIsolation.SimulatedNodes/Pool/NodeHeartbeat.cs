using System.Net;
using HyperVIsolation.ControllerRuntime.ApiAccess;
using HyperVIsolation.ControllerRuntime.Cache;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.SimulatedNodes.Pool;

/// <summary>
/// A simulated kubelet's node registration and heartbeats: registers the Node, renews its Lease in
/// <c>kube-node-lease</c> and posts the conditions every <see cref="NodePoolConfig.HeartbeatInterval"/>.
/// An unreachable node stops both and is marked Ready=Unknown once, standing in for the node
/// lifecycle controller; any other fault is posted at once.
/// </summary>
internal sealed partial class NodeHeartbeat(
    IKubernetes client, SimulatedNode node, NodePoolConfig config, TimeProvider timeProvider, ILogger logger, bool adoptExisting = true)
{
    public const string LeaseNamespace = "kube-node-lease";

    private V1Lease? lease;
    private (NodeReadinessFault Readiness, bool OutOfMemory, bool CriDown)? lastState;
    private DateTimeOffset readySince;
    private bool postedUnreachable;

    public async Task RegisterAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        readySince = now;
        var manifest = SimulatedNodeManifest.Build(node, config.KubeletVersion, now);
        try
        {
            await client.CoreV1.CreateNodeAsync(manifest, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (ApiFailure.Is(e, HttpStatusCode.Conflict) && !adoptExisting)
        {
            throw new InvalidOperationException($"Node {node.Name} already exists in the cluster and is not ours to take over.", e);
        }
        catch (Exception e) when (ApiFailure.Is(e, HttpStatusCode.Conflict))
        {
            // Re-registration after a restart: labels and taints follow the config, as kubelet reconciles them.
            var patch = new { metadata = new { labels = manifest.Metadata.Labels }, spec = new { taints = manifest.Spec.Taints ?? [] } };
            await client.CoreV1.PatchNodeAsync(new V1Patch(KubernetesJson.Serialize(patch), V1Patch.PatchType.MergePatch), node.Name, cancellationToken: cancellationToken);
        }

        // The status is posted through its subresource, as servers ignore it on create.
        var status = new { status = manifest.Status };
        await client.CoreV1.PatchNodeStatusAsync(new V1Patch(KubernetesJson.Serialize(status), V1Patch.PatchType.MergePatch), node.Name, cancellationToken: cancellationToken);
        LogRegistered(logger, node.Name, node.Build.LabelValue);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var signal = new ChangeSignal();
        node.Faults.Subscribe(signal);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await BeatAsync(cancellationToken);
            }
            catch (Exception e) when (ApiFailure.IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                LogHeartbeatFailed(logger, node.Name, e.Message);
                lease = null;
            }

            var untilCriBack = node.Faults.CriAvailableAt - timeProvider.GetUtcNow();
            var wait = untilCriBack > TimeSpan.Zero && untilCriBack < config.HeartbeatInterval ? untilCriBack : config.HeartbeatInterval;
            await signal.WaitAsync(wait, timeProvider, cancellationToken);
        }
    }

    private async Task BeatAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var faults = node.Faults;
        var state = (faults.Readiness, faults.HostOutOfMemory, faults.IsCriUnavailable);
        if (lastState != state)
        {
            readySince = now;
            lastState = state;
        }

        if (state.Readiness == NodeReadinessFault.Unreachable)
        {
            if (!postedUnreachable)
            {
                await PostConditionsAsync(now, cancellationToken);
                postedUnreachable = true;
            }

            return;
        }

        postedUnreachable = false;
        await RenewLeaseAsync(now, cancellationToken);
        await PostConditionsAsync(now, cancellationToken);
    }

    private async Task PostConditionsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var faults = node.Faults;
        var conditions = SimulatedNodeManifest.Conditions(faults.Readiness, faults.HostOutOfMemory, faults.IsCriUnavailable, now, readySince);
        var patch = KubernetesJson.Serialize(new { status = new { conditions } });
        await client.CoreV1.PatchNodeStatusAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), node.Name, cancellationToken: cancellationToken);
    }

    private async Task RenewLeaseAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var renewTime = now.UtcDateTime;
        if (lease is null)
        {
            try
            {
                lease = await client.CoordinationV1.ReadNamespacedLeaseAsync(node.Name, LeaseNamespace, cancellationToken: cancellationToken);
            }
            catch (Exception e) when (ApiFailure.Is(e, HttpStatusCode.NotFound))
            {
                lease = await client.CoordinationV1.CreateNamespacedLeaseAsync(NewLease(renewTime), LeaseNamespace, cancellationToken: cancellationToken);
                return;
            }
        }

        lease.Spec ??= new V1LeaseSpec();
        lease.Spec.HolderIdentity = node.Name;
        lease.Spec.LeaseDurationSeconds = config.LeaseDurationSeconds;
        lease.Spec.RenewTime = renewTime;
        try
        {
            lease = await client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, node.Name, LeaseNamespace, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (ApiFailure.Is(e, HttpStatusCode.Conflict) || ApiFailure.Is(e, HttpStatusCode.NotFound))
        {
            // Someone else wrote it (or removed it): read it again next beat.
            lease = null;
        }
    }

    private V1Lease NewLease(DateTime renewTime) => new()
    {
        ApiVersion = "coordination.k8s.io/v1",
        Kind = "Lease",
        Metadata = new V1ObjectMeta
        {
            Name = node.Name,
            NamespaceProperty = LeaseNamespace,
            OwnerReferences = null,
        },
        Spec = new V1LeaseSpec { HolderIdentity = node.Name, LeaseDurationSeconds = config.LeaseDurationSeconds, RenewTime = renewTime },
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered simulated node {Node} (Windows {Build})")]
    private static partial void LogRegistered(ILogger logger, string node, string build);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat of node {Node} failed, retrying: {Error}")]
    private static partial void LogHeartbeatFailed(ILogger logger, string node, string error);
}
