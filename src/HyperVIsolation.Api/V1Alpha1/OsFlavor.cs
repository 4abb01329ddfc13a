namespace HyperVIsolation.Api.V1Alpha1;

/// <summary>The Windows base image family.</summary>
public enum OsFlavor
{
    /// <summary>Nano Server unless a required capability rules it out, then Server Core.</summary>
    Auto,

    /// <summary>Nano Server: smallest image and VM, no .NET Framework, PowerShell 5.1, WMI, IIS, MSI or WoW64.</summary>
    NanoServer,

    /// <summary>Server Core: .NET Framework, PowerShell, WMI, IIS, MSI and WoW64.</summary>
    ServerCore,

    /// <summary>Full Windows Server (ltsc2022 and later), for APIs missing from Server Core.</summary>
    Server,
}
