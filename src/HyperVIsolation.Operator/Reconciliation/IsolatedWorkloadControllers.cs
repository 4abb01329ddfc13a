using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.ControllerRuntime.Cache;
using HyperVIsolation.ControllerRuntime.Events;
using HyperVIsolation.ControllerRuntime.Hosting;
using HyperVIsolation.ControllerRuntime.Queue;
using HyperVIsolation.Operator.Hosting;
using HyperVIsolation.Operator.Policies;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>Registers the IsolatedWorkload and RuntimeClass controllers, their caches and what wakes them.</summary>
public static class IsolatedWorkloadControllers
{
    /// <summary>The workload controller's name (logs, metrics, queue).</summary>
    public const string WorkloadControllerName = "isolatedworkloads";

    /// <summary>The RuntimeClass controller's name.</summary>
    public const string RuntimeClassControllerName = "runtimeclasses";

    /// <summary>The component named as the source of the operator's Events.</summary>
    public const string EventComponent = "hyperv-isolation";

    /// <summary>How long changes that concern RuntimeClasses gather before one RuntimeClass reconcile handles them all.</summary>
    internal static readonly TimeSpan RuntimeClassBatchDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Adds both controllers next to <see cref="OperatorServiceCollectionExtensions.AddHyperVIsolationOperator"/>.
    /// The workload controller wakes on the workload itself, on its pods (by controller reference, or by
    /// label for orphans) and fans out to every affected workload when a node's build or readiness, a
    /// policy, a namespace's labels or a RuntimeClass changes. The RuntimeClass controller has one key that
    /// every change able to alter the set of classes maps to.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddIsolatedWorkloadControllers(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddInformer<IsolatedWorkload>();
        services.AddInformer<IsolationPolicy>();
        services.AddInformer(CachedObjectShapes.WorkloadPods);
        services.AddInformer(CachedObjectShapes.Nodes);
        services.AddInformer<V1RuntimeClass>();
        services.AddInformer<V1Namespace>();

        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<OperatorOptions>>().Value;
            return new ReconciliationOptions { ReadinessGateEnabled = options.PodReadinessGate, StatusProgressInterval = options.StatusProgressInterval };
        });
        services.TryAddSingleton(provider => new PodExpectations(provider.GetRequiredService<TimeProvider>()));
        AddEventRecorder(services);
        services.TryAddSingleton<CachedWorkloadPlanner>();
        services.TryAddSingleton<PodClaims>();
        services.TryAddSingleton<WorkloadPodWriter>();
        services.TryAddSingleton<WorkloadStatusWriter>();

        // The workload's own status writes and its pods' binding and status churn wake nothing: only
        // what a reconcile reads does (a relist's synthetic updates pass through the same filters). Like
        // controller-runtime's GenerationChangedPredicate, a status changed by someone else is put right
        // on the workload's next relevant change, not at once.
        services.AddController<WorkloadReconciler>(WorkloadControllerName, sources => sources
            .Watch<IsolatedWorkload>(ObjectKeyMappings.Self, RelevantChanges.WorkloadSpec)
            .Watch<V1Pod>(WorkloadOfPod, RelevantChanges.PodForWorkload));
        services.AddController<RuntimeClassReconciler>(RuntimeClassControllerName, sources => sources
            .Watch<V1RuntimeClass>(_ => RuntimeClassReconciler.Key));

        services.AddSingleton<IResourceChangeHandler<V1Pod>, PodExpectationObserver>();
        AddFanOut<V1Node>(services, PolicyInputChanges.Node, sameNamespaceOnly: false);
        AddFanOut<IsolationPolicy>(services, PolicyInputChanges.Policy, sameNamespaceOnly: false);
        AddFanOut<V1Namespace>(services, PolicyInputChanges.Namespace, sameNamespaceOnly: true);
        services.AddSingleton<IResourceChangeHandler<V1RuntimeClass>>(provider => new RelevantChangeHandler<V1RuntimeClass>(
            () => provider.GetRequiredService<ControllerQueues>()[WorkloadControllerName], _ => AllWorkloads(provider, null), (_, _) => true));
        AddRuntimeClassTrigger<IsolatedWorkload>(services, RelevantChanges.WorkloadSpec);
        AddRuntimeClassTrigger<V1Pod>(services, RelevantChanges.PodRuntimeClassUse);
        return services;
    }

    /// <summary>
    /// Adds the operator's one Event recorder (writing through <see cref="IClusterWriter"/>) and its background
    /// writer; every controller of the operator shares them, so adding it twice keeps the first.
    /// </summary>
    internal static void AddEventRecorder(IServiceCollection services)
    {
        services.TryAddSingleton<IClusterWriter>(provider => new KubernetesClusterWriter(provider.GetRequiredService<IKubernetes>()));
        services.TryAddSingleton(provider => new EventRecorder(
            provider.GetRequiredService<IClusterWriter>(), EventComponent, null, provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<EventRecorder>>()));
        services.AddHostedService<EventRecorderService>();
    }

    /// <summary>A pod wakes its controlling workload, or the workload its label names (an orphan to adopt).</summary>
    private static ObjectKey? WorkloadOfPod(V1Pod pod)
    {
        if (ObjectKeyMappings.ControllerOwner(IsolatedWorkload.KindName)(pod) is { } owner)
        {
            return owner;
        }

        return pod.Metadata?.Labels?.TryGetValue(WellKnownLabels.Workload, out var name) == true && !string.IsNullOrEmpty(name)
            ? new ObjectKey(pod.Metadata.NamespaceProperty, name)
            : null;
    }

    /// <summary>Changes of <typeparamref name="T"/> that matter wake the affected workloads and the RuntimeClass controller.</summary>
    private static void AddFanOut<T>(IServiceCollection services, Func<T, T, bool> matters, bool sameNamespaceOnly)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        services.AddSingleton<IResourceChangeHandler<T>>(provider => new RelevantChangeHandler<T>(
            () => provider.GetRequiredService<ControllerQueues>()[WorkloadControllerName],
            obj => AllWorkloads(provider, sameNamespaceOnly ? obj.Metadata?.Name : null),
            matters));
        AddRuntimeClassTrigger(services, matters);
    }

    // The RuntimeClass reconcile looks at every workload, so a burst of new workloads (an Argo CD sync,
    // the benchmark's 1,000) is batched into one pass per delay instead of one pass per workload.
    private static void AddRuntimeClassTrigger<T>(IServiceCollection services, Func<T, T, bool> matters)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        services.AddSingleton<IResourceChangeHandler<T>>(provider => new RelevantChangeHandler<T>(
            () => provider.GetRequiredService<ControllerQueues>()[RuntimeClassControllerName], _ => [RuntimeClassReconciler.Key], matters, RuntimeClassBatchDelay));

    private static IEnumerable<ObjectKey> AllWorkloads(IServiceProvider provider, string? @namespace) =>
        provider.GetRequiredService<ResourceInformer<IsolatedWorkload>>().List(@namespace).Select(ObjectKey.From);
}
