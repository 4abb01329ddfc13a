using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Placement;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>Builds and copies the resolved parts of a status, so a new status never shares mutable lists with an old one.</summary>
internal static class StatusCopies
{
    public static ResolvedOs Resolved(OsDecision os) => new()
    {
        Flavor = os.Flavor,
        Version = os.VersionTag,
        Build = os.ImageBuild.LabelValue,
        CompatibleNodeBuilds = os.CompatibleNodeBuilds.Order().Select(build => build.LabelValue).ToList(),
        Images = os.ContainerImages.ToDictionary(image => image.ContainerName, image => image.Image, StringComparer.Ordinal),
    };

    public static ResolvedOs? Copy(ResolvedOs? os) => os is null ? null : new ResolvedOs
    {
        Flavor = os.Flavor,
        Version = os.Version,
        Build = os.Build,
        CompatibleNodeBuilds = os.CompatibleNodeBuilds?.ToList(),
        Images = os.Images?.ToDictionary(entry => entry.Key, entry => entry.Value, StringComparer.Ordinal),
    };

    public static ResolvedVm? Copy(ResolvedVm? vm) => vm is null ? null : new ResolvedVm
    {
        MemoryMiB = vm.MemoryMiB,
        ProcessorCount = vm.ProcessorCount,
        Summary = vm.Summary,
    };
}
