using System.Text;
using System.Text.Json;
using HyperVIsolation.Operator.Admission.Http;
using HyperVIsolation.Operator.Admission.Json;
using HyperVIsolation.Operator.Admission.Review;
using HyperVIsolation.Operator.Tests.Admission;
using HyperVIsolation.Operator.Tests.Admission.Review;

namespace HyperVIsolation.Operator.Tests.Admission.Json;

public sealed class AdmissionReviewReaderTests
{
    private static readonly AdmissionReviewReader Reader = new(new RecurringValues());

    private static readonly AdmissionReviewHandler Handler = AdmissionReviewFuzzTests.CreateHandler(AdmissionFixtures.State());

    [Fact]
    public void Read_PodReview_ObjectIsTheEmbeddedJsonUncopied()
    {
        var body = Encoding.UTF8.GetBytes(AdmissionFixtures.Review("UPDATE", AdmissionFixtures.ConformingPod(), AdmissionFixtures.SubmittedPod()));

        var request = Reader.Read(body)!.Request!;

        using var expected = JsonDocument.Parse(body);
        var embedded = expected.RootElement.GetProperty("request");
        Encoding.UTF8.GetString(request.Object!.Value.Span).Should().Be(embedded.GetProperty("object").GetRawText());
        Encoding.UTF8.GetString(request.OldObject!.Value.Span).Should().Be(embedded.GetProperty("oldObject").GetRawText());
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(request.Object.Value, out var segment).Should().BeTrue();
        segment.Array.Should().BeSameAs(body);
        request.Uid.Should().Be("705ab4f5-6393-11e8-b7cc-42010a800002");
        request.Operation.Should().Be("UPDATE");
        request.Resource!.Resource.Should().Be("pods");
        request.UserInfo!.Username.Should().Be("bob");
    }

    [Theory]
    [InlineData("\"uid\":\"705ab4f5-6393-11e8-b7cc-42010a800002\"", "\"uid\":\"a\",\"uid\":\"b\"")]
    [InlineData("\"operation\":\"CREATE\"", "\"operation\":\"DELETE\",\"operation\":\"CREATE\"")]
    [InlineData("\"object\":{", "\"object\":{},\"object\":{")]
    [InlineData("\"apiVersion\":\"admission.k8s.io/v1\"", "\"apiVersion\":\"admission.k8s.io/v1\",\"apiVersion\":\"admission.k8s.io/v1\"")]
    [InlineData("\"username\":\"bob\"", "\"username\":\"bob\",\"username\":\"system:serviceaccount:x:y\"")]
    [InlineData("\"resource\":\"pods\"", "\"resource\":\"pods\",\"resource\":\"namespaces\"")]
    [InlineData("\"kind\":\"Pod\"", "\"kind\":\"Pod\",\"kind\":\"Namespace\"")]
    [InlineData("\"groups\":[", "\"groups\":[],\"groups\":[")]
    public void Handle_EnvelopePropertyTwice_Rejected400(string original, string duplicated)
    {
        var review = AdmissionFixtures.Review("CREATE", AdmissionFixtures.SubmittedPod());
        review.Should().Contain(original);

        var result = Handler.Handle(Encoding.UTF8.GetBytes(review.Replace(original, duplicated, StringComparison.Ordinal)), AdmissionEndpoint.ValidatePods);

        result.StatusCode.Should().Be(400);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":5}}")]
    [InlineData("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"u\",\"dryRun\":\"yes\"}}")]
    [InlineData("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"u\"}} {}")]
    [InlineData("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"u\",\"resource\":\"pods\"}}")]
    [InlineData("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"u\",\"userInfo\":{\"groups\":[1]}}}")]
    [InlineData("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"u\",\"object\":{]}}")]
    public void Read_NotAnAdmissionReview_Throws(string body)
    {
        var read = () => Reader.Read(Encoding.UTF8.GetBytes(body));

        read.Should().Throw<JsonException>();
    }

    [Fact]
    public void Read_JsonNull_Null() =>
        Reader.Read("null"u8.ToArray()).Should().BeNull();

    [Fact]
    public void Handle_ObjectNotAnObject_BadRequestDenial()
    {
        var review = "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"u\",\"operation\":\"CREATE\",\"namespace\":\"tenant-a\",\"resource\":{\"group\":\"\",\"version\":\"v1\",\"resource\":\"pods\"},\"object\":[1]}}";

        var result = Handler.Handle(Encoding.UTF8.GetBytes(review), AdmissionEndpoint.ValidatePods);

        result.StatusCode.Should().Be(200);
        using var response = JsonDocument.Parse(result.Body);
        var status = response.RootElement.GetProperty("response").GetProperty("status");
        status.GetProperty("code").GetInt32().Should().Be(400);
        status.GetProperty("message").GetString().Should().Be("The request carries no Pod object.");
    }
}
