using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Api.Windows;
using HyperVIsolation.Operator.Placement;
using static HyperVIsolation.Operator.Tests.Placement.WorkloadSpecs;

namespace HyperVIsolation.Operator.Tests.Placement;

public sealed class OsSelectorContainerImageTests
{
    [Fact]
    public void Select_AutoWithPerReleaseImages_PicksNewestReleaseEveryContainerLists()
    {
        var spec = Spec(containers:
        [
            PerRelease("web", "ltsc2019", "ltsc2022"),
            PerRelease("agent", "ltsc2022", "ltsc2025"),
            Container("proxy", "contoso.azurecr.io/proxy:1.4"),
            Container("shell"),
        ]);

        var decision = OsSelector.Select(spec, ReadyNodes(Ws2025)).Decision!;

        decision.Version.Should().Be(WindowsVersion.Ltsc2022);
        decision.ContainerImages.Should().Equal(
            new ResolvedContainerImage("web", "contoso.azurecr.io/web:1.0-ltsc2022", false),
            new ResolvedContainerImage("agent", "contoso.azurecr.io/agent:1.0-ltsc2022", false),
            new ResolvedContainerImage("proxy", "contoso.azurecr.io/proxy:1.4", false),
            new ResolvedContainerImage("shell", "mcr.microsoft.com/windows/nanoserver:ltsc2022", true));
    }

    [Fact]
    public void Select_AutoWithPerReleaseImages_SkipsReleasesNoNodeRuns()
    {
        var spec = Spec(containers: [PerRelease("web", "ltsc2019", "ltsc2022", "ltsc2025")]);

        var decision = OsSelector.Select(spec, ReadyNodes(Ws2019, Ws2022)).Decision!;

        decision.Version.Should().Be(WindowsVersion.Ltsc2022);
        decision.ImageOf("web").Should().Be("contoso.azurecr.io/web:1.0-ltsc2022");
    }

    [Fact]
    public void Select_AutoWithDisjointPerReleaseImages_FailsListingEachContainer()
    {
        var spec = Spec(containers: [PerRelease("a", "ltsc2019"), PerRelease("b", "ltsc2022", "ltsc2025")]);

        var result = OsSelector.Select(spec, ReadyNodes(Ws2025));

        result.Failure.Should().Be(new OsSelectionFailure(
            OsSelectionFailureReason.InvalidSpec,
            "No Windows release has an image for every container: container 'a' lists ltsc2019 and container 'b' lists ltsc2022 and ltsc2025."));
    }

    [Fact]
    public void Select_ServerWithOnlyLtsc2019Images_FailsNotingServerHasNone()
    {
        var spec = Spec(OsFlavor.Server, containers: [PerRelease("a", "ltsc2019")]);

        var result = OsSelector.Select(spec, ReadyNodes(Ws2025));

        result.Failure!.Message.Should().Be(
            "No Windows release has an image for every container (full Server has no ltsc2019 image): container 'a' lists ltsc2019.");
    }

    [Theory]
    [InlineData(1, "Container 'a' lists no image for ltsc2025, the selected version; add an ltsc2025 entry to images or select a version it lists.")]
    [InlineData(2, "Containers 'a' and 'b' list no image for ltsc2025, the selected version; add an ltsc2025 entry to images or select a version they list.")]
    public void Select_ExplicitVersionMissingFromImages_FailsNamingContainers(int missing, string message)
    {
        var containers = new List<WorkloadContainer> { PerRelease("a", "ltsc2019", "ltsc2022"), PerRelease("c", "ltsc2025") };
        if (missing == 2)
        {
            containers.Insert(1, PerRelease("b", "ltsc2022"));
        }

        var result = OsSelector.Select(Spec(version: WindowsVersion.Ltsc2025, containers: [.. containers]), ReadyNodes(Ws2025));

        result.Failure.Should().Be(new OsSelectionFailure(OsSelectionFailureReason.MissingImageVariant, message));
    }

    [Fact]
    public void Select_ImageAndImagesBothSet_FailsNamingContainer()
    {
        var container = PerRelease("web", "ltsc2022");
        container.Image = "contoso.azurecr.io/web:1.0";

        var result = OsSelector.Select(Spec(containers: [container]), ReadyNodes(Ws2022));

        result.Failure.Should().Be(new OsSelectionFailure(
            OsSelectionFailureReason.InvalidSpec, "Container 'web' sets both image and images; set one of them."));
    }

    [Fact]
    public void Select_ImagesWithoutReleaseKeys_Fails()
    {
        var container = new WorkloadContainer { Name = "web", Images = new() { ["2022"] = "contoso.azurecr.io/web:1.0" } };

        var result = OsSelector.Select(Spec(containers: [container]), ReadyNodes(Ws2022));

        result.Failure.Should().Be(new OsSelectionFailure(
            OsSelectionFailureReason.InvalidSpec,
            "Container 'web' lists images under no Windows release; use the keys ltsc2019, ltsc2022 or ltsc2025."));
    }

