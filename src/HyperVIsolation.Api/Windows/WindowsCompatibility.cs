using HyperVIsolation.Api.V1Alpha1;

namespace HyperVIsolation.Api.Windows;

/// <summary>
/// Which container image builds a Windows host can run, per isolation mode.
/// Hyper-V isolation runs an image of the same or an older build (the utility VM boots the
/// image's own kernel); process isolation shares the host kernel and needs the same build, except
/// that Windows Server 2025 hosts also run Windows Server 2022 images in process isolation.
/// A newer image on an older host never runs (HCS error 0xc0370101).
/// </summary>
public static class WindowsCompatibility
{
    /// <summary>The HRESULT HCS returns when the image's OS build cannot run on the host.</summary>
    public const uint BuildMismatchHResult = 0xc0370101;

    /// <summary>Whether a host of build <paramref name="host"/> runs an image of build <paramref name="image"/>.</summary>
    public static bool CanRun(WindowsBuild host, WindowsBuild image, IsolationMode isolation) => isolation switch
    {
        IsolationMode.HyperV => image <= host,
        IsolationMode.Process => image == host || (host == WindowsBuild.Ltsc2025 && image == WindowsBuild.Ltsc2022),
        _ => false,
    };
}
