using HyperVIsolation.NodeAgent.Uninstall;
using HyperVIsolation.SimulatedNodes.Tests.Integration;
using k8s;
using k8s.Models;

namespace HyperVIsolation.SimulatedNodes.Tests.Agent;

/// <summary>The pre-delete hook's rollout against an API server: the DaemonSet is patched into uninstall mode and the hook waits for its status.</summary>
public sealed class DaemonSetUninstallRolloutApiTests
{
    [Fact]
    public async Task RunAsync_RolloutNeverFinishes_PatchesTheTemplateAndTimesOutSayingWhere()
    {
        await using var cluster = await SimulatedClusterFixture.StartAsync(SimulatedClusterFixture.Group("win", "10.0.20348"));
        await cluster.Client.AppsV1.CreateNamespacedDaemonSetAsync(DaemonSet(), "default");
        var rollout = new DaemonSetUninstallRollout(cluster.Client, TimeProvider.System);

        var (complete, description) = await rollout.RunAsync("default", "agent", "node-agent", TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(50), CancellationToken.None);

        complete.Should().BeFalse("no DaemonSet controller rolls it here");
        description.Should().NotBeNullOrEmpty();
        var patched = await cluster.Client.AppsV1.ReadNamespacedDaemonSetAsync("agent", "default");
        var container = patched.Spec.Template.Spec.Containers.Should().ContainSingle().Subject;
        container.Args.Should().Equal("--uninstall", "--hold");
        container.Image.Should().Be("agent:1", "the strategic merge keeps the rest of the container");
        container.ReadinessProbe.Exec.Command.Should().Equal(DaemonSetUninstallRollout.Executable, "--uninstall-probe");
        container.ReadinessProbe.HttpGet.Should().BeNull("a probe has one handler: the HTTP one is replaced");
        container.LivenessProbe.Should().BeNull("the agent serves no HTTP while it holds after uninstalling");
    }

    [Fact]
    public async Task RunAsync_EveryNodeReadyOnTheNewTemplate_Completes()
    {
        await using var cluster = await SimulatedClusterFixture.StartAsync(SimulatedClusterFixture.Group("win", "10.0.20348"));
        await cluster.Client.AppsV1.CreateNamespacedDaemonSetAsync(DaemonSet(), "default");
        var rollout = new DaemonSetUninstallRollout(cluster.Client, TimeProvider.System);
        var running = rollout.RunAsync("default", "agent", "node-agent", TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(50), CancellationToken.None);

        // Stand in for the DaemonSet controller once the patch is in.
        var patched = await WaitForAsync(() => cluster.Client.AppsV1.ReadNamespacedDaemonSetAsync("agent", "default"), d => d.Spec.Template.Spec.Containers[0].Args?.Count > 0);
        var status = "{\"status\":{\"observedGeneration\":" + patched.Metadata.Generation
            + ",\"desiredNumberScheduled\":2,\"currentNumberScheduled\":2,\"updatedNumberScheduled\":2,\"numberReady\":2,\"numberMisscheduled\":0}}";
        await cluster.Client.AppsV1.PatchNamespacedDaemonSetStatusAsync(new V1Patch(status, V1Patch.PatchType.MergePatch), "agent", "default");

        var (complete, description) = await running;
        complete.Should().BeTrue();
        description.Should().Be("2 of 2 nodes uninstalled (2 running the uninstall)");
    }

    [Fact]
    public async Task RunAsync_NoDaemonSet_NothingToUninstall()
    {
        await using var cluster = await SimulatedClusterFixture.StartAsync(SimulatedClusterFixture.Group("win", "10.0.20348"));

        var (complete, _) = await new DaemonSetUninstallRollout(cluster.Client, TimeProvider.System)
            .RunAsync("default", "missing", "node-agent", TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(50), CancellationToken.None);

        complete.Should().BeTrue();
    }

    private static V1DaemonSet DaemonSet()
    {
        var labels = new Dictionary<string, string> { ["app"] = "agent" };
        return new V1DaemonSet
        {
            Metadata = new V1ObjectMeta { Name = "agent" },
            Spec = new V1DaemonSetSpec
            {
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    // The chart's agent container: HTTP probes on the metrics port, which uninstall mode does not serve.
                    Spec = new V1PodSpec
                    {
                        Containers =
                        [
                            new V1Container
                            {
                                Name = "node-agent",
                                Image = "agent:1",
                                LivenessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/healthz", Port = 9102 } },
                                ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/readyz", Port = 9102 } },
                            },
                        ],
                    },
                },
            },
        };
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var value = await read();
            if (condition(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(50);
        }
    }
}
