using System.Net;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.ControllerRuntime.ApiAccess;
using HyperVIsolation.ControllerRuntime.Cache;
using HyperVIsolation.Operator.Admission.Json;
using HyperVIsolation.Operator.Policies;
using HyperVIsolation.Operator.Sizing;
using HyperVIsolation.Operator.Validation;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.Operator.PolicyAudit;

/// <summary>
/// Runs the audit of Audit-mode IsolationPolicies when it is due: every <c>PolicyAuditInterval</c>, and at once when
/// the set of Audit-mode policies, their generations or the namespaces they cover change. It lists the pods of the
/// covered namespaces page by page (tenant pods are not cached: the operator's pod cache holds only its own pods)
/// and keeps the last results, which the policies' status reports until the next audit. Only the isolationpolicies
/// controller calls it, from its one key, so calls never overlap.
/// </summary>
internal sealed partial class PolicyAuditRunner(
    IKubernetes client,
    ResourceInformer<V1RuntimeClass> runtimeClasses,
    VmSizer sizer,
    TimeSpan interval,
    TimeProvider time,
    ILogger<PolicyAuditRunner> logger)
{
    private const int PageSize = 500;

    private IReadOnlyDictionary<string, PolicyAuditResult> results = new Dictionary<string, PolicyAuditResult>(StringComparer.Ordinal);
    private string? auditedInputs;
    private DateTimeOffset lastAudit;

    /// <summary>
    /// Audits when due and answers the results by policy name (Audit-mode policies only), with how long until the next
    /// audit; <see langword="null"/> when no policy audits. When listing pods fails, the previous results stay, the pass
    /// says why, and the next call tries again.
    /// </summary>
    /// <param name="policies">Every policy.</param>
    /// <param name="coverage">By policy name, the namespaces it covers.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    public async Task<PolicyAuditPass> RunIfDueAsync(
        IReadOnlyList<IsolationPolicy> policies, IReadOnlyDictionary<string, IReadOnlyList<string>> coverage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(coverage);
        var auditing = policies.Where(IsAudited).OrderBy(policy => policy.Metadata.Name, StringComparer.Ordinal).ToList();
        if (auditing.Count == 0)
        {
            results = new Dictionary<string, PolicyAuditResult>(StringComparer.Ordinal);
            auditedInputs = null;
            return new PolicyAuditPass(results, null);
        }

        var inputs = Describe(auditing, coverage);
        var now = time.GetUtcNow();
        if (inputs == auditedInputs && now - lastAudit < interval)
        {
            return new PolicyAuditPass(results, interval - (now - lastAudit));
        }

        try
        {
            results = await AuditAsync(auditing, coverage, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (ApiFailure.IsApiOrTransport(exception))
        {
            LogAuditFailed(exception);
            return new PolicyAuditPass(results, null, $"listing pods for the policy audit failed: {ApiFailure.Describe(exception)}");
        }

        auditedInputs = inputs;
        lastAudit = time.GetUtcNow();
        return new PolicyAuditPass(results, interval);
    }

    // An invalid policy reports InvalidSpec instead; a deleted one reports nothing.
    private static bool IsAudited(IsolationPolicy policy) =>
        policy.Metadata.DeletionTimestamp is null
        && policy.Spec is { Mode: PolicyMode.Audit } spec
        && IsolationPolicyValidator.Validate(spec).Count == 0;

    private static string Describe(IReadOnlyList<IsolationPolicy> auditing, IReadOnlyDictionary<string, IReadOnlyList<string>> coverage) =>
        string.Join(';', auditing.Select(policy =>
            $"{policy.Metadata.Uid}/{policy.Metadata.Generation}:{string.Join(',', coverage.GetValueOrDefault(policy.Metadata.Name) ?? [])}"));

    private async Task<IReadOnlyDictionary<string, PolicyAuditResult>> AuditAsync(
        IReadOnlyList<IsolationPolicy> auditing, IReadOnlyDictionary<string, IReadOnlyList<string>> coverage, CancellationToken cancellationToken)
    {
        var recurring = new RecurringValues();
        var classes = runtimeClasses.List().Select(IsolationRuntimeClass.FromRuntimeClass).OfType<IsolationRuntimeClass>().ToList();
        var podsByNamespace = new Dictionary<string, IReadOnlyList<AuditedPod>>(StringComparer.Ordinal);
        var audited = new Dictionary<string, PolicyAuditResult>(StringComparer.Ordinal);
        foreach (var policy in auditing)
        {
            var pods = new List<AuditedPod>();
            foreach (var namespaceName in coverage.GetValueOrDefault(policy.Metadata.Name) ?? [])
            {
                if (!podsByNamespace.TryGetValue(namespaceName, out var inNamespace))
                {
                    inNamespace = await ListAsync(namespaceName, recurring, cancellationToken).ConfigureAwait(false);
                    podsByNamespace[namespaceName] = inNamespace;
                }

                pods.AddRange(inNamespace);
            }

            var result = PolicyAuditor.Audit(policy, pods, classes, sizer);
            audited[policy.Metadata.Name] = result;
            LogAudited(policy.Metadata.Name, pods.Count, result.Violations);
        }

        return audited;
    }

    private async Task<IReadOnlyList<AuditedPod>> ListAsync(string namespaceName, RecurringValues recurring, CancellationToken cancellationToken)
    {
        var pods = new List<AuditedPod>();
        string? continueToken = null;
        var restarts = 0;
        while (true)
        {
            V1PodList page;
            try
            {
                page = await client.CoreV1.ListNamespacedPodAsync(namespaceName, continueParameter: continueToken, limit: PageSize, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (continueToken is not null && restarts < 3 && ApiFailure.StatusOf(exception) == HttpStatusCode.Gone)
            {
                // The continue token expired (a compaction): the namespace is read again from its first page.
                pods.Clear();
                continueToken = null;
                restarts++;
                continue;
            }

            foreach (var pod in page.Items ?? [])
            {
                // A pod on its way out is no longer the tenant's to fix.
                if (pod.Metadata?.DeletionTimestamp is null)
                {
                    pods.Add(AuditedPodReader.Read(pod, recurring));
                }
            }

            if (page.Metadata?.ContinueProperty is not { Length: > 0 } next)
            {
                return pods;
            }

            continueToken = next;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Audited IsolationPolicy {Name}: {Pods} pod(s), {Violations} violation(s)")]
    private partial void LogAudited(string name, int pods, int violations);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The audit of Audit-mode IsolationPolicies could not list pods; the last results stand")]
    private partial void LogAuditFailed(Exception exception);
}
