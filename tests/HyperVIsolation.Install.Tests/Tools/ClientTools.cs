using System.ComponentModel;
using System.Diagnostics;

namespace HyperVIsolation.Install.Tests.Tools;

/// <summary>
/// The real clients a user installs with: kubectl 1.35 (with Kustomize), Helm 4 and Helm 3 from
/// <c>.tools/</c> (installed by <c>scripts/install-tools.sh</c> when missing) and Debian's Lua
/// interpreters, each run with a throw-away HOME and caches and the repository root as working directory.
/// </summary>
public sealed class ClientTools : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>The Helm majors the chart must work with.</summary>
    public static TheoryData<int> HelmMajors => [3, 4];

    public static string Kubectl => RepositoryRoot.Combine(".tools/opt/kubectl/kubectl");

    public string Home { get; } = Directory.CreateTempSubdirectory("install-tests-home-").FullName;

    public static string Helm(int major) => major switch
    {
        3 => RepositoryRoot.Combine(".tools/opt-helm3/helm/helm"),
        4 => RepositoryRoot.Combine(".tools/opt/helm/helm"),
        _ => throw new ArgumentOutOfRangeException(nameof(major), major, "Helm 3 and 4 are installed"),
    };

    public async Task InitializeAsync()
    {
        if (!File.Exists(Kubectl) || !File.Exists(Helm(3)) || !File.Exists(Helm(4)))
        {
            var install = await RunAsync("bash", [RepositoryRoot.Combine("scripts/install-tools.sh")]);
            install.ExitCode.Should().Be(0, $"scripts/install-tools.sh must install the clients:\n{install.All}");
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Home, recursive: true);
        return Task.CompletedTask;
    }

    public Task<ProcessResult> HelmAsync(int major, params string[] arguments) => RunAsync(Helm(major), arguments);

    /// <summary><c>helm template</c> of the chart as release <c>demo</c> in namespace <c>ops</c>, with extra arguments (values).</summary>
    public Task<ProcessResult> HelmTemplateAsync(int major, params string[] arguments) =>
        HelmAsync(major, ["template", "demo", "charts/hyperv-isolation", "--namespace", "ops", .. arguments]);

    public Task<ProcessResult> KubectlAsync(params string[] arguments) => RunAsync(Kubectl, arguments);

    /// <summary>Runs a program to completion, failing the test after two minutes.</summary>
    public async Task<ProcessResult> RunAsync(string file, IReadOnlyList<string> arguments, string? standardInput = null)
    {
        using var process = Start(file, arguments, redirectInput: standardInput is not null);
        using var timeout = new CancellationTokenSource(Timeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput.AsMemory(), timeout.Token);
            process.StandardInput.Close();
        }

        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(file)} {string.Join(' ', arguments)} did not finish within {Timeout}.");
        }

        return new ProcessResult(process.ExitCode, await output, await error);
    }

    private Process Start(string file, IReadOnlyList<string> arguments, bool redirectInput)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No user configuration or cluster leaks in: every client reads and writes only under Home.
        start.Environment["HOME"] = Home;
        start.Environment["KUBECACHEDIR"] = Path.Combine(Home, "kube-cache");
        start.Environment["HELM_CACHE_HOME"] = Path.Combine(Home, "helm-cache");
        start.Environment["HELM_CONFIG_HOME"] = Path.Combine(Home, "helm-config");
        start.Environment["HELM_DATA_HOME"] = Path.Combine(Home, "helm-data");
        start.Environment.Remove("KUBECONFIG");
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException(
                $"{file} is not installed; run scripts/install-tools.sh (Debian: apt-get install -y lua5.1 lua5.4 npm unzip).", exception);
        }
    }
}
