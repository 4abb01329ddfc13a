using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Api.Windows;

namespace HyperVIsolation.Operator.Placement;

/// <summary>
/// Chooses the OS of an IsolatedWorkload's pods from its spec and the ready Windows nodes.
/// Flavor Auto is Nano Server unless a capability needs Server Core. Version Auto is the newest
/// LTSC release that has an image for every container and that a ready node runs under the
/// spec's isolation; when a plain image's tag names a build, Auto picks the oldest such release
/// not older than that build (its own release when possible), because the containers of a pod
/// share one utility VM. Pure and deterministic: same inputs, same result.
/// </summary>
public static class OsSelector
{
    /// <summary>Selects flavor, release, images and compatible node builds, or says why none fit.</summary>
    public static OsSelectionResult Select(IsolatedWorkloadSpec spec, IReadOnlyList<NodeBuildInfo> nodes)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(nodes);

        var os = spec.Os ?? new OsSelection();
        var containers = spec.Template?.Containers ?? [];
        var specProblem = FindSpecProblem(os, containers);
        if (specProblem is not null)
        {
            return OsSelectionResult.Fail(OsSelectionFailureReason.InvalidSpec, specProblem);
        }

        var pool = new ReadyNodePool(nodes);
        if (pool.IsEmpty)
        {
            return OsSelectionResult.Fail(
                OsSelectionFailureReason.NoCompatibleNodes,
                "No Hyper-V-ready Windows node is available; the node agent labels a node isolation.hyperv.dev/ready=true once its containerd is configured.");
        }

