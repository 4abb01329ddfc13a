using HyperVIsolation.ControllerRuntime.Cache;
using HyperVIsolation.ControllerRuntime.Events;
using HyperVIsolation.ControllerRuntime.Hosting;
using HyperVIsolation.ControllerRuntime.Leadership;
using HyperVIsolation.NodeAgent.Capacity;
using HyperVIsolation.NodeAgent.Cri;
using HyperVIsolation.NodeAgent.Hcs;
using HyperVIsolation.NodeAgent.Observability;
using HyperVIsolation.NodeAgent.Readiness;
using HyperVIsolation.NodeAgent.Verification;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HyperVIsolation.NodeAgent.Hosting;

/// <summary>Registers one node agent on the shared controller runtime.</summary>
public static class NodeAgentServiceCollectionExtensions
{
    /// <summary>The controller that earns the node its readiness label.</summary>
    public const string NodeReadinessControllerName = "node-readiness";

    /// <summary>The controller that verifies each pod's utility VM.</summary>
    public const string PodVmVerificationControllerName = "pod-vm-verification";

    /// <summary>The component named as the source of the agent's Events.</summary>
    public const string EventComponent = "hyperv-isolation-node-agent";

    /// <summary>
    /// Adds the agent of the node <paramref name="options"/> names: a cache of that one Node, and the readiness controller.
    /// The caller registers the seams: <see cref="IKubernetes"/>, <see cref="Inspection.IHostInspector"/>,
    /// <see cref="Containerd.IContainerdService"/>, <see cref="Hcs.IHostComputeService"/> and containerd's
    /// <see cref="Cri.CriEndpoint"/> (Windows implementations on a node, the simulated node's in the local cluster).
    /// The agent always leads: it is the only writer of its own node.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="options">The agent's settings.</param>
    /// <returns>The services.</returns>
    /// <exception cref="OptionsValidationException">The options are invalid (every problem listed).</exception>
    public static IServiceCollection AddNodeAgent(this IServiceCollection services, NodeAgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(nameof(NodeAgentOptions), typeof(NodeAgentOptions), errors);
        }

        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        LimitHcsCalls(services, options.HcsOperationTimeout);
        services.TryAddSingleton<ILeadership, AlwaysLeading>();
        services.TryAddSingleton<IOptions<ControllerRuntimeOptions>>(Options.Create(new ControllerRuntimeOptions { Workers = 1 }));
        services.TryAddSingleton(provider => new NodeLabelWriter(provider.GetRequiredService<IKubernetes>()));
        services.TryAddSingleton(provider => new NodeCapacityWriter(provider.GetRequiredService<IKubernetes>()));
        services.TryAddSingleton(provider => new EventRecorder(
            new KubernetesEventWriter(provider.GetRequiredService<IKubernetes>(), NodeLabelWriter.FieldManager),
            EventComponent,
            options.NodeName,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<EventRecorder>>()));
        services.AddHostedService<EventRecorderService>();
        services.TryAddSingleton(provider => new CriRuntimeClient(provider.GetRequiredService<CriEndpoint>(), TimeSpan.FromSeconds(10)));
        services.AddMetrics();
        services.TryAddSingleton<VmStatistics>();
        services.TryAddSingleton(provider => new PodConditionWriter(provider.GetRequiredService<IKubernetes>(), provider.GetRequiredService<TimeProvider>()));

        services.AddInformer(new InformerScope<V1Node> { FieldSelector = "metadata.name=" + options.NodeName });

        // Heartbeats change the node every few seconds; only a label change (someone removing ours) needs a look now.
        services.AddController<NodeReadinessReconciler>(NodeReadinessControllerName, sources => sources
            .Watch<V1Node>(ObjectKeyMappings.Self, UpdatePredicates.LabelsChanged));
        // Only changes that can move the verdict now (the sandbox starting, a new size) start a pass; the rest waits for the resync.
        services.AddInformer(new InformerScope<V1Pod> { FieldSelector = "spec.nodeName=" + options.NodeName });
        services.AddController<PodVmVerificationReconciler>(PodVmVerificationControllerName, sources => sources
            .Watch<V1Pod>(ObjectKeyMappings.Self, PodVmVerificationTrigger.Matters));
        services.AddControllerRuntime();
        return services;
    }

    // Every HCS call of the agent gets a time limit, whichever implementation the caller registered: HcsCancelOperation
    // is not implemented, so a stuck HCS call would otherwise hang its reconcile for good.
    private static void LimitHcsCalls(IServiceCollection services, TimeSpan timeout)
    {
        if (services.LastOrDefault(descriptor => descriptor.ServiceType == typeof(IHostComputeService)) is not { } registered)
        {
            return;
        }

        services.Remove(registered);
        services.AddSingleton<IHostComputeService>(provider => new TimeLimitedHostComputeService(
            (IHostComputeService)(registered.ImplementationInstance
                ?? registered.ImplementationFactory?.Invoke(provider)
                ?? ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!)),
            timeout,
            provider.GetRequiredService<TimeProvider>()));
    }
}
