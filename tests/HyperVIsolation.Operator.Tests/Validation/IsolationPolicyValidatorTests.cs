using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Policies;
using HyperVIsolation.Operator.Validation;

namespace HyperVIsolation.Operator.Tests.Validation;

public sealed class IsolationPolicyValidatorTests
{
    private const string Example = "for example mcr.microsoft.com/windows or registry.local:5000/team";

    [Fact]
    public void Validate_DefaultSpec_NoErrors()
    {
        IsolationPolicyValidator.Validate(new IsolationPolicySpec()).Should().BeEmpty();
    }

    [Fact]
    public void Validate_DefaultsAboveCaps_FailsForEach()
    {
        var spec = new IsolationPolicySpec
        {
            Vm = new VmSizePolicy { DefaultMemoryMiB = 8192, MaxMemoryMiB = 4096, DefaultProcessorCount = 8, MaxProcessorCount = 4 },
        };

        IsolationPolicyValidator.Validate(spec).Should().Equal(
            new ValidationError("spec.vm.defaultMemoryMiB", "defaultMemoryMiB (8192) is above maxMemoryMiB (4096); lower the default or raise the cap."),
            new ValidationError("spec.vm.defaultProcessorCount", "defaultProcessorCount (8) is above maxProcessorCount (4); lower the default or raise the cap."));
    }

    [Fact]
    public void Validate_DefaultsEqualToCaps_Passes()
    {
        var spec = new IsolationPolicySpec
        {
            Vm = new VmSizePolicy { DefaultMemoryMiB = 4096, MaxMemoryMiB = 4096, DefaultProcessorCount = 4, MaxProcessorCount = 4 },
        };

        IsolationPolicyValidator.Validate(spec).Should().BeEmpty();
    }

    [Fact]
    public void Validate_NegativeAndOutOfRangeValues_FailsForEach()
    {
        var spec = new IsolationPolicySpec
        {
            Vm = new VmSizePolicy { DefaultMemoryMiB = -1, MaxMemoryMiB = 2_000_000, DefaultProcessorCount = 0, MaxProcessorCount = -2 },
        };

        IsolationPolicyValidator.Validate(spec).Should().Equal(
            new ValidationError("spec.vm.defaultMemoryMiB", "spec.vm.defaultMemoryMiB is -1; it must be between 256 and 1048576."),
            new ValidationError("spec.vm.maxMemoryMiB", "spec.vm.maxMemoryMiB is 2000000; it must be between 256 and 1048576."),
            new ValidationError("spec.vm.defaultProcessorCount", "spec.vm.defaultProcessorCount is 0; it must be between 1 and 64."),
            new ValidationError("spec.vm.maxProcessorCount", "spec.vm.maxProcessorCount is -2; it must be between 1 and 64."),
            new ValidationError("spec.vm.defaultProcessorCount", "defaultProcessorCount (0) is above maxProcessorCount (-2); lower the default or raise the cap."));
    }

    [Theory]
    [InlineData("mcr.microsoft.com")]
    [InlineData("mcr.microsoft.com/windows")]
    [InlineData("mcr.microsoft.com/dotnet/framework")]
    [InlineData("registry.local:5000")]
    [InlineData("registry.local:5000/team/sub_team")]
    [InlineData("localhost")]
    [InlineData("10.0.0.4:443/images")]
    [InlineData("Contoso.AzureCR.io/app-images")]
    public void Validate_WellFormedRegistry_Passes(string registry)
    {
        IsolationPolicyValidator.Validate(new IsolationPolicySpec { AllowedRegistries = [registry] }).Should().BeEmpty();
    }

    [Theory]
    [InlineData("", "The registry is empty; give a host, " + Example + ".")]
    [InlineData("https://mcr.microsoft.com", "'https://mcr.microsoft.com' has a scheme; write the registry without it, " + Example + ".")]
    [InlineData("mcr.microsoft.com/ windows", "'mcr.microsoft.com/ windows' contains spaces; write it as host[:port][/path], " + Example + ".")]
    [InlineData("mcr.microsoft.com/windows/", "'mcr.microsoft.com/windows/' is not host[:port][/path]; " + Example + ".")]
    [InlineData("mcr.microsoft.com/Windows", "'mcr.microsoft.com/Windows' is not host[:port][/path]; " + Example + ".")]
    [InlineData("mcr.microsoft.com/windows:ltsc2022", "'mcr.microsoft.com/windows:ltsc2022' is not host[:port][/path]; " + Example + ".")]
    [InlineData("mcr.microsoft.com@sha256:abc", "'mcr.microsoft.com@sha256:abc' is not host[:port][/path]; " + Example + ".")]
    [InlineData("-bad.example.com", "'-bad.example.com' is not host[:port][/path]; " + Example + ".")]
    [InlineData("registry.local:", "'registry.local:' is not host[:port][/path]; " + Example + ".")]
    [InlineData("registry.local:70000", "'registry.local:70000' has port 70000, which is not between 1 and 65535.")]
    [InlineData("registry.local:0", "'registry.local:0' has port 0, which is not between 1 and 65535.")]
    public void Validate_MalformedRegistry_FailsWithReason(string registry, string message)
    {
        var spec = new IsolationPolicySpec { AllowedRegistries = ["mcr.microsoft.com", registry] };

        IsolationPolicyValidator.Validate(spec).Should().Equal(new ValidationError("spec.allowedRegistries[1]", message));
    }

    [Fact]
    public void Validate_DuplicateRegistry_FailsIgnoringCase()
    {
        var spec = new IsolationPolicySpec { AllowedRegistries = ["mcr.microsoft.com", "contoso.azurecr.io", "MCR.microsoft.com"] };

        IsolationPolicyValidator.Validate(spec).Should().Equal(new ValidationError(
            "spec.allowedRegistries[2]", "'MCR.microsoft.com' is already listed at spec.allowedRegistries[0]; remove the duplicate."));
    }

    // A string mode other than Enforce or Audit is rejected by the schema's enum; a numeric value
    // can still slip through a lenient deserializer, so the validator checks it.
    [Fact]
    public void Validate_UndefinedMode_Fails()
    {
        var spec = new IsolationPolicySpec { Mode = (PolicyMode)7 };

        IsolationPolicyValidator.Validate(spec).Should().Equal(new ValidationError("spec.mode", "mode '7' is unknown; use Enforce or Audit."));
    }

    [Theory]
    [InlineData(PolicyMode.Enforce)]
    [InlineData(PolicyMode.Audit)]
    public void Validate_KnownMode_Passes(PolicyMode mode)
    {
        IsolationPolicyValidator.Validate(new IsolationPolicySpec { Mode = mode }).Should().BeEmpty();
    }

    [Fact]
    public void Validate_BlankAdministratorNames_FailsForEach()
    {
        var spec = new IsolationPolicySpec { Administrators = new PolicyAdministrators { Users = ["alice", " "], Groups = [string.Empty] } };

        IsolationPolicyValidator.Validate(spec).Should().Equal(
            new ValidationError("spec.administrators.users[1]", "The user name is empty; give a name as the API server authenticates it."),
            new ValidationError("spec.administrators.groups[0]", "The group name is empty; give a name as the API server authenticates it."));
    }
}
