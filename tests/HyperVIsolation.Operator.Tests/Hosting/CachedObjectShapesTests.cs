using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.ControllerRuntime.Cache;
using HyperVIsolation.Operator.Hosting;
using HyperVIsolation.Operator.Placement;
using HyperVIsolation.Operator.Reconciliation;
using k8s;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Hosting;

public sealed class CachedObjectShapesTests
{
    private static readonly DateTime Created = new(2026, 11, 29, 7, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Pod_FullPod_KeepsEverythingTheReconcilersRead()
    {
        var pod = FullPod();

        var cached = CachedObjectShapes.Pod(pod);

        PodSummary.From(cached).Should().Be(PodSummary.From(pod));
        ControllerOwner.UidOf(cached).Should().Be("workload-uid");
        cached.Metadata.OwnerReferences.Should().BeEquivalentTo(pod.Metadata.OwnerReferences);
        cached.Metadata.Labels.Should().BeEquivalentTo(pod.Metadata.Labels);
        cached.Metadata.Name.Should().Be("web-abc");
        cached.Metadata.NamespaceProperty.Should().Be("tenant-a");
        cached.Metadata.Uid.Should().Be("pod-uid");
        cached.Metadata.ResourceVersion.Should().Be("42");
        cached.Metadata.CreationTimestamp.Should().Be(Created);
        cached.Metadata.DeletionTimestamp.Should().Be(Created.AddMinutes(5));
        cached.Spec.RuntimeClassName.Should().Be("hyperv-ltsc2022");
        cached.Status.Phase.Should().Be("Running");
        cached.Status.Conditions.Should().ContainSingle(c => c.Type == "Ready" && c.Status == "True");
    }

    [Fact]
    public void Pod_FullPod_DropsWhatNothingReads()
    {
        var pod = FullPod();

        var cached = CachedObjectShapes.Pod(pod);

        cached.Spec.Containers.Should().BeNull();
        cached.Spec.Volumes.Should().BeNull();
        cached.Metadata.Annotations.Should().BeNull();
        cached.Status.ContainerStatuses.Should().BeNull();
        cached.Status.Conditions.Should().OnlyContain(c => c.Message == null);
        KubernetesJson.Serialize(cached).Length.Should().BeLessThan(KubernetesJson.Serialize(pod).Length / 3);
    }

    [Fact]
    public void Node_FullNode_KeepsTheLabelsPlacementReadsOnly()
    {
        var node = new V1Node
        {
            Metadata = new V1ObjectMeta
            {
                Name = "win-1",
                Uid = "node-uid",
                ResourceVersion = "7",
                Labels = new Dictionary<string, string>
                {
                    [WellKnownLabels.Os] = "windows",
                    [WellKnownLabels.WindowsBuild] = "10.0.20348",
                    [WellKnownLabels.NodeReady] = "true",
                },
                Annotations = new Dictionary<string, string> { ["node.alpha.kubernetes.io/ttl"] = "0" },
            },
            Status = new V1NodeStatus { Images = [new V1ContainerImage { Names = ["mcr.microsoft.com/windows/servercore:ltsc2022"], SizeBytes = 5_000_000_000 }] },
        };

        var cached = CachedObjectShapes.Node(node);

        NodeBuildInfo.FromLabels(cached.Metadata.Name, cached.Metadata.Labels.AsReadOnly())
            .Should().Be(NodeBuildInfo.FromLabels(node.Metadata.Name, node.Metadata.Labels.AsReadOnly()));
        cached.Metadata.ResourceVersion.Should().Be("7");
        cached.Status.Should().BeNull();
        cached.Metadata.Annotations.Should().BeNull();
    }

    [Fact]
    public void Scopes_PodsAndNodes_AreTrimmedAndPodsSelectedByWorkloadLabel()
    {
        CachedObjectShapes.WorkloadPods.LabelSelector.Should().Be(HyperVIsolation.Api.WellKnownLabels.Workload);
        CachedObjectShapes.WorkloadPods.Transform!(FullPod()).Spec.Containers.Should().BeNull("the trim keeps only what the reconcilers read");
        CachedObjectShapes.Nodes.Transform.Should().NotBeNull();
        CachedObjectShapes.Nodes.LabelSelector.Should().BeNull("placement reads every node");
    }

    private static V1Pod FullPod() => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta
        {
            Name = "web-abc",
            NamespaceProperty = "tenant-a",
            Uid = "pod-uid",
            ResourceVersion = "42",
            CreationTimestamp = Created,
            DeletionTimestamp = Created.AddMinutes(5),
            Labels = new Dictionary<string, string> { [WellKnownLabels.Workload] = "web", [WellKnownLabels.TemplateHash] = "abc123" },
            Annotations = new Dictionary<string, string>
            {
                ["io.microsoft.virtualmachine.computetopology.memory.sizeinmb"] = "2048",
                ["kubectl.kubernetes.io/last-applied-configuration"] = new string('x', 2000),
            },
            OwnerReferences = [new V1OwnerReference { ApiVersion = "isolation.hyperv.dev/v1alpha1", Kind = "IsolatedWorkload", Name = "web", Uid = "workload-uid", BlockOwnerDeletion = true, Controller = true }],
        },
        Spec = new V1PodSpec
        {
            RuntimeClassName = "hyperv-ltsc2022",
            NodeName = "win-1",
            Containers = [new V1Container { Name = "app", Image = "mcr.microsoft.com/windows/nanoserver:ltsc2022", Env = [new V1EnvVar { Name = "A", Value = new string('y', 500) }] }],
            Volumes = [new V1Volume { Name = "data", EmptyDir = new V1EmptyDirVolumeSource() }],
        },
        Status = new V1PodStatus
        {
            Phase = "Running",
            Conditions = [new V1PodCondition { Type = "Ready", Status = "True", Message = "all containers ready", LastTransitionTime = Created }],
            ContainerStatuses = [new V1ContainerStatus { Name = "app", Image = "mcr.microsoft.com/windows/nanoserver:ltsc2022", ImageID = "sha256:abc", Ready = true, RestartCount = 0 }],
        },
    };
}
