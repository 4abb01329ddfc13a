using HyperVIsolation.Api;
using HyperVIsolation.NodeAgent.Verification;
using k8s.Models;

namespace HyperVIsolation.NodeAgent.Tests.Verification;

public sealed class PodVmVerifierTests
{
    private const string Sandbox = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("2048", true, 2048UL)]
    [InlineData("2047", true, 2048UL)]
    [InlineData("2048", false, 2048UL)]
    [InlineData("lots", true, null)]
    [InlineData("0", true, null)]
    [InlineData(null, true, null)]
    public void For_GatedOrAnnotatedPod_ExpectsTheMemoryHcsshimWouldUse(string? annotation, bool gated, ulong? expected)
    {
        var expectation = PodVmExpectation.For(Pod(annotation, gated));

        expectation.Should().NotBeNull();
        expectation!.MemoryMb.Should().Be(expected);
    }

    [Fact]
    public void For_PodWithNeitherGateNorSizeAnnotation_IsNotVerified() =>
        PodVmExpectation.For(Pod(null, gated: false)).Should().BeNull();

    [Fact]
    public void For_PodWithNoMetadataOrSpec_IsNotVerified() =>
        PodVmExpectation.For(new V1Pod()).Should().BeNull();

    [Fact]
    public void Decide_VmOfTheAnnotatedSize_IsVerified()
    {
        var verdict = PodVmVerifier.Decide(new PodVmExpectation(2048), new VmObservation(Sandbox + "@vm", 2048), Sandbox);

        verdict.Verified.Should().BeTrue();
        verdict.Reason.Should().Be(VmVerification.ReasonVerified);
        verdict.Message.Should().Be("utility VM 0123456789abc@vm has 2048 MB, as annotated");
    }

    [Fact]
    public void Decide_DefaultSizedVm_IsAMismatchNamingBothSizesAndTheAllowList()
    {
        var verdict = PodVmVerifier.Decide(new PodVmExpectation(4096), new VmObservation(Sandbox + "@vm", 1024), Sandbox);

        verdict.Verified.Should().BeFalse();
        verdict.Reason.Should().Be(VmVerification.ReasonSizeMismatch);
        verdict.Message.Should().Contain("has 1024 MB, the pod asked for 4096 MB").And.Contain("pod_annotations allow-list");
    }

    [Fact]
    public void Decide_NoVmForTheSandbox_IsNotFound()
    {
        var verdict = PodVmVerifier.Decide(new PodVmExpectation(2048), null, Sandbox);

        verdict.Verified.Should().BeFalse();
        verdict.Reason.Should().Be(VmVerification.ReasonNotFound);
        verdict.Message.Should().Contain("sandbox 0123456789abc runs without a utility VM");
    }

    [Fact]
    public void Decide_VmWithoutReportedMemory_IsAMismatch() =>
        PodVmVerifier.Decide(new PodVmExpectation(2048), new VmObservation("x@vm", null), Sandbox).Verified.Should().BeFalse();

    [Fact]
    public void Decide_NoSizeAsked_AnyRunningVmIsVerified() =>
        PodVmVerifier.Decide(new PodVmExpectation((ulong?)null), new VmObservation("x@vm", 1024), Sandbox).Verified.Should().BeTrue();

    private static V1Pod Pod(string? memoryAnnotation, bool gated) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "p",
            Annotations = memoryAnnotation is null ? [] : new Dictionary<string, string> { [HcsAnnotations.MemorySizeInMb] = memoryAnnotation },
        },
        Spec = new V1PodSpec
        {
            Containers = [],
            ReadinessGates = gated ? [new V1PodReadinessGate { ConditionType = VmVerification.ConditionType }] : null,
        },
    };
}
