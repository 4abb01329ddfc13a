using HyperVIsolation.Api;
using HyperVIsolation.SimulatedNodes.Scheduling;
using k8s.Models;

namespace HyperVIsolation.SimulatedNodes.Tests.Scheduling;

public sealed class PodSchedulerTests
{
    private static readonly Dictionary<string, V1RuntimeClass> NoClasses = [];

    [Fact]
    public void Schedule_TwoFreeNodes_PicksLeastAllocatedThenName()
    {
        var nodes = new[] { Node("b"), Node("a"), Node("c") };
        var busy = Pod("busy", memory: "4Gi", nodeName: "a");

        var decision = PodScheduler.Schedule(Pod("p"), nodes, [busy], NoClasses);

        decision.NodeName.Should().Be("b", "a is busier and b sorts before c");
    }

    [Fact]
    public void Schedule_TaintsAndSelector_MessageCountsReasonsLikeKubeScheduler()
    {
        var taint = new V1Taint { Key = "os", Value = "windows", Effect = "NoSchedule" };
        var nodes = new[] { Node("n1", taints: [taint]), Node("n2", taints: [taint]), Node("n3", labels: new() { ["kind"] = "other" }) };
        var pod = Pod("p");
        pod.Spec.NodeSelector = new Dictionary<string, string> { ["kind"] = "wanted" };

        var decision = PodScheduler.Schedule(pod, nodes, [], NoClasses);

        decision.IsScheduled.Should().BeFalse();
        decision.FailureMessage.Should().Be("0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 node(s) had untolerated taint {os: windows}.");
    }

    [Theory]
    [InlineData("Equal", "os", "windows", "NoSchedule", true)]
    [InlineData("Equal", "os", "linux", "NoSchedule", false)]
    [InlineData("Exists", "os", null, "", true)]
    [InlineData("Exists", "", null, "", true)]
    [InlineData("Exists", "other", null, "", false)]
    [InlineData("Equal", "os", "windows", "NoExecute", false)]
    public void Schedule_Toleration_DecidesWhetherTaintedNodeFits(string op, string key, string? value, string effect, bool fits)
    {
        var node = Node("n", taints: [new V1Taint { Key = "os", Value = "windows", Effect = "NoSchedule" }]);
        var pod = Pod("p");
        pod.Spec.Tolerations = [new V1Toleration { OperatorProperty = op, Key = key, Value = value, Effect = effect }];

        PodScheduler.Schedule(pod, [node], [], NoClasses).IsScheduled.Should().Be(fits);
    }

    [Fact]
    public void Schedule_PreferNoScheduleTaint_IsNotAFilter()
    {
        var node = Node("n", taints: [new V1Taint { Key = "soft", Effect = "PreferNoSchedule" }]);

        PodScheduler.Schedule(Pod("p"), [node], [], NoClasses).NodeName.Should().Be("n");
    }

    [Theory]
    [InlineData("In", new[] { "10.0.20348", "10.0.26100" }, true)]
    [InlineData("In", new[] { "10.0.17763" }, false)]
    [InlineData("NotIn", new[] { "10.0.17763" }, true)]
    [InlineData("Exists", new string[0], true)]
    [InlineData("DoesNotExist", new string[0], false)]
    public void Schedule_NodeAffinityOnBuild_Filters(string op, string[] values, bool fits)
    {
        var pod = Pod("p");
        pod.Spec.Affinity = Affinity(new V1NodeSelectorRequirement { Key = "node.kubernetes.io/windows-build", OperatorProperty = op, Values = values });

        PodScheduler.Schedule(pod, [Node("n")], [], NoClasses).IsScheduled.Should().Be(fits);
    }

    [Theory]
    [InlineData("Gt", "8", true)]
    [InlineData("Gt", "16", false)]
    [InlineData("Lt", "16", true)]
    [InlineData("Lt", "abc", false)]
    public void Schedule_NumericAffinity_ComparesIntegers(string op, string value, bool fits)
    {
        var pod = Pod("p");
        pod.Spec.Affinity = Affinity(new V1NodeSelectorRequirement { Key = "cores", OperatorProperty = op, Values = [value] });

        PodScheduler.Schedule(pod, [Node("n", labels: new() { ["cores"] = "12" })], [], NoClasses).IsScheduled.Should().Be(fits);
    }

