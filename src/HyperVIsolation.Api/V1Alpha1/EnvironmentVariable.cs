using System.ComponentModel.DataAnnotations;

namespace HyperVIsolation.Api.V1Alpha1;

/// <summary>An environment variable with a literal value.</summary>
public sealed class EnvironmentVariable
{
    /// <summary>Variable name.</summary>
    [Required]
    [MinLength(1)]
    public string Name { get; set; } = string.Empty;

    /// <summary>Variable value.</summary>
    public string? Value { get; set; }
}
