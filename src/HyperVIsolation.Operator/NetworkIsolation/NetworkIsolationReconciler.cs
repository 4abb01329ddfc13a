using System.Net;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.ControllerRuntime.ApiAccess;
using HyperVIsolation.ControllerRuntime.Cache;
using HyperVIsolation.ControllerRuntime.Controllers;
using HyperVIsolation.ControllerRuntime.Events;
using HyperVIsolation.ControllerRuntime.Queue;
using HyperVIsolation.Operator.PolicyAudit;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.Operator.NetworkIsolation;

/// <summary>
/// Keeps in every covered namespace the NetworkPolicies <see cref="NetworkPolicyPlanner"/> decides, and writes
/// each IsolationPolicy's status. Creates missing ones, replaces ours whose rules or owners drifted, deletes ours
/// no policy asks for any more; a NetworkPolicy without the operator's label is never changed, even under one of
/// our names (the policies asking for that name report Stalled). One key for the whole cluster, because a
/// namespace's NetworkPolicies are the union of every policy covering it: two keys could write one namespace at
/// once. Idempotent, and a pass with nothing to change writes nothing. Audit-mode policies also report what the
/// periodic audit of their namespaces' existing pods found (<see cref="PolicyAuditRunner"/>); the key comes back
/// when the next audit is due.
/// </summary>
internal sealed partial class NetworkIsolationReconciler(
    ResourceInformer<IsolationPolicy> policies,
    ResourceInformer<V1Namespace> namespaces,
    ResourceInformer<V1NetworkPolicy> networkPolicies,
    INetworkIsolationWriter writer,
    PolicyStatusWriter statuses,
    PolicyAuditRunner audits,
    ExcludedNamespaces excluded,
    EventRecorder events,
    TimeProvider time,
    ILogger<NetworkIsolationReconciler> logger) : IReconciler
{
    /// <summary>The only key of this controller.</summary>
    public static readonly ObjectKey Key = new(null, "hyperv-network-isolation");

    /// <inheritdoc/>
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var policyList = policies.List();
        var plan = NetworkPolicyPlanner.Plan(policyList, namespaces.List(), excluded);
        var problems = new List<NetworkPolicyProblem>();
        foreach (var namespaceName in NamespacesToSync(plan))
        {
            await SyncNamespaceAsync(namespaceName, plan.DesiredIn(namespaceName), problems, cancellationToken);
        }

        var audit = await audits.RunIfDueAsync(policyList, plan.Coverage, cancellationToken);
        var statusesWritten = await WriteStatusesAsync(policyList, plan, problems, audit, cancellationToken);
        var retry = problems.Where(problem => !problem.NameTaken).Select(problem => $"{problem.Namespace}/{problem.Name}").ToList();
        if (retry.Count > 0 || !statusesWritten || audit.Failure is not null)
        {
            var failures = new List<string>(3);
            if (retry.Count > 0)
            {
                failures.Add($"NetworkPolicies not written: {string.Join(", ", retry)}");
            }

            if (!statusesWritten)
            {
                failures.Add("a policy status write failed");
            }

            if (audit.Failure is not null)
            {
                failures.Add(audit.Failure);
            }

            return ReconcileResult.Failed(string.Join("; ", failures));
        }

        return audit.NextAuditIn is { } nextAudit ? ReconcileResult.RequeueAfter(nextAudit) : ReconcileResult.Done;
    }

    // Namespaces that should hold some of ours, and those still holding some of ours; only those the cache knows
    // and that are not terminating (deleting a namespace deletes its NetworkPolicies).
    private IEnumerable<string> NamespacesToSync(NetworkIsolationPlan plan)
    {
        var holding = networkPolicies.List().Where(NetworkPolicyOwnership.IsOurs).Select(networkPolicy => networkPolicy.Metadata.NamespaceProperty);
        return plan.Desired.Keys
            .Concat(holding)
            .Distinct(StringComparer.Ordinal)
            .Where(name => namespaces.Get(new ObjectKey(null, name)) is { Metadata.DeletionTimestamp: null } ns && ns.Status?.Phase != "Terminating")
            .Order(StringComparer.Ordinal);
    }

    private async Task SyncNamespaceAsync(
        string namespaceName, IReadOnlyList<V1NetworkPolicy> desired, List<NetworkPolicyProblem> problems, CancellationToken cancellationToken)
    {
        foreach (var networkPolicy in desired)
        {
            var name = networkPolicy.Metadata.Name;
            try
            {
                if (!await EnsureAsync(networkPolicy, cancellationToken))
                {
                    problems.Add(new NetworkPolicyProblem(namespaceName, name, NameTaken: true));
                }
            }
            catch (Exception exception) when (ApiFailure.IsApiOrTransport(exception))
            {
                LogWriteFailed(exception, namespaceName, name);
                Record(networkPolicy, owner => events.Warning(owner, NetworkIsolationEventReasons.WriteFailed, $"Writing NetworkPolicy {namespaceName}/{name} failed: {ApiFailure.Describe(exception)}"));
                problems.Add(new NetworkPolicyProblem(namespaceName, name, NameTaken: false));
            }
        }

        var wanted = desired.Select(networkPolicy => networkPolicy.Metadata.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var unwanted in networkPolicies.List(namespaceName).Where(NetworkPolicyOwnership.IsOurs).Where(existing => !wanted.Contains(existing.Metadata.Name)))
        {
            try
            {
                await DeleteAsync(unwanted, cancellationToken);
            }
            catch (Exception exception) when (ApiFailure.IsApiOrTransport(exception))
            {
                LogWriteFailed(exception, namespaceName, unwanted.Metadata.Name);
                problems.Add(new NetworkPolicyProblem(namespaceName, unwanted.Metadata.Name, NameTaken: false));
            }
        }
    }

    /// <summary>Creates or updates one NetworkPolicy; false when the name is held by an object that is not ours.</summary>
    private async Task<bool> EnsureAsync(V1NetworkPolicy desired, CancellationToken cancellationToken)
    {
        var metadata = desired.Metadata;
        var existing = networkPolicies.Get(new ObjectKey(metadata.NamespaceProperty, metadata.Name));
        if (existing is null)
        {
            LogCreating(metadata.NamespaceProperty, metadata.Name);
            await writer.CreateNetworkPolicyAsync(desired, cancellationToken);
            Record(desired, owner => events.Normal(owner, NetworkIsolationEventReasons.Created, $"Created NetworkPolicy {metadata.NamespaceProperty}/{metadata.Name}"));
            return true;
        }

        if (!NetworkPolicyOwnership.IsOurs(existing))
        {
            Record(desired, owner => events.Warning(owner, NetworkIsolationEventReasons.NameTaken, $"NetworkPolicy {metadata.NamespaceProperty}/{metadata.Name} is not the operator's; left unchanged"));
            return false;
        }

        if (NetworkPolicyComparer.IsEquivalent(desired, existing))
        {
            return true;
        }

        // Labels and annotations others added stay; the rules and owners become ours again.
        LogUpdating(metadata.NamespaceProperty, metadata.Name);
        var replacement = new V1NetworkPolicy
        {
            ApiVersion = desired.ApiVersion,
            Kind = desired.Kind,
            Metadata = new V1ObjectMeta
            {
                Name = metadata.Name,
                NamespaceProperty = metadata.NamespaceProperty,
                ResourceVersion = existing.Metadata.ResourceVersion,
                Labels = MergedLabels(existing.Metadata.Labels, metadata.Labels),
                Annotations = existing.Metadata.Annotations,
                OwnerReferences = metadata.OwnerReferences,
            },
            Spec = desired.Spec,
        };
        await writer.ReplaceNetworkPolicyAsync(replacement, cancellationToken);
        Record(desired, owner => events.Normal(owner, NetworkIsolationEventReasons.Updated, $"Updated NetworkPolicy {metadata.NamespaceProperty}/{metadata.Name}"));
        return true;
    }

    private async Task DeleteAsync(V1NetworkPolicy unwanted, CancellationToken cancellationToken)
    {
        var metadata = unwanted.Metadata;
        LogDeleting(metadata.NamespaceProperty, metadata.Name);
        try
        {
            await writer.DeleteNetworkPolicyAsync(metadata.NamespaceProperty, metadata.Name, metadata.Uid, cancellationToken);
        }
        catch (Exception exception) when (ApiFailure.StatusOf(exception) is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            // Gone already (the garbage collector follows a deleted policy too), or replaced: its watch event brings us back.
            return;
        }

        // The policies that asked for it and still exist hear why it went (the field was turned off or the
        // namespace stopped matching); a deleted policy has no one left to tell.
        Record(unwanted, owner => events.Normal(owner, NetworkIsolationEventReasons.Deleted, $"Deleted NetworkPolicy {metadata.NamespaceProperty}/{metadata.Name}: no policy asks for it there any more"));
    }

    private async Task<bool> WriteStatusesAsync(
        IReadOnlyList<IsolationPolicy> policyList, NetworkIsolationPlan plan, IReadOnlyList<NetworkPolicyProblem> problems, PolicyAuditPass audit, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        var allWritten = true;
        foreach (var policy in policyList.Where(policy => policy.Metadata.DeletionTimestamp is null))
        {
            var current = new IsolationPolicy { Metadata = policy.Metadata, Spec = policy.Spec, Status = statuses.Current(policy) };
            var next = PolicyStatusCalculator.Compute(current, plan, problems, audit.Results.GetValueOrDefault(policy.Metadata.Name), now);
            try
            {
                if (await statuses.WriteIfChangedAsync(policy, next, cancellationToken))
                {
                    RecordAuditChange(policy, current.Status, next);
                }
            }
            catch (Exception exception) when (ApiFailure.IsApiOrTransport(exception))
            {
                // 404: deleted meanwhile; 409: the cache is behind. Both settle on a later pass.
                allWritten &= ApiFailure.StatusOf(exception) == HttpStatusCode.NotFound;
                LogStatusFailed(exception, policy.Metadata.Name);
            }
        }

        statuses.ForgetAllBut(policyList.Select(policy => policy.Metadata.Name).ToHashSet(StringComparer.Ordinal));
        return allWritten;
    }

    // One Event each time an audit's count changes, so `kubectl describe` shows when violations appeared and went.
    private void RecordAuditChange(IsolationPolicy policy, IsolationPolicyStatus? before, IsolationPolicyStatus after)
    {
        if (after.AuditViolations is not { } count || count == (before?.AuditViolations ?? 0))
        {
            return;
        }

        if (count == 0)
        {
            events.Normal(policy, NetworkIsolationEventReasons.AuditClean, "The audit found no violation in existing pods.");
            return;
        }

        var first = after.RecentViolations?.FirstOrDefault();
        var example = first is null ? string.Empty : $" Newest: pod {first.Namespace}/{first.Pod}: {first.Message}";
        events.Warning(policy, NetworkIsolationEventReasons.AuditViolations, $"The audit found {count} violation(s) in existing pods that Enforce mode would refuse.{example}");
    }

    private static Dictionary<string, string> MergedLabels(IDictionary<string, string>? existing, IDictionary<string, string> ours)
    {
        var labels = existing is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(existing, StringComparer.Ordinal);
        foreach (var (key, value) in ours)
        {
            labels[key] = value;
        }

        return labels;
    }

    // Events go to each policy named as an owner that the cache still holds.
    private void Record(V1NetworkPolicy networkPolicy, Action<IsolationPolicy> record)
    {
        foreach (var owner in networkPolicy.Metadata.OwnerReferences ?? [])
        {
            if (owner.Kind == IsolationPolicy.KindName && policies.Get(new ObjectKey(null, owner.Name)) is { } policy && policy.Metadata.Uid == owner.Uid)
            {
                record(policy);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Creating NetworkPolicy {Namespace}/{Name}")]
    private partial void LogCreating(string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Updating NetworkPolicy {Namespace}/{Name} (rules or owners changed)")]
    private partial void LogUpdating(string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleting NetworkPolicy {Namespace}/{Name}: no policy asks for it there")]
    private partial void LogDeleting(string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing NetworkPolicy {Namespace}/{Name} failed")]
    private partial void LogWriteFailed(Exception exception, string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing the status of IsolationPolicy {Name} failed")]
    private partial void LogStatusFailed(Exception exception, string name);
}
