using System.Net;
using System.Text.Json.Nodes;
using HyperVIsolation.Operator.Tests.Admission;

namespace HyperVIsolation.Operator.Tests.Admission.Http;

/// <summary>The escape table again, as AdmissionReviews over HTTPS to the real endpoints.</summary>
public sealed class PodEscapeHttpTests
{
    [Fact]
    public async Task ValidatePods_EveryEscapeAttempt_DeniedWith403NamingFieldAndRule()
    {
        var failures = new List<string>();
        foreach (var group in PodEscapeCases.All.GroupBy(escape => escape.PolicyChange is null))
        {
            await using var server = await AdmissionServer.StartAsync(AdmissionFixtures.State(group.First().Policy()));
            foreach (var escape in group)
            {
                var (old, pod) = escape.Pods();
                var review = AdmissionFixtures.Review(old is null ? "CREATE" : "UPDATE", pod, old, subResource: escape.SubResource);

                var response = await server.ReviewAsync("/validate/pods", review);

                if (response["allowed"]!.GetValue<bool>())
                {
                    failures.Add($"{escape.Name}: allowed");
                    continue;
                }

                var status = response["status"]!;
                var causes = status["details"]!["causes"]!.AsArray();
                var matches = status["code"]!.GetValue<int>() == 403
                    && status["reason"]!.GetValue<string>() == "Forbidden"
                    && status["message"]!.GetValue<string>().Contains(escape.Fragment, StringComparison.Ordinal)
                    && causes.Any(cause => cause!["field"]!.GetValue<string>() == escape.Field && cause["reason"]!.GetValue<string>() == escape.RuleId);
                if (!matches)
                {
                    failures.Add($"{escape.Name}: {status.ToJsonString()}");
                }
            }
        }

        failures.Should().BeEmpty();
    }

    [Fact]
    public async Task MutateThenValidate_SubmittedPod_PatchAppliedAndAllowed()
    {
        await using var server = await AdmissionServer.StartAsync(AdmissionFixtures.State());
        var submitted = AdmissionFixtures.SubmittedPod();

        var mutation = await server.ReviewAsync("/mutate/pods", AdmissionFixtures.Review("CREATE", submitted));

        mutation["allowed"]!.GetValue<bool>().Should().BeTrue();
        mutation["patchType"]!.GetValue<string>().Should().Be("JSONPatch");
        var operations = JsonNode.Parse(Convert.FromBase64String(mutation["patch"]!.GetValue<string>()))!.AsArray();
        var patched = LocalApiServer.Patching.Json.JsonPatch.Apply(JsonNode.Parse(k8s.KubernetesJson.Serialize(submitted)), operations)!;
        patched["spec"]!["runtimeClassName"]!.GetValue<string>().Should().Be("hyperv-ltsc2022");

        var validation = await server.ReviewAsync("/validate/pods", AdmissionFixtures.Review("CREATE", k8s.KubernetesJson.Deserialize<k8s.Models.V1Pod>(patched.ToJsonString())));
        validation["allowed"]!.GetValue<bool>().Should().BeTrue(validation.ToJsonString());
        validation.Should().NotContainKey("status");
    }

    [Fact]
    public async Task ValidatePods_AuditPolicy_AllowsWithWarnings()
    {
        var audit = AdmissionFixtures.Policy(spec => spec.Mode = Api.V1Alpha1.PolicyMode.Audit);
        await using var server = await AdmissionServer.StartAsync(AdmissionFixtures.State(audit));
        var pod = AdmissionFixtures.ConformingPod(audit);
        pod.Spec.HostNetwork = true;

        var response = await server.ReviewAsync("/validate/pods", AdmissionFixtures.Review("CREATE", pod));

        response["allowed"]!.GetValue<bool>().Should().BeTrue();
        response["warnings"]!.AsArray().Select(warning => warning!.GetValue<string>()).Should()
            .Contain("audit: spec.hostNetwork: pods in namespace 'tenant-a' may not use the host network (IsolationPolicy 'untrusted-tenants').");
    }

    [Fact]
    public async Task Post_BodyOverLimit_413()
    {
        await using var server = await AdmissionServer.StartAsync(AdmissionFixtures.State(), maxBodyBytes: 64 * 1024);
        var pod = AdmissionFixtures.ConformingPod();
        pod.Metadata.Annotations["padding"] = new string('x', 100 * 1024);

        var (status, _) = await server.PostAsync("/validate/pods", AdmissionFixtures.Review("CREATE", pod));

        status.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Post_ChunkedBodyOverLimit_413()
    {
        await using var server = await AdmissionServer.StartAsync(AdmissionFixtures.State(), maxBodyBytes: 64 * 1024);
        var pod = AdmissionFixtures.ConformingPod();
        pod.Metadata.Annotations["padding"] = new string('x', 100 * 1024);

        using var response = await server.Client.PostAsync("/validate/pods", Chunked(AdmissionFixtures.Review("CREATE", pod)));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Post_ChunkedBodyInManySegments_DecidedLikeOneBuffer()
    {
        await using var server = await AdmissionServer.StartAsync(AdmissionFixtures.State());
        var pod = AdmissionFixtures.ConformingPod();
        pod.Spec.HostNetwork = true;
        pod.Metadata.Annotations["padding"] = new string('x', 200 * 1024);

        using var response = await server.Client.PostAsync("/validate/pods", Chunked(AdmissionFixtures.Review("CREATE", pod)));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var review = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        review["response"]!["allowed"]!.GetValue<bool>().Should().BeFalse();
        review["response"]!["status"]!["message"]!.GetValue<string>().Should().Contain("spec.hostNetwork");
    }

    private static ChunkedContent Chunked(string body) => new(System.Text.Encoding.UTF8.GetBytes(body));

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1beta1","kind":"AdmissionReview","request":{"uid":"1"}}""")]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1","kind":"Pod","request":{"uid":"1"}}""")]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview"}""")]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":""}}""")]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":5}}""")]
    public async Task Post_MalformedReview_400(string body)
    {
        await using var server = await AdmissionServer.StartAsync(AdmissionFixtures.State());

        var (status, _) = await server.PostAsync("/validate/pods", body);

        status.Should().Be(HttpStatusCode.BadRequest);
    }
}
