using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Validation;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Validation;

public sealed class RollingUpdateValidationTests
{
    private const string BothZero = "maxUnavailable and maxSurge are both 0, so a rolling update could never replace a pod; set one of them above 0.";

    [Theory]
    [InlineData("0", "0")]
    [InlineData("0%", "0")]
    [InlineData("0", "0%")]
    [InlineData("0%", "0%")]
    public void Validate_BothBoundsZero_Fails(string maxUnavailable, string maxSurge)
    {
        Validate(Bound(maxUnavailable), Bound(maxSurge)).Should().Equal(new ValidationError("spec.strategy.rollingUpdate", BothZero));
    }

    [Theory]
    [InlineData("0", "1")]
    [InlineData("1", "0")]
    [InlineData("0%", "1%")]
    [InlineData("100%", "0")]
    [InlineData("0", null)] // an unset bound is the default 25%
    [InlineData(null, "0%")]
    [InlineData(null, "250%")] // surge may exceed 100%
    public void Validate_BoundsAllowProgress_Passes(string? maxUnavailable, string? maxSurge)
    {
        Validate(Bound(maxUnavailable), Bound(maxSurge)).Should().BeEmpty();
    }

    [Theory]
    [InlineData("101%", "maxUnavailable is '101%'; use a count of 0 or more or a percentage from 0% to 100%.")]
    [InlineData("-1", "maxUnavailable is '-1'; use a count of 0 or more or a percentage from 0% to 100%.")]
    [InlineData("-5%", "maxUnavailable is '-5%'; use a count of 0 or more or a percentage from 0% to 100%.")]
    [InlineData("half", "maxUnavailable is 'half'; use a count of 0 or more or a percentage from 0% to 100%.")]
    [InlineData("%", "maxUnavailable is '%'; use a count of 0 or more or a percentage from 0% to 100%.")]
    public void Validate_MaxUnavailableMalformed_Fails(string value, string message)
    {
        Validate(Bound(value), null).Should().Equal(new ValidationError("spec.strategy.rollingUpdate.maxUnavailable", message));
    }

    [Theory]
    [InlineData("-1%", "maxSurge is '-1%'; use a count of 0 or more or a percentage such as 25%.")]
    [InlineData("1.5", "maxSurge is '1.5'; use a count of 0 or more or a percentage such as 25%.")]
    public void Validate_MaxSurgeMalformed_Fails(string value, string message)
    {
        Validate(null, Bound(value)).Should().Equal(new ValidationError("spec.strategy.rollingUpdate.maxSurge", message));
    }

    [Fact]
    public void Validate_IntBounds_ParsedLikeStrings()
    {
        Validate(0, 0).Should().Equal(new ValidationError("spec.strategy.rollingUpdate", BothZero));
    }

    [Fact]
    public void Validate_RollingUpdateWithRecreate_Fails()
    {
        var spec = IsolatedWorkloadValidatorTests.ValidSpec();
        spec.Strategy = new UpdateStrategy { Type = UpdateStrategyType.Recreate, RollingUpdate = new RollingUpdateSettings() };

        IsolatedWorkloadValidator.Validate(spec, []).Should().Equal(new ValidationError(
            "spec.strategy.rollingUpdate",
            "rollingUpdate only applies to type RollingUpdate, but type is Recreate; remove rollingUpdate or change the type."));
    }

    private static IntOrString? Bound(string? value) => value;

    private static IReadOnlyList<ValidationError> Validate(IntOrString? maxUnavailable, IntOrString? maxSurge)
    {
        var spec = IsolatedWorkloadValidatorTests.ValidSpec();
        spec.Strategy = new UpdateStrategy { RollingUpdate = new RollingUpdateSettings { MaxUnavailable = maxUnavailable, MaxSurge = maxSurge } };
        return IsolatedWorkloadValidator.Validate(spec, []);
    }
}
