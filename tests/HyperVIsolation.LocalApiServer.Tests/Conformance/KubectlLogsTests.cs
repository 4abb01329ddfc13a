using HyperVIsolation.LocalApiServer.Logs;
using k8s;
using k8s.Models;

namespace HyperVIsolation.LocalApiServer.Tests.Conformance;

/// <summary>The real <c>kubectl logs</c> against <c>pods/log</c>, with a scripted kubelet behind it.</summary>
public sealed class KubectlLogsTests(ClientToolsFixture tools) : IClassFixture<ClientToolsFixture>
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-03-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Logs_TailAndTimestamps_PrintTheKubeletLines()
    {
        var source = new ScriptedLogSource();
        var uid = await CreateBoundPodAsync("logged", source);
        source.Write(uid, "app", "first", "second", "third");
        source.Stop(uid, "app");

        var all = await tools.KubectlAsync("logs", "logged");
        var tail = await tools.KubectlAsync("logs", "logged", "--tail=2");
        var stamped = await tools.KubectlAsync("logs", "logged", "--tail=1", "--timestamps");

        all.ExitCode.Should().Be(0, all.All);
        all.Output.Should().Be("first\nsecond\nthird\n");
        tail.Output.Should().Be("second\nthird\n");
        stamped.Output.Should().Be("2026-03-01T10:00:02Z third\n");
    }

    [Fact]
    public async Task Logs_SinceTimeSinceAndLimitBytes_FilterAndCutAsTheKubelet()
    {
        var source = new ScriptedLogSource();
        var uid = await CreateBoundPodAsync("limited", source);
        source.Write(uid, "app", "first", "second", "third");
        source.Stop(uid, "app");

        var sinceTime = await tools.KubectlAsync("logs", "limited", "--since-time=2026-03-01T10:00:01Z");
        var sinceHour = await tools.KubectlAsync("logs", "limited", "--since=1h");
        var limited = await tools.KubectlAsync("logs", "limited", "--limit-bytes=8");

        sinceTime.ExitCode.Should().Be(0, sinceTime.All);
        sinceTime.Output.Should().Be("second\nthird\n");
        sinceHour.Output.Should().BeEmpty("every line was written months before now");
        limited.Output.Should().Be("first\nse", "the byte limit may cut the last line");
    }

    [Fact]
    public async Task Logs_Follow_StreamsNewLinesUntilTheContainerStops()
    {
        var source = new ScriptedLogSource();
        var uid = await CreateBoundPodAsync("followed", source);
        source.Write(uid, "app", "booted");

        using var follow = tools.StartKubectl("logs", "-f", "followed");
        var firstLine = await follow.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        source.Write(uid, "app", "working");
        var secondLine = await follow.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        source.Stop(uid, "app");
        await follow.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));

        firstLine.Should().Be("booted");
        secondLine.Should().Be("working");
        follow.ExitCode.Should().Be(0);
    }

    [Fact]
    public async Task Logs_ContainerNotStarted_ReportsWaitingAsKubeApiserver()
    {
        await CreateBoundPodAsync("waiting", new ScriptedLogSource());

        var result = await tools.KubectlAsync("logs", "waiting");

        result.ExitCode.Should().NotBe(0);
        result.Error.Should().Contain("container \"app\" in pod \"waiting\" is waiting to start: ContainerCreating");
    }

    private async Task<string> CreateBoundPodAsync(string name, ScriptedLogSource source)
    {
        tools.Server.ContainerLogs = source;
        using var client = tools.Server.CreateClient();
        var pod = await client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "app:1" }] },
        }, "default");
        await client.CoreV1.CreateNamespacedPodBindingAsync(new V1Binding { Metadata = new V1ObjectMeta { Name = name }, Target = new V1ObjectReference { Name = "node-1" } }, name, "default");
        return pod.Metadata.Uid;
    }

    /// <summary>A kubelet whose containers write what the test tells them.</summary>
    private sealed class ScriptedLogSource : IContainerLogSource
    {
        private readonly Lock gate = new();
        private readonly Dictionary<string, (List<ContainerLogLine> Lines, bool Running)> logs = new(StringComparer.Ordinal);

        public ContainerLog? Read(string nodeName, string podUid, string container, bool previous)
        {
            lock (gate)
            {
                return nodeName == "node-1" && !previous && logs.TryGetValue(podUid + "/" + container, out var log) ? new ContainerLog([.. log.Lines], log.Running) : null;
            }
        }

        public void Write(string uid, string container, params string[] lines)
        {
            lock (gate)
            {
                var log = logs.GetValueOrDefault(uid + "/" + container, ([], true));
                foreach (var line in lines)
                {
                    log.Lines.Add(new ContainerLogLine(Start.AddSeconds(log.Lines.Count), line));
                }

                logs[uid + "/" + container] = log;
            }
        }

        public void Stop(string uid, string container)
        {
            lock (gate)
            {
                logs[uid + "/" + container] = (logs[uid + "/" + container].Lines, false);
            }
        }
    }
}
