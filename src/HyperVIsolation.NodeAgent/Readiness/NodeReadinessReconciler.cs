using Grpc.Core;
using HyperVIsolation.ControllerRuntime.ApiAccess;
using HyperVIsolation.ControllerRuntime.Cache;
using HyperVIsolation.ControllerRuntime.Controllers;
using HyperVIsolation.ControllerRuntime.Events;
using HyperVIsolation.ControllerRuntime.Queue;
using HyperVIsolation.NodeAgent.Capacity;
using HyperVIsolation.NodeAgent.Containerd;
using HyperVIsolation.NodeAgent.Cri;
using HyperVIsolation.NodeAgent.Hosting;
using HyperVIsolation.NodeAgent.Inspection;
using HyperVIsolation.NodeAgent.Uninstall;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.NodeAgent.Readiness;

/// <summary>
/// Earns the node its <c>isolation.hyperv.dev/ready</c> label: inspects the host, writes containerd's Hyper-V drop-in
/// and import when they are missing or were edited (label removed first, containerd restarted after), verifies
/// containerd's merged configuration and that containerd answers CRI, and labels the node only then; a ready node also
/// advertises its <c>isolation.hyperv.dev/vm</c> capacity, which goes with the label. Runs again every
/// <see cref="NodeAgentOptions.ResyncInterval"/>, so a node whose Hyper-V or configuration goes away loses the label.
/// </summary>
internal sealed partial class NodeReadinessReconciler(
    ResourceInformer<V1Node> nodes,
    IHostInspector inspector,
    IContainerdService containerd,
    CriEndpoint cri,
    NodeLabelWriter labels,
    NodeCapacityWriter capacity,
    EventRecorder events,
    NodeAgentOptions options,
    ILogger<NodeReadinessReconciler> logger) : IReconciler
{
    private string? lastReason;

    /// <inheritdoc/>
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        if (nodes.Get(key) is not { } node)
        {
            return ReconcileResult.Done;
        }

        try
        {
            var facts = await inspector.InspectAsync(cancellationToken);
            var readiness = await EvaluateAsync(node, facts, cancellationToken);
            var labelChanged = await labels.SetReadyAsync(node, readiness.Ready, cancellationToken);
            var vms = readiness.Ready ? VmCapacity.For(facts, options.Capacity) : null;
            if (await capacity.SetAsync(node, vms?.Vms, cancellationToken))
            {
                LogCapacityChanged(node.Metadata.Name, vms?.Vms ?? 0, vms?.Basis ?? "not ready");
            }

            // One Event per change of verdict, not one per retry of a node that stays not ready.
            var reasonChanged = Interlocked.Exchange(ref lastReason, readiness.Reason) != readiness.Reason;
            if (labelChanged || reasonChanged)
            {
                LogReadinessChanged(node.Metadata.Name, readiness.Ready, readiness.Reason, readiness.Message);
                if (readiness.Ready)
                {
                    events.Normal(node, "HyperVReady", readiness.Message);
                }
                else
                {
                    events.Warning(node, readiness.Reason, readiness.Message);
                }
            }

            return ReconcileResult.RequeueAfter(readiness.Ready ? options.ResyncInterval : options.RetryInterval);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ContainerdConfigException || ApiFailure.IsApiOrTransport(exception))
        {
            return ReconcileResult.Failed($"node {node.Metadata.Name}: {exception.GetType().Name}: {exception.Message}");
        }
    }

    private async Task<NodeReadiness> EvaluateAsync(V1Node node, HostFacts facts, CancellationToken cancellationToken)
    {
        if (!facts.HyperVPresent)
        {
            return NodeReadiness.NotReady("HyperVMissing", "the Hyper-V role (Host Compute Service) is not present on this host");
        }

        if (facts.ContainerdConfigVersion is not { } version)
        {
            return NodeReadiness.NotReady("ContainerdUnsupported", $"containerd {facts.ContainerdVersion} cannot run Hyper-V isolated pods (1.7 or 2.x needed)");
        }

        var dropInPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(options.ContainerdConfigPath)) ?? ".", HyperVHandlerDropIn.FileName);

        // What containerd reads without our drop-in: on 1.x the drop-in must carry that CRI table whole.
        MergedContainerdConfig withoutDropIn;
        try
        {
            withoutDropIn = await ContainerdConfigLoader.LoadMergedAsync(options.ContainerdConfigPath, dropInPath, cancellationToken);
        }
        catch (ContainerdConfigException exception)
        {
            // containerd would not start with the node's own files (a missing import, bad TOML): ours on top fix nothing.
            return InvalidConfig(exception);
        }

        var plan = ContainerdConfigurationPlan.For(
            version,
            facts.Build,
            await File.ReadAllTextAsync(options.ContainerdConfigPath, cancellationToken),
            File.Exists(dropInPath) ? await File.ReadAllTextAsync(dropInPath, cancellationToken) : null,
            withoutDropIn.PluginTable(ContainerdConfigVersions.CriRuntimePluginId(version)));
        if (plan.Changed && NodeLabelWriter.IsLabelledReady(node))
        {
            // Pods must not be placed here while containerd runs without (or restarts into) the handlers: the caller
            // removes the label now, and that change wakes the next pass, which writes the files.
            return NodeReadiness.NotReady("Configuring", "containerd's Hyper-V configuration differs; unlabelling the node before reconfiguring it");
        }

        if (plan.Changed)
        {
            // The drop-in first: containerd refuses to start when an imported file is missing.
            await File.WriteAllTextAsync(dropInPath, plan.DropInText, cancellationToken);
            if (plan.ConfigChanged)
            {
                // Through the install record, so that --uninstall can give the original bytes back.
                await ContainerdInstallRecord.WriteConfigAsync(options.ContainerdConfigPath, plan.ConfigText, cancellationToken);
            }

            await containerd.RestartAsync(cancellationToken);
            LogConfigured(node.Metadata.Name, options.ContainerdConfigPath, version);
            events.Normal(node, "ContainerdConfigured", $"wrote the Hyper-V handlers and annotation allow-list to {dropInPath} and restarted containerd");
            return NodeReadiness.NotReady("Configuring", "containerd restarted with the Hyper-V handlers; verifying");
        }

        ContainerdConfig merged;
        try
        {
            merged = await ContainerdConfigLoader.LoadAsync(options.ContainerdConfigPath, cancellationToken);
        }
        catch (ContainerdConfigException exception)
        {
            return InvalidConfig(exception);
        }

        var problems = HyperVHandlerVerifier.Verify(merged, facts.Build);
        if (problems.Count > 0)
        {
            return NodeReadiness.NotReady("HandlerMisconfigured", string.Join("; ", problems));
        }

        return await CriAnswersAsync(cancellationToken)
            ? NodeReadiness.Verified
            : NodeReadiness.NotReady("ContainerdUnreachable", $"containerd does not answer CRI at {cri}");
    }

    private static NodeReadiness InvalidConfig(ContainerdConfigException exception) =>
        NodeReadiness.NotReady("ContainerdConfigInvalid", $"containerd would not start with its configuration files: {exception.Message}");

    // A configured containerd that does not answer (stopped, restarting, hung) cannot start pods either.
    private async Task<bool> CriAnswersAsync(CancellationToken cancellationToken)
    {
        using var client = new CriRuntimeClient(cri, TimeSpan.FromSeconds(5));
        try
        {
            await client.VersionAsync(cancellationToken);
            return true;
        }
        catch (RpcException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: ready={Ready} ({Reason}: {Message})")]
    private partial void LogReadinessChanged(string node, bool ready, string reason, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: advertises {Vms} Hyper-V VMs ({Basis})")]
    private partial void LogCapacityChanged(string node, long vms, string basis);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: wrote the Hyper-V drop-in beside {ConfigPath} (config version {Version}) and restarted containerd")]
    private partial void LogConfigured(string node, string configPath, int version);
}
