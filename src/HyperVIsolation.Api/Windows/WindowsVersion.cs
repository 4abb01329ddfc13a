using System.Text.Json.Serialization;

namespace HyperVIsolation.Api.Windows;

/// <summary>A Windows Server long-term servicing channel release, as named in image tags.</summary>
public enum WindowsVersion
{
    /// <summary>Choose the newest version the target nodes can run.</summary>
    [JsonStringEnumMemberName("Auto")]
    Auto,

    /// <summary>Windows Server 2019, build 10.0.17763.</summary>
    [JsonStringEnumMemberName("ltsc2019")]
    Ltsc2019,

    /// <summary>Windows Server 2022, build 10.0.20348.</summary>
    [JsonStringEnumMemberName("ltsc2022")]
    Ltsc2022,

    /// <summary>Windows Server 2025, build 10.0.26100.</summary>
    [JsonStringEnumMemberName("ltsc2025")]
    Ltsc2025,
}
