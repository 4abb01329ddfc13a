using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Api.Windows;

namespace HyperVIsolation.Operator.Placement;

/// <summary>How containers' <c>image</c> and <c>images</c> fields constrain and receive the selected release.</summary>
internal static class ContainerImageRules
{
    /// <summary>The first container whose image fields contradict themselves, as a failure message.</summary>
    public static string? FindShapeProblem(IReadOnlyList<WorkloadContainer> containers)
    {
        foreach (var container in containers)
        {
            if (container.Image is not null && container.Images is not null)
            {
                return $"Container '{container.Name}' sets both image and images; set one of them.";
            }

            if (container.Images is not null && ReleasesOf(container)!.Count == 0)
            {
                return $"Container '{container.Name}' lists images under no Windows release; use the keys ltsc2019, ltsc2022 or ltsc2025.";
            }
        }

        return null;
    }

    /// <summary>The releases a container's <c>images</c> map covers, or <see langword="null"/> when it has no map.</summary>
    public static IReadOnlySet<WindowsVersion>? ReleasesOf(WorkloadContainer container)
    {
        if (container.Images is null)
        {
            return null;
        }

        var releases = new SortedSet<WindowsVersion>();
        foreach (var key in container.Images.Keys)
        {
            if (WindowsReleaseTags.TryParse(key, out var version))
            {
                releases.Add(version);
            }
        }

        return releases;
    }

    /// <summary>"container 'a' lists ltsc2019 and container 'b' lists ltsc2022".</summary>
    public static string DescribeReleaseLists(IReadOnlyList<WorkloadContainer> containers) => EnglishList.Join(
        containers
            .Where(container => container.Images is not null)
            .Select(container => $"container '{container.Name}' lists {EnglishList.Join(ReleasesOf(container)!.Select(WindowsReleaseTags.Tag))}"));

    /// <summary>Names of containers with an <c>images</c> map that has no entry for <paramref name="version"/>.</summary>
    public static IReadOnlyList<string> MissingVariants(IReadOnlyList<WorkloadContainer> containers, WindowsVersion version) =>
        containers.Where(container => ReleasesOf(container) is { } releases && !releases.Contains(version))
            .Select(container => container.Name)
            .ToList();

    /// <summary>The plain <c>image</c> whose tag reveals the newest build, if any tag reveals one.</summary>
    public static (string ContainerName, string Image, WindowsBuild Build)? NewestRevealedPlainImage(IReadOnlyList<WorkloadContainer> containers)
    {
        (string ContainerName, string Image, WindowsBuild Build)? newest = null;
        foreach (var container in containers.Where(container => container.Images is null))
        {
            if (ImageBuildInference.FromReference(container.Image) is { } build && (newest is null || build > newest.Value.Build))
            {
                newest = (container.Name, container.Image!, build);
            }
        }

        return newest;
    }

    /// <summary>The first resolved image whose tag reveals a build newer than <paramref name="selected"/>.</summary>
    public static (ResolvedContainerImage Image, WindowsBuild Build)? FirstNewerThan(
        IReadOnlyList<ResolvedContainerImage> images, WindowsBuild selected)
    {
        foreach (var image in images.Where(image => !image.IsBaseImage))
        {
            if (ImageBuildInference.FromReference(image.Image) is { } build && build > selected)
            {
                return (image, build);
            }
        }

        return null;
    }

    /// <summary>Each container's image for <paramref name="version"/>; a container with no image runs <paramref name="baseImage"/>.</summary>
    public static IReadOnlyList<ResolvedContainerImage> Resolve(
        IReadOnlyList<WorkloadContainer> containers, WindowsVersion version, string baseImage) =>
        containers.Select(container => Resolve(container, version, baseImage)).ToList();

    private static ResolvedContainerImage Resolve(WorkloadContainer container, WindowsVersion version, string baseImage)
    {
        if (container.Images is not null)
        {
            return new ResolvedContainerImage(container.Name, container.Images[WindowsReleaseTags.Tag(version)], IsBaseImage: false);
        }

        return string.IsNullOrWhiteSpace(container.Image)
            ? new ResolvedContainerImage(container.Name, baseImage, IsBaseImage: true)
            : new ResolvedContainerImage(container.Name, container.Image, IsBaseImage: false);
    }
}