    [Fact]
    public void Schedule_OverheadFromRuntimeClass_AddsToRequests()
    {
        var runtimeClass = new V1RuntimeClass { Metadata = new V1ObjectMeta { Name = "hv" }, Handler = "h", Overhead = new V1Overhead { PodFixed = new Dictionary<string, ResourceQuantity> { ["memory"] = new("3Gi") } } };
        var classes = new Dictionary<string, V1RuntimeClass> { ["hv"] = runtimeClass };
        var pod = Pod("p", memory: "14Gi");

        PodScheduler.Schedule(pod, [Node("n")], [], classes).IsScheduled.Should().BeTrue("14Gi fits 16Gi");
        pod.Spec.RuntimeClassName = "hv";
        PodScheduler.Schedule(pod, [Node("n")], [], classes).FailureMessage.Should().Be("0/1 nodes are available: 1 Insufficient memory.");
    }

    [Fact]
    public void Schedule_PodSpecOverhead_WinsOverClass()
    {
        var classes = new Dictionary<string, V1RuntimeClass>
        {
            ["hv"] = new() { Metadata = new V1ObjectMeta { Name = "hv" }, Handler = "h", Overhead = new V1Overhead { PodFixed = new Dictionary<string, ResourceQuantity> { ["memory"] = new("8Gi") } } },
        };
        var pod = Pod("p", memory: "14Gi");
        pod.Spec.RuntimeClassName = "hv";
        pod.Spec.Overhead = new Dictionary<string, ResourceQuantity> { ["memory"] = new("1Gi") };

        PodScheduler.Schedule(pod, [Node("n")], [], classes).IsScheduled.Should().BeTrue();
    }

    [Fact]
    public void Schedule_ExtendedResource_OnlyNodeWithItFits()
    {
        var pod = Pod("p");
        pod.Spec.Containers[0].Resources.Limits = new Dictionary<string, ResourceQuantity> { ["example.com/gpu"] = new("1") };
        var withGpu = Node("gpu", extra: new() { ["example.com/gpu"] = "1" });
        var used = Pod("used", nodeName: "gpu");
        used.Spec.Containers[0].Resources.Limits = new Dictionary<string, ResourceQuantity> { ["example.com/gpu"] = new("1") };

        PodScheduler.Schedule(pod, [Node("plain"), withGpu], [], NoClasses).NodeName.Should().Be("gpu");
        PodScheduler.Schedule(pod, [Node("plain"), withGpu], [used], NoClasses).FailureMessage
            .Should().Be("0/2 nodes are available: 2 Insufficient example.com/gpu.");
    }

