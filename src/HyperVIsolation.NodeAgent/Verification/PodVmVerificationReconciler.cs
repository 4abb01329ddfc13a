using Grpc.Core;
using HyperVIsolation.ControllerRuntime.ApiAccess;
using HyperVIsolation.ControllerRuntime.Cache;
using HyperVIsolation.ControllerRuntime.Controllers;
using HyperVIsolation.ControllerRuntime.Events;
using HyperVIsolation.ControllerRuntime.Queue;
using HyperVIsolation.NodeAgent.Cri;
using HyperVIsolation.NodeAgent.Cri.V1;
using HyperVIsolation.NodeAgent.Hcs;
using HyperVIsolation.NodeAgent.Hcs.Schema;
using HyperVIsolation.NodeAgent.Hosting;
using HyperVIsolation.NodeAgent.Observability;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.NodeAgent.Verification;

/// <summary>
/// Verifies the utility VM of each pod bound to this node: finds the pod's running sandbox through CRI, its VM
/// (<c>&lt;sandboxID&gt;@vm</c>) through HCS, compares the VM with the pod's annotations, and sets the pod's
/// <c>isolation.hyperv.dev/vm-verified</c> condition (the operator's readiness gate). A mismatch is also a Warning
/// Event on the pod. Verified pods are looked at again every <see cref="NodeAgentOptions.ResyncInterval"/>.
/// </summary>
internal sealed partial class PodVmVerificationReconciler(
    ResourceInformer<V1Pod> pods,
    CriRuntimeClient cri,
    IHostComputeService hcs,
    PodConditionWriter conditions,
    VmStatistics statistics,
    EventRecorder events,
    NodeAgentOptions options,
    ILogger<PodVmVerificationReconciler> logger) : IReconciler
{
    /// <summary>The label kubelet puts on every pod sandbox, holding the pod's uid.</summary>
    public const string PodUidLabel = "io.kubernetes.pod.uid";

    private const ulong BytesPerMb = 1024 * 1024;

    /// <inheritdoc/>
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        if (pods.Get(key) is not { } pod
            || pod.Metadata?.DeletionTimestamp is not null
            || pod.Status?.Phase is "Succeeded" or "Failed"
            || PodVmExpectation.For(pod) is not { } expectation)
        {
            statistics.Forget(key.Namespace ?? string.Empty, key.Name);
            return ReconcileResult.Done;
        }

        try
        {
            if (await RunningSandboxAsync(pod, cancellationToken) is not { } sandboxId)
            {
                statistics.Forget(key.Namespace ?? string.Empty, key.Name);
                // Not started yet (or restarting): the pod's next status change, or the retry, brings it back.
                return ReconcileResult.RequeueAfter(options.RetryInterval);
            }

            var observation = await ObserveAsync(pod, sandboxId, cancellationToken);
            var verdict = PodVmVerifier.Decide(expectation, observation, sandboxId);
            var previous = PodConditionWriter.Current(pod);
            if (await conditions.SetAsync(pod, verdict, cancellationToken))
            {
                LogVerdict(key, verdict.Verified, verdict.Reason, verdict.Message);
                if (!verdict.Verified && previous?.Reason != verdict.Reason)
                {
                    events.Warning(pod, verdict.Reason, verdict.Message);
                }
            }

            return ReconcileResult.RequeueAfter(options.ResyncInterval);
        }
        catch (Exception exception) when (exception is RpcException or HcsException || ApiFailure.IsApiOrTransport(exception))
        {
            // containerd restarting, HCS busy, the API server away: nothing was decided, so nothing is written.
            return ReconcileResult.Failed($"pod {key}: {exception.GetType().Name}: {exception.Message}");
        }
    }

    private async Task<string?> RunningSandboxAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        var filter = new PodSandboxFilter { State = new PodSandboxStateValue { State = PodSandboxState.SandboxReady } };
        filter.LabelSelector[PodUidLabel] = pod.Metadata.Uid;
        var sandboxes = await cri.ListPodSandboxesAsync(filter, cancellationToken);
        return sandboxes.OrderByDescending(sandbox => sandbox.CreatedAt).FirstOrDefault()?.Id;
    }

    private async Task<VmObservation?> ObserveAsync(V1Pod pod, string sandboxId, CancellationToken cancellationToken)
    {
        var id = sandboxId + "@vm";
        IComputeSystem system;
        try
        {
            system = await hcs.OpenComputeSystemAsync(id, cancellationToken);
        }
        catch (HcsException exception) when (exception.IsNotFound)
        {
            statistics.Forget(pod.Metadata.NamespaceProperty, pod.Metadata.Name);
            return null;
        }

        await using (system)
        {
            // One HCS call gives both what verification compares and what /metrics exports.
            var properties = await system.GetPropertiesAsync(PropertyQuery.StatisticsAndMemory, cancellationToken);
            var assigned = properties.Memory?.VirtualMachineMemory?.AssignedMemory * VmMemory.BytesPerPage;
            var counters = properties.Statistics;
            statistics.Record(new VmSample(
                pod.Metadata.NamespaceProperty,
                pod.Metadata.Name,
                id,
                assigned ?? 0,
                counters?.Memory?.MemoryUsageCommitBytes ?? 0,
                (counters?.Processor?.TotalRuntime100ns ?? 0) / (double)TimeSpan.TicksPerSecond,
                counters?.Storage?.ReadSizeBytes ?? 0,
                counters?.Storage?.WriteSizeBytes ?? 0));
            return new VmObservation(id, assigned is > 0 ? assigned.Value / BytesPerMb : null);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pod {Pod}: vm-verified={Verified} ({Reason}: {Message})")]
    private partial void LogVerdict(ObjectKey pod, bool verified, string reason, string message);
}
