using System.Net;
using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Tests.Admission;
using k8s;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Admission.EndToEnd;

/// <summary>
/// The escape table through the local API server's real admission chain: the tenant's request goes through
/// RuntimeClass admission, the operator's mutating webhook and its validating webhook over HTTPS, trusting
/// only the caBundle the operator registered.
/// </summary>
public sealed class PodEscapeEndToEndTests(WebhookClusterFixture cluster) : IClassFixture<WebhookClusterFixture>
{
    private static readonly string DeniedBy = $"admission webhook \"pods.validate.{ApiGroup.Group}\" denied the request: ";

    [Fact]
    public async Task TenantEscapeAttempts_ThroughTheApiServer_DeniedWithTheRuleMessage()
    {
        var cases = PodEscapeCases.All.Select((escape, index) => (Escape: escape, Pod: $"escape-{index}")).ToList();
        foreach (var (escape, pod) in cases)
        {
            await EscapeAttempt.PrepareAsync(cluster.Tenant, escape, pod);
        }

        var outcomes = new List<string>();
        foreach (var (escape, pod) in cases.Where(c => c.Escape.PolicyChange is null))
        {
            outcomes.Add(Describe(escape, await EscapeAttempt.RunAsync(cluster.Tenant, escape, pod)));
        }

        await RequireDigestsAsync();
        foreach (var (escape, pod) in cases.Where(c => c.Escape.PolicyChange is not null))
        {
            outcomes.Add(Describe(escape, await EscapeAttempt.RunAsync(cluster.Tenant, escape, pod)));
        }

        outcomes.Where(outcome => outcome.Length > 0).Should().BeEmpty();
        cases.Count(c => !NeutralisedBeforeValidation.Contains(c.Escape.Name)).Should().BeGreaterThanOrEqualTo(40, "the issue asks for at least 40 denials asserted through the real chain");
    }

    /// <summary>
    /// Attempts the chain defuses before validation sees them, so they are admitted harmlessly instead of
    /// denied: the mutator sets the RuntimeClass and replaces every tenant <c>io.microsoft.*</c> annotation
    /// with the operator's, and the ephemeralcontainers subresource only writes ephemeral containers.
    /// </summary>
    private static readonly HashSet<string> NeutralisedBeforeValidation = new(StringComparer.Ordinal)
    {
        "no RuntimeClass",
        "CPU group annotation",
        "dump directory annotation",
        "fully physically backed annotation",
        "writable shares annotation",
        "huge VM memory annotation",
        "more processors annotation",
        "unsafe operations turned back on",
        "unsafe operations annotation dropped",
        "container-level annotation",
        "upper-case Microsoft annotation",
        "ephemeral update smuggles RuntimeClass",
    };

    /// <summary>
    /// UPDATE attempts on pod spec fields that kube-apiserver's own validation refuses (422) before
    /// validating webhooks run: on a real cluster the webhook never sees them, so neither does it here.
    /// </summary>
    private static readonly HashSet<string> RefusedByApiServer = new(StringComparer.Ordinal)
    {
        "UPDATE RuntimeClass",
        "UPDATE nodeSelector",
        "UPDATE affinity",
        "UPDATE pod security context to HostProcess",
        "UPDATE container to privileged",
        "UPDATE host network",
        "UPDATE adds hostPath volume",
        "UPDATE OS",
    };

    private static string Describe(EscapeCase escape, (HttpStatusCode Status, string Message, V1Pod? Stored) outcome)
    {
        if (RefusedByApiServer.Contains(escape.Name))
        {
            return outcome.Status == HttpStatusCode.UnprocessableEntity && outcome.Message.Contains("spec: Forbidden: pod updates may not change fields other than", StringComparison.Ordinal)
                ? string.Empty
                : $"{escape.Name}: expected kube-apiserver's 422 for a pod spec update, got {(int)outcome.Status} {outcome.Message}";
        }

        if (NeutralisedBeforeValidation.Contains(escape.Name))
        {
            return outcome.Stored is { } stored && IsContained(stored)
                ? string.Empty
                : $"{escape.Name}: expected to be admitted with the operator's isolation, got {(int)outcome.Status} {outcome.Message} {(outcome.Stored is null ? string.Empty : k8s.KubernetesJson.Serialize(outcome.Stored.Metadata.Annotations))}";
        }

        return outcome.Status == HttpStatusCode.Forbidden && outcome.Message.Contains(DeniedBy, StringComparison.Ordinal) && outcome.Message.Contains(escape.Fragment, StringComparison.Ordinal)
            ? string.Empty
            : $"{escape.Name}: {(int)outcome.Status} {outcome.Message}";
    }

    /// <summary>The stored pod runs in our Hyper-V class with exactly the operator's <c>io.microsoft.*</c> annotations.</summary>
    private static bool IsContained(V1Pod stored)
    {
        var expected = MicrosoftAnnotations(AdmissionFixtures.ConformingPod());
        var actual = MicrosoftAnnotations(stored);
        return stored.Spec.RuntimeClassName == "hyperv-ltsc2022" && actual.Count == expected.Count && !actual.Except(expected).Any();
    }

    private static List<KeyValuePair<string, string>> MicrosoftAnnotations(V1Pod pod) =>
        (pod.Metadata.Annotations ?? new Dictionary<string, string>())
            .Where(entry => entry.Key.StartsWith("io.microsoft.", StringComparison.OrdinalIgnoreCase))
            .ToList();

    private async Task RequireDigestsAsync()
    {
        var patch = new V1Patch("""{"spec":{"requireImageDigest":true}}""", V1Patch.PatchType.MergePatch);
        await cluster.Admin.CustomObjects.PatchClusterCustomObjectAsync(patch, ApiGroup.Group, ApiGroup.Version, IsolationPolicy.Plural, AdmissionFixtures.PolicyName);

        // The webhook reads policies from its cache: wait until it has seen the change.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        for (var probe = 0; ; probe++)
        {
            var unpinned = new EscapeCase("probe", EscapeRoute.Create, _ => { }, string.Empty, string.Empty, string.Empty);
            var (status, message, _) = await EscapeAttempt.RunAsync(cluster.Tenant, unpinned, $"digest-probe-{probe}");
            if (status == HttpStatusCode.Forbidden && message.Contains("must be pinned by digest", StringComparison.Ordinal))
            {
                return;
            }

            DateTime.UtcNow.Should().BeBefore(deadline, "the webhook should see requireImageDigest within 10 s");
            await Task.Delay(100);
        }
    }
}
