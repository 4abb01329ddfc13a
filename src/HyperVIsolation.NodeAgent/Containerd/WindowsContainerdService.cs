using System.Diagnostics;
using System.Runtime.Versioning;

namespace HyperVIsolation.NodeAgent.Containerd;

/// <summary>Restarts the <c>containerd</c> Windows service through the service control manager (<c>sc.exe</c>). Runs only on Windows nodes.</summary>
[SupportedOSPlatform("windows")]
public sealed class WindowsContainerdService : IContainerdService
{
    private const string ServiceName = "containerd";

    /// <inheritdoc/>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        // Stop fails harmlessly when the service is already stopped; start then brings it up.
        await RunAsync("stop", cancellationToken);
        await RunAsync("start", cancellationToken);
    }

    private static async Task RunAsync(string verb, CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo("sc.exe", $"{verb} {ServiceName}") { UseShellExecute = false })
            ?? throw new InvalidOperationException("sc.exe could not be started.");
        await process.WaitForExitAsync(cancellationToken);
    }
}
