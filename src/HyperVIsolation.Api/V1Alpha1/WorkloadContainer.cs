using System.ComponentModel.DataAnnotations;
using HyperVIsolation.Api.Schema;

namespace HyperVIsolation.Api.V1Alpha1;

/// <summary>
/// One container. Give <c>image</c>, or <c>images</c> per Windows release, or neither to run the
/// selected base image itself (for example with a command).
/// </summary>
[CelRule("!(has(self.image) && has(self.images))",
    "Set either image or images (per Windows release), not both.", FieldPath = ".images")]
public sealed class WorkloadContainer
{
    /// <summary>Container name (a DNS label), unique within the template.</summary>
    [Required]
    [MaxLength(63)]
    [RegularExpression("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    public string Name { get; set; } = string.Empty;

    /// <summary>Image reference used on every Windows release. Its OS build must suit the selected version.</summary>
    [MaxLength(512)]
    public string? Image { get; set; }

    /// <summary>Image per Windows release (keys ltsc2019, ltsc2022, ltsc2025); the operator picks the one for the selected version.</summary>
    [CelRule("self.all(k, k in ['ltsc2019', 'ltsc2022', 'ltsc2025'])",
        "Keys of images must be Windows releases: ltsc2019, ltsc2022 or ltsc2025.")]
    [MinLength(1)]
    [MaxLength(3)]
    public Dictionary<string, string>? Images { get; set; }

    /// <summary>Entrypoint override.</summary>
    public List<string>? Command { get; set; }

    /// <summary>Arguments to the entrypoint.</summary>
    public List<string>? Args { get; set; }

    /// <summary>Working directory inside the container.</summary>
    public string? WorkingDir { get; set; }

    /// <summary>Environment variables.</summary>
    [ListMap("name")]
    public List<EnvironmentVariable>? Env { get; set; }

    /// <summary>Ports the container listens on.</summary>
    [ListMap("containerPort", "protocol")]
    public List<ContainerPortSpec>? Ports { get; set; }

    /// <summary>CPU and memory requests and limits; they also size the utility VM.</summary>
    public ContainerResources? Resources { get; set; }
}
