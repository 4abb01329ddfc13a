using System.Diagnostics;

namespace HyperVIsolation.LocalCluster.Tests.ChartRbac;

/// <summary>
/// The real kubectl 1.35 and Helm 4 from <c>.tools/</c> (installed by <c>scripts/install-tools.sh</c> when missing),
/// run from the repository root with a throw-away HOME and caches, so no user configuration or cluster leaks in.
/// </summary>
internal sealed class ClientBinaries
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    public string Home { get; } = Directory.CreateTempSubdirectory("chart-rbac-home-").FullName;

    public static string Kubectl => Path.Combine(RepositoryPaths.Root, ".tools", "opt", "kubectl", "kubectl");

    public static string Helm => Path.Combine(RepositoryPaths.Root, ".tools", "opt", "helm", "helm");

    /// <summary>Installs the binaries when they are missing.</summary>
    public async Task EnsureInstalledAsync()
    {
        await InstallGate.WaitAsync();
        try
        {
            if (!File.Exists(Kubectl) || !File.Exists(Helm))
            {
                var install = await RunAsync("bash", [Path.Combine(RepositoryPaths.Root, "scripts", "install-tools.sh")], TimeSpan.FromMinutes(5));
                install.ExitCode.Should().Be(0, install.Output);
            }
        }
        finally
        {
            InstallGate.Release();
        }
    }

    /// <summary>Runs a program to completion; fails with its output after <paramref name="timeout"/>.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(string file, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = RepositoryPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["HOME"] = Home;
        start.Environment["KUBECACHEDIR"] = Path.Combine(Home, "kube-cache");
        start.Environment["HELM_CACHE_HOME"] = Path.Combine(Home, "helm-cache");
        start.Environment["HELM_CONFIG_HOME"] = Path.Combine(Home, "helm-config");
        start.Environment["HELM_DATA_HOME"] = Path.Combine(Home, "helm-data");
        start.Environment.Remove("KUBECONFIG");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        using var cancel = new CancellationTokenSource(timeout);
        var output = process.StandardOutput.ReadToEndAsync(cancel.Token);
        var error = process.StandardError.ReadToEndAsync(cancel.Token);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(file)} {string.Join(' ', arguments)} did not finish within {timeout}.");
        }

        return (process.ExitCode, (await output) + (await error));
    }

    /// <summary>Removes the throw-away HOME.</summary>
    public void DeleteHome() => Directory.Delete(Home, recursive: true);
}
