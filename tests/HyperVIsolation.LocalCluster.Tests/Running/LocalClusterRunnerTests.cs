using System.Text.RegularExpressions;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.LocalCluster.Manifests;
using HyperVIsolation.LocalCluster.Options;
using HyperVIsolation.LocalCluster.Running;
using Microsoft.Extensions.Logging.Abstractions;

namespace HyperVIsolation.LocalCluster.Tests.Running;

public sealed partial class LocalClusterRunnerTests
{
    [Fact]
    public async Task RunAsync_ExitWhenReady_EverySampleRunsInHyperVPodsAndExitsZero()
    {
        using var output = new StringWriter();
        var runner = new LocalClusterRunner(output, interactive: false, NullLoggerFactory.Instance);

        var exitCode = await runner.RunAsync(new LocalClusterOptions { ExitWhenReady = true, Timeout = TimeSpan.FromSeconds(60) }, CancellationToken.None);

        var text = output.ToString();
        exitCode.Should().Be(ExitCodes.Success, text);
        text.Should().Contain("export KUBECONFIG=").And.Contain("All 3 sample workloads are Ready");
        var rows = PlacementRows(text);
        foreach (var workload in (await ManifestReader.ReadDirectoryAsync(RepositoryPaths.Samples, CancellationToken.None)).Select(m => m.Object).OfType<IsolatedWorkload>())
        {
            var pods = rows.Where(r => r[0] == workload.Metadata.Name).ToList();
            pods.Should().HaveCount(workload.Spec.Replicas, $"{workload.Metadata.Name} has {workload.Spec.Replicas} replicas\n{text}");
            pods.Should().OnlyContain(r => r[2] != "-" && r[3].StartsWith("10.0.", StringComparison.Ordinal), "every pod is bound to a Windows node");
            pods.Should().OnlyContain(r => r[5] != "-", "every pod has a RuntimeClass");
            pods.Should().OnlyContain(r => r[6].Contains("MB", StringComparison.Ordinal), "every pod asks for a VM size");
            pods.Should().OnlyContain(r => r[7] == VmMemory(r[6]), "the node's HCS created the VM with the memory the pod asked for");
            var reported = ReportedVm(text, workload.Metadata.Name);
            pods.Should().OnlyContain(r => r[6] == reported, $"the pods get the VM size the workload reports ({reported})\n{text}");
        }

        // The sample policy denies cross-namespace traffic and blocks the metadata endpoint in the tenant namespace.
        var networkPolicies = text.Split('\n').SkipWhile(l => !l.StartsWith("NAMESPACE  ", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => l.Trim().Length > 0).Select(l => ColumnGap().Split(l.Trim())).ToList();
        networkPolicies.Select(r => string.Join(" ", r)).Should().Equal(
            ["tenant-untrusted hyperv-isolation-block-instance-metadata Egress untrusted-tenants", "tenant-untrusted hyperv-isolation-deny-cross-namespace Ingress untrusted-tenants"], text);
    }

    [Fact]
    public async Task RunAsync_MissingSamplesDirectory_UsageExitCodeWithoutStarting()
    {
        using var output = new StringWriter();
        var runner = new LocalClusterRunner(output, interactive: false, NullLoggerFactory.Instance);

        var exitCode = await runner.RunAsync(new LocalClusterOptions { SamplesDirectory = "does-not-exist" }, CancellationToken.None);

        exitCode.Should().Be(ExitCodes.Usage);
        output.ToString().Should().StartWith("error: --samples: the directory").And.NotContain("API server");
    }

    // The rows of the placement table: cells split on the two-space column gap.
    private static List<string[]> PlacementRows(string text) =>
        [.. text.Split('\n').SkipWhile(l => !PlacementHeader().IsMatch(l)).Skip(1)
            .TakeWhile(l => l.Trim().Length > 0)
            .Select(l => ColumnGap().Split(l.Trim()))];

    private static string VmMemory(string requested) => requested.Split(", ").Last();

    // The workload's status summary from its last progress line ("vm 1536Mi/1vCPU"), in the table's form ("1 vCPU, 1536 MB").
    private static string ReportedVm(string text, string workload)
    {
        var line = text.Split('\n').Last(l => l.Contains("/" + workload + " ", StringComparison.Ordinal) && l.Contains(" vm ", StringComparison.Ordinal));
        var match = ReportedVmSummary().Match(line);
        return match.Success ? $"{match.Groups["cpu"].Value} vCPU, {match.Groups["mem"].Value} MB" : $"(no vm in: {line})";
    }

    [GeneratedRegex(@" vm (?<mem>[0-9]+)Mi/(?<cpu>[0-9]+)vCPU")]
    private static partial Regex ReportedVmSummary();

    [GeneratedRegex(@"^WORKLOAD +POD ")]
    private static partial Regex PlacementHeader();

    [GeneratedRegex(" {2,}")]
    private static partial Regex ColumnGap();
}
