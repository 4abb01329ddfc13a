using System.Diagnostics;

namespace HyperVIsolation.NodeAgent.Tests.Containerd.RealContainerd;

/// <summary>
/// The real <c>containerd</c> binary (Debian's package, 1.6.20, installed by <c>.ci/run</c>), used only for
/// <c>containerd --config FILE config dump</c>: it loads a config with its imports exactly as the daemon does at
/// start-up and prints the result, with no daemon running and nothing written.
/// </summary>
internal static class ContainerdBinary
{
    /// <summary>The binary's path, or <see langword="null"/> when it is not installed.</summary>
    public static string? Path { get; } = Find();

    /// <summary>Whether this is a CI run (<c>CI=true</c>), where a missing binary is a failure, not a skip.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Runs <c>containerd --config <paramref name="configPath"/> config dump</c>.</summary>
    /// <returns>The exit code, the dumped TOML and what containerd wrote to stderr.</returns>
    public static async Task<(int ExitCode, string Dump, string Errors)> DumpAsync(string configPath)
    {
        var binary = Path ?? throw new InvalidOperationException(
            "containerd is not installed (apt-get install containerd); CI installs it in .ci/run, so this test fails there instead of skipping.");
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = System.IO.Path.GetDirectoryName(configPath)!,
        };
        foreach (var argument in new[] { "--config", configPath, "config", "dump" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{binary} could not be started.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }

    private static string? Find()
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return directories.Append("/usr/bin").Append("/usr/local/bin")
            .Select(directory => System.IO.Path.Combine(directory, "containerd"))
            .FirstOrDefault(File.Exists);
    }
}
