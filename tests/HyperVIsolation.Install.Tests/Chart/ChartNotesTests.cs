using System.Text.RegularExpressions;
using HyperVIsolation.Install.Tests.Tools;

namespace HyperVIsolation.Install.Tests.Chart;

/// <summary>
/// The chart's NOTES work as written: every kubectl command they print runs, from the repository
/// root, against an API server the chart was just installed into by the real Helm 3 and Helm 4. There is no Deployment
/// controller or operator here, so the waiting commands check once and a wait may only find its
/// condition unmet (an unknown resource, name, flag or namespace fails).
/// </summary>
[Collection(ClientToolsDefinition.Name)]
public sealed partial class ChartNotesTests(ClientTools tools, ApiServer server)
{
    [Fact]
    public async Task Notes_EveryKubectlCommand_RunsAgainstTheInstalledChart()
    {
        var notes = await InstallAsync(4, "notes4");

        var commands = notes.Split('\n').Select(line => line.Trim()).Where(line => line.StartsWith("kubectl ", StringComparison.Ordinal)).ToList();

        commands.Should().HaveCount(6).And.Contain("kubectl -n notes4 rollout status deployment/notes4-hyperv-isolation --timeout=5m");
        foreach (var command in commands)
        {
            // Check once instead of waiting: rollout status without watching, wait with a zero timeout.
            var once = command.Contains(" rollout status ", StringComparison.Ordinal)
                ? Timeout().Replace(command, "--watch=false")
                : Timeout().Replace(command, "--timeout=0s");
            var result = await tools.KubectlAsync(["--kubeconfig", server.KubeconfigPath, .. once.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)]);

            if (result.ExitCode != 0)
            {
                command.Should().Contain(" wait ", $"only a wait may end unmet here, but `{command}` failed: {result.Error}");
                result.Error.Should().Contain("condition not met for isolatedworkloads/");
            }
        }
    }

    [Fact]
    public async Task Install_Helm3_SameNotesAsHelm4()
    {
        var helm3 = await InstallAsync(3, "notes3");
        var helm4 = await InstallAsync(4, "notes4b");

        helm3.Replace("notes3", "RELEASE", StringComparison.Ordinal).Should().Be(helm4.Replace("notes4b", "RELEASE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Notes_WebhooksOff_WarnsThatPodsAreNotChecked()
    {
        var off = await tools.HelmAsync(4, "install", "demo", "charts/hyperv-isolation", "--dry-run=client", "--set", "webhook.enabled=false");
        var on = await tools.HelmAsync(4, "install", "demo", "charts/hyperv-isolation", "--dry-run=client");

        off.Output.Should().Contain("NOTES:").And.Contain("WARNING: the admission webhooks are off");
        on.Output.Should().Contain("NOTES:").And.NotContain("WARNING");
    }

    /// <summary>A real helm install into its own namespace, returning the NOTES it prints.</summary>
    private async Task<string> InstallAsync(int helmMajor, string release)
    {
        // Webhooks off: no operator serves them here, and with them on (fail closed) the samples would be refused.
        var install = await tools.HelmAsync(
            helmMajor, "install", release, "charts/hyperv-isolation", "--namespace", release, "--create-namespace",
            "--set", "webhook.enabled=false", "--kubeconfig", server.KubeconfigPath);
        install.ExitCode.Should().Be(0, install.All);
        return install.Output[install.Output.IndexOf("NOTES:\n", StringComparison.Ordinal)..];
    }

    [GeneratedRegex(@"--timeout=\S+")]
    private static partial Regex Timeout();
}
