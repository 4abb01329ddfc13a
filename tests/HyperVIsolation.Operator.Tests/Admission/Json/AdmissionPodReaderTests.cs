using System.Text;
using System.Text.Json;
using HyperVIsolation.Operator.Admission.Http;
using HyperVIsolation.Operator.Admission.Json;
using HyperVIsolation.Operator.Admission.Mutation;
using HyperVIsolation.Operator.Admission.Pods;
using HyperVIsolation.Operator.Admission.Review;
using HyperVIsolation.Operator.Admission.Rules;
using HyperVIsolation.Operator.Tests.Admission;
using HyperVIsolation.Operator.Tests.Admission.Pods;
using HyperVIsolation.Operator.Tests.Admission.Review;
using k8s;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Admission.Json;

/// <summary>
/// The webhook reads pods into <see cref="AdmissionPod"/>, which holds only what the rules read. These tests fail when
/// the reader and <see cref="AdmissionPodProjection"/> (how every other test builds the rules' input) disagree on any
/// member, on pods with every Kubernetes field set, and when a decision differs between a pod read from JSON and the
/// full pod.
/// </summary>
public sealed class AdmissionPodReaderTests
{
    private static readonly AdmissionReviewHandler Handler = AdmissionReviewFuzzTests.CreateHandler(AdmissionFixtures.State());

    private readonly RecurringValues recurring = new();

    [Fact]
    public void Read_PodsWithEveryFieldSet_SameAsTheProjectionOfTheFullPod()
    {
        var random = new Random(12);
        for (var i = 0; i < 40; i++)
        {
            var json = KubernetesJson.Serialize(FullPodGenerator.Next(random));

            var read = AdmissionPodReader.Read(Encoding.UTF8.GetBytes(json), recurring);

            read.Should().BeEquivalentTo(AdmissionPodProjection.From(KubernetesJson.Deserialize<V1Pod>(json)), Strictly);
        }
    }

