using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Placement;
using k8s.Models;

namespace HyperVIsolation.Operator.Validation;

/// <summary>Rules for the containers of an IsolatedWorkload template: names, images and resource amounts.</summary>
internal static class ContainerValidator
{
    private static readonly string[] ResourceNames = ["cpu", "memory"];

    public static void Validate(IReadOnlyList<WorkloadContainer>? containers, List<ValidationError> errors)
    {
        if (containers is null || containers.Count == 0)
        {
            errors.Add(new ValidationError("spec.template.containers", "The template has no containers; list at least one."));
            return;
        }

        var firstIndexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 0; index < containers.Count; index++)
        {
            var path = $"spec.template.containers[{index}]";
            var container = containers[index];
            ValidateName(container.Name, path, index, firstIndexByName, errors);
            ValidateImages(container, path, errors);
            ValidateResources(container.Resources, $"{path}.resources", errors);
        }
    }

    private static void ValidateName(string? name, string path, int index, Dictionary<string, int> firstIndexByName, List<ValidationError> errors)
    {
        if (string.IsNullOrEmpty(name))
        {
            errors.Add(new ValidationError($"{path}.name", "The container has no name; give it a DNS label such as 'app'."));
            return;
        }

        if (!firstIndexByName.TryAdd(name, index))
        {
            errors.Add(new ValidationError(
                $"{path}.name",
                $"Container name '{name}' is already used by spec.template.containers[{firstIndexByName[name]}]; container names must be unique."));
        }
    }

    private static void ValidateImages(WorkloadContainer container, string path, List<ValidationError> errors)
    {
        if (container.Image is not null && container.Images is not null)
        {
            errors.Add(new ValidationError($"{path}.images", "Set either image or images (per Windows release), not both."));
        }

        if (container.Image is not null && string.IsNullOrWhiteSpace(container.Image))
        {
            errors.Add(new ValidationError($"{path}.image", "image is empty; give an image reference, or leave image out to run the base image."));
        }

        if (container.Images is null)
        {
            return;
        }

        if (container.Images.Count == 0)
        {
            errors.Add(new ValidationError($"{path}.images", "images is empty; list an image per Windows release, or use image."));
        }

        foreach (var (release, image) in container.Images.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            if (!WindowsReleaseTags.TryParse(release, out _))
            {
                errors.Add(new ValidationError($"{path}.images[{release}]", $"'{release}' is not a Windows release; use ltsc2019, ltsc2022 or ltsc2025."));
            }
            else if (string.IsNullOrWhiteSpace(image))
            {
                errors.Add(new ValidationError($"{path}.images[{release}]", $"The image for {release} is empty; give an image reference."));
            }
        }
    }

    // Quantities that fail to parse are rejected when the object is deserialized (ResourceQuantity
    // throws FormatException), so only parsed values reach this point.
    private static void ValidateResources(ContainerResources? resources, string path, List<ValidationError> errors)
    {
        if (resources is null)
        {
            return;
        }

        foreach (var resource in ResourceNames)
        {
            var request = Amount(resources.Requests, resource, $"{path}.requests", errors);
            var limit = Amount(resources.Limits, resource, $"{path}.limits", errors);
            if (request is not null && limit is not null && request.ToDecimal() > limit.ToDecimal())
            {
                errors.Add(new ValidationError(
                    $"{path}.requests.{resource}",
                    $"requests.{resource} ({request}) is above limits.{resource} ({limit}); a request must not exceed its limit."));
            }
        }
    }

    private static ResourceQuantity? Amount(Dictionary<string, ResourceQuantity>? amounts, string resource, string path, List<ValidationError> errors)
    {
        if (amounts is null || !amounts.TryGetValue(resource, out var quantity))
        {
            return null;
        }

        if (quantity is null)
        {
            errors.Add(new ValidationError($"{path}.{resource}", $"{path}.{resource} has no value; give a quantity such as 500m or 512Mi."));
            return null;
        }

        if (quantity.ToDecimal() < 0)
        {
            errors.Add(new ValidationError($"{path}.{resource}", $"{path}.{resource} is negative; resource amounts must be 0 or more."));
            return null;
        }

        return quantity;
    }
}
