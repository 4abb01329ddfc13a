using HyperVIsolation.Api;
using HyperVIsolation.Api.Windows;
using HyperVIsolation.Operator.Admission.State;
using k8s.Models;

namespace HyperVIsolation.Operator.Admission.Mutation;

/// <summary>
/// Picks the Hyper-V RuntimeClass for a pod: the one pinned to the build the pod's
/// <c>node.kubernetes.io/windows-build</c> node selector names; otherwise the one for the newest
/// ready build (a Hyper-V host runs images of its own and every older build), else a class
/// pinned to no build, else the newest pinned one. A pod pinned to a build without its own class
/// gets only an unpinned class, because the RuntimeClass admission plugin rejects a class whose
/// node selector conflicts with the pod's.
/// </summary>
internal static class RuntimeClassChoice
{
    /// <summary>The RuntimeClass name, or <see langword="null"/> when no Hyper-V class fits.</summary>
    public static string? For(V1Pod pod, IReadOnlyList<IsolationRuntimeClass> runtimeClasses, IReadOnlyList<WindowsBuild> readyBuilds)
    {
        var hyperV = runtimeClasses.Where(runtimeClass => runtimeClass.IsHyperV).OrderBy(runtimeClass => runtimeClass.Name, StringComparer.Ordinal).ToList();
        var unpinned = hyperV.FirstOrDefault(runtimeClass => runtimeClass.Build is null)?.Name;
        if (pod.Spec?.NodeSelector is { } selector && selector.TryGetValue(WellKnownLabels.WindowsBuild, out var label))
        {
            return WindowsBuild.TryParse(label, out var wanted)
                ? hyperV.FirstOrDefault(runtimeClass => runtimeClass.Build == wanted)?.Name ?? unpinned
                : unpinned;
        }

        var ready = readyBuilds.ToHashSet();
        var pinned = hyperV.Where(runtimeClass => runtimeClass.Build is not null).OrderByDescending(runtimeClass => runtimeClass.Build!.Value).ToList();
        return pinned.FirstOrDefault(runtimeClass => ready.Contains(runtimeClass.Build!.Value))?.Name
            ?? unpinned
            ?? pinned.FirstOrDefault()?.Name;
    }
}
