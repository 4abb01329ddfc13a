using System.Diagnostics;
using HyperVIsolation.LocalApiServer.Hosting;

namespace HyperVIsolation.LocalApiServer.Tests.Conformance;

/// <summary>
/// A local API server plus the real kubectl and helm binaries (installed by scripts/install-tools.sh
/// when missing), run with a throw-away HOME and caches, pointed only at the loopback server.
/// </summary>
public sealed class ClientToolsFixture : IAsyncLifetime
{
    private static readonly string RepositoryRoot = FindRoot();
    private LocalApiServer.Hosting.LocalApiServer? server;

    public LocalApiServer.Hosting.LocalApiServer Server => server ?? throw new InvalidOperationException("not started");

    public string Home { get; } = Directory.CreateTempSubdirectory("las-tools-home-").FullName;

    public static string Kubectl => Path.Combine(RepositoryRoot, ".tools", "opt", "kubectl", "kubectl");

    public static string Helm => Path.Combine(RepositoryRoot, ".tools", "opt", "helm", "helm");

    public async Task InitializeAsync()
    {
        if (!File.Exists(Kubectl) || !File.Exists(Helm))
        {
            var install = await RunAsync("bash", [Path.Combine(RepositoryRoot, "scripts", "install-tools.sh")], TimeSpan.FromMinutes(5));
            install.ExitCode.Should().Be(0, install.All);
        }

        server = await LocalApiServer.Hosting.LocalApiServer.StartAsync(
            new LocalApiServerOptions { BookmarkInterval = TimeSpan.FromSeconds(1), GarbageCollectionInterval = TimeSpan.FromMilliseconds(100) },
            CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        Directory.Delete(Home, recursive: true);
    }

    public Task<ProcessResult> KubectlAsync(params string[] arguments) =>
        RunAsync(Kubectl, ["--kubeconfig", Server.KubeconfigPath, "--request-timeout=20s", .. arguments], TimeSpan.FromSeconds(30));

    public Task<ProcessResult> HelmAsync(params string[] arguments) =>
        RunAsync(Helm, ["--kubeconfig", Server.KubeconfigPath, .. arguments], TimeSpan.FromSeconds(60));

    /// <summary>Starts kubectl in the background (for -w); the caller kills it.</summary>
    public Process StartKubectl(params string[] arguments)
    {
        var start = StartInfo(Kubectl, ["--kubeconfig", Server.KubeconfigPath, .. arguments]);
        return Process.Start(start)!;
    }

    public async Task<ProcessResult> RunAsync(string file, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        using var process = Process.Start(StartInfo(file, arguments))!;
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
            throw new TimeoutException($"{Path.GetFileName(file)} {string.Join(' ', arguments)} did not finish in {timeout}");
        }

        return new ProcessResult(process.ExitCode, await output, await error);
    }

    private ProcessStartInfo StartInfo(string file, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
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
        return start;
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Operator.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
