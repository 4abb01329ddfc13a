using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Api.Windows;
using HyperVIsolation.Operator.Validation;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Validation;

// Unknown flavor, version, isolation or strategy strings never reach C#: the CRD schema's enums
// reject them, and the JSON enum converter fails before validation for objects the webhook reads.
// Quantities that do not parse fail the same way (ResourceQuantity throws FormatException).
public sealed class IsolatedWorkloadValidatorTests
{
    private static readonly IsolationPolicy[] NoPolicies = [];

    [Fact]
    public void Validate_MinimalSpec_NoErrors()
    {
        IsolatedWorkloadValidator.Validate(ValidSpec(), NoPolicies).Should().BeEmpty();
    }

    [Theory]
    [InlineData(-1, "spec.replicas is -1; it must be between 0 and 1000.")]
    [InlineData(1001, "spec.replicas is 1001; it must be between 0 and 1000.")]
    public void Validate_ReplicasOutOfRange_Fails(int replicas, string message)
    {
        var spec = ValidSpec();
        spec.Replicas = replicas;

        IsolatedWorkloadValidator.Validate(spec, NoPolicies).Should().Equal(new ValidationError("spec.replicas", message));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    public void Validate_ReplicasAtBounds_Passes(int replicas)
    {
        var spec = ValidSpec();
        spec.Replicas = replicas;

        IsolatedWorkloadValidator.Validate(spec, NoPolicies).Should().BeEmpty();
    }

    [Theory]
    [InlineData(new bool[0], false)]
    [InlineData(new[] { false }, false)]
    [InlineData(new[] { false, true }, true)]
    [InlineData(new[] { true }, true)]
    public void Validate_ProcessIsolation_NeedsOneCoveringPolicyThatAllowsIt(bool[] allows, bool valid)
    {
        var spec = ValidSpec();
        spec.Isolation = IsolationMode.Process;
        var policies = allows.Select((allow, index) => Policy($"p{index}", spec => spec.AllowProcessIsolation = allow)).ToArray();

        var errors = IsolatedWorkloadValidator.Validate(spec, policies);

        if (valid)
        {
            errors.Should().BeEmpty();
            return;
        }

        errors.Should().Equal(new ValidationError(
            "spec.isolation",
            "Process isolation shares the host kernel and no IsolationPolicy covering this namespace sets allowProcessIsolation; use HyperV or ask an administrator to allow it."));
    }

    [Fact]
    public void Validate_NanoServerWithCapabilities_FailsOnFlavor()
    {
        var spec = ValidSpec();
        spec.Os = new OsSelection { Flavor = OsFlavor.NanoServer, Capabilities = [OsCapability.WMI, OsCapability.IIS] };

        IsolatedWorkloadValidator.Validate(spec, NoPolicies).Should().Equal(new ValidationError(
            "spec.os.flavor", "Nano Server cannot provide IIS and WMI; use flavor ServerCore or Auto."));
    }

    [Fact]
    public void Validate_ServerOnLtsc2019_FailsOnVersion()
    {
        var spec = ValidSpec();
        spec.Os = new OsSelection { Flavor = OsFlavor.Server, Version = WindowsVersion.Ltsc2019 };

        IsolatedWorkloadValidator.Validate(spec, NoPolicies).Should().Equal(new ValidationError(
            "spec.os.version", "The full Server image does not exist for ltsc2019; use ltsc2022 or later, or flavor ServerCore."));
    }

    [Fact]
    public void Validate_VmOverridesOverCaps_ReportsEachWithTheSizersWords()
    {
        var spec = ValidSpec();
        spec.Vm = new UtilityVmOverrides { MemoryMiB = 8192, ProcessorCount = 8, AllowOvercommit = false };
        var policy = Policy("untrusted-tenants", spec => spec.Vm = new VmSizePolicy { MaxMemoryMiB = 4096, MaxProcessorCount = 4 });

        IsolatedWorkloadValidator.Validate(spec, [policy]).Should().Equal(
            new ValidationError("spec.vm.memoryMiB", "spec.vm.memoryMiB is 8192 MiB, over the cap maxMemoryMiB=4096 of IsolationPolicy 'untrusted-tenants'."),
            new ValidationError("spec.vm.processorCount", "spec.vm.processorCount is 8, over the cap maxProcessorCount=4 of IsolationPolicy 'untrusted-tenants'."),
            new ValidationError(
                "spec.vm.allowOvercommit",
                "spec.vm.allowOvercommit is false, but IsolationPolicy 'untrusted-tenants' does not set allowDisablingOvercommit; fully backed VMs reserve host memory, so remove the field or ask an administrator."));
    }

    [Fact]
    public void Validate_VmOverridesExactlyAtCaps_Passes()
    {
        var spec = ValidSpec();
        spec.Vm = new UtilityVmOverrides { MemoryMiB = 4096, ProcessorCount = 4 };
        var policy = Policy("untrusted-tenants", spec => spec.Vm = new VmSizePolicy { MaxMemoryMiB = 4096, MaxProcessorCount = 4 });

        IsolatedWorkloadValidator.Validate(spec, [policy]).Should().BeEmpty();
    }

    [Fact]
    public void Validate_ReservedTemplateAnnotation_Fails()
    {
        var spec = ValidSpec();
        spec.Template.Annotations = new() { ["io.microsoft.virtualmachine.computetopology.memory.sizeinmb"] = "65536", ["team"] = "a" };

        IsolatedWorkloadValidator.Validate(spec, NoPolicies).Should().Equal(new ValidationError(
            "spec.template.annotations[io.microsoft.virtualmachine.computetopology.memory.sizeinmb]",
            "Annotation 'io.microsoft.virtualmachine.computetopology.memory.sizeinmb' is reserved: the operator sets io.microsoft. annotations from spec.vm and policy, so remove it and use spec.vm instead."));
    }

    [Fact]
    public void Validate_ManyProblems_ReportsAllInFieldOrder()
    {
        var spec = ValidSpec();
        spec.Replicas = -3;
        spec.Isolation = IsolationMode.Process;
        spec.Os = new OsSelection { Flavor = OsFlavor.NanoServer, Capabilities = [OsCapability.MSI] };
        spec.Template.Containers = [new WorkloadContainer { Name = "a" }, new WorkloadContainer { Name = "a" }];
        spec.Strategy = new UpdateStrategy { RollingUpdate = new RollingUpdateSettings { MaxSurge = 0, MaxUnavailable = "0%" } };

        IsolatedWorkloadValidator.Validate(spec, NoPolicies).Select(error => error.Field).Should().Equal(
            "spec.replicas",
            "spec.isolation",
            "spec.os.flavor",
            "spec.template.containers[1].name",
            "spec.strategy.rollingUpdate");
    }

    internal static IsolatedWorkloadSpec ValidSpec() => new()
    {
        Template = new WorkloadTemplate { Containers = [new WorkloadContainer { Name = "app", Image = "contoso.azurecr.io/app:1.0" }] },
    };

    private static IsolationPolicy Policy(string name, Action<IsolationPolicySpec> configure)
    {
        var policy = new IsolationPolicy { Metadata = new V1ObjectMeta { Name = name } };
        configure(policy.Spec);
        return policy;
    }
}
