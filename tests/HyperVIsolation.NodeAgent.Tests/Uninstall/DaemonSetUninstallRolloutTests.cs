using System.Text.Json.Nodes;
using HyperVIsolation.NodeAgent.Uninstall;
using k8s.Models;

namespace HyperVIsolation.NodeAgent.Tests.Uninstall;

public sealed class DaemonSetUninstallRolloutTests
{
    [Theory]
    [InlineData(2, 2, 3, 3, 3, 0, true)] // every node runs the uninstall template and is ready
    [InlineData(1, 2, 3, 3, 3, 0, false)] // the controller has not seen the patch yet
    [InlineData(2, 2, 3, 2, 3, 0, false)] // one node still runs the old agent
    [InlineData(2, 2, 3, 3, 2, 1, false)] // one node has not finished its uninstall
    [InlineData(2, 2, 0, 0, 0, 0, true)] // no Windows node: nothing to uninstall
    public void Progress_DaemonSetStatus_CompleteOnlyWhenEveryNodeFinished(long observed, long generation, int desired, int updated, int ready, int unavailable, bool complete)
    {
        var daemonSet = new V1DaemonSet
        {
            Metadata = new V1ObjectMeta { Name = "agent", Generation = generation },
            Status = new V1DaemonSetStatus
            {
                ObservedGeneration = observed,
                DesiredNumberScheduled = desired,
                UpdatedNumberScheduled = updated,
                NumberReady = ready,
                NumberUnavailable = unavailable,
                CurrentNumberScheduled = desired,
                NumberMisscheduled = 0,
            },
        };

        DaemonSetUninstallRollout.Progress(daemonSet).Complete.Should().Be(complete);
    }

    [Fact]
    public void Patch_AgentContainer_UninstallHoldArgsProbeAndAllNodesAtOnce()
    {
        var patch = JsonNode.Parse(DaemonSetUninstallRollout.Patch("node-agent"))!;

        patch["spec"]!["updateStrategy"]!["rollingUpdate"]!["maxUnavailable"]!.GetValue<string>().Should().Be("100%");
        var container = patch["spec"]!["template"]!["spec"]!["containers"]![0]!;
        container["name"]!.GetValue<string>().Should().Be("node-agent", "a strategic merge patch merges containers by name");
        container["args"]!.AsArray().Select(a => a!.GetValue<string>()).Should().Equal("--uninstall", "--hold");
        container["readinessProbe"]!["exec"]!["command"]!.AsArray().Select(a => a!.GetValue<string>()).Should().Equal("hyperv-isolation-node-agent.exe", "--uninstall-probe");
        container["readinessProbe"]!.AsObject().Should().Contain(entry => entry.Key == "httpGet" && entry.Value == null, "the agent's HTTP probe handler is removed, not merged beside exec");
    }
}
