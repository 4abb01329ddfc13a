namespace HyperVIsolation.Api.V1Alpha1;

/// <summary>Transport protocol of a container port.</summary>
public enum PortProtocol
{
    /// <summary>TCP.</summary>
    TCP,

    /// <summary>UDP.</summary>
    UDP,
}
