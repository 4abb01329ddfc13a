using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Api.Windows;

namespace HyperVIsolation.Operator.Placement;

/// <summary>The OS a workload's pods run: base image family, release, images and where they may be placed.</summary>
/// <param name="Flavor">The resolved flavor (never Auto).</param>
/// <param name="Version">The resolved release (never Auto).</param>
/// <param name="ImageBuild">The build of <paramref name="Version"/>.</param>
/// <param name="BaseImage">The base image of <paramref name="Flavor"/> and <paramref name="Version"/>.</param>
/// <param name="ContainerImages">The image of each container, in the order of the template's containers.</param>
/// <param name="CompatibleNodeBuilds">Distinct builds of ready nodes that can run <paramref name="ImageBuild"/>, oldest first.</param>
/// <param name="Isolation">The isolation the decision was made for.</param>
public sealed record OsDecision(
    OsFlavor Flavor,
    WindowsVersion Version,
    WindowsBuild ImageBuild,
    string BaseImage,
    IReadOnlyList<ResolvedContainerImage> ContainerImages,
    IReadOnlyList<WindowsBuild> CompatibleNodeBuilds,
    IsolationMode Isolation)
{
    /// <summary>The release tag, for example <c>ltsc2022</c>.</summary>
    public string VersionTag => WindowsReleaseTags.Tag(Version);

    /// <summary>The image of one container.</summary>
    public string ImageOf(string containerName) =>
        ContainerImages.First(entry => entry.ContainerName == containerName).Image;
}