    [Fact]
    public void Select_ExplicitVersionPlainImageNewer_FailsWithImageBuildMismatch()
    {
        var spec = Spec(version: WindowsVersion.Ltsc2022, containers: [Container("app", "contoso.azurecr.io/app:ltsc2025")]);

        var result = OsSelector.Select(spec, ReadyNodes(Ws2022, Ws2025));

        result.Failure.Should().Be(new OsSelectionFailure(
            OsSelectionFailureReason.ImageBuildMismatch,
            "Container 'app' image 'contoso.azurecr.io/app:ltsc2025' targets 10.0.26100, newer than the selected ltsc2022 (10.0.20348); use an image built for ltsc2022 or select version ltsc2025."));
    }

    [Fact]
    public void Select_PerReleaseEntryTaggedNewer_FailsWithImageBuildMismatch()
    {
        var container = new WorkloadContainer { Name = "app", Images = new() { ["ltsc2022"] = "contoso.azurecr.io/app:1.0-ltsc2025" } };

        var result = OsSelector.Select(Spec(containers: [container]), ReadyNodes(Ws2025));

        result.Failure!.Reason.Should().Be(OsSelectionFailureReason.ImageBuildMismatch);
        result.Failure.Message.Should().StartWith("Container 'app' image 'contoso.azurecr.io/app:1.0-ltsc2025' targets 10.0.26100");
    }

    [Fact]
    public void Select_AutoPlainImageNewerThanNodes_FailsWithImageBuildMismatch()
    {
        var spec = Spec(containers: [Container("app", "contoso.azurecr.io/app:ltsc2025")]);

        var result = OsSelector.Select(spec, ReadyNodes(Ws2019, Ws2022));

        result.Failure.Should().Be(new OsSelectionFailure(
            OsSelectionFailureReason.ImageBuildMismatch,
            "Container 'app' image 'contoso.azurecr.io/app:ltsc2025' targets 10.0.26100, but no Hyper-V-ready node can run it: ready nodes run 10.0.17763 (1) and 10.0.20348 (1); Hyper-V isolation needs a host of the same or a newer build."));
    }

    [Fact]
    public void Select_AutoPlainImageNewerThanOtherContainersAllow_FailsNamingReleases()
    {
        var spec = Spec(containers: [PerRelease("sidecar", "ltsc2019"), Container("app", "contoso.azurecr.io/app:ltsc2022")]);

        var result = OsSelector.Select(spec, ReadyNodes(Ws2025));

        result.Failure.Should().Be(new OsSelectionFailure(
            OsSelectionFailureReason.ImageBuildMismatch,
            "Container 'app' image 'contoso.azurecr.io/app:ltsc2022' targets 10.0.20348, but the other containers' images allow only ltsc2019; use images of one release."));
    }

    // With Auto, a plain image whose tag names a release pins the pod to that release when a node
    // runs it: the containers of a pod share one utility VM.
    [Theory]
    [InlineData("contoso.azurecr.io/app:ltsc2019", new[] { Ws2019, Ws2025 }, WindowsVersion.Ltsc2019, new[] { Ws2019, Ws2025 })]
    [InlineData("contoso.azurecr.io/app:4.8-windowsservercore-ltsc2022", new[] { Ws2025 }, WindowsVersion.Ltsc2022, new[] { Ws2025 })]
    [InlineData("contoso.azurecr.io/app:1809", new[] { Ws2022 }, WindowsVersion.Ltsc2019, new[] { Ws2022 })]
    [InlineData("contoso.azurecr.io/app:1.0", new[] { Ws2019, Ws2025 }, WindowsVersion.Ltsc2025, new[] { Ws2025 })]
    public void Select_AutoPlainImageTag_PrefersTheImagesRelease(string image, int[] builds, WindowsVersion expected, int[] compatible)
    {
        var result = OsSelector.Select(Spec(containers: [Container("app", image)]), ReadyNodes(builds));

        result.Decision!.Version.Should().Be(expected);
        result.Decision.CompatibleNodeBuilds.Should().Equal(compatible.Select(build => new WindowsBuild(build)));
        result.Decision.ImageOf("app").Should().Be(image);
    }

    [Fact]
    public void Select_AutoPlainImagesOfTwoReleases_PicksTheNewerOne()
    {
        var spec = Spec(containers: [Container("old", "contoso.azurecr.io/old:ltsc2019"), Container("new", "contoso.azurecr.io/new:ltsc2022")]);

        var result = OsSelector.Select(spec, ReadyNodes(Ws2025));

        result.Decision!.Version.Should().Be(WindowsVersion.Ltsc2022);
    }

    [Fact]
    public void Select_ExplicitVersionPlainImageOlder_IsTrusted()
    {
        var spec = Spec(version: WindowsVersion.Ltsc2025, containers: [Container("app", "contoso.azurecr.io/app:ltsc2019")]);

        var result = OsSelector.Select(spec, ReadyNodes(Ws2025));

        result.IsSuccess.Should().BeTrue();
    }
}
