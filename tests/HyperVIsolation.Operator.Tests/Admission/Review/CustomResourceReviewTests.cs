using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Admission.Http;
using HyperVIsolation.Operator.Admission.Review;
using HyperVIsolation.Operator.Tests.Admission;

namespace HyperVIsolation.Operator.Tests.Admission.Review;

public sealed class CustomResourceReviewTests
{
    private static readonly AdmissionReviewHandler Handler = AdmissionReviewFuzzTests.CreateHandler(AdmissionFixtures.State());

    [Fact]
    public void ValidateIsolationPolicies_DefaultAboveCap_DeniedNamingField()
    {
        var policy = AdmissionFixtures.Policy(spec => spec.Vm = new VmSizePolicy { DefaultMemoryMiB = 4096, MaxMemoryMiB = 2048 });

        var response = Respond(AdmissionEndpoint.ValidateIsolationPolicies, AdmissionFixtures.Review("CREATE", policy, group: ApiGroup.Group, resource: "isolationpolicies", kind: "IsolationPolicy", ns: null));

        response.GetProperty("allowed").GetBoolean().Should().BeFalse();
        response.GetProperty("status").GetProperty("message").GetString().Should().Contain("spec.vm.defaultMemoryMiB: defaultMemoryMiB (4096) is above maxMemoryMiB (2048)");
    }

    [Fact]
    public void ValidateIsolatedWorkloads_ProcessIsolationNotAllowed_Denied()
    {
        var workload = new IsolatedWorkload
        {
            Metadata = new k8s.Models.V1ObjectMeta { Name = "web", NamespaceProperty = AdmissionFixtures.Tenant },
            Spec = new IsolatedWorkloadSpec { Isolation = IsolationMode.Process, Template = new WorkloadTemplate { Containers = [new WorkloadContainer { Name = "app", Image = AdmissionFixtures.NanoServer }] } },
        };

        var response = Respond(AdmissionEndpoint.ValidateIsolatedWorkloads, AdmissionFixtures.Review("CREATE", workload, group: ApiGroup.Group, resource: "isolatedworkloads", kind: "IsolatedWorkload"));

        response.GetProperty("allowed").GetBoolean().Should().BeFalse(response.ToString());
        response.GetProperty("status").GetProperty("message").GetString().Should().Contain("spec.isolation: Process isolation shares the host kernel");
    }

    [Fact]
    public void ValidatePods_WrongResource_WellFormedBadRequestDenial()
    {
        var response = Respond(AdmissionEndpoint.ValidatePods, AdmissionFixtures.Review("CREATE", new k8s.Models.V1Namespace(), resource: "namespaces", kind: "Namespace"));

        response.GetProperty("allowed").GetBoolean().Should().BeFalse();
        response.GetProperty("status").GetProperty("code").GetInt32().Should().Be(400);
        response.GetProperty("status").GetProperty("message").GetString().Should().Be("This webhook validates pods, not namespaces.");
    }

    [Theory]
    [InlineData("DELETE")]
    [InlineData("CONNECT")]
    public void ValidatePods_DeleteOrConnect_Allowed(string operation) =>
        Respond(AdmissionEndpoint.ValidatePods, AdmissionFixtures.Review(operation, null, AdmissionFixtures.ConformingPod())).GetProperty("allowed").GetBoolean().Should().BeTrue();

    [Fact]
    public void ValidatePods_UncoveredNamespace_HostNetworkAllowed()
    {
        var pod = AdmissionFixtures.SubmittedPod();
        pod.Spec.HostNetwork = true;

        Respond(AdmissionEndpoint.ValidatePods, AdmissionFixtures.Review("CREATE", pod, ns: "trusted")).GetProperty("allowed").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public void ValidatePods_UnreadableQuantity_BadRequestDenial()
    {
        var review = AdmissionFixtures.Review("CREATE", AdmissionFixtures.ConformingPod()).Replace("\"512Mi\"", "\"lots\"", StringComparison.Ordinal);

        var response = Respond(AdmissionEndpoint.ValidatePods, review);

        response.GetProperty("allowed").GetBoolean().Should().BeFalse();
        response.GetProperty("status").GetProperty("code").GetInt32().Should().Be(400);
    }

    private static System.Text.Json.JsonElement Respond(AdmissionEndpoint endpoint, string review)
    {
        var result = Handler.Handle(System.Text.Encoding.UTF8.GetBytes(review), endpoint);
        result.StatusCode.Should().Be(200);
        return System.Text.Json.JsonDocument.Parse(result.Body).RootElement.GetProperty("response").Clone();
    }
}
