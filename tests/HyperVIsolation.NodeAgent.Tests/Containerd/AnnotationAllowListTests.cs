using HyperVIsolation.Api;
using HyperVIsolation.NodeAgent.Containerd;

namespace HyperVIsolation.NodeAgent.Tests.Containerd;

public sealed class AnnotationAllowListTests
{
    private static readonly Dictionary<string, string> PodAnnotations = new()
    {
        [HcsAnnotations.MemorySizeInMb] = "4096",
        [HcsAnnotations.ProcessorCount] = "4",
        [HcsAnnotations.DisableUnsafeOperations] = "true",
        ["kubernetes.io/config.seen"] = "2025-01-01T00:00:00Z",
    };

    [Fact]
    public void FilterPodAnnotations_ContainerdDefaultAllowList_DropsDisableUnsafeOperations()
    {
        var handler = Handler(["io.microsoft.virtualmachine.*"]);

        var passed = AnnotationAllowList.FilterPodAnnotations(handler, PodAnnotations);

        passed.Keys.Should().BeEquivalentTo(HcsAnnotations.MemorySizeInMb, HcsAnnotations.ProcessorCount);
    }

    [Fact]
    public void FilterPodAnnotations_DropInAllowList_PassesSizingAndHardening()
    {
        var handler = Handler(HyperVHandlerDropIn.PodAnnotationPatterns);

        var passed = AnnotationAllowList.FilterPodAnnotations(handler, PodAnnotations);

        passed.Should().HaveCount(3).And.Contain(HcsAnnotations.DisableUnsafeOperations, "true");
    }

    [Fact]
    public void FilterPodAnnotations_NoAllowList_PassesNothing()
    {
        AnnotationAllowList.FilterPodAnnotations(Handler([]), PodAnnotations).Should().BeEmpty();
    }

    [Fact]
    public void FilterContainerAnnotations_UsesContainerList()
    {
        var handler = Handler([]) with { ContainerAnnotations = ["io.microsoft.container.*"] };
        var annotations = new Dictionary<string, string> { ["io.microsoft.container.memory.sizeinmb"] = "512", [HcsAnnotations.MemorySizeInMb] = "1" };

        AnnotationAllowList.FilterContainerAnnotations(handler, annotations).Keys.Should().Equal("io.microsoft.container.memory.sizeinmb");
    }

    private static ContainerdRuntimeHandler Handler(IReadOnlyList<string> podPatterns) =>
        new() { Name = "runhcs-wcow-hypervisor", PodAnnotations = podPatterns };
}
