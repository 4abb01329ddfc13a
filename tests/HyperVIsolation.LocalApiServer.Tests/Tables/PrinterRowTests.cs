using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Tables;

namespace HyperVIsolation.LocalApiServer.Tests.Tables;

public sealed class PrinterRowTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-01-01T01:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("""{"phase":"Pending"}""", "0/1", "Pending", "0")]
    [InlineData("""{"phase":"Pending","containerStatuses":[{"name":"c","ready":false,"restartCount":0,"state":{"waiting":{"reason":"ContainerCreating"}}}]}""", "0/1", "ContainerCreating", "0")]
    [InlineData("""{"phase":"Running","containerStatuses":[{"name":"c","ready":true,"restartCount":2,"state":{"running":{}},"lastState":{"terminated":{"exitCode":1,"finishedAt":"2026-01-01T00:55:00Z"}}}]}""", "1/1", "Running", "2 (5m ago)")]
    [InlineData("""{"phase":"Failed","containerStatuses":[{"name":"c","ready":false,"restartCount":0,"state":{"terminated":{"exitCode":3}}}]}""", "0/1", "ExitCode:3", "0")]
    [InlineData("""{"phase":"Succeeded","containerStatuses":[{"name":"c","ready":false,"restartCount":0,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}""", "0/1", "Completed", "0")]
    [InlineData("""{"phase":"Pending","initContainerStatuses":[{"name":"i","ready":false,"restartCount":0,"state":{"waiting":{"reason":"PodInitializing"}}}]}""", "0/1", "Init:0/1", "0")]
    [InlineData("""{"phase":"Pending","initContainerStatuses":[{"name":"i","ready":false,"restartCount":0,"state":{"terminated":{"exitCode":2}}}]}""", "0/1", "Init:ExitCode:2", "0")]
    public void PodCells_FromStatus_ShowReadyStatusAndRestartsAsKubectl(string status, string ready, string shown, string restarts)
    {
        var pod = Pod(JsonNode.Parse(status)!.AsObject());

        var cells = PodRow.Cells(pod, Now);

        cells[1]!.ToString().Should().Be(ready);
        cells[2]!.ToString().Should().Be(shown);
        cells[3]!.ToString().Should().Be(restarts);
        cells[4]!.ToString().Should().Be("60m", "Go prints minutes up to three hours");
    }

    [Fact]
    public void PodCells_DeletingRunningPod_IsTerminatingWithWideColumns()
    {
        var pod = Pod(JsonNode.Parse("""{"phase":"Running","podIP":"10.1.0.5","podIPs":[{"ip":"10.1.0.5"}],"conditions":[{"type":"gate/ready","status":"True"}]}""")!.AsObject());
        pod["metadata"]!["deletionTimestamp"] = "2026-01-01T00:59:00Z";
        pod["spec"]!["nodeName"] = "win-1";
        pod["spec"]!["readinessGates"] = new JsonArray(new JsonObject { ["conditionType"] = "gate/ready" }, new JsonObject { ["conditionType"] = "gate/other" });

        var cells = PodRow.Cells(pod, Now).Select(c => c?.ToString()).ToList();

        cells.Should().Equal("p", "0/1", "Terminating", "0", "60m", "10.1.0.5", "win-1", "<none>", "1/2");
        PodRow.Columns.Select(c => c.Priority).Should().Equal(0, 0, 0, 0, 0, 1, 1, 1, 1);
    }

    [Theory]
    [InlineData("True", false, "Ready")]
    [InlineData("False", false, "NotReady")]
    [InlineData("Unknown", true, "NotReady,SchedulingDisabled")]
    [InlineData(null, false, "Unknown")]
    public void NodeCells_ReadyCondition_ShowsKubectlStatus(string? ready, bool unschedulable, string expected)
    {
        var node = JsonNode.Parse("""
            {"metadata":{"name":"win-1","creationTimestamp":"2026-01-01T00:00:00Z","labels":{"node-role.kubernetes.io/worker":"","kubernetes.io/role":"windows"}},
             "spec":{},
             "status":{"nodeInfo":{"kubeletVersion":"v1.31.0","osImage":"Windows Server 2022 Datacenter"},"addresses":[{"type":"InternalIP","address":"10.0.0.4"}]}}
            """)!.AsObject();
        node["spec"]!["unschedulable"] = unschedulable;
        if (ready is not null)
        {
            node["status"]!["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = ready });
        }

        var cells = NodeRow.Cells(node, Now).Select(c => c?.ToString()).ToList();

        cells.Should().Equal("win-1", expected, "windows,worker", "60m", "v1.31.0", "10.0.0.4", "<none>", "Windows Server 2022 Datacenter", "<unknown>", "<unknown>");
    }

    [Fact]
    public void EventCells_RepeatedCoreEvent_ShowObjectSourceAndCount()
    {
        var e = JsonNode.Parse("""
            {"metadata":{"name":"p.1"},"involvedObject":{"kind":"Pod","name":"p","fieldPath":"spec.containers{c}"},"reason":"Pulled","message":" pulled \n","type":"Normal",
             "source":{"component":"kubelet","host":"win-1"},"firstTimestamp":"2026-01-01T00:50:00Z","lastTimestamp":"2026-01-01T00:59:00Z","count":3}
            """)!.AsObject();

        var cells = EventRow.Cells(e, Now).Select(c => c?.ToString()).ToList();

        cells.Should().Equal("60s", "Normal", "Pulled", "pod/p", "spec.containers{c}", "kubelet, win-1", "pulled", "10m", "3", "p.1");
    }

    [Fact]
    public void EventCells_EventsApiShape_ReadsRegardingNoteAndController()
    {
        var e = JsonNode.Parse("""
            {"metadata":{"name":"w.1"},"regarding":{"kind":"IsolatedWorkload","name":"w"},"reason":"Sized","note":"sized","type":"Normal",
             "reportingController":"hyperv-isolation","reportingInstance":"op-0","eventTime":"2026-01-01T00:58:00.000000Z"}
            """)!.AsObject();

        var cells = EventRow.Cells(e, Now).Select(c => c?.ToString()).ToList();

        cells.Should().Equal("2m", "Normal", "Sized", "isolatedworkload/w", string.Empty, "hyperv-isolation, op-0", "sized", "2m", "1", "w.1");
    }

    [Theory]
    [InlineData("{}", "<none>")]
    [InlineData("""{"matchLabels":{"b":"2","a":"1"}}""", "a=1,b=2")]
    [InlineData("""{"matchExpressions":[{"key":"tier","operator":"In","values":["web","api"]},{"key":"gone","operator":"DoesNotExist"}]}""", "!gone,tier in (api,web)")]
    public void LabelSelectorText_Format_MatchesApimachinery(string selector, string expected)
    {
        LabelSelectorText.Format(JsonNode.Parse(selector)).Should().Be(expected);
    }

    private static JsonObject Pod(JsonObject status) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = "p", ["creationTimestamp"] = "2026-01-01T00:00:00Z" },
        ["spec"] = new JsonObject
        {
            ["containers"] = new JsonArray(new JsonObject { ["name"] = "c" }),
            ["initContainers"] = status.ContainsKey("initContainerStatuses") ? new JsonArray(new JsonObject { ["name"] = "i" }) : null,
        },
        ["status"] = status,
    };
}