        var flavor = ResolveFlavor(os);
        var context = new SelectionContext(flavor, spec.Isolation, containers, pool);
        var version = os.Version;
        var failure = version == WindowsVersion.Auto
            ? ChooseAutomatically(context, out version)
            : CheckExplicit(context, version);
        return failure ?? Decide(context, version);
    }

    private static string? FindSpecProblem(OsSelection os, IReadOnlyList<WorkloadContainer> containers) =>
        OsSpecRules.NanoServerCapabilityProblem(os)
        ?? OsSpecRules.ServerVersionProblem(os)
        ?? ContainerImageRules.FindShapeProblem(containers);

    private static OsFlavor ResolveFlavor(OsSelection os) => os.Flavor switch
    {
        OsFlavor.Auto => OsSpecRules.Capabilities(os).Count > 0 ? OsFlavor.ServerCore : OsFlavor.NanoServer,
        _ => os.Flavor,
    };

    private static OsSelectionResult? ChooseAutomatically(SelectionContext context, out WindowsVersion version)
    {
        version = WindowsVersion.Auto;
        var candidates = WindowsReleaseTags.Releases
            .Where(release => BaseImages.Exists(context.Flavor, release))
            .Where(release => context.Containers.All(container => ContainerImageRules.ReleasesOf(container)?.Contains(release) ?? true))
            .ToList();
        if (candidates.Count == 0)
        {
            return OsSelectionResult.Fail(OsSelectionFailureReason.InvalidSpec, NoCommonReleaseMessage(context));
        }

        var runnable = candidates.Where(release => context.Pool.CanRun(WindowsBuild.Of(release), context.Isolation)).ToList();
        if (runnable.Count == 0)
        {
            return OsSelectionResult.Fail(OsSelectionFailureReason.NoCompatibleNodes, NoNodeMessage(context, candidates));
        }

        var revealed = ContainerImageRules.NewestRevealedPlainImage(context.Containers);
        if (revealed is null)
        {
            version = runnable[^1];
            return null;
        }

        var eligible = runnable.Where(release => WindowsBuild.Of(release) >= revealed.Value.Build).ToList();
        if (eligible.Count == 0)
        {
            return OsSelectionResult.Fail(OsSelectionFailureReason.ImageBuildMismatch, RevealedTooNewMessage(context, candidates, revealed.Value));
        }

        version = eligible[0];
        return null;
    }

    private static OsSelectionResult? CheckExplicit(SelectionContext context, WindowsVersion version)
    {
        var missing = ContainerImageRules.MissingVariants(context.Containers, version);
        if (missing.Count > 0)
        {
            var tag = WindowsReleaseTags.Tag(version);
            var names = EnglishList.Join(missing.Select(name => $"'{name}'"));
            var (subject, pronoun) = missing.Count == 1 ? ($"Container {names} lists", "it lists") : ($"Containers {names} list", "they list");
            return OsSelectionResult.Fail(
                OsSelectionFailureReason.MissingImageVariant,
                $"{subject} no image for {tag}, the selected version; add an {tag} entry to images or select a version {pronoun}.");
        }

        return context.Pool.CanRun(WindowsBuild.Of(version), context.Isolation)
            ? null
            : OsSelectionResult.Fail(OsSelectionFailureReason.NoCompatibleNodes, NoNodeMessage(context, [version]));
    }

    private static OsSelectionResult Decide(SelectionContext context, WindowsVersion version)
    {
        var build = WindowsBuild.Of(version);
        var baseImage = BaseImages.For(context.Flavor, version);
        var images = ContainerImageRules.Resolve(context.Containers, version, baseImage);
        var tooNew = ContainerImageRules.FirstNewerThan(images, build);
        if (tooNew is { } mismatch)
        {
            var tag = WindowsReleaseTags.Tag(version);
            var imageTag = mismatch.Build.Version is { } imageVersion ? WindowsReleaseTags.Tag(imageVersion) : mismatch.Build.LabelValue;
            return OsSelectionResult.Fail(
                OsSelectionFailureReason.ImageBuildMismatch,
                $"Container '{mismatch.Image.ContainerName}' image '{mismatch.Image.Image}' targets {mismatch.Build}, newer than the selected {tag} ({build}); use an image built for {tag} or select version {imageTag}.");
        }

        var decision = new OsDecision(
            context.Flavor,
            version,
            build,
            baseImage,
            images,
            context.Pool.CompatibleBuilds(build, context.Isolation),
            context.Isolation);
        return OsSelectionResult.Success(decision);
    }

    private static string NoCommonReleaseMessage(SelectionContext context)
    {
        var serverNote = context.Flavor == OsFlavor.Server ? " (full Server has no ltsc2019 image)" : string.Empty;
        return $"No Windows release has an image for every container{serverNote}: {ContainerImageRules.DescribeReleaseLists(context.Containers)}.";
    }

    private static string NoNodeMessage(SelectionContext context, List<WindowsVersion> releases)
    {
        var tags = EnglishList.Join(releases.Select(WindowsReleaseTags.Tag), "or");
        var subject = releases.Count == 1 ? tags : $"any of {tags}";
        return $"No Hyper-V-ready node can run {subject} images: ready nodes run {context.Pool.Describe()}; {ReadyNodePool.RuleOf(context.Isolation)}.";
    }

    private static string RevealedTooNewMessage(
        SelectionContext context, IReadOnlyList<WindowsVersion> candidates, (string ContainerName, string Image, WindowsBuild Build) revealed)
    {
        var prefix = $"Container '{revealed.ContainerName}' image '{revealed.Image}' targets {revealed.Build}";
        if (candidates.All(release => WindowsBuild.Of(release) < revealed.Build))
        {
            var tags = EnglishList.Join(candidates.Select(WindowsReleaseTags.Tag), "or");
            return $"{prefix}, but the other containers' images allow only {tags}; use images of one release.";
        }

        return $"{prefix}, but no Hyper-V-ready node can run it: ready nodes run {context.Pool.Describe()}; {ReadyNodePool.RuleOf(context.Isolation)}.";
    }

    private sealed record SelectionContext(
        OsFlavor Flavor, IsolationMode Isolation, IReadOnlyList<WorkloadContainer> Containers, ReadyNodePool Pool);
}
