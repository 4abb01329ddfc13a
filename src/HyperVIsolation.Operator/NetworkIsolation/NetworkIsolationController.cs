using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.ControllerRuntime.Cache;
using HyperVIsolation.ControllerRuntime.Hosting;
using HyperVIsolation.ControllerRuntime.Leadership;
using HyperVIsolation.Operator.Hosting;
using HyperVIsolation.Operator.Policies;
using HyperVIsolation.Operator.PolicyAudit;
using HyperVIsolation.Operator.Reconciliation;
using HyperVIsolation.Operator.Sizing;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HyperVIsolation.Operator.NetworkIsolation;

/// <summary>Registers the <c>isolationpolicies</c> controller: NetworkPolicies per covered namespace and each policy's status.</summary>
public static class NetworkIsolationController
{
    /// <summary>The controller's name (logs, metrics, queue).</summary>
    public const string Name = "isolationpolicies";

    /// <summary>
    /// Adds the controller next to <c>AddHyperVIsolationOperator</c>. Its one key wakes when a policy's spec or
    /// labels change or a policy comes or goes, when a namespace's labels change or it starts terminating, and
    /// when a NetworkPolicy that is ours or bears one of our names changes.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddNetworkIsolationController(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddInformer<IsolationPolicy>();
        services.AddInformer<V1Namespace>();
        services.AddInformer<V1NetworkPolicy>();
        services.AddInformer<V1RuntimeClass>();
        services.AddVmSizer();
        services.TryAddSingleton(provider => new PolicyAuditRunner(
            provider.GetRequiredService<IKubernetes>(),
            provider.GetRequiredService<ResourceInformer<V1RuntimeClass>>(),
            provider.GetRequiredService<VmSizer>(),
            provider.GetRequiredService<IOptions<OperatorOptions>>().Value.PolicyAuditInterval,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<PolicyAuditRunner>>()));
        IsolatedWorkloadControllers.AddEventRecorder(services);
        services.TryAddSingleton<INetworkIsolationWriter>(provider => new KubernetesNetworkIsolationWriter(provider.GetRequiredService<IKubernetes>()));
        services.TryAddSingleton<PolicyStatusWriter>();
        services.TryAddSingleton(provider => ExcludedNamespaces.For(provider.GetRequiredService<LeaderElectionOptions>().LeaseNamespace));
        services.AddController<NetworkIsolationReconciler>(Name, sources => sources
            .Watch<IsolationPolicy>(_ => NetworkIsolationReconciler.Key, PolicyInputChanges.Policy)
            .Watch<V1Namespace>(_ => NetworkIsolationReconciler.Key, NamespaceMatters)
            .Watch<V1NetworkPolicy>(networkPolicy => Concerns(networkPolicy) ? NetworkIsolationReconciler.Key : null));
        return services;
    }

    private static bool NamespaceMatters(V1Namespace before, V1Namespace after) =>
        UpdatePredicates.LabelsChanged(before, after)
        || (before.Metadata?.DeletionTimestamp is null) != (after.Metadata?.DeletionTimestamp is null)
        || before.Status?.Phase != after.Status?.Phase;

    // Someone else's NetworkPolicy matters only when it holds, or stops holding, one of our names.
    private static bool Concerns(V1NetworkPolicy networkPolicy) =>
        NetworkPolicyOwnership.IsOurs(networkPolicy)
        || networkPolicy.Metadata?.Name is NetworkPolicyNames.DenyCrossNamespace or NetworkPolicyNames.BlockInstanceMetadata;
}