    [Fact]
    public void Projection_PodWithEveryFieldSet_EveryAdmissionMemberSet()
    {
        // Without this, a member the generator left unset would compare null with null above and prove nothing.
        var projected = AdmissionPodProjection.From(FullPodGenerator.Next(new Random(13)));

        UnsetMembers(projected, "pod").Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(PodEscapeCases.Names), MemberType = typeof(PodEscapeCases))]
    public void Evaluate_EscapeAttemptReadFromJson_SameViolationsAsFullPod(string name)
    {
        var escape = PodEscapeCases.Named(name);
        var (old, pod) = escape.Pods();

        var full = PodIsolationRules.Evaluate(AdmissionFixtures.Input(pod, old, escape.SubResource, escape.Policy()));
        var read = PodIsolationRules.Evaluate(AdmissionFixtures.Input(Read(pod), old is null ? null : Read(old), escape.SubResource, escape.Policy()));

        read.Should().BeEquivalentTo(full, options => options.WithStrictOrdering());
        read.Should().Contain(violation => violation.Field == escape.Field && violation.RuleId == escape.RuleId);
    }

    [Fact]
    public void EvaluateAndMutate_GeneratedPodsReadFromJson_SameDecisionsAsFullPod()
    {
        var random = new Random(6);
        for (var i = 0; i < 300; i++)
        {
            var pod = PodGenerator.Next(random);
            var read = Read(pod);

            PodIsolationRules.Evaluate(AdmissionFixtures.Input(read)).Should().BeEquivalentTo(PodIsolationRules.Evaluate(AdmissionFixtures.Input(pod)), options => options.WithStrictOrdering());
            Patch(read).Should().Be(Patch(AdmissionPodProjection.From(pod)));
        }
    }

    [Theory]
    [InlineData("\"hostNetwork\":true", "\"hostNetwork\":true,\"hostNetwork\":false")]
    [InlineData("\"hostNetwork\":true", "\"hostNetwork\":false,\"hostNetwork\":true")]
    [InlineData("\"privileged\":true", "\"privileged\":true,\"privileged\":false")]
    [InlineData("\"team\":\"web\"", "\"team\":\"web\",\"team\":\"other\"")]
    [InlineData("\"spec\":{", "\"spec\":{},\"spec\":{")]
    public void Handle_PodPropertyTwice_BadRequestDenial(string original, string duplicated)
    {
        var pod = AdmissionFixtures.ConformingPod();
        pod.Spec.HostNetwork = true;
        pod.Spec.Containers[0].SecurityContext = new V1SecurityContext { Privileged = true };
        pod.Metadata.Annotations["team"] = "web";
        var review = AdmissionFixtures.Review("CREATE", pod);
        review.Should().Contain(original);

        foreach (var endpoint in new[] { AdmissionEndpoint.ValidatePods, AdmissionEndpoint.MutatePods })
        {
            var result = Handler.Handle(Encoding.UTF8.GetBytes(review.Replace(original, duplicated, StringComparison.Ordinal)), endpoint);

            result.StatusCode.Should().Be(200);
            using var response = JsonDocument.Parse(result.Body);
            var answer = response.RootElement.GetProperty("response");
            answer.GetProperty("allowed").GetBoolean().Should().BeFalse();
            answer.GetProperty("status").GetProperty("code").GetInt32().Should().Be(400);
            answer.GetProperty("status").GetProperty("message").GetString().Should().Contain("cannot be read");
        }
    }

    [Theory]
    [InlineData("\"hostNetwork\":true", "\"hostNetwork\":\"yes\"")]
    [InlineData("\"privileged\":true", "\"privileged\":1")]
    [InlineData("\"team\":\"web\"", "\"team\":[\"web\"]")]
    [InlineData("\"memory\":\"512Mi\"", "\"memory\":\"lots\"")]
    [InlineData("\"memory\":\"512Mi\"", "\"memory\":true")]
    [InlineData("\"image\":\"mcr", "\"image\":5,\"x\":\"mcr")]
    [InlineData("\"spec\":{", "\"spec\":{\"os\":\"windows\",")]
    [InlineData("\"spec\":{", "\"spec\":{\"tolerations\":{},")]
    [InlineData("\"spec\":{", "\"spec\":{\"tolerations\":[{\"tolerationSeconds\":\"60\"}],")]
    [InlineData("\"spec\":{", "\"spec\":{\"initContainers\":[5],")]
    [InlineData("\"spec\":{", "\"spec\":{\"overhead\":{\"cpu\":false},")]
    [InlineData("\"spec\":{", "\"spec\":{\"volumes\":[{\"name\":\"v\",\"hostPath\":\"C:\\\\\"}],")]
    [InlineData("\"metadata\":{", "\"metadata\":{\"labels\":\"app=web\",")]
    [InlineData("\"metadata\":{", "\"metadata\":[],\"x\":{")]
    public void Handle_PodFieldOfWrongJsonType_BadRequestDenial(string original, string replaced)
    {
        var pod = AdmissionFixtures.SubmittedPod();
        pod.Metadata.Labels = null;
        pod.Metadata.Annotations = new Dictionary<string, string> { ["team"] = "web" };
        pod.Spec.HostNetwork = true;
        pod.Spec.Containers[0].SecurityContext = new V1SecurityContext { Privileged = true };
        var review = AdmissionFixtures.Review("CREATE", pod);
        review.Should().Contain(original);

        foreach (var endpoint in new[] { AdmissionEndpoint.ValidatePods, AdmissionEndpoint.MutatePods })
        {
            var result = Handler.Handle(Encoding.UTF8.GetBytes(review.Replace(original, replaced, StringComparison.Ordinal)), endpoint);

            result.StatusCode.Should().Be(200);
            using var response = JsonDocument.Parse(result.Body);
            var answer = response.RootElement.GetProperty("response");
            answer.GetProperty("allowed").GetBoolean().Should().BeFalse();
            answer.GetProperty("status").GetProperty("code").GetInt32().Should().Be(400);
            answer.GetProperty("status").GetProperty("message").GetString().Should().StartWith("The Pod object cannot be read: ");
        }
    }

    [Theory]
    [InlineData("DELETE", null)]
    [InlineData("UPDATE", "status")]
    public void Handle_UnreadablePodTheReviewerDoesNotNeed_Allowed(string operation, string? subResource)
    {
        var pod = AdmissionFixtures.ConformingPod();
        pod.Spec.HostNetwork = true;
        var review = AdmissionFixtures.Review(operation, operation == "DELETE" ? null : pod, pod, subResource: subResource)
            .Replace("\"hostNetwork\":true", "\"hostNetwork\":\"yes\"", StringComparison.Ordinal);

        var result = Handler.Handle(Encoding.UTF8.GetBytes(review), AdmissionEndpoint.ValidatePods);

        result.StatusCode.Should().Be(200);
        using var response = JsonDocument.Parse(result.Body);
        response.RootElement.GetProperty("response").GetProperty("allowed").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public void Handle_UnreadableOldPodOnUpdate_BadRequestDenial()
    {
        var pod = AdmissionFixtures.ConformingPod();
        var old = AdmissionFixtures.Clone(pod);
        old.Spec.HostNetwork = false;
        var review = AdmissionFixtures.Review("UPDATE", pod, old).Replace("\"hostNetwork\":false", "\"hostNetwork\":0", StringComparison.Ordinal);

        var result = Handler.Handle(Encoding.UTF8.GetBytes(review), AdmissionEndpoint.ValidatePods);

        using var response = JsonDocument.Parse(result.Body);
        var answer = response.RootElement.GetProperty("response");
        answer.GetProperty("allowed").GetBoolean().Should().BeFalse();
        answer.GetProperty("status").GetProperty("message").GetString().Should().StartWith("The old Pod object cannot be read: ");
    }

    [Fact]
    public void Read_PodReviewInOnePass_SameFieldsAsReadingTheObjectAlone()
    {
        var pod = FullPodGenerator.Next(new Random(14));
        var body = Encoding.UTF8.GetBytes(AdmissionFixtures.Review("UPDATE", pod, AdmissionFixtures.ConformingPod()));

        var request = new AdmissionReviewReader(recurring).Read(body, readPods: true)!.Request!;

        request.ObjectPod!.Pod.Should().BeEquivalentTo(AdmissionPodReader.Read(request.Object!.Value.Span, recurring), Strictly);
        request.OldObjectPod!.Pod.Should().BeEquivalentTo(Read(AdmissionFixtures.ConformingPod()), Strictly);
    }

    [Fact]
    public void Read_GeneratedPods_EveryKeptMemberAsTheFullSerializerReadsIt()
    {
        var random = new Random(61);
        for (var i = 0; i < 300; i++)
        {
            var pod = PodGenerator.Next(random);
            var json = KubernetesJson.Serialize(pod);

            var read = AdmissionPodReader.Read(Encoding.UTF8.GetBytes(json), recurring);

            read.Should().BeEquivalentTo(AdmissionPodProjection.From(KubernetesJson.Deserialize<V1Pod>(json)), Strictly);
        }
    }

    [Fact]
    public void Read_GeneratedPodsWithSkippedMembersFullOfBracketsAndEscapes_KeptMembersAsTheFullSerializerReadsThem()
    {
        // Skipped members are passed over by a bracket scan, not the tokenizer: what follows them must still be read exactly.
        var random = new Random(62);
        for (var i = 0; i < 300; i++)
        {
            var pod = PodGenerator.Next(random);
            AddSkippedMembers(pod, random);

            // Written the way the API server writes it: Go escapes a quote as \", the client's serializer as \u0022.
            var json = KubernetesJson.Serialize(pod).Replace("\\u0022", "\\\"", StringComparison.Ordinal);

            var read = AdmissionPodReader.Read(Encoding.UTF8.GetBytes(json), recurring);

            read.Should().BeEquivalentTo(AdmissionPodProjection.From(KubernetesJson.Deserialize<V1Pod>(json)), Strictly);
        }
    }

    private static void AddSkippedMembers(V1Pod pod, Random random)
    {
        string Tricky() => GeneratedJson.String(random).Trim('"');
        pod.Metadata.ManagedFields =
        [
            new V1ManagedFieldsEntry
            {
                Manager = Tricky(),
                Operation = "Update",
                FieldsType = "FieldsV1",
                FieldsV1 = JsonDocument.Parse(GeneratedJson.Container(random, depth: 0)).RootElement.Clone(),
            },
        ];
        foreach (var container in pod.Spec.Containers)
        {
            container.Env = [new V1EnvVar { Name = Tricky(), Value = Tricky() }];
            container.Args = [Tricky(), "}]", "\\"];
        }

        pod.Status = new V1PodStatus { Phase = "Pending", Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "False", Message = Tricky() }] };
    }

    /// <summary>
    /// Equal member by member, in order. Managed fields are left unread wherever object metadata nests (a volume
    /// claim template's), on purpose (see <c>AdmissionObjectJson</c>): no rule reads them.
    /// </summary>
    private static FluentAssertions.Equivalency.EquivalencyAssertionOptions<AdmissionPod> Strictly(FluentAssertions.Equivalency.EquivalencyAssertionOptions<AdmissionPod> options) =>
        options.WithStrictOrdering().AllowingInfiniteRecursion().Excluding(member => member.Name == nameof(V1ObjectMeta.ManagedFields));

    /// <summary>The paths of the members of <paramref name="value"/> (our records, recursively, and list entries) that are null.</summary>
    private static IEnumerable<string> UnsetMembers(object? value, string path)
    {
        if (value is null)
        {
            return [path];
        }

        if (value is System.Collections.IList list)
        {
            return list.Count == 0 ? [path + "[]"] : list.Cast<object?>().SelectMany((item, index) => UnsetMembers(item, $"{path}[{index}]"));
        }

        return value.GetType().Namespace == typeof(AdmissionPod).Namespace
            ? value.GetType().GetProperties().Where(property => property.Name != "EqualityContract").SelectMany(property => UnsetMembers(property.GetValue(value), $"{path}.{property.Name}"))
            : [];
    }

    private AdmissionPod Read(V1Pod pod) => AdmissionPodReader.Read(Encoding.UTF8.GetBytes(KubernetesJson.Serialize(pod)), recurring);

    private static string Patch(AdmissionPod pod) =>
        Encoding.UTF8.GetString(JsonPatchOperation.Serialize(PodIsolationMutator.Mutate(pod, AdmissionFixtures.MutationContext())));
}
