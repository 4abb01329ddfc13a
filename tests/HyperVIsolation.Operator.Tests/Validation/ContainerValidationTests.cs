using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Validation;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Validation;

public sealed class ContainerValidationTests
{
    [Fact]
    public void Validate_NoContainers_Fails()
    {
        var errors = Validate();

        errors.Should().Equal(new ValidationError("spec.template.containers", "The template has no containers; list at least one."));
    }

    [Fact]
    public void Validate_DuplicateNames_FailsOnEachLaterDuplicate()
    {
        var errors = Validate(Named("app"), Named("sidecar"), Named("app"), Named("app"));

        errors.Should().Equal(
            new ValidationError("spec.template.containers[2].name", "Container name 'app' is already used by spec.template.containers[0]; container names must be unique."),
            new ValidationError("spec.template.containers[3].name", "Container name 'app' is already used by spec.template.containers[0]; container names must be unique."));
    }

    [Fact]
    public void Validate_EmptyName_Fails()
    {
        Validate(Named(string.Empty)).Should().Equal(
            new ValidationError("spec.template.containers[0].name", "The container has no name; give it a DNS label such as 'app'."));
    }

    [Fact]
    public void Validate_ImageAndImages_Fails()
    {
        var container = Named("app");
        container.Image = "contoso.azurecr.io/app:1.0";
        container.Images = new() { ["ltsc2022"] = "contoso.azurecr.io/app:1.0-ltsc2022" };

        Validate(container).Should().Equal(
            new ValidationError("spec.template.containers[0].images", "Set either image or images (per Windows release), not both."));
    }

    [Theory]
    [InlineData("2022")]
    [InlineData("LTSC2022")]
    [InlineData("Auto")]
    [InlineData("1809")]
    [InlineData("ltsc2016")]
    public void Validate_ImagesKeyNotARelease_FailsNamingKey(string key)
    {
        var container = Named("app");
        container.Images = new() { ["ltsc2022"] = "contoso.azurecr.io/app:a", [key] = "contoso.azurecr.io/app:b" };

        Validate(container).Should().Equal(new ValidationError(
            $"spec.template.containers[0].images[{key}]", $"'{key}' is not a Windows release; use ltsc2019, ltsc2022 or ltsc2025."));
    }

    [Fact]
    public void Validate_EmptyImagesOrBlankImage_Fails()
    {
        var emptyMap = Named("a");
        emptyMap.Images = [];
        var blankEntry = Named("b");
        blankEntry.Images = new() { ["ltsc2025"] = " " };
        var blankImage = Named("c");
        blankImage.Image = string.Empty;

        Validate(emptyMap, blankEntry, blankImage).Should().Equal(
            new ValidationError("spec.template.containers[0].images", "images is empty; list an image per Windows release, or use image."),
            new ValidationError("spec.template.containers[1].images[ltsc2025]", "The image for ltsc2025 is empty; give an image reference."),
            new ValidationError("spec.template.containers[2].image", "image is empty; give an image reference, or leave image out to run the base image."));
    }

    [Theory]
    [InlineData("requests", "cpu", "-1")]
    [InlineData("requests", "memory", "-512Mi")]
    [InlineData("limits", "cpu", "-100m")]
    [InlineData("limits", "memory", "-1")]
    public void Validate_NegativeQuantity_FailsNamingField(string kind, string resource, string value)
    {
        var container = Named("app");
        container.Resources = new ContainerResources();
        var amounts = new Dictionary<string, ResourceQuantity> { [resource] = new(value) };
        if (kind == "requests")
        {
            container.Resources.Requests = amounts;
        }
        else
        {
            container.Resources.Limits = amounts;
        }

        var field = $"spec.template.containers[0].resources.{kind}.{resource}";
        Validate(container).Should().Equal(new ValidationError(field, $"{field} is negative; resource amounts must be 0 or more."));
    }

    [Theory]
    [InlineData("cpu", "2", "1", "requests.cpu (2) is above limits.cpu (1); a request must not exceed its limit.")]
    [InlineData("memory", "2Gi", "1Gi", "requests.memory (2Gi) is above limits.memory (1Gi); a request must not exceed its limit.")]
    public void Validate_RequestAboveLimit_Fails(string resource, string request, string limit, string message)
    {
        var container = Named("app");
        container.Resources = new ContainerResources
        {
            Requests = new() { [resource] = new(request) },
            Limits = new() { [resource] = new(limit) },
        };

        Validate(container).Should().Equal(new ValidationError($"spec.template.containers[0].resources.requests.{resource}", message));
    }

    [Fact]
    public void Validate_RequestEqualToLimitInOtherUnits_Passes()
    {
        var container = Named("app");
        container.Resources = new ContainerResources
        {
            Requests = new() { ["cpu"] = new("1000m"), ["memory"] = new("1024Mi") },
            Limits = new() { ["cpu"] = new("1"), ["memory"] = new("1Gi") },
        };

        Validate(container).Should().BeEmpty();
    }

    [Fact]
    public void Validate_NullQuantity_Fails()
    {
        var container = Named("app");
        container.Resources = new ContainerResources { Limits = new() { ["memory"] = null! } };

        Validate(container).Should().Equal(new ValidationError(
            "spec.template.containers[0].resources.limits.memory",
            "spec.template.containers[0].resources.limits.memory has no value; give a quantity such as 500m or 512Mi."));
    }

    private static WorkloadContainer Named(string name) => new() { Name = name };

    private static IReadOnlyList<ValidationError> Validate(params WorkloadContainer[] containers)
    {
        var spec = IsolatedWorkloadValidatorTests.ValidSpec();
        spec.Template.Containers = [.. containers];
        return IsolatedWorkloadValidator.Validate(spec, []);
    }
}
