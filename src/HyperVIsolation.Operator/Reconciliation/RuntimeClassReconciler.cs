using System.Net;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.ControllerRuntime.ApiAccess;
using HyperVIsolation.ControllerRuntime.Cache;
using HyperVIsolation.ControllerRuntime.Controllers;
using HyperVIsolation.ControllerRuntime.Queue;
using HyperVIsolation.Operator.Sizing;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>
/// Keeps one Hyper-V RuntimeClass per host build that some workload's plan uses
/// (<see cref="RuntimeClassRenderer"/>): creates missing ones, updates ours whose overhead or
/// scheduling drifted (delete and create only when the immutable handler differs), and deletes ours
/// that no plan wants and no pod uses. Classes without the operator's managed-by label are never
/// touched, even when they carry one of our names. One key for the whole cluster; idempotent, and a
/// reconcile with nothing to change writes nothing.
/// </summary>
internal sealed partial class RuntimeClassReconciler(
    ResourceInformer<IsolatedWorkload> workloads,
    ResourceInformer<V1Pod> pods,
    ResourceInformer<V1RuntimeClass> runtimeClasses,
    CachedWorkloadPlanner planner,
    IClusterWriter writer,
    ILogger<RuntimeClassReconciler> logger) : IReconciler
{
    /// <summary>The only key of this controller: every change that can alter the set of classes maps to it.</summary>
    public static readonly ObjectKey Key = new(null, "hyperv-runtimeclasses");

    /// <inheritdoc/>
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var desired = RuntimeClassRenderer.RenderAll(Demands(), new VmSizer(planner.Options.Footprints));
        try
        {
            foreach (var runtimeClass in desired)
            {
                await EnsureAsync(runtimeClass, cancellationToken);
            }

            await DeleteUnusedAsync(desired.Select(runtimeClass => runtimeClass.Metadata.Name).ToHashSet(StringComparer.Ordinal), cancellationToken);
            return ReconcileResult.Done;
        }
        catch (Exception exception) when (ApiFailure.IsApiOrTransport(exception))
        {
            LogApiError(exception);
            return ApiFailure.StatusOf(exception) == HttpStatusCode.NotFound
                ? ReconcileResult.RequeueAfter(TimeSpan.Zero)
                : ApiFailure.ResultOf(exception, "RuntimeClasses");
        }
    }

    private List<RuntimeClassDemand> Demands()
    {
        var demands = new List<RuntimeClassDemand>();
        foreach (var workload in workloads.List().Where(workload => workload.Metadata?.DeletionTimestamp is null))
        {
            var owned = string.IsNullOrEmpty(workload.Metadata.Uid) ? [] : pods.ListByOwner(workload.Metadata.Uid);
            var result = planner.Plan(workload, owned);
            if (result.IsSuccess && RuntimeClassDemand.Of(result.Plan) is { } demand)
            {
                demands.Add(demand);
            }
        }

        return demands;
    }

    private async Task EnsureAsync(V1RuntimeClass desired, CancellationToken cancellationToken)
    {
        var name = desired.Metadata.Name;
        var existing = runtimeClasses.Get(new ObjectKey(null, name));
        if (existing is null)
        {
            LogCreating(name);
            await writer.CreateRuntimeClassAsync(desired, cancellationToken);
            return;
        }

        if (!RuntimeClassOwnership.IsOurs(existing) || RuntimeClassComparer.IsEquivalent(desired, existing))
        {
            return;
        }

        if (RuntimeClassComparer.NeedsRecreate(desired, existing))
        {
            // Pods already admitted keep their copied overhead and node selector; new pods get the new class.
            LogRecreating(name);
            await writer.DeleteRuntimeClassAsync(name, existing.Metadata.Uid, cancellationToken);
            await writer.CreateRuntimeClassAsync(desired, cancellationToken);
            return;
        }

        LogUpdating(name);
        desired.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
        await writer.ReplaceRuntimeClassAsync(desired, cancellationToken);
    }

    private async Task DeleteUnusedAsync(HashSet<string> desired, CancellationToken cancellationToken)
    {
        var inUse = pods.List().Select(pod => pod.Spec?.RuntimeClassName).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var unused = runtimeClasses.List()
            .Where(RuntimeClassOwnership.IsOurs)
            .Where(runtimeClass => !desired.Contains(runtimeClass.Metadata.Name) && !inUse.Contains(runtimeClass.Metadata.Name));
        foreach (var runtimeClass in unused)
        {
            LogDeleting(runtimeClass.Metadata.Name);
            try
            {
                await writer.DeleteRuntimeClassAsync(runtimeClass.Metadata.Name, runtimeClass.Metadata.Uid, cancellationToken);
            }
            catch (Exception exception) when (ApiFailure.StatusOf(exception) is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
            {
                // Gone already, or replaced by a class we have not seen yet: its watch event brings us back.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Creating RuntimeClass {Name}")]
    private partial void LogCreating(string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Updating RuntimeClass {Name} (overhead or scheduling changed)")]
    private partial void LogUpdating(string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recreating RuntimeClass {Name} (its handler is immutable)")]
    private partial void LogRecreating(string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleting RuntimeClass {Name}: no workload plans it and no pod uses it")]
    private partial void LogDeleting(string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "RuntimeClasses: API call failed")]
    private partial void LogApiError(Exception exception);
}
