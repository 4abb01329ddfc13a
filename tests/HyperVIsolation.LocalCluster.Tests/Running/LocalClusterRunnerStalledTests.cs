using HyperVIsolation.LocalCluster.Options;
using HyperVIsolation.LocalCluster.Running;
using Microsoft.Extensions.Logging.Abstractions;

namespace HyperVIsolation.LocalCluster.Tests.Running;

// A class of its own so xunit runs it beside the happy path instead of after it.
public sealed class LocalClusterRunnerStalledTests
{
    [Fact]
    public async Task RunAsync_OnlyServer2019Nodes_TimesOutWithStalledReasons()
    {
        var pool = Path.Combine(Path.GetTempPath(), $"pool-2019-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(pool, """
            groups:
              - name: old
                count: 1
                windowsBuild: 10.0.17763
                vmBootTime: 200ms
                taints: [{key: os, value: windows, effect: NoSchedule}]
            """);
        using var output = new StringWriter();
        try
        {
            var exitCode = await new LocalClusterRunner(output, interactive: false, NullLoggerFactory.Instance).RunAsync(
                new LocalClusterOptions { ExitWhenReady = true, NodePoolPath = pool, Timeout = TimeSpan.FromSeconds(6) }, CancellationToken.None);

            var text = output.ToString();
            exitCode.Should().Be(ExitCodes.Failure, text);
            text.Should().Contain("Not Ready after 6s:")
                .And.Contain("tenant-untrusted/nanoserver-web: 0/2 ready, NoCompatibleNodes: ")
                .And.Contain("stalled: ")
                .And.NotContain("What ran where");
        }
        finally
        {
            File.Delete(pool);
        }
    }
}
