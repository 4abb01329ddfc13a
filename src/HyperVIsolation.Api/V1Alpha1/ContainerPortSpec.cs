using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace HyperVIsolation.Api.V1Alpha1;

/// <summary>A port a container listens on.</summary>
public sealed class ContainerPortSpec
{
    /// <summary>Optional port name (an IANA service name).</summary>
    [MaxLength(15)]
    [RegularExpression("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    public string? Name { get; set; }

    /// <summary>Port number.</summary>
    [Required]
    [Range(1, 65535)]
    public int ContainerPort { get; set; }

    /// <summary>TCP or UDP.</summary>
    [DefaultValue(PortProtocol.TCP)]
    public PortProtocol Protocol { get; set; } = PortProtocol.TCP;
}