    [Fact]
    public void Schedule_InitContainerLarger_CountsMaxNotSum()
    {
        var pod = Pod("p", memory: "10Gi");
        pod.Spec.InitContainers = [new V1Container { Name = "init", Image = "i", Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["memory"] = new("12Gi") } } }];

        var request = PodResourceRequests.Of(pod, new Dictionary<string, ResourceQuantity>());

        request["memory"].Should().Be(12m * 1024 * 1024 * 1024);
    }

    [Fact]
    public void Schedule_TooManyPodsAndCpu_BothReported()
    {
        var node = Node("n", pods: "1");
        var pod = Pod("p");
        pod.Spec.Containers[0].Resources.Requests["cpu"] = new ResourceQuantity("5");

        PodScheduler.Schedule(pod, [node], [Pod("other", nodeName: "n")], NoClasses).FailureMessage
            .Should().Be("0/1 nodes are available: 1 Insufficient cpu, 1 Too many pods.");
    }

    [Fact]
    public void Schedule_UnschedulableAndNotReadyNodes_Skipped()
    {
        var cordoned = Node("a");
        cordoned.Spec.Unschedulable = true;
        var notReady = Node("b", ready: "False");
        var unknown = Node("c", ready: "Unknown");

        PodScheduler.Schedule(Pod("p"), [cordoned, notReady, unknown], [], NoClasses).FailureMessage.Should().Be(
            "0/3 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 1 node(s) were unschedulable.");
    }

    [Fact]
    public void Schedule_RuntimeClassScheduling_MergesSelectorAndTolerations()
    {
        var taint = new V1Taint { Key = "os", Value = "windows", Effect = "NoSchedule" };
        var classes = new Dictionary<string, V1RuntimeClass>
        {
            ["hv"] = new()
            {
                Metadata = new V1ObjectMeta { Name = "hv" },
                Handler = "h",
                Scheduling = new V1Scheduling
                {
                    NodeSelector = new Dictionary<string, string> { ["node.kubernetes.io/windows-build"] = "10.0.20348" },
                    Tolerations = [new V1Toleration { Key = "os", Value = "windows", OperatorProperty = "Equal", Effect = "NoSchedule" }],
                },
            },
        };
        var pod = Pod("p");
        pod.Spec.RuntimeClassName = "hv";
        var nodes = new[] { Node("old", build: "10.0.17763", taints: [taint]), Node("new", build: "10.0.20348", taints: [taint]) };

        PodScheduler.Schedule(pod, nodes, [], classes).NodeName.Should().Be("new");
    }

    [Fact]
    public void Schedule_NoNodes_SaysSo()
    {
        PodScheduler.Schedule(Pod("p"), [], [], NoClasses).FailureMessage.Should().Be("no nodes available to schedule pods");
    }

    private static V1Affinity Affinity(V1NodeSelectorRequirement requirement) => new()
    {
        NodeAffinity = new V1NodeAffinity
        {
            RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector { NodeSelectorTerms = [new V1NodeSelectorTerm { MatchExpressions = [requirement] }] },
        },
    };

    [Fact]
    public void Schedule_StandardNodeWithTwoVms_ThirdVmPodIsUnschedulableLikeKubeScheduler()
    {
        var node = Node("standard", extra: new() { [WellKnownResources.HyperVVm] = "2" });
        var running = new[] { VmPod("vm-1", "standard"), VmPod("vm-2", "standard") };

        var third = PodScheduler.Schedule(VmPod("vm-3"), [node], running, NoClasses);
        var second = PodScheduler.Schedule(VmPod("vm-2b"), [node], running[..1], NoClasses);

        third.IsScheduled.Should().BeFalse();
        third.FailureMessage.Should().Be("0/1 nodes are available: 1 Insufficient isolation.hyperv.dev/vm.");
        second.NodeName.Should().Be("standard", "one VM is still free");
    }

    [Fact]
    public void Schedule_NodeWithoutVmCapacity_VmPodGoesElsewhere()
    {
        var nodes = new[] { Node("unadvertised"), Node("advertised", extra: new() { [WellKnownResources.HyperVVm] = "60" }) };

        PodScheduler.Schedule(VmPod("vm"), nodes, [], NoClasses).NodeName.Should().Be("advertised");
    }

    internal static V1Pod VmPod(string name, string? nodeName = null)
    {
        var pod = Pod(name, nodeName: nodeName);
        var one = new Dictionary<string, ResourceQuantity> { [WellKnownResources.HyperVVm] = new("1") };
        pod.Spec.Containers[0].Resources = new V1ResourceRequirements { Requests = one, Limits = one };
        return pod;
    }

    internal static V1Node Node(
        string name, Dictionary<string, string>? labels = null, V1Taint[]? taints = null, string ready = "True", string pods = "110", string build = "10.0.20348", Dictionary<string, string>? extra = null)
    {
        var allocatable = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("4"), ["memory"] = new("16Gi"), ["pods"] = new(pods) };
        foreach (var (key, value) in extra ?? [])
        {
            allocatable[key] = new ResourceQuantity(value);
        }

        var allLabels = new Dictionary<string, string> { ["kubernetes.io/os"] = "windows", ["node.kubernetes.io/windows-build"] = build };
        foreach (var (key, value) in labels ?? [])
        {
            allLabels[key] = value;
        }

        return new V1Node
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = allLabels },
            Spec = new V1NodeSpec { Taints = taints },
            Status = new V1NodeStatus { Allocatable = allocatable, Conditions = [new V1NodeCondition { Type = "Ready", Status = ready }] },
        };
    }

    internal static V1Pod Pod(string name, string? memory = null, string? nodeName = null)
    {
        var requests = new Dictionary<string, ResourceQuantity>();
        if (memory is not null)
        {
            requests["memory"] = new ResourceQuantity(memory);
        }

        return new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", Uid = name + "-uid" },
            Spec = new V1PodSpec
            {
                NodeName = nodeName,
                Containers = [new V1Container { Name = "app", Image = "img", Resources = new V1ResourceRequirements { Requests = requests } }],
            },
        };
    }
}
