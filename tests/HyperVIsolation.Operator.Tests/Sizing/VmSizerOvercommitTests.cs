using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Sizing;
using static HyperVIsolation.Operator.Tests.Sizing.SizingInputs;

namespace HyperVIsolation.Operator.Tests.Sizing;

public sealed class VmSizerOvercommitTests
{
    public static TheoryData<bool?, string[], bool> Cases => new()
    {
        // allowOvercommit override, policies (name=allowDisablingOvercommit), succeeds
        { false, [], true },
        { false, ["a=true"], true },
        { false, ["a=true", "b=true"], true },
        { false, ["a=false"], false },
        { false, ["a=unset"], false },
        { false, ["a=true", "b=unset"], false },
        { true, ["a=false"], true },
        { null, ["a=false"], true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Size_DisablingOvercommit_AllowedOnlyWhenEveryPolicyAllows(bool? allowOvercommit, string[] policies, bool succeeds)
    {
        var policy = policies.Length == 0 ? null : Effective([.. policies.Select(ParsePolicy)]);

        var result = Sizer.Size(NoContainers, OsFlavor.NanoServer, new UtilityVmOverrides { AllowOvercommit = allowOvercommit }, policy);

        result.IsSuccess.Should().Be(succeeds);
    }

    [Fact]
    public void Size_DisablingOvercommitDenied_FailsNamingFirstDenyingPolicy()
    {
        var policy = Effective(Policy("z-allows", allowDisablingOvercommit: true), Policy("m-silent"), Policy("b-denies", allowDisablingOvercommit: false));

        var result = Sizer.Size(NoContainers, OsFlavor.NanoServer, new UtilityVmOverrides { AllowOvercommit = false }, policy);

        result.Failures.Should().Equal(new VmSizingFailure(
            VmSizingFailureReason.OvercommitDisablingNotAllowed,
            "spec.vm.allowOvercommit",
            "spec.vm.allowOvercommit is false, but IsolationPolicy 'b-denies' does not set allowDisablingOvercommit; fully backed VMs reserve host memory, so remove the field or ask an administrator."));
    }

    [Theory]
    [InlineData(true, "true")]
    [InlineData(false, "false")]
    public void Size_OvercommitSet_EmitsAnnotation(bool allowOvercommit, string expected)
    {
        var sizing = Sizer.Size(NoContainers, OsFlavor.NanoServer, new UtilityVmOverrides { AllowOvercommit = allowOvercommit }, null).Sizing!;

        sizing.Annotations[HcsAnnotations.AllowOvercommit].Should().Be(expected);
    }

    private static IsolationPolicy ParsePolicy(string text)
    {
        var parts = text.Split('=');
        bool? allows = parts[1] == "unset" ? null : bool.Parse(parts[1]);
        return Policy(parts[0], allowDisablingOvercommit: allows);
    }
}
