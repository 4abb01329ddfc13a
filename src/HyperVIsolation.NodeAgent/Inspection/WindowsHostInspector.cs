using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using HyperVIsolation.Api.Windows;
using Microsoft.Win32;

namespace HyperVIsolation.NodeAgent.Inspection;

/// <summary>
/// Reads the host's facts on Windows: build, revision and edition from the registry
/// (<c>HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion</c>), Hyper-V from the Host Compute Service's
/// service key (<c>vmcompute</c>), the containerd release from <c>containerd.exe --version</c>. Runs only on
/// Windows nodes; tests use the simulated node's inspector.
/// </summary>
/// <param name="containerdExecutable">The containerd binary.</param>
[SupportedOSPlatform("windows")]
public sealed class WindowsHostInspector(string containerdExecutable) : IHostInspector
{
    private const string CurrentVersionKey = @"SOFTWARE\Microsoft\Windows NT\CurrentVersion";
    private const string HostComputeServiceKey = @"SYSTEM\CurrentControlSet\Services\vmcompute";

    /// <inheritdoc/>
    public async Task<HostFacts> InspectAsync(CancellationToken cancellationToken)
    {
        using var version = Registry.LocalMachine.OpenSubKey(CurrentVersionKey)
            ?? throw new InvalidOperationException($"HKLM\\{CurrentVersionKey} is missing: not a Windows host.");
        var build = int.Parse((string?)version.GetValue("CurrentBuildNumber") ?? "0", CultureInfo.InvariantCulture);
        var revision = version.GetValue("UBR") is int ubr ? ubr : 0;
        var edition = (string?)version.GetValue("EditionID") ?? "unknown";
        using var hcs = Registry.LocalMachine.OpenSubKey(HostComputeServiceKey);
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return new HostFacts(new WindowsBuild(build), revision, edition, hcs is not null, await ContainerdReleaseAsync(cancellationToken), memory);
    }

    // "containerd github.com/containerd/containerd/v2 v2.0.4 1a43cb6..." names the release third.
    private async Task<string> ContainerdReleaseAsync(CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo(containerdExecutable, "--version") { RedirectStandardOutput = true, UseShellExecute = false })
            ?? throw new InvalidOperationException($"{containerdExecutable} could not be started.");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var words = output.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return words.Length >= 3 ? words[2] : "unknown";
    }
}
