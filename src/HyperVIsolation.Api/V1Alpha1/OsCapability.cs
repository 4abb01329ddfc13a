namespace HyperVIsolation.Api.V1Alpha1;

/// <summary>An OS feature a workload needs; each of these rules out Nano Server.</summary>
public enum OsCapability
{
    /// <summary>.NET Framework 4.x.</summary>
    DotNetFramework,

    /// <summary>Windows PowerShell 5.1.</summary>
    PowerShell,

    /// <summary>32-bit processes (Windows-on-Windows 64).</summary>
    WoW64,

    /// <summary>Internet Information Services.</summary>
    IIS,

    /// <summary>Windows Installer packages.</summary>
    MSI,

    /// <summary>Windows Management Instrumentation.</summary>
    WMI,
}
