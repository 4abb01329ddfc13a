using System.Buffers;
using System.Text;
using System.Text.Json;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Admission.Review;
using HyperVIsolation.Operator.Admission.Rules;

namespace HyperVIsolation.Operator.Tests.Admission.Review;

/// <summary>The hand-written response is byte for byte what the source-generated serializer of the documents writes.</summary>
public sealed class AdmissionReviewWriterTests
{
    public static TheoryData<string> Decisions() => ["allow", "allow with patch and warnings", "denied by rules", "bad request", "internal error", "escaped text"];

    [Theory]
    [MemberData(nameof(Decisions))]
    public void Write_Decision_SameJsonAsTheDocumentSerializer(string name)
    {
        var decision = Decision(name);
        var output = new ArrayBufferWriter<byte>();

        AdmissionReviewWriter.Write(output, "705ab4f5-<uid>&'", decision);

        Encoding.UTF8.GetString(output.WrittenSpan).Should().Be(Encoding.UTF8.GetString(Serialized("705ab4f5-<uid>&'", decision)));
    }

    [Fact]
    public void Write_TwiceOnOneThread_EachOutputComplete()
    {
        var first = new ArrayBufferWriter<byte>();
        var second = new ArrayBufferWriter<byte>();

        AdmissionReviewWriter.Write(first, "a", Decision("denied by rules"));
        AdmissionReviewWriter.Write(second, "b", AdmissionDecision.Allow);

        using var document = JsonDocument.Parse(second.WrittenMemory);
        document.RootElement.GetProperty("response").GetProperty("uid").GetString().Should().Be("b");
        JsonDocument.Parse(first.WrittenMemory).RootElement.GetProperty("response").GetProperty("uid").GetString().Should().Be("a");
    }

    private static AdmissionDecision Decision(string name) => name switch
    {
        "allow" => AdmissionDecision.Allow,
        "allow with patch and warnings" => AdmissionDecision.AllowWith("[{\"op\":\"add\",\"path\":\"/spec/os\",\"value\":{\"name\":\"windows\"}}]"u8.ToArray(), ["audit: one", "audit: two"]),
        "denied by rules" => AdmissionDecision.FromViolations(
        [
            new AdmissionViolation("spec.hostNetwork", RuleIds.HostNetwork, "spec.hostNetwork: no.", "p", PolicyMode.Enforce),
            new AdmissionViolation("spec.hostPID", RuleIds.HostPid, "spec.hostPID: no.", "p", PolicyMode.Audit),
        ]),
        "bad request" => AdmissionDecision.BadRequest("The Pod object cannot be read: 'x' appears twice."),
        "internal error" => new AdmissionDecision(false, new AdmissionStatusDocument { Code = 500, Reason = "InternalError", Message = "denied" }, null, []),
        _ => AdmissionDecision.FromViolations([new AdmissionViolation("metadata.annotations[a/<b>]", RuleIds.ReservedAnnotation, "annotation 'a/<b>' is \"é\" \u0001 🙂", "p\\q", PolicyMode.Enforce)]),
    };

    private static byte[] Serialized(string uid, AdmissionDecision decision) => JsonSerializer.SerializeToUtf8Bytes(
        new AdmissionReviewDocument
        {
            ApiVersion = AdmissionReviewDocument.V1,
            Kind = AdmissionReviewDocument.KindName,
            Response = new AdmissionResponseDocument
            {
                Uid = uid,
                Allowed = decision.Allowed,
                Status = decision.Status,
                PatchType = decision.Patch is null ? null : "JSONPatch",
                Patch = decision.Patch,
                Warnings = decision.Warnings.Count == 0 ? null : decision.Warnings.ToList(),
            },
        },
        AdmissionJsonContext.Default.AdmissionReviewDocument);
}
