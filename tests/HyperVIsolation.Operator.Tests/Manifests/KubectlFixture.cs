using System.Diagnostics;

namespace HyperVIsolation.Operator.Tests.Manifests;

/// <summary>
/// The real kubectl from <c>.tools/</c>, installed once per test run by
/// <c>scripts/install-tools.sh</c> when missing (a fresh checkout or CI machine).
/// </summary>
public sealed class KubectlFixture
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public KubectlFixture()
    {
        Path = System.IO.Path.Combine(RepositoryRoot.Path, ".tools", "opt", "kubectl", "kubectl");
        if (!File.Exists(Path))
        {
            var install = Run("bash", [System.IO.Path.Combine(RepositoryRoot.Path, "scripts", "install-tools.sh")]);
            if (install.ExitCode != 0 || !File.Exists(Path))
            {
                throw new InvalidOperationException($"scripts/install-tools.sh did not install kubectl:\n{install.Error}");
            }
        }
    }

    public string Path { get; }

    /// <summary>Runs kubectl with the repository root as working directory.</summary>
    public ProcessResult Kubectl(params string[] arguments) => Run(Path, arguments);

    private static ProcessResult Run(string fileName, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish within {Timeout}.");
        }

        return new ProcessResult(process.ExitCode, output.Result, error.Result);
    }
}
